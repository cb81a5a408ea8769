import { Logger } from '@nestjs/common';
import amqp, { type Channel, type ChannelModel, type ConfirmChannel } from 'amqplib';

import { populationQueues, type PopulationRequest } from '../../contracts/population/v1/index.js';
import { PopulationTransport, type PublishResult, type ReplySink } from './population-transport.port.js';

const RECONNECT_MS = 1_000;
/** How long a reply waits for others to share its transaction: short against the 2 s latency target. */
const REPLY_LINGER_MS = 5;
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

  async publish(requests: readonly PopulationRequest[]): Promise<PublishResult[]> {
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
            Buffer.from(JSON.stringify(r)),
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
    const publishChannel = await connection.createConfirmChannel();
    publishChannel.on('error', () => undefined);
    await publishChannel.assertQueue(queues.requests, { durable: true });
    await publishChannel.assertQueue(queues.replies, { durable: true });
    const replyChannel = await connection.createChannel();
    replyChannel.on('error', () => undefined);
    await replyChannel.prefetch(this.replyConcurrency);
    const batcher = new ReplyBatcher(replyBatchSize(this.replyConcurrency), (batch) =>
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

/** Half the prefetch window per batch, so that one batch is applied while the next one fills. */
function replyBatchSize(prefetch: number): number {
  return Math.max(1, Math.min(500, Math.ceil(prefetch / 2)));
}

/**
 * Gathers deliveries of one channel into batches: a batch goes when it is full or when no more came
 * within REPLY_LINGER_MS. Per channel, because delivery tags mean nothing on another channel.
 */
class ReplyBatcher {
  private pending: amqp.ConsumeMessage[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly size: number,
    private readonly handle: (batch: readonly amqp.ConsumeMessage[]) => Promise<void>,
  ) {}

  add(msg: amqp.ConsumeMessage): void {
    this.pending.push(msg);
    if (this.pending.length >= this.size) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), REPLY_LINGER_MS);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) void this.handle(batch);
  }
}
