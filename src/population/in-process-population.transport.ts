import { Logger } from '@nestjs/common';
import type pg from 'pg';

import {
  encodePopulationReplyBatches,
  type EncodedPopulationRequest,
  type PopulationReply,
  type PopulationRequest,
} from '../../contracts/population/v1/index.js';
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

  publish(encoded: readonly EncodedPopulationRequest[]): Promise<PublishResult[]> {
    // Written a moment ago by this process's relay from its own register (exactly the objects it
    // passed before bodies were encoded); the simulator process parses them at its boundary instead.
    const requests = encoded.map((r) => JSON.parse(r.body.toString()) as PopulationRequest);
    if (!this.running)
      return Promise.resolve(
        requests.map(() => ({
          ok: false,
          code: 'POPULATION.BROKER_UNAVAILABLE',
          error: 'in-process simulator stopped',
        })),
      );
    const work = this.answer(requests).finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
    return Promise.resolve(requests.map((): PublishResult => ({ ok: true })));
  }

  /** The batch answered in one transaction; if that fails, one by one, so one bad request stalls no other. */
  private async answer(requests: readonly PopulationRequest[]): Promise<void> {
    await new Promise((r) => setImmediate(r));
    let replies: PopulationReply[];
    try {
      replies = await this.registry.answerBatch(requests);
    } catch (e) {
      if (requests.length === 1) {
        // Not answered: the relay's reply timeout sends it again, exactly as a lost AMQP message.
        this.log.warn(`in-process answer failed: ${(e as Error).message}`);
        return;
      }
      for (const r of requests) await this.answer([r]);
      return;
    }
    try {
      // The same messages as over RabbitMQ: batches of replies (PopulationReplyBatch).
      if (this.running) await this.onReply?.(encodePopulationReplyBatches(replies).map((m) => m.body));
    } catch (e) {
      this.log.warn(`in-process replies not applied: ${(e as Error).message}`);
    }
  }
}
