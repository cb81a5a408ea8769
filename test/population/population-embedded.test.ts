import { jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import pg from 'pg';
import request from 'supertest';

import { exampleBirth, exampleDeath } from '../../contracts/v1/examples/example-records.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { NO_FAULTS } from '../../src/population-simulator/fault-controls.js';
import { startPopulationSimulator } from '../../src/population-simulator/start-simulator.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

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
  return r;
}

describe('embedded default: no AMQP_URL, the simulator in process', () => {
  let t: TestApp;
  let key: string;

  beforeAll(async () => {
    t = await withEnv({ POPULATION_POLL_MS: '50' }, () => startTestApp());
    key = await sourceKey(t, 'hn-embedded');
  });
  afterAll(async () => t?.close());

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
});

describe('dead letters and operator replay (RabbitMQ)', () => {
  const AMQP_URL = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
  const PREFIX = `poptest-dead-${randomBytes(4).toString('hex')}`;
  const TOKEN = randomBytes(24).toString('hex');
  let t: TestApp;

  beforeAll(async () => {
    t = await withEnv(
      {
        POPULATION_QUEUE_PREFIX: PREFIX,
        POPULATION_REPLY_TIMEOUT_MS: '200',
        POPULATION_RETRY_BASE_MS: '100',
        POPULATION_RETRY_CAP_MS: '400',
        POPULATION_POLL_MS: '50',
        POPULATION_MAX_ATTEMPTS: '2',
        HUB_OPERATOR_TOKEN: TOKEN,
      },
      () => startTestApp({ env: { AMQP_URL } }),
    );
  });
  afterAll(async () => {
    await t?.close();
    const c = await amqp.connect(AMQP_URL);
    const ch = await c.createChannel();
    await ch.deleteQueue(`${PREFIX}.requests`);
    await ch.deleteQueue(`${PREFIX}.replies`);
    await c.close();
  });

  it('dead-letters a message nobody answers, with its last error, and confirms it once replayed', async () => {
    const key = await sourceKey(t, 'hn-dead');
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
        .set('Authorization', `Bearer ${TOKEN}`)
        .expect(200);
      expect(overdue.body.map((o: Plain) => o.messageId)).toContain(dead.message_id);

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
          .set('Authorization', `Bearer ${TOKEN}`)
          .expect(201);
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
        await request(t.app.getHttpServer())
          .post(`/api/v1/population/operator/messages/${dead.message_id}/replay`)
          .set('Authorization', `Bearer ${TOKEN}`)
          .expect(409);
      } finally {
        await sim.close();
      }
    } finally {
      await db.end();
    }
  });
});
