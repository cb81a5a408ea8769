import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

import { PERSONAL_ID_NUMBER_PATTERN } from '../../v1/constraints/string-format.validators.js';
import { validateOwnedCivilStatusRecord } from '../../v1/validate-record.js';
import {
  POPULATION_SCHEMA_VERSION,
  PopulationMessageType,
  PopulationOutcome,
} from './population-message-type.enum.js';
import {
  MAX_REPLIES_PER_BATCH,
  MAX_REPLY_BATCH_BYTES,
  PopulationReply,
} from './population-reply.contract.js';
import { PopulationRequest } from './population-request.contract.js';

export type ParseFailure = 'MALFORMED' | 'UNKNOWN_SCHEMA_VERSION';

export type Parsed<T> = { ok: true; value: T } | { ok: false; failure: ParseFailure; problems: string[] };

/** Messages are small; anything larger than this is not a message of ours. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

function flatten(errors: readonly ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent === '' ? e.property : `${parent}.${e.property}`;
    const own = Object.keys(e.constraints ?? {}).map((c) => `${path}: ${c}`);
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

function decode(
  raw: unknown,
  maxBytes = MAX_MESSAGE_BYTES,
): { ok: true; value: unknown } | { ok: false; problem: string } {
  if (!Buffer.isBuffer(raw) && typeof raw !== 'string') return { ok: true, value: raw };
  if (raw.length > maxBytes) return { ok: false, problem: `message larger than ${maxBytes} bytes` };
  try {
    return { ok: true, value: JSON.parse(raw.toString()) as unknown };
  } catch {
    return { ok: false, problem: 'body is not JSON' };
  }
}

function parseWith<T extends object>(target: new () => T, raw: unknown): Parsed<T> {
  const decoded = decode(raw);
  if (!decoded.ok) return { ok: false, failure: 'MALFORMED', problems: [decoded.problem] };
  const body = decoded.value;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, failure: 'MALFORMED', problems: ['body is not a JSON object'] };
  const version = (body as Record<string, unknown>).schemaVersion;
  if (version !== POPULATION_SCHEMA_VERSION)
    return {
      ok: false,
      failure: 'UNKNOWN_SCHEMA_VERSION',
      problems: [`schemaVersion ${JSON.stringify(version ?? null)} is not ${POPULATION_SCHEMA_VERSION}`],
    };
  const instance = plainToInstance(target, body);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) return { ok: false, failure: 'MALFORMED', problems: flatten(errors) };
  return { ok: true, value: instance };
}

/** A reply from the population database, parsed at the boundary (never cast). */
export function parsePopulationReply(raw: unknown): Parsed<PopulationReply> {
  const decoded = decode(raw);
  if (decoded.ok && isCertainlyValidConfirmation(decoded.value))
    return { ok: true, value: Object.assign(new PopulationReply(), decoded.value) };
  const parsed = parseWith(PopulationReply, decoded.ok ? decoded.value : raw);
  if (
    parsed.ok &&
    parsed.value.outcome === PopulationOutcome.REJECTED &&
    parsed.value.rejection === undefined
  )
    return { ok: false, failure: 'MALFORMED', problems: ['rejection: required when outcome is REJECTED'] };
  return parsed;
}

const BATCH_KEYS = new Set(['schemaVersion', 'messageId', 'replies']);

/**
 * What one message of the replies queue holds, reply by reply: a batch (PopulationReplyBatch) gives
 * one entry per reply it carries, each parsed on its own; a single reply gives one entry. A batch
 * whose envelope is unusable (unknown schema version, unknown keys, no replies, too many) gives one
 * failure: nothing in it is applied.
 */
export function parsePopulationReplies(raw: unknown): Array<Parsed<PopulationReply>> {
  const decoded = decode(raw, MAX_REPLY_BATCH_BYTES);
  if (!decoded.ok) return [{ ok: false, failure: 'MALFORMED', problems: [decoded.problem] }];
  const body = decoded.value;
  const isBatch =
    typeof body === 'object' && body !== null && !Array.isArray(body) && Object.hasOwn(body, 'replies');
  if (!isBatch) {
    // A single reply keeps its own, smaller limit.
    if ((Buffer.isBuffer(raw) || typeof raw === 'string') && raw.length > MAX_MESSAGE_BYTES)
      return [
        { ok: false, failure: 'MALFORMED', problems: [`message larger than ${MAX_MESSAGE_BYTES} bytes`] },
      ];
    return [parsePopulationReply(body)];
  }
  const batch = body as Record<string, unknown>;
  if (batch.schemaVersion !== POPULATION_SCHEMA_VERSION)
    return [
      {
        ok: false,
        failure: 'UNKNOWN_SCHEMA_VERSION',
        problems: [
          `schemaVersion ${JSON.stringify(batch.schemaVersion ?? null)} is not ${POPULATION_SCHEMA_VERSION}`,
        ],
      },
    ];
  const problems: string[] = [];
  for (const key of Object.keys(batch)) if (!BATCH_KEYS.has(key)) problems.push(`${key}: not allowed`);
  if (typeof batch.messageId !== 'string' || !UUID.test(batch.messageId))
    problems.push('messageId: must be a UUID');
  const { replies } = batch;
  if (!Array.isArray(replies) || replies.length === 0 || replies.length > MAX_REPLIES_PER_BATCH)
    problems.push(`replies: must be an array of 1 to ${MAX_REPLIES_PER_BATCH} replies`);
  if (problems.length > 0 || !Array.isArray(replies)) return [{ ok: false, failure: 'MALFORMED', problems }];
  return replies.map((reply) => parsePopulationReply(reply));
}

