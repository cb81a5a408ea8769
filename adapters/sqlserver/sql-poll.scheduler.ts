import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { SourcePrincipal } from '../../src/auth/source-principal.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { SqlAdapterException, translateSqlError } from './sql-adapter.exception.js';
import {
  backoffMs,
  SQL_ADAPTER_ENV,
  SQL_ADAPTER_OPTIONS,
  type SqlAdapterOptions,
} from './sql-adapter.options.js';
import { SqlPollPlans } from './sql-poll-plans.js';
import { SqlPollerService, type SourcePollResult } from './sql-poller.service.js';

interface SourceState {
  failures: number;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
}

/**
 * Polls each SQL source on its plan's interval. A source is polled only when its connection variable
 * (poll.yaml connectionEnv) is set and it is registered and active. After a failure the next poll
 * waits longer (doubling, capped); a permanent failure waits the cap straight away: a person must act.
 */
@Injectable()
export class SqlPollScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SqlPollScheduler.name);
  private readonly states = new Map<string, SourceState>();
  private stopped = false;

  constructor(
    private readonly plans: SqlPollPlans,
    private readonly poller: SqlPollerService,
    private readonly sources: SourceRegistryService,
    @Inject(SQL_ADAPTER_OPTIONS) private readonly options: SqlAdapterOptions,
    /** The environment the connection URLs are read from (tests pass their own). */
    @Inject(SQL_ADAPTER_ENV) private readonly env: NodeJS.ProcessEnv,
  ) {}

  onApplicationBootstrap(): void {
    for (const plan of this.plans.all()) {
      if (!this.env[plan.connectionEnv]) continue;
      this.states.set(plan.sourceId, { failures: 0 });
      this.schedule(plan.sourceId, 0);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const state of this.states.values()) {
      if (state.timer) clearTimeout(state.timer);
    }
    await Promise.all([...this.states.values()].map((s) => s.running ?? Promise.resolve()));
  }

  /** The sources being polled and their consecutive failures (for monitoring and tests). */
  status(): Array<{ sourceId: string; failures: number }> {
    return [...this.states.entries()].map(([sourceId, s]) => ({ sourceId, failures: s.failures }));
  }

  /** One poll of a source now, with its connection URL from the environment. */
  async pollNow(sourceId: string): Promise<SourcePollResult> {
    const plan = this.poller.planOf(sourceId);
    const url = this.env[plan.connectionEnv];
    if (!url) {
      throw new SqlAdapterException(
        'SQL.NOT_CONFIGURED',
        `Nguồn ${sourceId}: biến môi trường ${plan.connectionEnv} (địa chỉ cơ sở dữ liệu nguồn) chưa được đặt.`,
      );
    }
    return this.poller.pollSource(await this.principalOf(sourceId), url);
  }

  private async principalOf(sourceId: string): Promise<SourcePrincipal> {
    const found = (await this.sources.listSources()).find((s) => s.id === sourceId);
    if (found === undefined || found.status !== 'ACTIVE') {
      throw new SqlAdapterException(
        'SQL.NOT_CONFIGURED',
        `Nguồn ${sourceId} chưa được đăng ký hoặc đã bị khoá (npm run hub -- source ...).`,
      );
    }
    return { sourceId, provinceCode: found.provinceCode, credentialId: 'sql-poll' };
  }

  private schedule(sourceId: string, delayMs: number): void {
    const state = this.states.get(sourceId);
    if (this.stopped || state === undefined) return;
    state.timer = setTimeout(() => {
      state.running = this.run(sourceId, state).finally(() => (state.running = undefined));
    }, delayMs);
    state.timer.unref();
  }

  private async run(sourceId: string, state: SourceState): Promise<void> {
    const plan = this.poller.planOf(sourceId);
    let next = plan.intervalMs;
    try {
      const result = await this.pollNow(sourceId);
      state.failures = 0;
      const rows = result.tables.reduce((n, t) => n + t.rowsRead, 0);
      if (rows > 0) this.logger.log({ sourceId, rows, attempts: result.attempts }, 'SQL source polled');
    } catch (err) {
      const failure = translateSqlError(err, `Nguồn ${sourceId}`);
      state.failures++;
      next = failure.retryable ? backoffMs(this.options, state.failures) : this.options.maxBackoffMs;
      // Code and counts only: a driver message may quote data.
      this.logger.error(
        {
          sourceId,
          code: failure.code,
          retryable: failure.retryable,
          failures: state.failures,
          nextInMs: next,
        },
        'SQL source poll failed',
      );
    }
    this.schedule(sourceId, next);
  }
}
