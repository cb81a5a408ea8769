import { jest } from '@jest/globals';
import pg from 'pg';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { startAuthHarness, type AuthHarness, type Official } from '../auth/auth-harness.js';
import { createRecordGenerator, loadGeneratorReferenceData } from '../generators/index.js';

jest.setTimeout(120_000);

type Plain = Record<string, any>;

/**
 * Issue 6, point 4: a correction of a registered event needs a reason, is previewed before it is
 * saved, keeps the previous version, and the province supervisor (only theirs) is told; so is an
 * update from a source.
 */
describe('corrections of registered events and the supervisors notices', () => {
  let h: AuthHarness;
  let db: pg.Client;
  const apiKeys: Record<string, string> = {};
  const sent: Plain[] = [];
  let eventId = '';
  let authorityCode = '';
  let registrar: Official;
  let otherCommuneRegistrar: Official;
  let supervisor: Official;
  let otherSupervisor: Official;

  const token = async (o: Official) => (await h.login(o)).accessToken;
  const correct = async (o: Official, id: string, body: object) =>
    h
      .http()
      .post(`/api/v1/register/events/${id}/corrections`)
      .set('authorization', `Bearer ${await token(o)}`)
      .send(body);
  const notices = async (o: Official, query = '') =>
    h
      .http()
      .get(`/api/v1/notifications${query}`)
      .set('authorization', `Bearer ${await token(o)}`);
  const one = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows[0];
  const currentRecord = async (id: string): Promise<Plain> =>
    (
      await one(
        `SELECT COALESCE(v.record, p.payload) AS record FROM civil_event e
           JOIN civil_event_version v ON v.event_id = e.id AND v.version = e.version
           LEFT JOIN intake_payload p ON p.item_id = v.intake_item_id WHERE e.id = $1`,
        [id],
      )
    ).record;
  /** The current record with the mother's name corrected (a typical correction against the book). */
  const corrected = async (id: string, name: string): Promise<Plain> => {
    const r = await currentRecord(id);
    const mother = (r.parties as Plain[]).find((p) => p.role === 'MOTHER') ?? r.parties[0];
    mother.person.fullName = name;
    delete mother.person.nameParts;
    return r;
  };

  beforeAll(async () => {
    h = await startAuthHarness();
    db = new pg.Client(h.t.databaseUrl);
    await db.connect();
    const sources = h.t.app.get(SourceRegistryService);
    const referenceData = await loadGeneratorReferenceData();
    for (const [province, seed] of [
      ['01', 7101],
      ['31', 7102],
    ] as const) {
      apiKeys[province] = (
        await sources.createSource({
          id: `src-${province}`,
          name: `Nguồn ${province}`,
          provinceCode: province,
        })
      ).apiKey;
      const generator = createRecordGenerator({
        referenceData,
        seed,
        sourceId: `src-${province}`,
        provinceCode: province,
        eventTypes: ['BIRTH'],
        childPinShare: 1,
        today: h.clock.today(),
      });
      const records = [...generator.take(20)].map((g) => g.record as Plain);
      sent.push(...records);
      const res = await h
        .http()
        .post('/api/v1/intake/records')
        .set('authorization', `Bearer ${apiKeys[province]}`)
        .send({ records });
      expect(res.status).toBe(200);
    }
    const current = `JOIN registering_authority ra ON ra.id = e.authority_id
         WHERE e.authority_code LIKE 'UBND-X-%' AND ra.valid_to IS NULL`;
    const inA = await one(
      `SELECT e.id, e.authority_code FROM civil_event e ${current} AND e.province_code = '01'
        ORDER BY e.registered_on, e.id LIMIT 1`,
    );
    const inB = await one(
      `SELECT e.authority_code FROM civil_event e ${current} AND e.province_code = '31' LIMIT 1`,
    );
    expect(inA && inB).toBeTruthy();
    eventId = inA.id;
    authorityCode = inA.authority_code;
    registrar = await h.createOfficial('REGISTRAR', authorityCode);
    otherCommuneRegistrar = await h.createOfficial('REGISTRAR', inB.authority_code);
    supervisor = await h.createOfficial('PROVINCE_SUPERVISOR', 'STP-01');
    otherSupervisor = await h.createOfficial('PROVINCE_SUPERVISOR', 'STP-31');
  });
  afterAll(async () => {
    await db?.end();
    await h?.close();
  });

  it('refuses a correction without a reason, in Vietnamese, and changes nothing', async () => {
    const record = await corrected(eventId, 'Trần Thị Thu Hương');
    for (const reason of [undefined, '', '   ']) {
      const res = await correct(registrar, eventId, { record, reason, confirm: true });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('CHANGE.REASON_REQUIRED');
      expect(res.body.error.message).toContain('Phải nêu lý do');
      expect(res.body.error.details).toEqual({ field: 'reason' });
    }
    const tooLong = await correct(registrar, eventId, { record, reason: 'x'.repeat(1001), confirm: true });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe('CHANGE.REASON_TOO_LONG');
    expect((await one('SELECT version FROM civil_event WHERE id = $1', [eventId])).version).toBe(1);
  });

  it('answers a preview with the differences and a warning, and changes nothing', async () => {
    const before = await one(
      `SELECT (SELECT count(*)::int FROM civil_event_version) AS versions,
              (SELECT count(*)::int FROM outbox_message) AS outbox,
              (SELECT count(*)::int FROM event_change_notice) AS notices,
              (SELECT content_hash FROM civil_event WHERE id = $1) AS hash`,
      [eventId],
    );
    const record = await corrected(eventId, 'Trần Thị Thu Hương');
    const res = await correct(registrar, eventId, { record, reason: 'Cải chính theo sổ khai sinh' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CHANGE.CONFIRMATION_REQUIRED');
    expect(res.body.error.message).toContain('Sở Tư pháp tỉnh sẽ được thông báo');
    expect(res.body.error.details).toMatchObject({ id: eventId, currentVersion: 1, nextVersion: 2 });
    const diffs = res.body.error.details.differences as Array<{ path: string; after: unknown }>;
    expect(diffs.map((d) => d.after)).toContain('Trần Thị Thu Hương');
    expect(diffs.every((d) => /^parties\[\d+\]\.person\./.test(d.path))).toBe(true);
    const after = await one(
      `SELECT (SELECT count(*)::int FROM civil_event_version) AS versions,
              (SELECT count(*)::int FROM outbox_message) AS outbox,
              (SELECT count(*)::int FROM event_change_notice) AS notices,
              (SELECT content_hash FROM civil_event WHERE id = $1) AS hash`,
      [eventId],
    );
    expect(after).toEqual(before);
  });

  it('refuses an invalid corrected record with the field and a Vietnamese message', async () => {
    const record = await corrected(eventId, 'Trần Thị Thu Hương');
    record.registerRef.registeredOn = '2099-01-01';
    const res = await correct(registrar, eventId, { record, reason: 'Sai ngày', confirm: true });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('CHANGE.INVALID_RECORD');
    expect(res.body.error.details.errors.map((e: Plain) => e.path)).toContain('registerRef.registeredOn');
    const source = await corrected(eventId, 'Trần Thị Thu Hương');
    source.source.sourceRecordId = 'another-record';
    const moved = await correct(registrar, eventId, { record: source, reason: 'Đổi mã', confirm: true });
    expect(moved.status).toBe(422);
    expect(moved.body.error.details.errors[0]).toMatchObject({
      path: 'source',
      code: 'CHANGE.SOURCE_IMMUTABLE',
    });
  });

  it('saves version n+1 on confirmation, keeps version n, audits the reason and notifies', async () => {
    const beforeRecord = await currentRecord(eventId);
    const record = await corrected(eventId, 'Trần Thị Thu Hương');
    const reason = 'Cải chính họ tên người mẹ theo Sổ đăng ký khai sinh quyển 01';
    const stale = await correct(registrar, eventId, { record, reason, confirm: true, expectedVersion: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CHANGE.VERSION_CHANGED');
    const res = await correct(registrar, eventId, { record, reason, confirm: true, expectedVersion: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ eventId, changeKind: 'CORRECTED', previousVersion: 1, version: 2 });

    const versions = (
      await db.query(
        `SELECT v.version, v.change_kind, v.reason, COALESCE(v.record, p.payload) AS record
           FROM civil_event_version v LEFT JOIN intake_payload p ON p.item_id = v.intake_item_id
          WHERE v.event_id = $1 ORDER BY v.version`,
        [eventId],
      )
    ).rows;
    expect(versions.map((v) => [v.version, v.change_kind, v.reason])).toEqual([
      [1, 'CREATED', null],
      [2, 'CORRECTED', reason],
    ]);
    expect(versions[0].record).toEqual(beforeRecord);
    expect(JSON.stringify(versions[1].record)).toContain('Trần Thị Thu Hương');
    expect((await one('SELECT version FROM civil_event WHERE id = $1', [eventId])).version).toBe(2);
    const names = (await db.query('SELECT full_name FROM party WHERE event_id = $1', [eventId])).rows;
    expect(names.map((n) => n.full_name)).toContain('Trần Thị Thu Hương');
    expect(
      (
        await one('SELECT message_type FROM outbox_message WHERE event_id = $1 AND event_version = 2', [
          eventId,
        ])
      ).message_type,
    ).toBe('BIRTH.UPDATED');
    const audit = await one(
      `SELECT actor_id, details FROM audit_log WHERE action = 'REGISTER.EVENT_CORRECTED' AND entity_id = $1`,
      [eventId],
    );
    expect(audit.actor_id).toBe(registrar.id);
    expect(audit.details).toMatchObject({ version: 2, previousVersion: 1, reason });
    // The audit names the fields changed, not their values (personal data).
    expect(JSON.stringify(audit.details)).not.toContain('Trần Thị Thu Hương');
    // The history is append-only: the database refuses to rewrite version 1.
    await expect(
      db.query(`UPDATE civil_event_version SET reason = 'x' WHERE event_id = $1 AND version = 1`, [eventId]),
    ).rejects.toThrow(/append-only/);

    const seen = await notices(supervisor);
    expect(seen.status).toBe(200);
    const notice = (seen.body.notices as Plain[]).find(
      (n) => n.eventId === eventId && n.changeKind === 'CORRECTED',
    );
    expect(notice).toMatchObject({
      eventVersion: 2,
      eventType: 'BIRTH',
      reason,
      actor: { type: 'USER', id: registrar.id, name: registrar.username },
      authorityCode,
      provinceCode: '01',
      read: false,
    });
    expect(notice?.changedFields.length).toBeGreaterThan(0);
    expect(seen.body.unread).toBeGreaterThanOrEqual(1);
    const elsewhere = await notices(otherSupervisor);
    expect(elsewhere.status).toBe(200);
    expect((elsewhere.body.notices as Plain[]).filter((n) => n.eventId === eventId)).toEqual([]);
    // The Ministry sees every province's notices.
    const ministry = await notices(h.admin);
    expect((ministry.body.notices as Plain[]).map((n) => n.id)).toContain(notice?.id);
    // The registrar who made the change is no supervisor: the list is not theirs to read.
    expect((await notices(registrar)).status).toBe(403);

    // Mark as read: for this supervisor only; another province's supervisor cannot reach it.
    const other = await h
      .http()
      .post(`/api/v1/notifications/${notice?.id}/read`)
      .set('authorization', `Bearer ${await token(otherSupervisor)}`);
    expect(other.status).toBe(404);
    const mark = await h
      .http()
      .post(`/api/v1/notifications/${notice?.id}/read`)
      .set('authorization', `Bearer ${await token(supervisor)}`);
    expect(mark.status).toBe(204);
    const unread = await notices(supervisor, '?unread=true');
    expect((unread.body.notices as Plain[]).map((n) => n.id)).not.toContain(notice?.id);
    expect(unread.body.unread).toBe(seen.body.unread - 1);
  });

  it('answers another commune’s officer as if the event did not exist, and records the attempt', async () => {
    const record = await corrected(eventId, 'Lê Thị Mai');
    const res = await correct(otherCommuneRegistrar, eventId, { record, reason: 'Thử', confirm: true });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('RECORD.NOT_FOUND');
    // Even without a reason: the event's existence is not leaked by a different error.
    const noReason = await correct(otherCommuneRegistrar, eventId, { record });
    expect(noReason.status).toBe(404);
    const missing = await correct(otherCommuneRegistrar, '00000000-0000-4000-8000-000000000000', {
      record,
      reason: 'Thử',
    });
    expect(Object.keys(res.body.error)).toEqual(Object.keys(missing.body.error));
    const recorded = await one(
      `SELECT count(*)::int AS n FROM audit_log
        WHERE action = 'ACCESS.OUTSIDE_JURISDICTION' AND actor_id = $1 AND entity_id = $2`,
      [otherCommuneRegistrar.id, eventId],
    );
    expect(recorded.n).toBe(2);
    const alert = await one(
      `SELECT count(*)::int AS n FROM security_alert WHERE kind = 'CROSS_JURISDICTION_ATTEMPT' AND actor_id = $1`,
      [otherCommuneRegistrar.id],
    );
    expect(alert.n).toBeGreaterThanOrEqual(1);
    expect((await one('SELECT version FROM civil_event WHERE id = $1', [eventId])).version).toBe(2);
  });

  it('lets the province supervisor correct an event of their province', async () => {
    const record = await corrected(eventId, 'Trần Thị Thu Hường');
    const res = await correct(supervisor, eventId, {
      record,
      reason: 'Sở Tư pháp cải chính theo hồ sơ gốc',
      confirm: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(3);
    const outside = await correct(otherSupervisor, eventId, { record, reason: 'Thử', confirm: true });
    expect(outside.status).toBe(404);
  });

  it('notifies the supervisor of an update from a source, with an automatic reason', async () => {
    // The source resends one of its records with a changed content: an update (UPDATED_BY_SOURCE).
    const original = sent.find((r) => r.source.sourceId === 'src-01') as Plain;
    const updated = structuredClone(original);
    const party = (updated.parties as Plain[]).find((p) => p.role === 'MOTHER') ?? updated.parties[0];
    party.person.fullName = 'Phạm Thị Cập Nhật';
    delete party.person.nameParts;
    const res = await h
      .http()
      .post('/api/v1/intake/records')
      .set('authorization', `Bearer ${apiKeys['01']}`)
      .send({ records: [updated] });
    expect(res.status).toBe(200);
    expect(res.body.outcomes[0]).toMatchObject({ outcome: 'updated', version: expect.any(Number) });
    const id = res.body.outcomes[0].registerId as string;
    const version = await one(
      `SELECT change_kind, reason FROM civil_event_version WHERE event_id = $1 ORDER BY version DESC LIMIT 1`,
      [id],
    );
    expect(version).toEqual({
      change_kind: 'UPDATED_BY_SOURCE',
      reason: 'Cập nhật từ hệ thống nguồn src-01',
    });
    const seen = await notices(supervisor);
    expect((seen.body.notices as Plain[]).find((n) => n.eventId === id)).toMatchObject({
      changeKind: 'UPDATED_BY_SOURCE',
      reason: 'Cập nhật từ hệ thống nguồn src-01',
      actor: { type: 'SOURCE', id: 'src-01' },
      provinceCode: '01',
    });
    const elsewhere = await notices(otherSupervisor);
    expect((elsewhere.body.notices as Plain[]).find((n) => n.eventId === id)).toBeUndefined();
  });

  it('flags a source update that replaces an official’s correction', async () => {
    const sourceRecordId = (await one('SELECT source_record_id FROM civil_event WHERE id = $1', [eventId]))
      .source_record_id as string;
    const stale = sent.find(
      (r) => r.source.sourceRecordId === sourceRecordId && r.source.sourceId === 'src-01',
    );
    expect(stale).toBeDefined();
    const res = await h
      .http()
      .post('/api/v1/intake/records')
      .set('authorization', `Bearer ${apiKeys['01']}`)
      .send({ records: [stale] });
    expect(res.body.outcomes[0]).toMatchObject({ outcome: 'updated', registerId: eventId, version: 4 });
    const list = (await notices(supervisor)).body.notices as Plain[];
    const byVersion = new Map(list.filter((n) => n.eventId === eventId).map((n) => [n.eventVersion, n]));
    expect(byVersion.get(4)).toMatchObject({ changeKind: 'UPDATED_BY_SOURCE', overridesCorrection: true });
    expect(byVersion.get(3)).toMatchObject({ changeKind: 'CORRECTED', overridesCorrection: false });
    expect(list.filter((n) => n.overridesCorrection).map((n) => n.eventId)).toEqual([eventId]);
  });
});
