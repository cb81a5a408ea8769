import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { SourcePollLoop } from '../../src/common/scheduling/source-poll-loop.js';
import { asSoapPullError, SoapPullException } from './soap-pull.exception.js';
import { backoffMs, SOAP_PULL_ENV, SOAP_PULL_OPTIONS, type SoapPullOptions } from './soap-pull.options.js';
import { SoapPullPlans } from './soap-pull-plans.js';
import { SoapPullService, type PullResult } from './soap-pull.service.js';

/**
 * Pulls each SOAP source on its plan's interval, when its endpoint variable is set and the source is
 * registered and active. After a failure the next pull waits longer (doubling, capped); a permanent
 * failure (a refused account, a Client fault, an unreadable answer) waits the cap: a person must act.
 */
@Injectable()
export class SoapPullScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SoapPullScheduler.name);
  private readonly loop = new SourcePollLoop({
    poll: async (sourceId) => {
      const result = await this.pullNow(sourceId);
      if (result.recordsRead > 0)
        this.logger.log({ sourceId, records: result.recordsRead }, 'SOAP source pulled');
      return this.service.planOf(sourceId).intervalMs;
    },
    failed: (sourceId, err, failures) => {
      const failure = asSoapPullError(err, `Nguồn ${sourceId}`);
      const next = failure.retryable ? backoffMs(this.options, failures) : this.options.maxBackoffMs;
      this.logger.error(
        { sourceId, code: failure.code, retryable: failure.retryable, failures, nextInMs: next },
        'SOAP pull failed',
      );
      return next;
    },
  });

  constructor(
    private readonly plans: SoapPullPlans,
    private readonly service: SoapPullService,
    private readonly sources: SourceRegistryService,
    @Inject(SOAP_PULL_OPTIONS) private readonly options: SoapPullOptions,
    @Inject(SOAP_PULL_ENV) private readonly env: NodeJS.ProcessEnv,
  ) {}

  onApplicationBootstrap(): void {
    for (const plan of this.plans.all()) if (this.env[plan.endpointEnv]) this.loop.start(plan.sourceId);
  }

  onApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  status(): Array<{ sourceId: string; failures: number }> {
    return this.loop.status();
  }

  /** One pull of a source now, with its endpoint and account from the environment. */
  async pullNow(sourceId: string): Promise<PullResult> {
    const plan = this.service.planOf(sourceId);
    const url = this.env[plan.endpointEnv];
    if (!url) {
      throw new SoapPullException(
        'SOAP_PULL.NOT_CONFIGURED',
        `Nguồn ${sourceId}: biến môi trường ${plan.endpointEnv} (địa chỉ dịch vụ SOAP nguồn) chưa được đặt.`,
      );
    }
    const username = plan.usernameEnv ? this.env[plan.usernameEnv] : undefined;
    const password = plan.passwordEnv ? this.env[plan.passwordEnv] : undefined;
    const principal = await this.sources.activeSource(sourceId, 'soap-pull');
    if (!principal) {
      throw new SoapPullException(
        'SOAP_PULL.NOT_CONFIGURED',
        `Nguồn ${sourceId} chưa được đăng ký hoặc đã bị khoá.`,
      );
    }
    return this.service.pull(principal, {
      url,
      ...(username !== undefined ? { username, password: password ?? '' } : {}),
    });
  }
}
