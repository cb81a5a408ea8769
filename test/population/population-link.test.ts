import { jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import amqp from 'amqplib';
import pg from 'pg';
import request from 'supertest';

import { exampleBirth } from '../../contracts/v1/examples/example-records.js';
import { distinctBirth } from '../support/distinct-birth.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { NO_FAULTS } from '../../src/population-simulator/fault-controls.js';
import {
  startPopulationSimulator,
  type RunningSimulator,
} from '../../src/population-simulator/start-simulator.js';
import { startAuthHarness, type AuthHarness } from '../auth/auth-harness.js';
import type { TestApp } from '../support/test-app.js';

type Plain = Record<string, any>;

// Fault scenarios wait for retries and reconnects: well above Jest's default 5 s.
jest.setTimeout(90_000);

const AMQP_URL = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
// A prefix of its own per run: parallel runs on the same broker never see each other's messages.
const PREFIX = `poptest-${randomBytes(4).toString('hex')}`;
const ENV: Record<string, string> = {
  POPULATION_QUEUE_PREFIX: PREFIX,
  POPULATION_REPLY_TIMEOUT_MS: '400',
  POPULATION_RETRY_BASE_MS: '100',
  POPULATION_RETRY_CAP_MS: '1500',
  POPULATION_POLL_MS: '50',
  POPULATION_MAX_ATTEMPTS: '30',
};

/**
 * What a broker restart does to clients: every connection closed by the broker. Only this run's
 * connections (named after PREFIX), so that other test runs sharing the machine's RabbitMQ go on.
 */
async function brokerDropsOurConnections(): Promise<number> {
  const run = promisify(execFile);
  const { stdout } = await run('rabbitmqctl', [
    '-q',
    '--no-table-headers',
    'list_connections',
    'pid',
    'client_properties',
  ]);
  const pids = stdout
    .split('\n')
    .filter((line) => line.includes(PREFIX))
    .map((line) => line.split('\t')[0]);
  for (const pid of pids) await run('rabbitmqctl', ['-q', 'close_connection', pid, 'test: broker restart']);
  return pids.length;
}

let entry = 1000;
function birth(): Plain {
  const r: Plain = exampleBirth();
  entry += 1;
  r.source.sourceId = 'hn-pop';
  r.source.sourceRecordId = `POP-${entry}`;
  r.registerRef.entryNumber = String(entry);
  // Each birth its own child: matching refuses the same child registered twice (issue 4).
  return distinctBirth(r, entry);
}

describe('population-database link over RabbitMQ, with the simulator', () => {
  let h: AuthHarness;
  let t: TestApp;
  let sim: RunningSimulator | undefined;
  let db: pg.Client;
  let key: string;
  const saved: Record<string, string | undefined> = {};
  const http = () => request(t.app.getHttpServer());
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db.query(sql, params)).rows[0].n);

  const startSim = async () => {
    sim = await startPopulationSimulator(
      {
        amqpUrl: AMQP_URL,
        databaseUrl: t.databaseUrl,
        schema: 'population_sim_ext',
        queuePrefix: PREFIX,
        port: 0,
        host: '127.0.0.1',
        prefetch: 100,
        poolSize: 10,
        faults: { ...NO_FAULTS },
      },
      { logger: false },
    );
  };

  const register = async (n: number): Promise<string[]> => {
    const res = await http()
      .post('/api/v1/intake/records')
      .set('Authorization', `Bearer ${key}`)
      .send({ records: Array.from({ length: n }, birth) })
      .expect(200);
    expect(res.body.summary.accepted).toBe(n);
    return res.body.outcomes.map((o: Plain) => o.registerId as string);
  };

  const waitUntil = async (what: string, check: () => Promise<boolean>, ms = 30_000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const confirmed = (ids: string[]) =>
    count(`SELECT count(*) n FROM outbox_message WHERE event_id = ANY($1::uuid[]) AND status = 'CONFIRMED'`, [
      ids,
    ]);

  /** Exactly once in the simulator: one person per birth event, no number twice, one processed row per message. */
  const expectExactlyOnce = async (ids: string[]) => {
    expect(
      await count('SELECT count(*) n FROM population_sim_ext.person WHERE birth_event_id = ANY($1::uuid[])', [
        ids,
      ]),
    ).toBe(ids.length);
    expect(
      await count(
        `SELECT count(*) n FROM population_sim_ext.processed_message m JOIN outbox_message o ON o.message_id = m.message_id
          WHERE o.event_id = ANY($1::uuid[])`,
        [ids],
      ),
    ).toBe(ids.length);
    expect(
      await count(
        `SELECT count(*) n FROM (SELECT subject_pin FROM civil_event WHERE id = ANY($1::uuid[]) GROUP BY subject_pin HAVING count(*) > 1) d`,
        [ids],
      ),
    ).toBe(0);
    // The hub holds the very number the simulator issued, on the event and on the child.
    expect(
      await count(
        `SELECT count(*) n FROM civil_event e
           JOIN population_sim_ext.person p ON p.birth_event_id = e.id AND p.pin = e.subject_pin
           JOIN party c ON c.event_id = e.id AND c.role = 'CHILD' AND c.personal_id_number = p.pin
          WHERE e.id = ANY($1::uuid[])`,
        [ids],
      ),
    ).toBe(ids.length);
  };

  beforeAll(async () => {
    for (const [k, v] of Object.entries(ENV)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    h = await startAuthHarness({ AMQP_URL });
    t = h.t;
    key = (
      await t.app
        .get(SourceRegistryService)
        .createSource({ id: 'hn-pop', name: 'Hà Nội — thử liên thông', provinceCode: '01' })
    ).apiKey;
    db = new pg.Client(t.databaseUrl);
    await db.connect();
    await startSim();
  });

  afterAll(async () => {
    await sim?.close();
    await db?.end();
    await h?.close();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    const c = await amqp.connect(AMQP_URL);
    const ch = await c.createChannel();
    await ch.deleteQueue(`${PREFIX}.requests`);
    await ch.deleteQueue(`${PREFIX}.replies`);
    await c.close();
  });

  it('issues a birth a real-format personal ID number, seen through the confirmation API within seconds', async () => {
    const [eventId] = await register(1);
    const res = await http()
      .get(`/api/v1/population/events/${eventId}/confirmation?timeoutMs=10000`)
      .set('Authorization', `Bearer ${key}`)
      .expect(200);
    expect(res.body).toMatchObject({ eventId, status: 'CONFIRMED', timedOut: false });
    // 0 + province 01, 3 = a girl born in the 2000s, 25 = born 2025, then six random digits.
    expect(res.body.personalIdNumber).toMatch(/^001325\d{6}$/);
    expect(res.body.latencyMs).toBeGreaterThanOrEqual(0);
    await expectExactlyOnce([eventId]);
    expect(
      await count(
        `SELECT count(*) n FROM audit_log WHERE action = 'POPULATION.CONFIRMED' AND entity_id = $1`,
        [eventId],
      ),
    ).toBe(1);
    expect(
      await count(
        'SELECT count(*) n FROM outbox_attempt a JOIN outbox_message o ON o.id = a.outbox_id WHERE o.event_id = $1',
        [eventId],
      ),
    ).toBe(1);
  });

  it('keeps everything while the simulator is down and confirms each exactly once when it is back', async () => {
    await sim!.close();
    sim = undefined;
    const ids = await register(20);
    // While down, the relay sends again when no reply comes within the timeout: attempts grow.
    await waitUntil(
      'every message sent at least twice',
      async () =>
        (await count(
          'SELECT count(*) n FROM outbox_message WHERE event_id = ANY($1::uuid[]) AND attempts >= 2',
          [ids],
        )) === 20,
      20_000,
    );
    expect(await confirmed(ids)).toBe(0);
    await startSim();
    await waitUntil('all 20 confirmed', async () => (await confirmed(ids)) === 20);
    await expectExactlyOnce(ids);
  });

  it('detects the 10% the simulator silently drops, sends them again, and confirms all exactly once', async () => {
    sim!.faults.update({ dropRate: 0.1 });
    const ids = await register(100);
    await waitUntil('all 100 confirmed', async () => (await confirmed(ids)) === 100, 45_000);
    expect(sim!.consumer.counters.dropped).toBeGreaterThan(0);
    // The dropped ones needed a second attempt.
    expect(
      await count('SELECT count(*) n FROM outbox_message WHERE event_id = ANY($1::uuid[]) AND attempts > 1', [
        ids,
      ]),
    ).toBeGreaterThan(0);
    await expectExactlyOnce(ids);
    sim!.faults.update({ dropRate: 0 });
  });

  it('reconnects by itself when the broker drops every connection mid-run, and confirms all exactly once', async () => {
    const ids = await register(200);
    // Both the hub's and the simulator's connections go, with messages in flight both ways.
    expect(await brokerDropsOurConnections()).toBe(2);
    const more = await register(50);
    await waitUntil('all 250 confirmed', async () => (await confirmed([...ids, ...more])) === 250, 45_000);
    await expectExactlyOnce([...ids, ...more]);
  });

  it('counts malformed, unknown, duplicate and unknown-version replies without applying them or stopping', async () => {
    const [eventId] = await register(1);
    await waitUntil('confirmed', async () => (await confirmed([eventId])) === 1);
    const { rows } = await db.query(
      `SELECT m.reply FROM population_sim_ext.processed_message m JOIN outbox_message o ON o.message_id = m.message_id WHERE o.event_id = $1`,
      [eventId],
    );
    const stored = rows[0].reply as Plain;
    const before = await count(`SELECT count(*) n FROM audit_log WHERE action = 'POPULATION.CONFIRMED'`);
    // Earlier tests already produced duplicates (resends while the simulator was down): count from here.
    const kindsNow = async () =>
      Object.fromEntries(
        (await db.query('SELECT kind, count(*)::int n FROM population_reply_anomaly GROUP BY kind')).rows.map(
          (k) => [k.kind, k.n as number],
        ),
      ) as Record<string, number>;
    const start = await kindsNow();
    const startTotal = Object.values(start).reduce((a, b) => a + b, 0);
    const c = await amqp.connect(AMQP_URL);
    const ch = await c.createConfirmChannel();
    const send = (body: string) =>
      ch.sendToQueue(`${PREFIX}.replies`, Buffer.from(body), { persistent: true });
    send('{not json');
    send(JSON.stringify({ ...stored, messageId: randomUUID(), inReplyTo: randomUUID() }));
    send(JSON.stringify({ ...stored, messageId: randomUUID(), personalIdNumber: '001325999999' }));
    send(JSON.stringify({ ...stored, messageId: randomUUID(), schemaVersion: '9' }));
    // The same four kinds inside batch messages (PopulationReplyBatch), each judged on its own, and
    // a batch of an unknown schema version refused whole.
    send(
      JSON.stringify({
        schemaVersion: '1',
        messageId: randomUUID(),
        replies: [
          { ...stored, messageId: randomUUID(), inReplyTo: randomUUID() },
          { ...stored, messageId: randomUUID(), personalIdNumber: '001325999998' },
          { ...stored, messageId: 'not-an-id' },
        ],
      }),
    );
    send(JSON.stringify({ schemaVersion: '9', messageId: randomUUID(), replies: [{ ...stored }] }));
    await ch.waitForConfirms();
    await c.close();
    await waitUntil(
      '8 anomalies',
      async () => (await count('SELECT count(*) n FROM population_reply_anomaly')) >= startTotal + 8,
      10_000,
    );
    const end = await kindsNow();
    const delta = Object.fromEntries(
      Object.entries(end)
        .map(([k, n]) => [k, n - (start[k] ?? 0)])
        .filter(([, n]) => n !== 0),
    );
    expect(delta).toEqual({
      MALFORMED: 2,
      UNKNOWN_MESSAGE: 2,
      DUPLICATE: 2,
      UNKNOWN_SCHEMA_VERSION: 2,
    });
    // Not applied twice: the number is the first one, and no second audit entry.
    const held = await db.query('SELECT subject_pin FROM civil_event WHERE id = $1', [eventId]);
    expect(held.rows[0].subject_pin).toBe(stored.personalIdNumber);
    expect(await count(`SELECT count(*) n FROM audit_log WHERE action = 'POPULATION.CONFIRMED'`)).toBe(
      before,
    );
    // The consumer still works.
    const [next] = await register(1);
    await waitUntil('next confirmed', async () => (await confirmed([next])) === 1);
  });

  it('reports the service level to the Ministry IT monitor and refuses it without an official token', async () => {
    await http().get('/api/v1/population/operator/service-level').expect(401);
    // A source's API key is not an official's token.
    await http()
      .get('/api/v1/population/operator/service-level')
      .set('Authorization', `Bearer ${key}`)
      .expect(401);
    const monitor = await h.login(await h.createOfficial('MINISTRY_IT_MONITOR', 'BTP'));
    const res = await http()
      .get('/api/v1/population/operator/service-level')
      .set('Authorization', `Bearer ${monitor.accessToken}`)
      .expect(200);
    expect(res.body.jurisdiction).toEqual({ kind: 'ALL' });
    expect(res.body.lastHour.confirmed).toBeGreaterThanOrEqual(372);
    expect(res.body.lastHour.p99Ms).toBeGreaterThanOrEqual(res.body.lastHour.p50Ms);
    expect(res.body.replyAnomalies).toMatchObject({
      MALFORMED: 2,
      UNKNOWN_MESSAGE: 2,
      UNKNOWN_SCHEMA_VERSION: 2,
    });
    expect(res.body.replyAnomalies.DUPLICATE).toBeGreaterThanOrEqual(1);
    const source = res.body.byProvinceAndSource as Plain[];
    expect(source.every((g) => g.overBreach === 0)).toBe(true);
  });
});
