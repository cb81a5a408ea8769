import { jest } from '@jest/globals';
import pg from 'pg';
import { SecurityAlertService } from '../../src/alerts/security-alert.service.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { createRecordGenerator, loadGeneratorReferenceData } from '../generators/index.js';
import { startAuthHarness, type AuthHarness } from './auth-harness.js';

jest.setTimeout(60_000);

/** Issue 6 point 6: alerts recorded with severity, listed through the API within jurisdiction. */
describe('security alerts', () => {
  let h: AuthHarness;
  let db: pg.Client;
  beforeAll(async () => {
    h = await startAuthHarness();
    db = new pg.Client(h.t.databaseUrl);
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await h?.close();
  });

  const list = async (token: string) =>
    (await h.http().get('/api/v1/security/alerts').set('authorization', `Bearer ${token}`)).body
      .alerts as Array<{
      kind: string;
      severity: string;
      actorId: string;
      provinceCode: string | null;
      message: string;
    }>;

  it('raises one alert when a source submits records of another province, seen by that province and the Ministry', async () => {
    const { apiKey } = await h.t.app
      .get(SourceRegistryService)
      .createSource({ id: 'hp-legacy', name: 'Hải Phòng', provinceCode: '31' });
    const records = [
      ...createRecordGenerator({
        referenceData: await loadGeneratorReferenceData(),
        seed: 77,
        sourceId: 'hp-legacy',
        provinceCode: '01', // Hà Nội's authorities, sent by Hải Phòng's system
        eventTypes: ['BIRTH'],
        today: h.clock.today(),
      }).take(5),
    ].map((g) => g.record);
    const res = await h
      .http()
      .post('/api/v1/intake/records')
      .set('authorization', `Bearer ${apiKey}`)
      .send({ records });
    expect(res.body.summary.rejected).toBe(5);

    const hp = await h.createOfficial('PROVINCE_SUPERVISOR', 'STP-31');
    const hn = await h.createOfficial('PROVINCE_SUPERVISOR', 'STP-01');
    const mine = await list((await h.login(hp)).accessToken);
    expect(mine).toEqual([
      expect.objectContaining({
        kind: 'SOURCE_OUTSIDE_PROVINCE',
        severity: 'HIGH',
        actorId: 'hp-legacy',
        provinceCode: '31',
      }),
    ]);
    expect(mine[0].message).toContain('5 hồ sơ');
    expect(await list((await h.login(hn)).accessToken)).toEqual([]);
    const all = await list((await h.login(h.admin)).accessToken);
    expect(all.map((a) => a.kind)).toContain('SOURCE_OUTSIDE_PROVINCE');
  });

  it('raises a mass-read alert once per window, and again after it', async () => {
    const alerts = h.t.app.get(SecurityAlertService);
    const reader = await h.createOfficial('REGISTRAR', h.authorities.communeA);
    await alerts.onRecordsRead(reader.id, 300, 'READ');
    const count = async () =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM security_alert WHERE kind = 'MASS_READ' AND actor_id = $1`,
          [reader.id],
        )
      ).rows[0].n;
    expect(await count()).toBe(0);
    await alerts.onRecordsRead(reader.id, 250, 'READ');
    expect(await count()).toBe(1);
    await alerts.onRecordsRead(reader.id, 10, 'READ');
    expect(await count()).toBe(1);
    h.clock.advance(11 * 60_000);
    await alerts.onRecordsRead(reader.id, 10, 'READ');
    expect(await count()).toBe(2);
    const audited = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'SECURITY.ALERT_RAISED' AND details->>'kind' = 'MASS_READ'`,
    );
    expect(audited.rows[0].n).toBe(2);
  });

  it('raises a burst alert for many failed logins from one address', async () => {
    for (let i = 0; i < 20; i++)
      await h
        .http()
        .post('/api/v1/auth/login')
        .send({ username: `ai-do-${i}`, password: 'sai' });
    const [row] = (
      await db.query(
        `SELECT severity, actor_type, message FROM security_alert WHERE kind = 'FAILED_LOGIN_BURST'`,
      )
    ).rows;
    expect(row).toMatchObject({ severity: 'HIGH', actor_type: 'ANONYMOUS' });
    expect(row.message).toContain('20 lần');
  });
});
