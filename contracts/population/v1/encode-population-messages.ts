import { randomUUID } from 'node:crypto';

import { POPULATION_SCHEMA_VERSION, type PopulationMessageType } from './population-message-type.enum.js';
import {
  MAX_REPLIES_PER_BATCH,
  MAX_REPLY_BATCH_BYTES,
  type PopulationReply,
} from './population-reply.contract.js';
import type { PopulationRequest } from './population-request.contract.js';

/** A request ready for the wire: its body (a PopulationRequest as JSON) and what travels beside it. */
export interface EncodedPopulationRequest {
  messageId: string;
  correlationId: string;
  messageType: PopulationMessageType;
  body: Buffer;
}

/**
 * A request's body from its envelope and the record's JSON text as the register stores it: the
 * record goes into the body as it is, neither parsed into objects nor serialised again (for a birth,
 * about 3 KB of JSON each way, the larger part of the relay's CPU per message).
 */
export function encodePopulationRequest(
  envelope: Omit<PopulationRequest, 'record'>,
  recordJson: string,
): EncodedPopulationRequest {
  if (!/^\s*\{/.test(recordJson))
    throw new Error(`the record of message ${envelope.messageId} is not a JSON object`);
  // `record` is not a key of the envelope (Omit): the text below adds it once, last, as before.
  const head = JSON.stringify(envelope);
  return {
    messageId: envelope.messageId,
    correlationId: envelope.correlationId,
    messageType: envelope.messageType,
    body: Buffer.from(`${head.slice(0, -1)},"record":${recordJson}}`),
  };
}

/** The AMQP `type` of a message that carries a PopulationReplyBatch. */
export const POPULATION_REPLY_BATCH_TYPE = 'POPULATION_REPLY_BATCH';

/**
 * Replies packed into as few PopulationReplyBatch messages as the limits allow (at most `maxReplies`
 * replies and about `maxBytes` each, well inside MAX_REPLIES_PER_BATCH and MAX_REPLY_BATCH_BYTES),
 * in their order. Each reply is serialised once, and the envelope written around the pieces.
 */
export function encodePopulationReplyBatches(
  replies: readonly PopulationReply[],
  { maxReplies = 500, maxBytes = MAX_REPLY_BATCH_BYTES / 4 } = {},
): Array<{ messageId: string; body: Buffer }> {
  const limit = Math.min(maxReplies, MAX_REPLIES_PER_BATCH);
  const out: Array<{ messageId: string; body: Buffer }> = [];
  let parts: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (parts.length === 0) return;
    const messageId = randomUUID();
    const head = `{"schemaVersion":${JSON.stringify(POPULATION_SCHEMA_VERSION)},"messageId":"${messageId}","replies":[`;
    out.push({ messageId, body: Buffer.from(`${head}${parts.join(',')}]}`) });
    parts = [];
    bytes = 0;
  };
  for (const reply of replies) {
    const json = JSON.stringify(reply);
    const size = Buffer.byteLength(json);
    if (parts.length >= limit || (parts.length > 0 && bytes + size > maxBytes)) flush();
    parts.push(json);
    bytes += size + 1;
  }
  flush();
  return out;
}
