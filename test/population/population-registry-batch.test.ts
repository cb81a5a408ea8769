import { randomUUID } from 'node:crypto';
import pg from 'pg';

import {
  POPULATION_SCHEMA_VERSION,
  PopulationMessageType,
  PopulationOutcome,
  PopulationRejectionCode,
  type PopulationRequest,
} from '../../contracts/population/v1/index.js';
import type { CivilStatusRecord } from '../../contracts/v1/index.js';
import { exampleBirth } from '../../contracts/v1/examples/example-records.js';
import {
  ConcurrentDeliveryError,
  PopulationRegistry,
} from '../../src/population-simulator/population-registry.js';
import { migrateSimulatorSchema } from '../../src/population-simulator/simulator-schema.js';
import { distinctBirth } from '../support/distinct-birth.js';
import { createTestDatabase } from '../support/test-database.js';

type Plain = Record<string, any>;
const SCHEMA = 'population_sim_batch';

let entry = 100;
function birthRequest(over: { eventId?: string; record?: Plain } = {}): PopulationRequest {
  entry += 1;
  const record: Plain = over.record ?? distinctBirth(exampleBirth(), entry);
  if (!over.record) record.registerRef.entryNumber = String(entry);
  return {
    schemaVersion: POPULATION_SCHEMA_VERSION,
    messageId: randomUUID(),
    correlationId: randomUUID(),
    messageType: PopulationMessageType.BIRTH_ISSUE_ID,
    eventId: over.eventId ?? randomUUID(),
    eventVersion: 1,
    registeringProvinceCode: '01',
    registeredAt: new Date().toISOString(),
    record: record as CivilStatusRecord,
  };
}

/**
 * The simulator's batch path against the real PostgreSQL: many requests in one transaction must
 * answer exactly as one by one would (same idempotency, same refusals), including the cases a batch
 * makes possible: the same message twice in one batch, the same birth twice in one batch, a random
 * draw that repeats within one statement.
 */
