import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { asSoapPullError, SoapPullException } from './soap-pull.exception.js';
import { backoffMs, SOAP_PULL_ENV, SOAP_PULL_OPTIONS, type SoapPullOptions } from './soap-pull.options.js';
import { SoapPullPlans } from './soap-pull-plans.js';
import { SoapPullService, type PullResult } from './soap-pull.service.js';

interface SourceState {
  failures: number;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
}

/**
 * Pulls each SOAP source on its plan's interval, when its endpoint variable is set and the source is
 * registered and active. After a failure the next pull waits longer (doubling, capped); a permanent
 * failure (a refused account, a Client fault, an unreadable answer) waits the cap: a person must act.
 */
@Injectable()
export class SoapPullScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SoapPullScheduler.name);
  private readonly states = new Map<string, SourceState>();
  private stopped = false;

  constructor(
    private readonly plans: SoapPullPlans,
    private readonly service: SoapPullService,
    private readonly sources: SourceRegistryService,
    @Inject(SOAP_PULL_OPTIONS) private readonly options: SoapPullOptions,
    @Inject(SOAP_PULL_ENV) private readonly env: NodeJS.ProcessEnv,
  ) {}

  onApplicationBootstrap(): void {
    for (const plan of this.plans.all()) {
      if (!this.env[plan.endpointEnv]) continue;
      this.states.set(plan.sourceId, { failures: 0 });
      this.schedule(plan.sourceId, 0);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const state of this.states.values()) if (state.timer) clearTimeout(state.timer);
    await Promise.all([...this.states.values()].map((s) => s.running ?? Promise.resolve()));
  }

  status(): Array<{ sourceId: string; failures: number }> {
    return [...this.states.entries()].map(([sourceId, s]) => ({ sourceId, failures: s.failures }));
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
    const found = (await this.sources.listSources()).find((s) => s.id === sourceId);
    if (found === undefined || found.status !== 'ACTIVE') {
      throw new SoapPullException(
        'SOAP_PULL.NOT_CONFIGURED',
        `Nguồn ${sourceId} chưa được đăng ký hoặc đã bị khoá.`,
      );
    }
    return this.service.pull(
      { sourceId, provinceCode: found.provinceCode, credentialId: 'soap-pull' },
      { url, ...(username !== undefined ? { username, password: password ?? '' } : {}) },
    );
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
    let next = this.service.planOf(sourceId).intervalMs;
    try {
      const result = await this.pullNow(sourceId);
      state.failures = 0;
      if (result.recordsRead > 0)
        this.logger.log({ sourceId, records: result.recordsRead }, 'SOAP source pulled');
    } catch (err) {
      const failure = asSoapPullError(err, `Nguồn ${sourceId}`);
      state.failures++;
      next = failure.retryable ? backoffMs(this.options, state.failures) : this.options.maxBackoffMs;
      this.logger.error(
        {
          sourceId,
          code: failure.code,
          retryable: failure.retryable,
          failures: state.failures,
          nextInMs: next,
        },
        'SOAP pull failed',
      );
    }
    this.schedule(sourceId, next);
  }
}
