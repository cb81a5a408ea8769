import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { SourcePollLoop } from '../../src/common/scheduling/source-poll-loop.js';
import { SqlAdapterException, translateSqlError } from './sql-adapter.exception.js';
import {
  backoffMs,
  SQL_ADAPTER_ENV,
  SQL_ADAPTER_OPTIONS,
  type SqlAdapterOptions,
} from './sql-adapter.options.js';
import { SqlPollPlans } from './sql-poll-plans.js';
import { SqlPollerService, type SourcePollResult } from './sql-poller.service.js';

/**
 * Polls each SQL source on its plan's interval. A source is polled only when its connection variable
 * (poll.yaml connectionEnv) is set and it is registered and active. After a failure the next poll
 * waits longer (doubling, capped); a permanent failure waits the cap straight away: a person must act.
 */
@Injectable()
export class SqlPollScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SqlPollScheduler.name);
  private readonly loop = new SourcePollLoop({
    poll: async (sourceId) => {
      const result = await this.pollNow(sourceId);
      const rows = result.tables.reduce((n, t) => n + t.rowsRead, 0);
      if (rows > 0) this.logger.log({ sourceId, rows, attempts: result.attempts }, 'SQL source polled');
      return this.poller.planOf(sourceId).intervalMs;
    },
    failed: (sourceId, err, failures) => {
      const failure = translateSqlError(err, `Nguồn ${sourceId}`);
      const next = failure.retryable ? backoffMs(this.options, failures) : this.options.maxBackoffMs;
      // Code and counts only: a driver message may quote data.
      this.logger.error(
        { sourceId, code: failure.code, retryable: failure.retryable, failures, nextInMs: next },
        'SQL source poll failed',
      );
      return next;
    },
  });

  constructor(
    private readonly plans: SqlPollPlans,
    private readonly poller: SqlPollerService,
    private readonly sources: SourceRegistryService,
    @Inject(SQL_ADAPTER_OPTIONS) private readonly options: SqlAdapterOptions,
    /** The environment the connection URLs are read from (tests pass their own). */
    @Inject(SQL_ADAPTER_ENV) private readonly env: NodeJS.ProcessEnv,
  ) {}

  onApplicationBootstrap(): void {
    for (const plan of this.plans.all()) if (this.env[plan.connectionEnv]) this.loop.start(plan.sourceId);
  }

  onApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  /** The sources being polled and their consecutive failures (for monitoring and tests). */
  status(): Array<{ sourceId: string; failures: number }> {
    return this.loop.status();
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
    const principal = await this.sources.activeSource(sourceId, 'sql-poll');
    if (!principal) {
      throw new SqlAdapterException(
        'SQL.NOT_CONFIGURED',
        `Nguồn ${sourceId} chưa được đăng ký hoặc đã bị khoá (npm run hub -- source ...).`,
      );
    }
    return this.poller.pollSource(principal, url);
  }
}