describe('population register simulator: many requests per transaction', () => {
  let db: { url: string; drop(): Promise<void> };
  let pool: pg.Pool;
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await pool.query(sql, params)).rows[0].n);

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
    await migrateSimulatorSchema(pool, SCHEMA);
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('issues one distinct number per birth, answers a message repeated in the batch or later with the same reply', async () => {
    const registry = new PopulationRegistry(pool, SCHEMA);
    const births = Array.from({ length: 300 }, () => birthRequest());
    const replies = await registry.answerBatch([...births, births[0], births[7]]);
    expect(replies).toHaveLength(302);
    expect(replies.slice(0, 300).every((r) => r.outcome === PopulationOutcome.CONFIRMED)).toBe(true);
    const pins = replies.slice(0, 300).map((r) => r.personalIdNumber);
    expect(new Set(pins).size).toBe(300);
    expect(pins.every((p) => p !== undefined && /^001[23]\d{8}$/.test(p))).toBe(true);
    expect(replies[300]).toEqual(replies[0]);
    expect(replies[301]).toEqual(replies[7]);
    // Redelivered in a later batch: the stored reply, nothing issued again.
    const again = await registry.answerBatch([births[3], births[299]]);
    expect(again).toEqual([replies[3], replies[299]]);
    expect(await count(`SELECT count(*) n FROM ${SCHEMA}.person`)).toBe(300);
    expect(await count(`SELECT count(*) n FROM ${SCHEMA}.processed_message`)).toBe(300);
    expect(await count(`SELECT sum(deliveries) n FROM ${SCHEMA}.processed_message`)).toBe(304);
    expect(await count(`SELECT count(*) n FROM ${SCHEMA}.registration`)).toBe(300);
  });

  it('gives the same birth sent twice in one batch its one number, and refuses a second birth with the same register entry', async () => {
    const registry = new PopulationRegistry(pool, SCHEMA);
    const first = birthRequest();
    // A later version of the same event, under a new message id, in the same batch.
    const version2 = { ...birthRequest({ eventId: first.eventId, record: first.record }), eventVersion: 2 };
    // Another event claiming the same register entry (book, number, date).
    const clash = birthRequest({ record: first.record });
    const [a, b, c] = await registry.answerBatch([first, version2, clash]);
    expect(a.outcome).toBe(PopulationOutcome.CONFIRMED);
    expect(b).toMatchObject({ outcome: PopulationOutcome.CONFIRMED, personalIdNumber: a.personalIdNumber });
    expect(c).toMatchObject({
      outcome: PopulationOutcome.REJECTED,
      rejection: { code: PopulationRejectionCode.ALREADY_ISSUED },
    });
    expect(
      await count(
        `SELECT count(*) n FROM ${SCHEMA}.person WHERE birth_ref = (SELECT birth_ref FROM ${SCHEMA}.person WHERE pin = $1)`,
        [a.personalIdNumber],
      ),
    ).toBe(1);
  });

  it('draws again when numbers repeat within one statement or are taken, never issuing one twice', async () => {
    // A random part that repeats (the six births share the prefix 001325: girls born in 2025):
    // draw 1 gives 7, 7, 7, 8, 8, 9 (three repeats inside one insert), draw 2 gives 7 (taken by
    // draw 1), 10, 11, draw 3 gives 12.
    const seq = [7, 7, 7, 8, 8, 9, 7, 10, 11, 12];
    let n = 0;
    const registry = new PopulationRegistry(pool, SCHEMA, () => seq[n++] ?? 100 + n);
    const births = Array.from({ length: 6 }, () => birthRequest());
    const replies = await registry.answerBatch(births);
    expect(replies.every((r) => r.outcome === PopulationOutcome.CONFIRMED)).toBe(true);
    expect(replies.map((r) => r.personalIdNumber?.slice(6)).sort()).toEqual([
      '000007',
      '000008',
      '000009',
      '000010',
      '000011',
      '000012',
    ]);
    expect(n).toBe(10);
    expect(
      await count(
        `SELECT count(*) n FROM (SELECT pin FROM ${SCHEMA}.person GROUP BY pin HAVING count(*) > 1) d`,
      ),
    ).toBe(0);
  });

  it('takes a number the record carries, and refuses it for a second child', async () => {
    const registry = new PopulationRegistry(pool, SCHEMA);
    const carried = birthRequest();
    const child = (carried.record.parties as Plain[]).find((p) => p.role === 'CHILD')!;
    child.person.personalIdNumber = '001325987654';
    const other = birthRequest();
    (other.record.parties as Plain[]).find((p) => p.role === 'CHILD')!.person.personalIdNumber =
      '001325987654';
    const [a, b] = await registry.answerBatch([carried, other]);
    expect(a).toMatchObject({ outcome: PopulationOutcome.CONFIRMED, personalIdNumber: '001325987654' });
    expect(b).toMatchObject({
      outcome: PopulationOutcome.REJECTED,
      rejection: { code: PopulationRejectionCode.ALREADY_ISSUED },
    });
  });

  it('leaves no trace of a batch that fails, so that it can be answered again', async () => {
    const registry = new PopulationRegistry(pool, SCHEMA, () => {
      throw new RangeError('no randomness');
    });
    const births = Array.from({ length: 3 }, () => birthRequest());
    await expect(registry.answerBatch(births)).rejects.toThrow('no randomness');
    expect(
      await count(`SELECT count(*) n FROM ${SCHEMA}.processed_message WHERE message_id = ANY($1::uuid[])`, [
        births.map((b) => b.messageId),
      ]),
    ).toBe(0);
    const replies = await new PopulationRegistry(pool, SCHEMA).answerBatch(births);
    expect(replies.every((r) => r.outcome === PopulationOutcome.CONFIRMED)).toBe(true);
  });

  it('answers the same batch delivered twice at once with one number per birth, stored once with its reply', async () => {
    const registry = new PopulationRegistry(pool, SCHEMA);
    const births = Array.from({ length: 40 }, () => birthRequest());
    const ids = births.map((b) => b.messageId);
    const settled = await Promise.allSettled([registry.answerBatch(births), registry.answerBatch(births)]);
    const answers: Array<Array<string | undefined>> = [];
    for (const s of settled) {
      if (s.status === 'fulfilled') answers.push(s.value.map((r) => r.personalIdNumber));
      else {
        // The later one met the other's stored replies: undone whole, then answered again.
        expect(s.reason).toBeInstanceOf(ConcurrentDeliveryError);
        answers.push((await registry.answerBatch(births)).map((r) => r.personalIdNumber));
      }
    }
    expect(answers[0].every((pin) => typeof pin === 'string')).toBe(true);
    expect(answers[1]).toEqual(answers[0]);
    expect(
      await count(`SELECT count(*) n FROM ${SCHEMA}.person WHERE birth_event_id = ANY($1::uuid[])`, [
        births.map((b) => b.eventId),
      ]),
    ).toBe(40);
    const stored = await pool.query(
      `SELECT deliveries, reply->>'personalIdNumber' AS pin FROM ${SCHEMA}.processed_message
        WHERE message_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(stored.rows).toHaveLength(40);
    expect(stored.rows.every((r) => r.deliveries === 2 && typeof r.pin === 'string')).toBe(true);
  });
});
