import request from 'supertest';
import pg from 'pg';
import { exampleBirth, exampleDeath, exampleMarriage } from '../../contracts/v1/examples/example-records.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { distinctBirth } from '../support/distinct-birth.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Plain = Record<string, any>;

function birth(sourceRecordId: string, entryNumber: string, mutate?: (r: Plain) => void): Plain {
  // One child per register entry: the same entry number is the same birth (see distinctBirth).
  const r: Plain = distinctBirth(exampleBirth(), Number(entryNumber));
  r.source.sourceId = 'hn-rest';
  r.source.sourceRecordId = sourceRecordId;
  r.registerRef.entryNumber = entryNumber;
  mutate?.(r);
  return r;
}

describe('REST intake (POST /api/v1/intake/records)', () => {
  let t: TestApp;
  let key: string;
  let otherProvinceKey: string;
  let db: pg.Client;
  const http = () => request(t.app.getHttpServer());
  const post = (body: unknown, k = key) =>
    http()
      .post('/api/v1/intake/records')
      .set('Authorization', `Bearer ${k}`)
      .send(body as object);
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db.query(sql, params)).rows[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    const sources = t.app.get(SourceRegistryService);
    key = (await sources.createSource({ id: 'hn-rest', name: 'Hà Nội — phần mềm cũ', provinceCode: '01' }))
      .apiKey;
    otherProvinceKey = (await sources.createSource({ id: 'hp-rest', name: 'Hải Phòng', provinceCode: '31' }))
      .apiKey;
    db = new pg.Client(t.databaseUrl);
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('accepts a batch, registers each record once, and answers per record', async () => {
    const res = await post({ records: [birth('A-1', '1'), birth('A-2', '2')] }).expect(200);
    expect(res.body.summary).toMatchObject({ accepted: 2, rejected: 0 });
    const [first, second] = res.body.outcomes;
    expect(first).toMatchObject({ index: 0, sourceRecordId: 'A-1', outcome: 'accepted', version: 1 });
    expect(first.registerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.registerId).not.toBe(first.registerId);
    expect(await count('SELECT count(*) n FROM civil_event')).toBe(2);
    expect(await count('SELECT count(*) n FROM civil_event_version')).toBe(2);
    expect(await count('SELECT count(*) n FROM party WHERE event_id = $1', [first.registerId])).toBe(4);
    expect(await count('SELECT count(*) n FROM outbox_message WHERE event_id = $1', [first.registerId])).toBe(
      1,
    );
    const stored = await db.query(
      'SELECT timeliness, province_code, commune_code FROM civil_event WHERE id = $1',
      [first.registerId],
    );
    expect(stored.rows[0]).toEqual({ timeliness: 'ON_TIME', province_code: '01', commune_code: '00004' });
  });

  it('answers an identical resend as duplicate with the same register id, storing nothing twice', async () => {
    const first = await post({ records: [birth('B-1', '10')] }).expect(200);
    const events = await count('SELECT count(*) n FROM civil_event');
    const again = await post({ records: [birth('B-1', '10')] }).expect(200);
    expect(again.body.outcomes[0]).toMatchObject({
      outcome: 'duplicate',
      registerId: first.body.outcomes[0].registerId,
    });
    expect(await count('SELECT count(*) n FROM civil_event')).toBe(events);
    expect(await count('SELECT count(*) n FROM outbox_message')).toBe(events);
  });

  it('turns changed content of the same source record into a new version', async () => {
    const first = await post({ records: [birth('C-1', '20')] }).expect(200);
    const id = first.body.outcomes[0].registerId;
    const changed = birth('C-1', '20', (r) => {
      r.parties[0].person.fullName = 'Nguyễn Thị Minh Ánh';
      r.parties[0].person.givenName = 'Ánh';
    });
    const res = await post({ records: [changed] }).expect(200);
    expect(res.body.outcomes[0]).toMatchObject({ outcome: 'updated', registerId: id, version: 2 });
    const versions = await db.query(
      'SELECT version, change_kind FROM civil_event_version WHERE event_id = $1 ORDER BY version',
      [id],
    );
    expect(versions.rows).toEqual([
      { version: 1, change_kind: 'CREATED' },
      { version: 2, change_kind: 'UPDATED_BY_SOURCE' },
    ]);
    const party = await db.query(`SELECT full_name FROM party WHERE event_id = $1 AND role = 'CHILD'`, [id]);
    expect(party.rows[0].full_name).toBe('Nguyễn Thị Minh Ánh');
  });

  it('rejects an invalid record with Vietnamese errors while the rest of the batch is registered', async () => {
    const bad = birth('D-bad', '31', (r) => {
      r.parties[0].person.birthDate = '2025-02-30';
      r.unexpected = true;
    });
    const res = await post({ records: [birth('D-1', '30'), bad, birth('D-3', '32')] }).expect(200);
    expect(res.body.outcomes.map((o: Plain) => o.outcome)).toEqual(['accepted', 'rejected', 'accepted']);
    const codes = res.body.outcomes[1].errors.map((e: Plain) => `${e.path} ${e.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'parties[0].person.birthDate STRUCTURE.IS_PARTIAL_DATE',
        'unexpected STRUCTURE.UNKNOWN_FIELD',
      ]),
    );
    expect(res.body.outcomes[1].errors[0].message).toMatch(
      /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i,
    );
    expect(
      await count(
        `SELECT count(*) n FROM intake_item WHERE source_record_id = 'D-bad' AND status = 'REJECTED'`,
      ),
    ).toBe(1);
    expect(await count(`SELECT count(*) n FROM civil_event WHERE source_record_id = 'D-bad'`)).toBe(0);
  });

  it('lets a source ask what became of a record, by item id and by its own record id', async () => {
    const res = await post({ records: [birth('E-1', '40')] }).expect(200);
    const itemId = res.body.outcomes[0].itemId;
    const item = await http()
      .get(`/api/v1/intake/items/${itemId}`)
      .set('Authorization', `Bearer ${key}`)
      .expect(200);
    expect(item.body).toMatchObject({ itemId, outcome: 'accepted', sourceRecordId: 'E-1' });
    const list = await http()
      .get('/api/v1/intake/items?sourceRecordId=E-1')
      .set('Authorization', `Bearer ${key}`)
      .expect(200);
    expect(list.body.items).toHaveLength(1);
    // Another source cannot see it: not found, not forbidden.
    await http()
      .get(`/api/v1/intake/items/${itemId}`)
      .set('Authorization', `Bearer ${otherProvinceKey}`)
      .expect(404);
  });

  it('refuses a second birth registration for the same personal ID number', async () => {
    const withPin = (id: string, entry: string) =>
      birth(id, entry, (r) => {
        r.parties[0].person.personalIdNumber = '001325000111';
      });
    const first = await post({ records: [withPin('F-1', '50')] }).expect(200);
    expect(first.body.outcomes[0].outcome).toBe('accepted');
    const second = await post({ records: [withPin('F-2', '51')] }).expect(422);
    expect(second.body.outcomes[0].errors[0]).toMatchObject({
      code: 'REGISTER.PIN_ALREADY_BIRTH_REGISTERED',
      existingEventId: first.body.outcomes[0].registerId,
    });
  });

  it('answers the same event sent by a second source of the province as a duplicate of the first', async () => {
    const sources = t.app.get(SourceRegistryService);
    const secondKey = (
      await sources.createSource({ id: 'hn-csv', name: 'Hà Nội — xuất CSV', provinceCode: '01' })
    ).apiKey;
    const first = await post({ records: [birth('K-1', '65')] }).expect(200);
    const sameEvent = birth('CSV-K-1', '65', (r) => (r.source.sourceId = 'hn-csv'));
    const res = await post({ records: [sameEvent] }, secondKey).expect(200);
    expect(res.body.outcomes[0]).toMatchObject({
      outcome: 'duplicate',
      registerId: first.body.outcomes[0].registerId,
      version: 1,
    });
  });

  it('refuses a register reference that already holds a different event', async () => {
    await post({ records: [birth('G-1', '60')] }).expect(200);
    const clash = birth('G-2', '60', (r) => {
      r.parties[0].person.fullName = 'Lê Văn Tám';
      r.parties[0].person.sex = 'MALE';
    });
    const res = await post({ records: [clash] }).expect(422);
    expect(res.body.outcomes[0].errors[0].code).toBe('REGISTER.REFERENCE_TAKEN');
  });

  it('keeps one death per personal ID number and locks the dead person against later events', async () => {
    const pin = '001040000777'; // male (0), born 1940, registered in Hà Nội (001)
    const death: Plain = exampleDeath();
    death.source = { sourceId: 'hn-rest', sourceRecordId: 'H-death' };
    death.parties[0].person.personalIdNumber = pin;
    const registered = await post({ records: [death] }).expect(200);
    expect(registered.body.outcomes[0]).toMatchObject({ outcome: 'accepted' });

    const again: Plain = exampleDeath();
    again.source = { sourceId: 'hn-rest', sourceRecordId: 'H-death-2' };
    again.registerRef.entryNumber = '999';
    again.parties[0].person.personalIdNumber = pin;
    const second = await post({ records: [again] }).expect(422);
    expect(second.body.outcomes[0].errors[0].code).toBe('REGISTER.PIN_ALREADY_DEATH_REGISTERED');

    const marriage: Plain = exampleMarriage();
    marriage.source = { sourceId: 'hn-rest', sourceRecordId: 'H-marriage' };
    marriage.occurredOn = '2025-10-20';
    marriage.registerRef.registeredOn = '2025-10-20';
    const husband = marriage.parties.find((p: Plain) => p.role === 'HUSBAND');
    Object.assign(husband.person, { personalIdNumber: pin, sex: 'MALE', birthDate: '1940-01-01' });
    const locked = await post({ records: [marriage] }).expect(422);
    expect(locked.body.outcomes[0].errors[0]).toMatchObject({
      code: 'REGISTER.PERSON_DECEASED',
      existingEventId: registered.body.outcomes[0].registerId,
    });
  });

  it('refuses records of another province with the reason, and records the attempt', async () => {
    const record = birth('I-1', '70', (r) => (r.source.sourceId = 'hp-rest'));
    const res = await post({ records: [record] }, otherProvinceKey).expect(422);
    expect(res.body.outcomes[0].errors[0]).toMatchObject({
      code: 'AUTH.OUTSIDE_SOURCE_PROVINCE',
      path: 'registerRef.authorityCode',
    });
    expect(
      await count(`SELECT count(*) n FROM audit_log WHERE action = 'SECURITY.SOURCE_OUTSIDE_PROVINCE'`),
    ).toBe(1);
  });

  it('refuses a unit code used on a date when it meant nothing', async () => {
    const record = birth('J-1', '80', (r) => {
      // 00004 is Phường Ba Đình since 2025-07-01; 99999 never existed; a district code after 2025 is gone.
      r.parties[0].person.placeOfBirth.unit = { code: '001', level: 'DISTRICT', asOf: '2025-08-20' };
    });
    const res = await post({ records: [record] }).expect(422);
    expect(res.body.outcomes[0].errors[0]).toMatchObject({
      code: 'RULE.UNIT_NOT_VALID_ON_DATE',
      path: 'parties[0].person.placeOfBirth.unit.code',
    });
  });

  it('keeps each record exactly as the source wrote it, and serves the register from it', async () => {
    // Pretty-printed with tabs and CRLF, a \u escape in a name and a record holding \u0000: enough
    // records for COPY. The bytes of each are stored as sent (but the NUL one, stored with U+FFFD).
    const records = Array.from({ length: 40 }, (_, i) =>
      birth(`R-${i}`, String(900 + i), (r) => {
        if (i === 3) r.source.note = 'a\u0000b';
      }),
    );
    const written = records.map((r, i) =>
      JSON.stringify(r, null, i % 2 ? '\t' : 2)
        .replace(/\n/g, '\r\n')
        .replace('Trần', 'Tr\\u1ea7n'),
    );
    const body = `{ "records" : [\r\n${written.join(' ,\n')}\n] }`;
    const res = await http()
      .post('/api/v1/intake/records')
      .set('Authorization', `Bearer ${key}`)
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(200);
    const stored = await db.query<{ payload: string; status: string; record: unknown }>(
      `SELECT p.payload::text AS payload, i.status, v.record
         FROM intake_item i JOIN intake_payload p ON p.item_id = i.id
         LEFT JOIN civil_event_version v ON v.intake_item_id = i.id
        WHERE i.batch_id = $1 ORDER BY i.seq`,
      [res.body.batchId],
    );
    expect(stored.rows).toHaveLength(40);
    stored.rows.forEach((row, i) => {
      if (i === 3) expect(JSON.parse(row.payload).source.note).toBe('a\uFFFDb');
      else expect(row.payload).toBe(written[i]);
    });
    expect(written[0]).toContain('Tr\\u1ea7n');
    const accepted = stored.rows.filter((r) => r.status === 'ACCEPTED');
    expect(accepted.length).toBeGreaterThanOrEqual(39);
    // The version points at the payload, which reads back as the record that was validated.
    expect(accepted.every((r) => r.record === null)).toBe(true);
    const [{ record }] = (
      await db.query(
        `SELECT COALESCE(v.record, p.payload) AS record FROM civil_event_version v
           JOIN intake_payload p ON p.item_id = v.intake_item_id WHERE v.event_id = $1`,
        [res.body.outcomes[0].registerId],
      )
    ).rows;
    expect(record).toEqual(records[0]);
  });
});
