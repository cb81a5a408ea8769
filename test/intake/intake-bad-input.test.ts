import request from 'supertest';
import pg from 'pg';
import { exampleBirth } from '../../contracts/v1/examples/example-records.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { distinctBirth } from '../support/distinct-birth.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Plain = Record<string, any>;

function birth(sourceRecordId: string, entryNumber: string): Plain {
  const r: Plain = distinctBirth(exampleBirth(), Number(entryNumber));
  r.source = { sourceId: 'bad-src', sourceRecordId };
  r.registerRef.entryNumber = entryNumber;
  return r;
}

describe('intake refuses bad input clearly and loses nothing else', () => {
  let t: TestApp;
  let key: string;
  let db: pg.Client;
  const post = (body: string | object, k = key, type = 'application/json') =>
    request(t.app.getHttpServer())
      .post('/api/v1/intake/records')
      .set('Authorization', `Bearer ${k}`)
      .set('Content-Type', type)
      .send(typeof body === 'string' ? body : JSON.stringify(body));
  const events = async () => Number((await db.query('SELECT count(*) n FROM civil_event')).rows[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    key = (
      await t.app
        .get(SourceRegistryService)
        .createSource({ id: 'bad-src', name: 'Nguồn thử', provinceCode: '01' })
    ).apiKey;
    db = new pg.Client(t.databaseUrl);
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('answers malformed JSON with 400 and a Vietnamese reason', async () => {
    const res = await post('{"records": [ {"eventType": "BIRTH", ').expect(400);
    expect(res.body.error).toMatchObject({ code: 'HTTP.MALFORMED_JSON' });
    expect(res.body.error.message).toContain('JSON');
    expect(res.body.correlationId).toBeTruthy();
  });

  it('refuses a batch of more than 1,000 records without storing any', async () => {
    const records = Array.from({ length: 1001 }, (_, i) => birth(`big-${i}`, String(10_000 + i)));
    const res = await post({ records }).expect(413);
    expect(res.body.error).toMatchObject({ code: 'INTAKE.BATCH_SIZE', details: { count: 1001, max: 1000 } });
    expect(
      Number(
        (await db.query(`SELECT count(*) n FROM intake_item WHERE source_record_id LIKE 'big-%'`)).rows[0].n,
      ),
    ).toBe(0);
  });

  it('refuses an empty batch and a body that is not a batch', async () => {
    expect((await post({ records: [] }).expect(400)).body.error.code).toBe('INTAKE.BATCH_SIZE');
    expect((await post([birth('x', '1')]).expect(400)).body.error.code).toBe('INTAKE.NOT_A_BATCH');
    expect((await post({ records: [birth('x', '1')], extra: 1 }).expect(400)).body.error.code).toBe(
      'INTAKE.UNKNOWN_FIELD',
    );
  });

  it('refuses a body over 10 MB with 413', async () => {
    const huge = JSON.stringify({ records: [{ padding: 'x'.repeat(11 * 1024 * 1024) }] });
    const res = await post(huge).expect(413);
    expect(res.body.error.code).toBe('HTTP.PAYLOAD_TOO_LARGE');
  });

  it('refuses a body that is not JSON', async () => {
    await post('records=1', key, 'application/x-www-form-urlencoded').expect(400);
  });

  it('answers a missing, forged or revoked key with 401 and the reason', async () => {
    const anon = await request(t.app.getHttpServer())
      .post('/api/v1/intake/records')
      .send({ records: [] })
      .expect(401);
    expect(anon.body.error.code).toBe('AUTH.MISSING_API_KEY');
    expect((await post({ records: [birth('k', '1')] }, 'hub_forged').expect(401)).body.error.code).toBe(
      'AUTH.INVALID_API_KEY',
    );
    const sources = t.app.get(SourceRegistryService);
    const spare = await sources.issueKey('bad-src');
    await sources.revokeKeys('bad-src', spare.slice(0, 12));
    expect((await post({ records: [birth('k', '1')] }, spare).expect(401)).body.error.code).toBe(
      'AUTH.API_KEY_REVOKED',
    );
  });

  it('rejects unknown fields, wrong types, non-objects and NUL bytes per record; the others are registered', async () => {
    const before = await events();
    const unknownField = { ...birth('u-1', '101'), nickname: 'Bé Na' };
    const wrongType = birth('u-2', '102');
    wrongType.parties[0].person.fullName = 42;
    const withNul = birth('u-3', '103');
    withNul.parties[0].person.fullName = 'Nguyễn\u0000Anh';
    const res = await post({
      records: [birth('ok-1', '100'), unknownField, wrongType, 'not a record', withNul, birth('ok-2', '104')],
    }).expect(200);
    expect(res.body.outcomes.map((o: Plain) => o.outcome)).toEqual([
      'accepted',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'accepted',
    ]);
    const errs = (i: number) => res.body.outcomes[i].errors.map((e: Plain) => `${e.path}:${e.code}`);
    expect(errs(1)).toContain('nickname:STRUCTURE.UNKNOWN_FIELD');
    expect(errs(2)).toContain('parties[0].person.fullName:STRUCTURE.IS_STRING');
    expect(errs(3)).toContain(':STRUCTURE.IS_RECORD_OBJECT');
    expect(errs(4).some((e: string) => e.startsWith('parties[0].person.fullName:'))).toBe(true);
    // No partial write of any rejected record, and their raw form is kept for correction.
    expect(await events()).toBe(before + 2);
    const kept = await db.query(
      `SELECT p.payload FROM intake_item i JOIN intake_payload p ON p.item_id = i.id WHERE i.source_record_id = 'u-1'`,
    );
    expect(kept.rows[0].payload.nickname).toBe('Bé Na');
  });

  it('tells a source which rule a record broke, field by field', async () => {
    const r = birth('rule-1', '200');
    r.registerRef.registeredOn = '2027-01-01';
    r.parties[1].person.personalIdNumber = '001395012345'; // century digit 3 = 2000s female, but born 1995
    const res = await post({ records: [r] });
    expect(res.status).toBe(422);
    const codes = res.body.outcomes[0].errors.map((e: Plain) => e.code);
    expect(codes).toEqual(expect.arrayContaining(['RULE.DATE_IN_FUTURE', 'RULE.PIN_CENTURY_MISMATCH']));
  });
});
