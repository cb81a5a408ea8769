interface SourceState {
  failures: number;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
}

/** What a hub-initiated transport does for one source each time its turn comes. */
export interface SourcePollHandlers {
  /** One poll of the source; resolves to the delay before the next (the plan's interval). */
  poll(sourceId: string): Promise<number>;
  /** After a failed poll (the `failures`-th in a row): records it and gives the delay before the next. */
  failed(sourceId: string, error: unknown, failures: number): number;
}

/**
 * One timer per source (SQL polling, SOAP pull): a poll runs, then the next is scheduled after the
 * delay the handlers give; consecutive failures are counted for the backoff and for monitoring.
 * Stopping clears the timers and waits for the polls under way.
 */
export class SourcePollLoop {
  private readonly states = new Map<string, SourceState>();
  private stopped = false;

  constructor(private readonly handlers: SourcePollHandlers) {}

  start(sourceId: string): void {
    this.states.set(sourceId, { failures: 0 });
    this.schedule(sourceId, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const state of this.states.values()) if (state.timer) clearTimeout(state.timer);
    await Promise.all([...this.states.values()].map((s) => s.running ?? Promise.resolve()));
  }

  /** The sources being polled and their consecutive failures (for monitoring and tests). */
  status(): Array<{ sourceId: string; failures: number }> {
    return [...this.states.entries()].map(([sourceId, s]) => ({ sourceId, failures: s.failures }));
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
    let next: number;
    try {
      next = await this.handlers.poll(sourceId);
      state.failures = 0;
    } catch (error) {
      state.failures++;
      next = this.handlers.failed(sourceId, error, state.failures);
    }
    this.schedule(sourceId, next);
  }
}
