import request from 'supertest';
import pg from 'pg';
import { exampleBirth, exampleMarriage } from '../../contracts/v1/examples/example-records.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { distinctBirth } from '../support/distinct-birth.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Plain = Record<string, any>;

/** Matching wired into intake (issue 4): what a source is told, and what the register then holds. */
describe('intake through matching', () => {
  let t: TestApp;
  let db: pg.Client;
  const keys: Record<string, string> = {};
  const post = (source: string, records: Plain[]) =>
    request(t.app.getHttpServer())
      .post('/api/v1/intake/records')
      .set('Authorization', `Bearer ${keys[source]}`)
      .send({ records });
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db.query(sql, params)).rows[0].n);

  /** The n-th distinct child, as source `source` sends it under its own record id and register entry. */
  function birth(
    source: string,
    n: number,
    recordId: string,
    entry: string,
    mutate?: (r: Plain) => void,
  ): Plain {
    const r = distinctBirth(exampleBirth(), n);
    r.source = { sourceId: source, sourceRecordId: recordId };
    r.registerRef.entryNumber = entry;
    mutate?.(r);
    return r;
  }

  beforeAll(async () => {
    t = await startTestApp();
    const sources = t.app.get(SourceRegistryService);
    for (const id of ['hn-a', 'hn-b'])
      keys[id] = (await sources.createSource({ id, name: `Hà Nội ${id}`, provinceCode: '01' })).apiKey;
    db = new pg.Client(t.databaseUrl);
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('refuses a definite duplicate sent by another source, with the existing registration and the evidence', async () => {
    const first = await post('hn-a', [birth('hn-a', 1, 'A-1', '501')]).expect(200);
    const existing = first.body.outcomes[0].registerId;
    expect(first.body.outcomes[0].outcome).toBe('accepted');
    const events = await count('SELECT count(*) n FROM civil_event');
    // The same child, entered again by another province system under its own entry, names unaccented.
    const again = birth('hn-b', 1, 'B-77', '777', (r) => {
      r.parties[0].person.fullName = 'Nguyen Minh Binh';
      r.parties[0].person.middleName = 'Minh';
      r.parties[0].person.givenName = 'Binh';
    });
    const res = await post('hn-b', [again]).expect(422);
    const [error] = res.body.outcomes[0].errors;
    expect(res.body.outcomes[0].outcome).toBe('rejected');
    expect(error).toMatchObject({
      code: 'MATCHING.DUPLICATE_BIRTH',
      path: 'parties[0]',
      existingEventId: existing,
    });
    expect(error.message).toContain(existing);
    expect(error.message).toMatch(/khai sinh/);
    expect(error.evidence.score).toBeGreaterThan(0);
    expect(error.evidence.fields.map((f: Plain) => f.field)).toEqual(expect.arrayContaining(['birthDate']));
    expect(await count('SELECT count(*) n FROM civil_event')).toBe(events);
    // The raw record and its refusal are kept for the source to see.
    const item = await request(t.app.getHttpServer())
      .get(`/api/v1/intake/items/${res.body.outcomes[0].itemId}`)
      .set('Authorization', `Bearer ${keys['hn-b']}`)
      .expect(200);
    expect(item.body).toMatchObject({ outcome: 'rejected', errors: [{ existingEventId: existing }] });
  });

  it('holds a possible duplicate for review, visible as held to its source', async () => {
    const first = await post('hn-a', [birth('hn-a', 2, 'A-2', '502')]).expect(200);
    const existing = first.body.outcomes[0].registerId;
    // Same child, same mother, same day, but recorded with the other sex: a person must look.
    const doubtful = birth('hn-b', 2, 'B-2', '802', (r) => {
      r.parties[0].person.sex = r.parties[0].person.sex === 'FEMALE' ? 'MALE' : 'FEMALE';
    });
    const res = await post('hn-b', [doubtful]).expect(200);
    expect(res.body.summary).toMatchObject({ held: 1, accepted: 0, rejected: 0 });
    const { itemId, outcome, registerId } = res.body.outcomes[0];
    expect({ outcome, registerId }).toEqual({ outcome: 'held', registerId: undefined });
    const item = await request(t.app.getHttpServer())
      .get(`/api/v1/intake/items/${itemId}`)
      .set('Authorization', `Bearer ${keys['hn-b']}`)
      .expect(200);
    expect(item.body).toMatchObject({ itemId, outcome: 'held', sourceRecordId: 'B-2' });
    expect(item.body.registerId).toBeUndefined();
    const review = await db.query(
      `SELECT province_code, status, candidates FROM match_review WHERE intake_item_id = $1`,
      [itemId],
    );
    expect(review.rows).toHaveLength(1);
    expect(review.rows[0]).toMatchObject({ province_code: '01', status: 'PENDING' });
    expect(review.rows[0].candidates.map((c: Plain) => c.eventId)).toEqual([existing]);
    expect(await count(`SELECT count(*) n FROM civil_event WHERE source_record_id = 'B-2'`)).toBe(0);
  });

  it('registers twins (same mother, same day, another child), in one batch and across batches', async () => {
    const twinOf = (r: Plain, given: string, sex: string): void => {
      Object.assign(r.parties[0].person, { fullName: `Nguyễn Minh ${given}`, givenName: given, sex });
      r.birth = { ...r.birth, plurality: 2 };
    };
    const res = await post('hn-a', [
      birth('hn-a', 3, 'A-3a', '503', (r) => twinOf(r, 'Chi', 'FEMALE')),
      birth('hn-a', 3, 'A-3b', '504', (r) => twinOf(r, 'Công', 'MALE')),
    ]).expect(200);
    expect(res.body.outcomes.map((o: Plain) => o.outcome)).toEqual(['accepted', 'accepted']);
    expect(res.body.outcomes[0].registerId).not.toBe(res.body.outcomes[1].registerId);
    const third = await post('hn-a', [
      birth('hn-a', 3, 'A-3c', '505', (r) => twinOf(r, 'Thịnh', 'MALE')),
    ]).expect(200);
    expect(third.body.outcomes[0].outcome).toBe('accepted');
  });

  it('links a re-registration (đăng ký lại) to the earlier registration', async () => {
    const first = await post('hn-a', [birth('hn-a', 4, 'A-4', '506')]).expect(200);
    const earlier = first.body.outcomes[0].registerId;
    const again = birth('hn-b', 4, 'B-4-lai', '906', (r) => {
      r.registrationKind = 'RE_REGISTRATION';
      r.reRegistration = {
        earlierRegisterRef: { book: r.registerRef.book, registeredOn: '2025' },
        reason: 'Sổ bị mất do lũ lụt',
      };
    });
    const res = await post('hn-b', [again]).expect(200);
    expect(res.body.outcomes[0].outcome).toBe('accepted');
    const stored = await db.query(
      'SELECT earlier_event_id, registration_kind FROM civil_event WHERE id = $1',
      [res.body.outcomes[0].registerId],
    );
    expect(stored.rows[0]).toEqual({ earlier_event_id: earlier, registration_kind: 'RE_REGISTRATION' });
  });

  it('finds duplicates inside one batch and points at the event the earlier record became', async () => {
    const events = await count('SELECT count(*) n FROM civil_event');
    const res = await post('hn-a', [
      birth('hn-a', 5, 'A-5', '507'),
      birth('hn-a', 6, 'A-6', '508'),
      birth('hn-a', 5, 'A-5-copy', '509', (r) => (r.parties[0].person.fullName = 'NGUYỄN MINH HÀ')),
    ]).expect(200);
    expect(res.body.outcomes.map((o: Plain) => o.outcome)).toEqual(['accepted', 'accepted', 'rejected']);
    expect(res.body.outcomes[2].errors[0]).toMatchObject({
      code: 'MATCHING.DUPLICATE_BIRTH',
      existingEventId: res.body.outcomes[0].registerId,
    });
    expect(res.body.outcomes[2].errors[0].message).not.toContain('batch:');
    expect(await count('SELECT count(*) n FROM civil_event')).toBe(events + 2);
  });

  it('refuses a marriage while a spouse’s earlier marriage is undissolved, naming that registration', async () => {
    const marriage = (recordId: string, entry: string, husband?: Plain): Plain => {
      const r: Plain = exampleMarriage();
      r.source = { sourceId: 'hn-a', sourceRecordId: recordId };
      r.registerRef.entryNumber = entry;
      if (husband) Object.assign(r.parties.find((p: Plain) => p.role === 'HUSBAND').person, husband);
      return r;
    };
    const first = await post('hn-a', [marriage('M-1', '601')]).expect(200);
    expect(first.body.outcomes[0].outcome).toBe('accepted');
    const again = await post('hn-a', [
      marriage('M-2', '602', { fullName: 'Phạm Quốc Khánh', birthDate: '1990-04-04', nationality: 'VN' }),
    ]).expect(422);
    expect(again.body.outcomes[0].errors[0]).toMatchObject({
      code: 'MATCHING.UNDISSOLVED_MARRIAGE',
      existingEventId: first.body.outcomes[0].registerId,
    });
    expect(again.body.outcomes[0].errors[0].message).toMatch(/hôn nhân chưa chấm dứt/);
  });

  it('files every registered event in the match index, once, in the intake transaction', async () => {
    const indexed = await count(
      `SELECT count(*) n FROM civil_event e WHERE NOT EXISTS (SELECT 1 FROM match_profile p WHERE p.event_id = e.id)`,
    );
    expect(indexed).toBe(0);
    // The idempotent resend is still answered by the register's own rule, with the same event.
    const resend = await post('hn-a', [birth('hn-a', 1, 'A-1', '501')]).expect(200);
    expect(resend.body.outcomes[0].outcome).toBe('duplicate');
  });
});
