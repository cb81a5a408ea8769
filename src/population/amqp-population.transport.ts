import { Logger } from '@nestjs/common';
import amqp, { type Channel, type ChannelModel, type ConfirmChannel } from 'amqplib';

import {
  declarePopulationQueues,
  populationQueues,
  type EncodedPopulationRequest,
} from '../../contracts/population/v1/index.js';
import { PopulationTransport, type PublishResult, type ReplySink } from './population-transport.port.js';

const RECONNECT_MS = 1_000;
/** How long a reply waits for others to share its transaction: short against the 2 s latency target. */
const REPLY_LINGER_MS = 5;
/**
 * A batch of replies to apply in one transaction is about this many bytes: ~450 single replies, or
 * one batch message of the simulator's (PopulationReplyBatch, up to 500 replies); counting bytes
 * rather than messages keeps transactions the same size whichever the sender writes.
 */
const REPLY_BATCH_BYTES = 128 * 1024;
/** Batches applied at once: one in PostgreSQL while the next is parsed and waits for its locks. */
const REPLY_BATCHES_IN_FLIGHT = 2;
/** A publish not confirmed by the broker within this time counts as failed (and is retried). */
const CONFIRM_TIMEOUT_MS = 15_000;

/**
 * RabbitMQ: requests as persistent messages on a confirm channel (a message is "sent" only once the
 * broker confirms it), replies consumed with manual acknowledgement after they are applied. When the
 * connection drops (broker restart) it reconnects on its own; publishes meanwhile fail fast with
 * POPULATION.BROKER_UNAVAILABLE and the relay retries them.
 */
export class AmqpPopulationTransport extends PopulationTransport {
  private readonly log = new Logger('PopulationAmqp');
  private connection?: ChannelModel;
  private publishChannel?: ConfirmChannel;
  private stopped = true;
  private reconnectTimer?: NodeJS.Timeout;
  private onReply?: ReplySink;

  constructor(
    private readonly url: string,
    private readonly queuePrefix: string,
    private readonly replyConcurrency: number,
  ) {
    super();
  }

