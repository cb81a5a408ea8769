import { jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import pg from 'pg';
import request from 'supertest';

import { exampleBirth, exampleDeath } from '../../contracts/v1/examples/example-records.js';
import { distinctBirth } from '../support/distinct-birth.js';
import { AuditSealerService } from '../../src/audit/audit-sealer.service.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { NO_FAULTS } from '../../src/population-simulator/fault-controls.js';
import { startPopulationSimulator } from '../../src/population-simulator/start-simulator.js';
import { startAuthHarness, type AuthHarness } from '../auth/auth-harness.js';
import type { TestApp } from '../support/test-app.js';

type Plain = Record<string, any>;

// Fault scenarios wait for retries and reconnects: well above Jest's default 5 s.
jest.setTimeout(90_000);

async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

async function sourceKey(t: TestApp, id: string): Promise<string> {
  return (await t.app.get(SourceRegistryService).createSource({ id, name: 'Hà Nội', provinceCode: '01' }))
    .apiKey;
}

function record(make: () => Plain, sourceId: string, entry: string): Plain {
  const r = make();
  r.source.sourceId = sourceId;
  r.source.sourceRecordId = `R-${entry}`;
  r.registerRef.entryNumber = entry;
  // Each birth its own child: matching refuses the same child registered twice (issue 4).
  return make === exampleBirth ? distinctBirth(r, Number(entry)) : r;
}

describe('embedded default: no AMQP_URL, the simulator in process', () => {
  let h: AuthHarness;
  let t: TestApp;
  let key: string;
  let db: pg.Client;

  beforeAll(async () => {
    h = await withEnv({ POPULATION_POLL_MS: '50' }, () => startAuthHarness());
    t = h.t;
    key = await sourceKey(t, 'hn-embedded');
    db = new pg.Client(t.databaseUrl);
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await h?.close();
  });

  /** An official's access token (TOTP included for the province and Ministry roles). */
  const tokenOf = async (role: string, authorityCode: string): Promise<{ id: string; token: string }> => {
    const official = await h.createOfficial(role, authorityCode);
    return { id: official.id, token: (await h.login(official)).accessToken };
  };
  /** A commune and its Sở Tư pháp outside province 01 (the example records' Hà Nội). */
  const elsewhere = () =>
    h.authorities.provinceA === 'STP-01'
      ? { commune: h.authorities.communeB, province: h.authorities.provinceB }
      : { commune: h.authorities.communeA, province: h.authorities.provinceA };
  const submit = async (entry: string): Promise<string> => {
    const res = await request(t.app.getHttpServer())
      .post('/api/v1/intake/records')
      .set('Authorization', `Bearer ${key}`)
      .send({ records: [record(exampleBirth, 'hn-embedded', entry)] })
      .expect(200);
    return res.body.outcomes[0].registerId as string;
  };

  it('confirms a birth with a number and rejects the death of an unknown person with a reason', async () => {
    const res = await request(t.app.getHttpServer())
      .post('/api/v1/intake/records')
      .set('Authorization', `Bearer ${key}`)
      .send({
        records: [record(exampleBirth, 'hn-embedded', '501'), record(exampleDeath, 'hn-embedded', '502')],
      })
      .expect(200);
    const [birthId, deathId] = res.body.outcomes.map((o: Plain) => o.registerId as string);
    const wait = (id: string) =>
      request(t.app.getHttpServer())
        .get(`/api/v1/population/events/${id}/confirmation?timeoutMs=10000`)
        .set('Authorization', `Bearer ${key}`)
        .expect(200);
    const birth = await wait(birthId);
    expect(birth.body).toMatchObject({ status: 'CONFIRMED' });
    expect(birth.body.personalIdNumber).toMatch(/^001325\d{6}$/);
    const death = await wait(deathId);
    expect(death.body.status).toBe('REJECTED');
    expect(['UNKNOWN_PERSON', 'INCOMPLETE_REQUEST']).toContain(death.body.rejection.code);
    expect(death.body.rejection.reason).toMatch(/số định danh cá nhân/);
  });

  it('refuses to show another source its events', async () => {
    const other = await sourceKey(t, 'hn-other');
    const res = await request(t.app.getHttpServer())
      .post('/api/v1/intake/records')
      .set('Authorization', `Bearer ${key}`)
      .send({ records: [record(exampleBirth, 'hn-embedded', '503')] })
      .expect(200);
    await request(t.app.getHttpServer())
      .get(`/api/v1/population/events/${res.body.outcomes[0].registerId}/confirmation?timeoutMs=0`)
      .set('Authorization', `Bearer ${other}`)
      .expect(404);
  });

  it('lets an official wait for an event of their jurisdiction, and answers outside it as for no event', async () => {
    const eventId = await submit('504');
    const { id: registrarId, token: registrar } = await tokenOf('REGISTRAR', 'UBND-X-00004');
    const mine = await request(t.app.getHttpServer())
      .get(`/api/v1/register/events/${eventId}/population-confirmation?timeoutMs=10000`)
      .set('Authorization', `Bearer ${registrar}`)
      .expect(200);
    expect(mine.body).toMatchObject({ eventId, status: 'CONFIRMED', timedOut: false });
    expect(mine.body.personalIdNumber).toMatch(/^001325\d{6}$/);
    // The read is audited with the official as actor, without the number itself.
    await t.app.get(AuditSealerService).sealNow();
    const reads = await db.query(
      `SELECT l.actor_type, l.details, k.seq FROM audit_log l LEFT JOIN audit_link k ON k.audit_id = l.id
        WHERE l.action = 'POPULATION.CONFIRMATION_READ' AND l.entity_id = $1`,
      [eventId],
    );
    expect(reads.rows).toHaveLength(1);
    expect(reads.rows[0]).toMatchObject({ actor_type: 'USER', details: { status: 'CONFIRMED' } });
    expect(reads.rows[0].seq).not.toBeNull();
    expect(JSON.stringify(reads.rows[0].details)).not.toContain(mine.body.personalIdNumber);
    const auditedActor = await db.query(
      `SELECT actor_id FROM audit_log WHERE action = 'POPULATION.CONFIRMATION_READ' AND entity_id = $1`,
      [eventId],
    );
    expect(auditedActor.rows[0].actor_id).toBe(registrarId);

    // The province's Sở Tư pháp reaches it too; a commune of another province does not.
    await request(t.app.getHttpServer())
      .get(`/api/v1/register/events/${eventId}/population-confirmation?timeoutMs=0`)
      .set('Authorization', `Bearer ${(await tokenOf('PROVINCE_SUPERVISOR', 'STP-01')).token}`)
      .expect(200);
    const outsider = await tokenOf('REGISTRAR', elsewhere().commune);
    const outside = await request(t.app.getHttpServer())
      .get(`/api/v1/register/events/${eventId}/population-confirmation?timeoutMs=0`)
      .set('Authorization', `Bearer ${outsider.token}`)
      .expect(404);
    const missingId = '00000000-0000-4000-8000-000000000000';
    const missing = await request(t.app.getHttpServer())
      .get(`/api/v1/register/events/${missingId}/population-confirmation?timeoutMs=0`)
      .set('Authorization', `Bearer ${outsider.token}`)
      .expect(404);
    expect(outside.body.error.code).toBe('RECORD.NOT_FOUND');
    expect(outside.body.error.message.replace(eventId, 'ID')).toBe(
      missing.body.error.message.replace(missingId, 'ID'),
    );
    expect(JSON.stringify(outside.body)).not.toMatch(/001325\d{6}/);
    const recorded = await db.query(
      `SELECT count(*)::int n FROM audit_log WHERE action = 'ACCESS.OUTSIDE_JURISDICTION' AND actor_id = $1 AND entity_id = $2`,
      [outsider.id, eventId],
    );
    expect(recorded.rows[0].n).toBe(1);
    const alerts = await db.query(
      `SELECT count(*)::int n FROM security_alert WHERE kind = 'CROSS_JURISDICTION_ATTEMPT' AND actor_id = $1`,
      [outsider.id],
    );
    expect(alerts.rows[0].n).toBe(1);
    // A bad wait is refused before anything is read.
    const bad = await request(t.app.getHttpServer())
      .get(`/api/v1/register/events/${eventId}/population-confirmation?timeoutMs=61000`)
      .set('Authorization', `Bearer ${registrar}`)
      .expect(400);
    expect(bad.body.error.code).toBe('POPULATION.BAD_TIMEOUT');
  });

  it('shows the service level to the Ministry in full and to a Sở Tư pháp for its own province only', async () => {
    // Answered before the views are compared, so that both count the same answers.
    const answered = await request(t.app.getHttpServer())
      .get(`/api/v1/population/events/${await submit('505')}/confirmation?timeoutMs=10000`)
      .set('Authorization', `Bearer ${key}`)
      .expect(200);
    expect(answered.body.status).toBe('CONFIRMED');
    const level = (token: string) =>
      request(t.app.getHttpServer())
        .get('/api/v1/population/operator/service-level')
        .set('Authorization', `Bearer ${token}`);
    const ministry = await level((await tokenOf('MINISTRY_IT_MONITOR', 'BTP')).token).expect(200);
    expect(ministry.body.jurisdiction).toEqual({ kind: 'ALL' });
    expect(ministry.body.lastHour.confirmed).toBeGreaterThanOrEqual(3);
    expect(ministry.body.replyAnomalies).toEqual(expect.any(Object));

    const own = await level((await tokenOf('PROVINCE_SUPERVISOR', 'STP-01')).token).expect(200);
    expect(own.body.jurisdiction).toEqual({ kind: 'PROVINCE', provinceCode: '01' });
    expect(own.body.lastHour).toEqual(ministry.body.lastHour);
    expect(own.body).not.toHaveProperty('replyAnomalies');

    const other = await level((await tokenOf('PROVINCE_SUPERVISOR', elsewhere().province)).token).expect(200);
    expect(other.body.lastHour).toMatchObject({ confirmed: 0, rejected: 0 });
    expect(other.body.byProvinceAndSource).toEqual([]);

    // A commune's registrar has no monitoring permission at all.
    const refused = await level((await tokenOf('REGISTRAR', 'UBND-X-00004')).token).expect(403);
    expect(refused.body.error.code).toBe('AUTH.FORBIDDEN');
    await request(t.app.getHttpServer()).get('/api/v1/population/operator/service-level').expect(401);
  });
});

describe('dead letters and operator replay (RabbitMQ)', () => {
  const AMQP_URL = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
  const PREFIX = `poptest-dead-${randomBytes(4).toString('hex')}`;
  let h: AuthHarness;
  let t: TestApp;

  beforeAll(async () => {
    h = await withEnv(
      {
        POPULATION_QUEUE_PREFIX: PREFIX,
        POPULATION_REPLY_TIMEOUT_MS: '200',
        POPULATION_RETRY_BASE_MS: '100',
        POPULATION_RETRY_CAP_MS: '400',
        POPULATION_POLL_MS: '50',
        POPULATION_MAX_ATTEMPTS: '2',
      },
      () => startAuthHarness({ AMQP_URL }),
    );
    t = h.t;
  });
  afterAll(async () => {
    await h?.close();
    const c = await amqp.connect(AMQP_URL);
    const ch = await c.createChannel();
    await ch.deleteQueue(`${PREFIX}.requests`);
    await ch.deleteQueue(`${PREFIX}.replies`);
    await c.close();
  });

  it('dead-letters a message nobody answers, with its last error, and confirms it once replayed', async () => {
    const key = await sourceKey(t, 'hn-dead');
    const monitor = await h.createOfficial('MINISTRY_IT_MONITOR', 'BTP');
    const monitorToken = (await h.login(monitor)).accessToken;
    const supervisor = (await h.login(await h.createOfficial('PROVINCE_SUPERVISOR', 'STP-01'))).accessToken;
    const res = await request(t.app.getHttpServer())
      .post('/api/v1/intake/records')
      .set('Authorization', `Bearer ${key}`)
      .send({ records: [record(exampleBirth, 'hn-dead', '601')] })
      .expect(200);
    const eventId = res.body.outcomes[0].registerId as string;
    const db = new pg.Client(t.databaseUrl);
    await db.connect();
    try {
      const row = async () =>
        (
          await db.query(
            'SELECT message_id, status, last_error, attempts FROM outbox_message WHERE event_id = $1',
            [eventId],
          )
        ).rows[0] as Plain;
      const deadline = Date.now() + 15_000;
      while ((await row()).status !== 'DEAD' && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      const dead = await row();
      expect(dead).toMatchObject({ status: 'DEAD', attempts: 2 });
      expect(dead.last_error).toMatch(/^POPULATION\.NO_REPLY/);
      const deadAudit = await db.query(
        `SELECT count(*)::int n, count(*) FILTER (WHERE entity_id = $1)::int mine FROM audit_log WHERE action = 'POPULATION.DEAD_LETTERED'`,
        [eventId],
      );
      expect(deadAudit.rows[0]).toEqual({ n: 1, mine: 1 });
      const overdue = await request(t.app.getHttpServer())
        .get('/api/v1/population/operator/overdue?minAgeMs=0')
        .set('Authorization', `Bearer ${monitorToken}`)
        .expect(200);
      expect(overdue.body.map((o: Plain) => o.messageId)).toContain(dead.message_id);
      // The province's Sở Tư pháp sees it among its overdue messages, but may not send it again.
      const seen = await request(t.app.getHttpServer())
        .get('/api/v1/population/operator/overdue?minAgeMs=0')
        .set('Authorization', `Bearer ${supervisor}`)
        .expect(200);
      expect(seen.body.map((o: Plain) => o.messageId)).toContain(dead.message_id);
      const elsewhere =
        h.authorities.provinceA === 'STP-01' ? h.authorities.provinceB : h.authorities.provinceA;
      const notSeen = await request(t.app.getHttpServer())
        .get('/api/v1/population/operator/overdue?minAgeMs=0')
        .set(
          'Authorization',
          `Bearer ${(await h.login(await h.createOfficial('PROVINCE_SUPERVISOR', elsewhere))).accessToken}`,
        )
        .expect(200);
      expect(notSeen.body).toEqual([]);
      const refused = await request(t.app.getHttpServer())
        .post(`/api/v1/population/operator/messages/${dead.message_id}/replay`)
        .set('Authorization', `Bearer ${supervisor}`)
        .expect(403);
      expect(refused.body.error.message).toContain('population.replay');
      expect((await row()).status).toBe('DEAD');

      const sim = await startPopulationSimulator(
        {
          amqpUrl: AMQP_URL,
          databaseUrl: t.databaseUrl,
          schema: 'population_sim_dead',
          queuePrefix: PREFIX,
          port: 0,
          host: '127.0.0.1',
          prefetch: 10,
          poolSize: 10,
          faults: { ...NO_FAULTS },
        },
        { logger: false },
      );
      try {
        await request(t.app.getHttpServer())
          .post(`/api/v1/population/operator/messages/${dead.message_id}/replay`)
          .set('Authorization', `Bearer ${monitorToken}`)
          .expect(201);
        // Audited in the hash chain (a link's seq), with the official as actor.
        await t.app.get(AuditSealerService).sealNow();
        const replayed = await db.query(
          `SELECT l.actor_type, l.actor_id, l.entity_id, l.province_code, l.details, k.seq
             FROM audit_log l LEFT JOIN audit_link k ON k.audit_id = l.id WHERE l.action = 'POPULATION.REPLAYED'`,
        );
        expect(replayed.rows).toHaveLength(1);
        expect(replayed.rows[0]).toMatchObject({
          actor_type: 'USER',
          actor_id: monitor.id,
          entity_id: eventId,
          province_code: '01',
          details: { messageId: dead.message_id, attemptsBefore: 2 },
        });
        expect(replayed.rows[0].seq).not.toBeNull();
        const answer = await request(t.app.getHttpServer())
          .get(`/api/v1/population/events/${eventId}/confirmation?timeoutMs=10000`)
          .set('Authorization', `Bearer ${key}`)
          .expect(200);
        expect(answer.body.status).toBe('CONFIRMED');
        // The earlier, unanswered copies were still queued: the simulator answered them from its
        // record of the message id; one number only.
        const pins = await db.query(
          'SELECT count(*)::int n FROM population_sim_dead.person WHERE birth_event_id = $1',
          [eventId],
        );
        expect(pins.rows[0].n).toBe(1);
        expect(await row()).toMatchObject({ status: 'CONFIRMED' });
        // The Ministry's administrator holds the permission too; a message no longer dead is refused.
        const again = await request(t.app.getHttpServer())
          .post(`/api/v1/population/operator/messages/${dead.message_id}/replay`)
          .set('Authorization', `Bearer ${(await h.login(h.admin)).accessToken}`)
          .expect(409);
        expect(again.body.error.code).toBe('POPULATION.NOT_DEAD_LETTER');
      } finally {
        await sim.close();
      }
    } finally {
      await db.end();
    }
  });
});
