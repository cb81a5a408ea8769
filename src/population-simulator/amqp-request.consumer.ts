import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import amqp, { type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';

import {
  encodePopulationReplyBatches,
  parsePopulationRequest,
  declarePopulationQueues,
  POPULATION_REPLY_BATCH_TYPE,
  POPULATION_SCHEMA_VERSION,
  PopulationOutcome,
  populationQueues,
  PopulationRejectionCode,
  type PopulationReply,
} from '../../contracts/population/v1/index.js';
import { AckTracker } from './ack-tracker.js';
import type { FaultControls } from './fault-controls.js';
import type { PopulationRegistry } from './population-registry.js';

export interface ConsumerCounters {
  received: number;
  answered: number;
  dropped: number;
  failed: number;
  invalid: number;
}

const RECONNECT_MS = 500;
/** How long a request waits for others to share its transaction. */
const BATCH_LINGER_MS = 5;
const MAX_BATCH = 500;

/**
 * Consumes requests from RabbitMQ and publishes replies on a confirm channel; a request is
 * acknowledged only after its reply is confirmed by the broker, so a crash means redelivery, and the
 * registry's message-id idempotency makes the redelivery harmless. Reconnects by itself.
 */
export class AmqpRequestConsumer {
  private readonly log = new Logger('PopulationSimulator');
  private connection?: ChannelModel;
  private channel?: ConfirmChannel;
  private consumerTag?: string;
  private stopped = false;
  private reconnectTimer?: NodeJS.Timeout;
  private readonly ackTrackers = new WeakMap<ConfirmChannel, AckTracker>();
  readonly counters: ConsumerCounters = { received: 0, answered: 0, dropped: 0, failed: 0, invalid: 0 };

  constructor(
    private readonly url: string,
    private readonly queuePrefix: string,
    private readonly prefetch: number,
    private readonly registry: PopulationRegistry,
    private readonly faults: FaultControls,
  ) {
    faults.onChange((s) => void (s.outage ? this.pause() : this.resume()));
  }

  get queues(): { requests: string; replies: string } {
    return populationQueues(this.queuePrefix);
  }

  async start(): Promise<void> {
    this.stopped = false;
    try {
      await this.connect();
    } catch (e) {
      this.log.warn(`broker not reachable (${(e as Error).message}); retrying`);
      this.scheduleReconnect();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const connection = this.connection;
    this.connection = undefined;
    this.channel = undefined;
    await connection?.close().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const connection = await amqp.connect(this.url, {
      clientProperties: { connection_name: `population-simulator ${this.queuePrefix}` },
    });
    connection.on('error', () => undefined); // 'close' follows and reconnects
    connection.on('close', () => {
      if (this.connection !== connection) return;
      this.connection = undefined;
      this.channel = undefined;
      this.consumerTag = undefined;
      if (!this.stopped) this.scheduleReconnect();
    });
    await declarePopulationQueues(connection, [this.queues.requests, this.queues.replies], this.log);
    const channel = await connection.createConfirmChannel();
    channel.on('error', () => undefined);
    await channel.prefetch(this.prefetch);
    this.connection = connection;
    this.channel = channel;
    if (!this.faults.current().outage) await this.resume();
    this.log.log(`consuming ${this.queues.requests}`);
  }

  private scheduleReconnect(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      if (this.stopped) return;
      this.connect().catch(() => this.scheduleReconnect());
    }, RECONNECT_MS);
  }

  private async pause(): Promise<void> {
    const tag = this.consumerTag;
    this.consumerTag = undefined;
    if (tag && this.channel) await this.channel.cancel(tag).catch(() => undefined);
  }

  private async resume(): Promise<void> {
    if (!this.channel || this.consumerTag || this.faults.current().outage) return;
    const channel = this.channel;
    // Per channel: delivery tags mean nothing on another one (after a reconnect). One tracker for
    // the channel's whole life, across pauses: a multiple ack covers earlier consumers' deliveries too.
    let acks = this.ackTrackers.get(channel);
    if (!acks) this.ackTrackers.set(channel, (acks = new AckTracker(channel)));
    const tracker = acks;
    let pending: ConsumeMessage[] = [];
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      clearTimeout(timer);
      timer = undefined;
      const batch = pending;
      pending = [];
      if (batch.length > 0) void this.handleBatch(channel, tracker, batch);
    };
    const ok = await channel.consume(this.queues.requests, (msg) => {
      if (!msg) return;
      tracker.delivered(msg);
      if (!this.admit(tracker, msg)) return;
      pending.push(msg);
      if (pending.length >= this.batchSize) flush();
      else timer ??= setTimeout(flush, BATCH_LINGER_MS);
    });
    this.consumerTag = ok.consumerTag;
  }

  /** Half the prefetch window: one batch is processed while the next one fills. */
  private get batchSize(): number {
    return Math.max(1, Math.min(MAX_BATCH, Math.ceil(this.prefetch / 2)));
  }

  /** The fault draw, one per delivery: a dropped request is acknowledged and never answered. */
  private admit(acks: AckTracker, msg: ConsumeMessage): boolean {
    this.counters.received += 1;
    const decision = this.faults.decide();
    if (decision === 'PROCESS') return true;
    const { latencyMs } = this.faults.current();
    setTimeout(() => {
      try {
        if (decision === 'DROP') {
          this.counters.dropped += 1;
          acks.ack([msg]);
        } else {
          this.counters.failed += 1;
          acks.requeue([msg]);
        }
      } catch {
        /* channel gone: the broker redelivers unacknowledged messages anyway */
      }
    }, latencyMs);
    return false;
  }

  /**
   * Many requests: answered in one transaction, their replies published together and confirmed by
   * the broker, then the requests acknowledged. A request is acknowledged only after its reply is
   * confirmed, so a crash means redelivery, and the registry's message-id idempotency makes it harmless.
   */
  private async handleBatch(
    channel: ConfirmChannel,
    acks: AckTracker,
    batch: readonly ConsumeMessage[],
  ): Promise<void> {
    const { latencyMs } = this.faults.current();
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    const answered = await this.answerAll(batch);
    try {
      await this.publishReplies(
        channel,
        answered.flatMap(({ reply }) => (reply ? [reply] : [])),
      );
      acks.requeue(answered.flatMap(({ msg, failed }) => (failed ? [msg] : [])));
      acks.ack(answered.flatMap(({ msg, failed }) => (failed ? [] : [msg])));
    } catch (e) {
      // Broker trouble: let the broker deliver them again (idempotent by message id).
      this.counters.failed += batch.length;
      this.log.warn(`${batch.length} requests not answered, redelivery requested: ${(e as Error).message}`);
      try {
        acks.requeue(batch);
      } catch {
        /* channel gone: the broker redelivers unacknowledged messages anyway */
      }
    }
  }

  /**
   * The batch in one transaction; if it fails (database trouble, or one request the register cannot
   * process), each request on its own, so that only what fails alone is redelivered.
   */
  private async answerAll(
    batch: readonly ConsumeMessage[],
  ): Promise<Array<{ msg: ConsumeMessage; reply?: PopulationReply; failed?: true }>> {
    const parsed = await Promise.all(batch.map((msg) => parsePopulationRequest(msg.content)));
    const valid = parsed.flatMap((p, i) => (p.ok ? [{ msg: batch[i], request: p.value }] : []));
    const out = new Map<ConsumeMessage, { msg: ConsumeMessage; reply?: PopulationReply; failed?: true }>();
    parsed.forEach((p, i) => {
      if (!p.ok) out.set(batch[i], { msg: batch[i], reply: this.invalid(batch[i].content, p) });
    });
    try {
      const replies = await this.registry.answerBatch(valid.map((v) => v.request));
      valid.forEach((v, i) => out.set(v.msg, { msg: v.msg, reply: replies[i] }));
      this.counters.answered += valid.length;
    } catch (e) {
      if (valid.length > 1)
        this.log.warn(`batch of ${valid.length} not processed (${(e as Error).message}); one by one`);
      for (const v of valid) {
        try {
          const [reply] = await this.registry.answerBatch([v.request]);
          out.set(v.msg, { msg: v.msg, reply });
          this.counters.answered += 1;
        } catch (own) {
          this.counters.failed += 1;
          this.log.warn(`request not processed, redelivery requested: ${(own as Error).message}`);
          out.set(v.msg, { msg: v.msg, failed: true });
        }
      }
    }
    return batch.map((msg) => out.get(msg) ?? { msg, failed: true });
  }

  /** A request that cannot be read: rejected with the reason when it has a message id, else only acknowledged. */
  private invalid(
    content: Buffer,
    parsed: { failure: string; problems: string[] },
  ): PopulationReply | undefined {
    this.counters.invalid += 1;
    const id = messageIdOf(content);
    this.log.warn(
      `invalid request ${id ?? '(no message id)'}: ${parsed.failure} ${parsed.problems.slice(0, 5).join('; ')}`,
    );
    if (!id) return undefined;
    return {
      schemaVersion: POPULATION_SCHEMA_VERSION,
      messageId: randomUUID(),
      inReplyTo: id,
      correlationId: id,
      outcome: PopulationOutcome.REJECTED,
      rejection: {
        code:
          parsed.failure === 'UNKNOWN_SCHEMA_VERSION'
            ? PopulationRejectionCode.UNSUPPORTED_SCHEMA_VERSION
            : PopulationRejectionCode.INVALID_REQUEST,
        reason: `Yêu cầu không hợp lệ: ${parsed.problems.slice(0, 5).join('; ')}`,
      },
      answeredAt: new Date().toISOString(),
      respondent: 'population-simulator',
    };
  }

  /**
   * The batch's replies as few messages (PopulationReplyBatch, each reply keeping its own ids), all
   * persistent and confirmed by the broker: one message per batch costs the broker, this process and
   * the hub a fraction of one message per reply.
   */
  private async publishReplies(channel: ConfirmChannel, replies: readonly PopulationReply[]): Promise<void> {
    await Promise.all(
      encodePopulationReplyBatches(replies).map(
        ({ messageId, body }) =>
          new Promise<void>((resolve, reject) => {
            channel.sendToQueue(
              this.queues.replies,
              body,
              {
                persistent: true,
                messageId,
                contentType: 'application/json',
                type: POPULATION_REPLY_BATCH_TYPE,
              },
              (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()),
            );
          }),
      ),
    );
  }
}

function messageIdOf(content: Buffer): string | undefined {
  try {
    const body: unknown = JSON.parse(content.toString());
    const id =
      typeof body === 'object' && body !== null ? (body as Record<string, unknown>).messageId : undefined;
    return typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}