  async start(onReply: ReplySink): Promise<void> {
    this.onReply = onReply;
    this.stopped = false;
    try {
      await this.connect();
    } catch (e) {
      this.log.warn(`RabbitMQ not reachable (${(e as Error).message}); reconnecting in the background`);
      this.scheduleReconnect();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const connection = this.connection;
    this.connection = undefined;
    this.publishChannel = undefined;
    await connection?.close().catch(() => undefined);
  }

  describe(): { kind: 'AMQP'; connected: boolean } {
    return { kind: 'AMQP', connected: this.publishChannel !== undefined };
  }

  async publish(requests: readonly EncodedPopulationRequest[]): Promise<PublishResult[]> {
    const channel = this.publishChannel;
    if (!channel)
      return requests.map(() => ({
        ok: false,
        code: 'POPULATION.BROKER_UNAVAILABLE',
        error: 'no connection to RabbitMQ',
      }));
    const { requests: queue } = populationQueues(this.queuePrefix);
    // All sent at once, then one wait for the batch: the broker confirms many messages per frame, and
    // one timer guards the whole batch (a timer per message was a visible share of the relay's CPU).
    return new Promise<PublishResult[]>((resolve) => {
      const results: Array<PublishResult | undefined> = new Array<PublishResult | undefined>(requests.length);
      let left = requests.length;
      const timer = setTimeout(
        () =>
          resolve(
            results.map(
              (r) =>
                r ?? {
                  ok: false,
                  code: 'POPULATION.PUBLISH_TIMEOUT',
                  error: 'broker did not confirm in time',
                },
            ),
          ),
        CONFIRM_TIMEOUT_MS,
      );
      const settle = (i: number, result: PublishResult): void => {
        if (results[i] !== undefined) return;
        results[i] = result;
        left -= 1;
        if (left === 0) {
          clearTimeout(timer);
          resolve(results as PublishResult[]);
        }
      };
      requests.forEach((r, i) => {
        try {
          channel.sendToQueue(
            queue,
            r.body,
            {
              persistent: true,
              messageId: r.messageId,
              correlationId: r.correlationId,
              contentType: 'application/json',
              type: r.messageType,
            },
            (err) =>
              settle(
                i,
                err
                  ? {
                      ok: false,
                      code: 'POPULATION.PUBLISH_NACKED',
                      error: String((err as Error).message ?? err),
                    }
                  : { ok: true },
              ),
          );
        } catch (e) {
          settle(i, { ok: false, code: 'POPULATION.BROKER_UNAVAILABLE', error: (e as Error).message });
        }
      });
    });
  }

  private async connect(): Promise<void> {
    // The connection name shows in RabbitMQ's management (and lets tests drop exactly our connections).
    const connection = await amqp.connect(this.url, {
      clientProperties: { connection_name: `hub-population ${this.queuePrefix}` },
    });
    connection.on('error', () => undefined); // 'close' follows
    connection.on('close', () => {
      if (this.connection !== connection) return;
      this.connection = undefined;
      this.publishChannel = undefined;
      if (!this.stopped) {
        this.log.warn('RabbitMQ connection lost; reconnecting');
        this.scheduleReconnect();
      }
    });
    const queues = populationQueues(this.queuePrefix);
    await declarePopulationQueues(connection, [queues.requests, queues.replies], this.log);
    const publishChannel = await connection.createConfirmChannel();
    publishChannel.on('error', () => undefined);
    const replyChannel = await connection.createChannel();
    replyChannel.on('error', () => undefined);
    await replyChannel.prefetch(this.replyConcurrency);
    const batcher = new ReplyBatcher(replyBatchSize(this.replyConcurrency), REPLY_BATCH_BYTES, (batch) =>
      this.deliver(replyChannel, batch),
    );
    await replyChannel.consume(queues.replies, (msg) => {
      if (msg) batcher.add(msg);
    });
    this.connection = connection;
    this.publishChannel = publishChannel;
    this.log.log(`connected to RabbitMQ, queues ${queues.requests} / ${queues.replies}`);
  }

  /** A batch of replies applied in one transaction, then acknowledged; on failure all come again. */
  private async deliver(channel: Channel, batch: readonly amqp.ConsumeMessage[]): Promise<void> {
    try {
      await this.onReply?.(batch.map((m) => m.content));
      for (const msg of batch) channel.ack(msg);
    } catch (e) {
      // The replies could not be applied now (database down): have them delivered again a little later.
      this.log.warn(`${batch.length} replies not applied, will be redelivered: ${(e as Error).message}`);
      setTimeout(() => {
        try {
          for (const msg of batch) channel.nack(msg, false, true);
        } catch {
          /* channel closed: unacknowledged replies come back anyway */
        }
      }, RECONNECT_MS);
    }
  }

  private scheduleReconnect(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      if (this.stopped) return;
      this.connect().catch(() => this.scheduleReconnect());
    }, RECONNECT_MS);
  }
}

/** At most half the prefetch window of messages per batch, so that one batch is applied while the next one fills. */
function replyBatchSize(prefetch: number): number {
  return Math.max(1, Math.min(500, Math.ceil(prefetch / 2)));
}

/**
 * Gathers deliveries of one channel into batches: a batch goes when it holds `size` messages or
 * `bytes` of content, or when no more came within REPLY_LINGER_MS; at most REPLY_BATCHES_IN_FLIGHT
 * are applied at once, the others wait (unacknowledged, so the prefetch window holds the broker back).
 * Per channel, because delivery tags mean nothing on another channel.
 */
class ReplyBatcher {
  private pending: amqp.ConsumeMessage[] = [];
  private pendingBytes = 0;
  private timer?: NodeJS.Timeout;
  private readonly ready: Array<readonly amqp.ConsumeMessage[]> = [];
  private running = 0;

  constructor(
    private readonly size: number,
    private readonly bytes: number,
    private readonly handle: (batch: readonly amqp.ConsumeMessage[]) => Promise<void>,
  ) {}

  add(msg: amqp.ConsumeMessage): void {
    this.pending.push(msg);
    this.pendingBytes += msg.content.length;
    if (this.pending.length >= this.size || this.pendingBytes >= this.bytes) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), REPLY_LINGER_MS);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    if (batch.length > 0) this.ready.push(batch);
    this.next();
  }

  private next(): void {
    while (this.running < REPLY_BATCHES_IN_FLIGHT && this.ready.length > 0) {
      const batch = this.ready.shift() ?? [];
      this.running += 1;
      // handle() settles every message itself (ack, or nack later) and never rejects.
      void this.handle(batch).finally(() => {
        this.running -= 1;
        this.next();
      });
    }
  }
}
