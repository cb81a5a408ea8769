import type { EncodedPopulationRequest } from '../../contracts/population/v1/index.js';

/** The outcome of handing one request to the transport: accepted (broker-confirmed) or an error code. */
export type PublishResult = { ok: true } | { ok: false; code: string; error: string };

/**
 * Receives raw replies, many at once (one transaction applies them all); resolves when all are
 * applied (or judged unusable), rejects to get them all again (applying is idempotent).
 */
export type ReplySink = (raws: readonly Buffer[]) => Promise<void>;

/**
 * How the hub reaches the national population database. AMQP (RabbitMQ) when AMQP_URL is set; in
 * the embedded default, the simulator in process. The relay and reply handler know only this.
 */
export abstract class PopulationTransport {
  abstract start(onReply: ReplySink): Promise<void>;
  abstract publish(requests: readonly EncodedPopulationRequest[]): Promise<PublishResult[]>;
  abstract stop(): Promise<void>;
  abstract describe(): { kind: 'AMQP' | 'IN_PROCESS'; connected: boolean };
}
