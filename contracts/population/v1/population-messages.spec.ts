import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { exampleBirth } from '../../v1/examples/example-records.js';
import { EventType } from '../../v1/code-lists/event-type.enum.js';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { encodePopulationReplyBatches, encodePopulationRequest } from './encode-population-messages.js';
import {
  isCertainlyValidConfirmation,
  isCertainlyValidRequestEnvelope,
  parsePopulationReplies,
  parsePopulationReply,
  parsePopulationRequest,
} from './parse-population-message.js';
import { PopulationReply, PopulationReplyBatch } from './population-reply.contract.js';
import { PopulationRequest } from './population-request.contract.js';
import { POPULATION_MESSAGE_TYPE_BY_EVENT, PopulationMessageType } from './population-message-type.enum.js';
import { POPULATION_SCHEMA_FILES, renderPopulationSchemas } from './schema/build-population-schema.js';

const reply = (over: Record<string, unknown> = {}) => ({
  schemaVersion: '1',
  messageId: randomUUID(),
  inReplyTo: randomUUID(),
  correlationId: 'c-1',
  outcome: 'CONFIRMED',
  personalIdNumber: '001226012345',
  answeredAt: '2026-11-20T03:00:00.000Z',
  ...over,
});

describe('population-database messages v1', () => {
  it('takes the fast path only for replies class-validator accepts, and agrees with it on every variant', () => {
    const variants: Array<Record<string, unknown>> = [
      reply(),
      reply({ personalIdNumber: undefined }),
      reply({ respondent: 'population-simulator' }),
      // Time-ordered ids (version 7), as the hub's outbox writes them.
      reply({ inReplyTo: '01a1fe03-c951-7000-8464-4161925583d9' }),
      reply({ inReplyTo: '01a1fe03-c951-7000-c464-4161925583d9' }),
      reply({ inReplyTo: '01a1fe03-c951-9000-8464-4161925583d9' }),
      reply({ respondent: 'x'.repeat(41) }),
      reply({ personalIdNumber: '00122601234' }),
      reply({ personalIdNumber: 1226012345 }),
      reply({ messageId: 'not-a-uuid' }),
      reply({ inReplyTo: randomUUID().toUpperCase() }),
      reply({ correlationId: 'c'.repeat(201) }),
      reply({ correlationId: 7 }),
      reply({ answeredAt: '2026-02-30T03:00:00.000Z' }),
      reply({ answeredAt: '2026-13-01T03:00:00.000Z' }),
      reply({ answeredAt: '2026-11-20T03:00:00Z' }),
      reply({ answeredAt: '2026-11-20T10:00:00.000+07:00' }),
      reply({ schemaVersion: '2' }),
      reply({ outcome: 'MAYBE' }),
      reply({
        outcome: 'REJECTED',
        personalIdNumber: undefined,
        rejection: { code: 'ALREADY_ISSUED', reason: 'x' },
      }),
      reply({ extra: true }),
    ];
    for (const body of variants) {
      const accepted =
        validateSync(plainToInstance(PopulationReply, body), { whitelist: true, forbidNonWhitelisted: true })
          .length === 0;
      if (isCertainlyValidConfirmation(body)) expect({ body, accepted }).toEqual({ body, accepted: true });
      expect({ body, ok: parsePopulationReply(Buffer.from(JSON.stringify(body))).ok }).toEqual({
        body,
        ok: accepted,
      });
    }
    expect(isCertainlyValidConfirmation(variants[0])).toBe(true);
    expect(variants.filter((v) => isCertainlyValidConfirmation(v))).toHaveLength(5);
  });

  it('takes the fast path only for request envelopes class-validator accepts, and agrees with it', () => {
    const envelope = (over: Record<string, unknown> = {}) => ({
      schemaVersion: '1',
      messageId: randomUUID(),
      correlationId: randomUUID(),
      messageType: 'BIRTH_ISSUE_ID',
      eventId: randomUUID(),
      eventVersion: 1,
      registeringProvinceCode: '01',
      registeredAt: '2026-11-20T03:00:00.000Z',
      record: {},
      ...over,
    });
    const variants: Array<Record<string, unknown>> = [
      envelope(),
      envelope({ registeringProvinceCode: undefined }),
      envelope({ eventVersion: 3 }),
      envelope({
        messageId: '01a1fe03-c951-7001-a0ed-a73224bc778f',
        eventId: '01a1fe03-c951-7002-b0ed-a73224bc778f',
      }),
      envelope({ registeringProvinceCode: '1' }),
      envelope({ eventVersion: 0 }),
      envelope({ eventVersion: 1.5 }),
      envelope({ eventVersion: '1' }),
      envelope({ messageType: 'NOPE' }),
      envelope({ eventId: 'x' }),
      envelope({ correlationId: 'c'.repeat(201) }),
      envelope({ registeredAt: '2026-02-30T03:00:00.000Z' }),
      envelope({ registeredAt: '2026-11-20' }),
      envelope({ record: [] }),
      envelope({ voidReason: 'Sở Tư pháp hủy' }),
      envelope({ extra: 1 }),
      envelope({ schemaVersion: 1 }),
    ];
    for (const body of variants) {
      const accepted =
        validateSync(plainToInstance(PopulationRequest, body), {
          whitelist: true,
          forbidNonWhitelisted: true,
        }).length === 0;
      if (isCertainlyValidRequestEnvelope(body)) expect({ body, accepted }).toEqual({ body, accepted: true });
    }
    expect(variants.filter((v) => isCertainlyValidRequestEnvelope(v))).toHaveLength(4);
  });

  it('has a request kind for every event type the issue names', () => {
    for (const t of [
      EventType.BIRTH,
      EventType.DEATH,
      EventType.MARRIAGE,
      EventType.DIVORCE,
      EventType.MARRIAGE_ANNULMENT,
      EventType.CIVIL_STATUS_CHANGE,
      EventType.NATIONALITY_CHANGE,
      EventType.SEX_REDETERMINATION,
      EventType.ADOPTION,
    ])
      expect(POPULATION_MESSAGE_TYPE_BY_EVENT[t]).toBeDefined();
    expect(POPULATION_MESSAGE_TYPE_BY_EVENT[EventType.BIRTH]).toBe(PopulationMessageType.BIRTH_ISSUE_ID);
    expect(POPULATION_MESSAGE_TYPE_BY_EVENT[EventType.GUARDIANSHIP]).toBeUndefined();
  });

  it('parses a confirmed reply and a rejected one', () => {
    const ok = parsePopulationReply(Buffer.from(JSON.stringify(reply())));
    expect(ok.ok && ok.value.personalIdNumber).toBe('001226012345');
    const rejected = parsePopulationReply(
      reply({
        outcome: 'REJECTED',
        personalIdNumber: undefined,
        rejection: { code: 'ALREADY_DECEASED', reason: 'Đã chết' },
      }),
    );
    expect(rejected.ok && rejected.value.rejection?.code).toBe('ALREADY_DECEASED');
  });

  it.each([
    ['not JSON', Buffer.from('{oops')],
    ['an array', Buffer.from('[]')],
    ['a bad ID number', reply({ personalIdNumber: '12345' })],
    ['an unknown outcome', reply({ outcome: 'MAYBE' })],
    ['a rejection without its reason', reply({ outcome: 'REJECTED', personalIdNumber: undefined })],
    ['an extra property', reply({ extra: 1 })],
    ['a missing inReplyTo', reply({ inReplyTo: undefined })],
  ])('refuses %s as MALFORMED', (_, raw) => {
    const parsed = parsePopulationReply(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.failure).toBe('MALFORMED');
  });

  it('packs replies into batches within the limits, each reply parsed back on its own and in order', () => {
    const replies = Array.from({ length: 1201 }, () => reply()) as unknown as PopulationReply[];
    const batches = encodePopulationReplyBatches(replies);
    expect(
      batches.map((b) => (JSON.parse(b.body.toString()) as { replies: unknown[] }).replies.length),
    ).toEqual([500, 500, 201]);
    const parsed = batches.flatMap((b) => parsePopulationReplies(b.body));
    expect(parsed.every((p) => p.ok)).toBe(true);
    expect(parsed.map((p) => (p.ok ? p.value.inReplyTo : ''))).toEqual(replies.map((r) => r.inReplyTo));
    expect(new Set(batches.map((b) => b.messageId)).size).toBe(3);
    // A byte limit splits earlier than the count limit.
    const small = encodePopulationReplyBatches(replies.slice(0, 10), { maxBytes: 700 });
    expect(small.length).toBeGreaterThan(3);
    expect(small.every((b) => b.body.length <= 1000)).toBe(true);
    // What the encoder writes is what class-validator accepts as a batch.
    const body = JSON.parse(batches[2].body.toString()) as Record<string, unknown>;
    const errors = validateSync(plainToInstance(PopulationReplyBatch, body), {
      whitelist: true,
      forbidNonWhitelisted: true,
    });
    expect(errors).toEqual([]);
  });

  it('refuses only the bad reply of a batch, and a whole batch whose envelope is unusable', () => {
    const batch = (over: Record<string, unknown> = {}) =>
      Buffer.from(
        JSON.stringify({
          schemaVersion: '1',
          messageId: randomUUID(),
          replies: [reply(), reply({ personalIdNumber: '12' }), reply({ schemaVersion: '2' })],
          ...over,
        }),
      );
    expect(parsePopulationReplies(batch()).map((p) => (p.ok ? 'OK' : p.failure))).toEqual([
      'OK',
      'MALFORMED',
      'UNKNOWN_SCHEMA_VERSION',
    ]);
    const whole = (raw: Buffer) => parsePopulationReplies(raw).map((p) => (p.ok ? 'OK' : p.failure));
    expect(whole(batch({ schemaVersion: '2' }))).toEqual(['UNKNOWN_SCHEMA_VERSION']);
    expect(whole(batch({ extra: 1 }))).toEqual(['MALFORMED']);
    expect(whole(batch({ messageId: 'x' }))).toEqual(['MALFORMED']);
    expect(whole(batch({ replies: [] }))).toEqual(['MALFORMED']);
    expect(whole(batch({ replies: {} }))).toEqual(['MALFORMED']);
    expect(whole(batch({ replies: Array.from({ length: 1001 }, () => reply()) }))).toEqual(['MALFORMED']);
    expect(whole(Buffer.from('{"replies":'))).toEqual(['MALFORMED']);
    // A single reply is one entry, as before; one larger than a single message may be is refused.
    expect(whole(Buffer.from(JSON.stringify(reply())))).toEqual(['OK']);
    expect(whole(Buffer.from(JSON.stringify(reply({ respondent: 'x'.repeat(300_000) }))))).toEqual([
      'MALFORMED',
    ]);
  });

  it('tells an unknown schema version apart from a malformed reply', () => {
    const parsed = parsePopulationReply(reply({ schemaVersion: '2' }));
    expect(parsed).toMatchObject({ ok: false, failure: 'UNKNOWN_SCHEMA_VERSION' });
  });

  it('parses a request whose record is a valid standard record, and refuses one whose record is not', async () => {
    const base = {
      schemaVersion: '1',
      messageId: randomUUID(),
      correlationId: 'c-2',
      messageType: 'BIRTH_ISSUE_ID',
      eventId: randomUUID(),
      eventVersion: 1,
      registeringProvinceCode: '01',
      registeredAt: '2026-11-20T03:00:00.000Z',
      record: exampleBirth(),
    };
    const ok = await parsePopulationRequest(JSON.stringify(base));
    expect(ok.ok).toBe(true);
    const broken = await parsePopulationRequest({
      ...base,
      record: { ...exampleBirth(), eventType: 'NOPE' },
    });
    expect(broken).toMatchObject({ ok: false, failure: 'MALFORMED' });
    if (!broken.ok) expect(broken.problems.some((p) => p.startsWith('record.eventType'))).toBe(true);
  });

  it('writes a request around the stored record text, which reads back as the same request', async () => {
    const envelope = {
      schemaVersion: '1',
      messageId: '01a1fe03-c951-7001-a0ed-a73224bc778f',
      correlationId: 'c-3',
      messageType: PopulationMessageType.BIRTH_ISSUE_ID,
      eventId: randomUUID(),
      eventVersion: 2,
      registeringProvinceCode: '01',
      registeredAt: '2026-11-20T03:00:00.000Z',
    };
    const record = exampleBirth();
    // As PostgreSQL may hand it back: other spacing than JSON.stringify's.
    const stored = JSON.stringify(record, null, 1);
    const encoded = encodePopulationRequest(envelope, stored);
    expect(encoded).toMatchObject({ messageId: envelope.messageId, correlationId: 'c-3' });
    expect(JSON.parse(encoded.body.toString())).toEqual({ ...envelope, record: JSON.parse(stored) });
    const parsed = await parsePopulationRequest(encoded.body);
    expect(parsed.ok).toBe(true);
    expect(() => encodePopulationRequest(envelope, '[1]')).toThrow('not a JSON object');
  });

  it('matches the committed JSON Schema files (npm run schema:generate)', () => {
    const rendered = renderPopulationSchemas();
    for (const [kind, name] of Object.entries(POPULATION_SCHEMA_FILES) as Array<
      [keyof typeof rendered, string]
    >) {
      const committed = readFileSync(new URL(`./schema/${name}`, import.meta.url), 'utf8');
      expect(committed).toBe(rendered[kind]);
    }
    expect(rendered.request).toContain('"$ref": "urn:civil-status-hub:contracts:v1:civil-status-record"');
  });
});