const REPLY_KEYS = new Set([
  'schemaVersion',
  'messageId',
  'inReplyTo',
  'correlationId',
  'outcome',
  'personalIdNumber',
  'answeredAt',
  'respondent',
]);
/**
 * RFC 9562 variant, versions 1–8: a subset of what @IsUUID() accepts. Versions 6–8 included: the
 * hub's ids are time-ordered version 7, and with 1–5 only every reply and request missed the fast
 * path (class-validator then cost more than the rest of parsing).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const UTC_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The usual reply, a confirmation, checked by hand with rules stricter than the contract's, so that
 * what passes here would pass class-validator too; anything else (a rejection, another date form,
 * an unknown key) goes through class-validator, which decides. class-transformer and class-validator
 * cost ~0.15 ms per reply, the larger part of the hub's CPU per forwarded event.
 */
export function isCertainlyValidConfirmation(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const r = body as Record<string, unknown>;
  for (const key of Object.keys(r)) if (!REPLY_KEYS.has(key)) return false;
  const { personalIdNumber: pin, respondent, answeredAt } = r;
  return (
    r.schemaVersion === POPULATION_SCHEMA_VERSION &&
    r.outcome === PopulationOutcome.CONFIRMED &&
    typeof r.messageId === 'string' &&
    UUID.test(r.messageId) &&
    typeof r.inReplyTo === 'string' &&
    UUID.test(r.inReplyTo) &&
    typeof r.correlationId === 'string' &&
    r.correlationId.length <= 200 &&
    (pin === undefined || (typeof pin === 'string' && PERSONAL_ID_NUMBER_PATTERN.test(pin))) &&
    (respondent === undefined || (typeof respondent === 'string' && respondent.length <= 40)) &&
    typeof answeredAt === 'string' &&
    UTC_MILLIS.test(answeredAt) &&
    isExactInstant(answeredAt)
  );
}

const REQUEST_KEYS = new Set([
  'schemaVersion',
  'messageId',
  'correlationId',
  'messageType',
  'eventId',
  'eventVersion',
  'registeringProvinceCode',
  'registeredAt',
  'record',
]);
const MESSAGE_TYPES = new Set<unknown>(Object.values(PopulationMessageType));

/**
 * A request's envelope as the hub writes it, checked by hand with rules stricter than the
 * contract's (anything else, a void's reason included, goes through class-validator, which decides).
 * The record is checked on its own, by validateCivilStatusRecord.
 */
export function isCertainlyValidRequestEnvelope(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const r = body as Record<string, unknown>;
  for (const key of Object.keys(r)) if (!REQUEST_KEYS.has(key)) return false;
  const { registeringProvinceCode: province, registeredAt, eventVersion, record } = r;
  return (
    r.schemaVersion === POPULATION_SCHEMA_VERSION &&
    typeof r.messageId === 'string' &&
    UUID.test(r.messageId) &&
    typeof r.correlationId === 'string' &&
    r.correlationId.length <= 200 &&
    MESSAGE_TYPES.has(r.messageType) &&
    typeof r.eventId === 'string' &&
    UUID.test(r.eventId) &&
    typeof eventVersion === 'number' &&
    Number.isInteger(eventVersion) &&
    eventVersion >= 1 &&
    (province === undefined || (typeof province === 'string' && /^\d{2}$/.test(province))) &&
    typeof registeredAt === 'string' &&
    UTC_MILLIS.test(registeredAt) &&
    isExactInstant(registeredAt) &&
    typeof record === 'object' &&
    record !== null &&
    !Array.isArray(record)
  );
}

/** A real calendar instant written exactly as Date writes it (no 30 February, no hour 24). */
function isExactInstant(text: string): boolean {
  const t = Date.parse(text);
  return !Number.isNaN(t) && new Date(t).toISOString() === text;
}

/** A request to the population database, its record checked against the standard format (v1). */
export async function parsePopulationRequest(raw: unknown): Promise<Parsed<PopulationRequest>> {
  const decoded = decode(raw);
  if (!decoded.ok) return { ok: false, failure: 'MALFORMED', problems: [decoded.problem] };
  // The record is validated on its own below (compiled check, bounded copy): handing it to
  // class-transformer with the envelope, which types it only as an object, copied it property by
  // property at twice the cost of validating it. The envelope is checked with a stand-in object.
  let record: unknown;
  let envelope = decoded.value;
  if (typeof envelope === 'object' && envelope !== null && !Array.isArray(envelope)) {
    const { record: own, ...rest } = envelope as Record<string, unknown>;
    record = own;
    envelope = { ...rest, record: {} };
  }
  const parsed: Parsed<PopulationRequest> = isCertainlyValidRequestEnvelope(envelope)
    ? { ok: true, value: Object.assign(new PopulationRequest(), envelope) }
    : parseWith(PopulationRequest, envelope);
  if (!parsed.ok) return parsed;
  // The record was split off a body parsed just now, and nothing else holds it: no defensive copy.
  const checked = await validateOwnedCivilStatusRecord(record);
  if (!checked.record)
    return {
      ok: false,
      failure: 'MALFORMED',
      problems: checked.errors.map((e) => `record${e.path === '' ? '' : `.${e.path}`}: ${e.constraint}`),
    };
  parsed.value.record = checked.record;
  return parsed;
}
