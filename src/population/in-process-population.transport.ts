import { Logger } from '@nestjs/common';
import type pg from 'pg';

import type { PopulationRequest } from '../../contracts/population/v1/index.js';
import type { PopulationRegistry } from '../population-simulator/population-registry.js';
import { PopulationTransport, type PublishResult, type ReplySink } from './population-transport.port.js';

/**
 * The embedded default (no AMQP_URL): the simulator's registry answers in the same process, through
 * the same interface as RabbitMQ, so the relay, retries and replies run unchanged on a machine without
 * a broker. Replies are delivered asynchronously, as from a queue; one that fails to apply is retried.
 */
export class InProcessPopulationTransport extends PopulationTransport {
  private readonly log = new Logger('PopulationInProcess');
  private onReply?: ReplySink;
  private running = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly registry: PopulationRegistry,
    private readonly pool: pg.Pool,
    private readonly prepare: () => Promise<void>,
  ) {
    super();
  }

  async start(onReply: ReplySink): Promise<void> {
    await this.prepare();
    this.onReply = onReply;
    this.running = true;
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.allSettled([...this.inFlight]);
    await this.pool.end();
  }

  describe(): { kind: 'IN_PROCESS'; connected: boolean } {
    return { kind: 'IN_PROCESS', connected: this.running };
  }

  publish(requests: readonly PopulationRequest[]): Promise<PublishResult[]> {
    if (!this.running)
      return Promise.resolve(
        requests.map(() => ({
          ok: false,
          code: 'POPULATION.BROKER_UNAVAILABLE',
          error: 'in-process simulator stopped',
        })),
      );
    for (const request of requests) {
      const work = this.answer(request).finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    }
    return Promise.resolve(requests.map((): PublishResult => ({ ok: true })));
  }

  private async answer(request: PopulationRequest): Promise<void> {
    await new Promise((r) => setImmediate(r));
    try {
      const reply = await this.registry.answer(request);
      if (this.running) await this.onReply?.(Buffer.from(JSON.stringify(reply)));
    } catch (e) {
      // Not answered: the relay's reply timeout sends it again, exactly as a lost AMQP message.
      this.log.warn(`in-process answer failed: ${(e as Error).message}`);
    }
  }
}
