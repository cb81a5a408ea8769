import { Logger } from '@nestjs/common';
import amqp, { type Channel, type ChannelModel, type ConfirmChannel } from 'amqplib';

import { populationQueues, type PopulationRequest } from '../../contracts/population/v1/index.js';
import { PopulationTransport, type PublishResult, type ReplySink } from './population-transport.port.js';

const RECONNECT_MS = 1_000;
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
    const results = requests.map(
      (r) =>
        new Promise<PublishResult>((resolve) => {
          const timer = setTimeout(
            () =>
              resolve({
                ok: false,
                code: 'POPULATION.PUBLISH_TIMEOUT',
                error: 'broker did not confirm in time',
              }),
            CONFIRM_TIMEOUT_MS,
          );
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
              (err) => {
                clearTimeout(timer);
                resolve(
                  err
                    ? {
                        ok: false,
                        code: 'POPULATION.PUBLISH_NACKED',
                        error: String((err as Error).message ?? err),
                      }
                    : { ok: true },
                );
              },
            );
          } catch (e) {
            clearTimeout(timer);
            resolve({ ok: false, code: 'POPULATION.BROKER_UNAVAILABLE', error: (e as Error).message });
          }
        }),
    );
    return Promise.all(results);
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
    await replyChannel.consume(queues.replies, (msg) => {
      if (msg) void this.deliver(replyChannel, msg.content, msg);
    });
    this.connection = connection;
    this.publishChannel = publishChannel;
    this.log.log(`connected to RabbitMQ, queues ${queues.requests} / ${queues.replies}`);
  }

  private async deliver(channel: Channel, content: Buffer, msg: amqp.ConsumeMessage): Promise<void> {
    try {
      await this.onReply?.(content);
      channel.ack(msg);
    } catch (e) {
      // The reply could not be applied now (database down): have it delivered again a little later.
      this.log.warn(`reply not applied, will be redelivered: ${(e as Error).message}`);
      setTimeout(() => {
        try {
          channel.nack(msg, false, true);
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
