import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { HubConfig } from '../../config/hub.config.js';
import { HUB_CONFIG } from '../common/config/hub-config.module.js';
import { rows } from '../database/sql.js';
import { IntakeProcessorService } from './intake-processor.service.js';

const CHUNK = 1000;

/**
 * Processes intake items that were stored but never processed (the hub stopped between storing a
 * batch and processing it). Runs once at start-up for everything left over, then sweeps
 * periodically for items older than INTAKE_RECOVERY_AFTER_MS, so that a live request's own items
 * are normally left to it (and if both try, the batch lock lets only one have them).
 */
@Injectable()
export class IntakeRecoveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IntakeRecoveryService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly processor: IntakeProcessorService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => 0);
  }

  /** Processes every item RECEIVED at least `olderThanMs` ago; returns how many it processed. */
  async sweep(olderThanMs: number): Promise<number> {
    let total = 0;
    for (;;) {
      const due = await rows<{ id: string }>(
        this.dataSource,
        `SELECT id FROM intake_item WHERE status = 'RECEIVED' AND received_at <= now() - $1 * interval '1 millisecond'
          ORDER BY received_at LIMIT ${CHUNK}`,
        [olderThanMs],
      );
      if (due.length === 0) return total;
      const processed = (await this.processor.process(due.map((d) => d.id))).size;
      total += processed;
      if (processed === 0) return total; // all locked by live workers: they will finish them
    }
  }

  private schedule(olderThanMs: number): void {
    const interval = Math.max(1000, this.config.INTAKE_RECOVERY_AFTER_MS);
    this.timer = setTimeout(
      () => {
        this.running = this.sweep(olderThanMs)
          .then((n) => {
            if (n > 0) this.logger.log({ processed: n }, 'recovered unprocessed intake items');
            return n;
          })
          .catch((err: unknown) => {
            this.logger.error({ err }, 'intake recovery sweep failed');
            return 0;
          })
          .finally(() => {
            if (this.timer) this.schedule(this.config.INTAKE_RECOVERY_AFTER_MS);
          });
      },
      olderThanMs === 0 ? 0 : interval,
    );
  }
}
