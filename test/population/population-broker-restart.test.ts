import { jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import amqp from 'amqplib';
import pg from 'pg';
import request from 'supertest';

import { exampleBirth } from '../../contracts/v1/examples/example-records.js';
import { distinctBirth } from '../support/distinct-birth.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { PopulationTransport } from '../../src/population/population-transport.port.js';
import { NO_FAULTS } from '../../src/population-simulator/fault-controls.js';
import {
  startPopulationSimulator,
  type RunningSimulator,
} from '../../src/population-simulator/start-simulator.js';
import { startAuthHarness, type AuthHarness } from '../auth/auth-harness.js';
import type { TestApp } from '../support/test-app.js';

type Plain = Record<string, any>;

jest.setTimeout(90_000);

const AMQP_URL = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const PREFIX = `poptest-restart-${randomBytes(4).toString('hex')}`;
const SCHEMA = 'population_sim_restart';
const ENV: Record<string, string> = {
  POPULATION_QUEUE_PREFIX: PREFIX,
  // Long: a request that reached the queue before the restart is confirmed only if the broker kept it
  // (the relay sends it again after 30–60 s, longer than this test runs).
  POPULATION_REPLY_TIMEOUT_MS: '30000',
  POPULATION_RETRY_BASE_MS: '100',
  // The cap bounds the reply wait too: it must not cut the 30 s above short.
  POPULATION_RETRY_CAP_MS: '60000',
  POPULATION_POLL_MS: '50',
  POPULATION_MAX_ATTEMPTS: '100',
};

const run = promisify(execFile);
const rabbitmqctl = async (...args: string[]): Promise<string> =>
  (await run('rabbitmqctl', ['-q', ...args], { timeout: 60_000 })).stdout;

/** The broker's connections of this run (named after PREFIX by the hub and the simulator). */
async function ourConnections(): Promise<string[]> {
  const out = await rabbitmqctl('--no-table-headers', 'list_connections', 'pid', 'client_properties');
  return out
    .split('\n')
    .filter((line) => line.includes(PREFIX))
    .map((line) => line.split('\t')[0]);
}

let brokerStopped = false;
/** Whatever happens in the test, the machine's broker runs again afterwards: every other test needs it. */
async function ensureBrokerRunning(): Promise<void> {
  if (brokerStopped) {
    await rabbitmqctl('start_app');
    brokerStopped = false;
  }
  await rabbitmqctl('await_startup');
}

let entry = 5000;
function birth(): Plain {
  const r: Plain = exampleBirth();
  entry += 1;
  r.source.sourceId = 'hn-restart';
  r.source.sourceRecordId = `RST-${entry}`;
  r.registerRef.entryNumber = String(entry);
  return distinctBirth(r, entry);
}

/**
 * RabbitMQ itself restarted mid-run (`rabbitmqctl stop_app` / `start_app`: the broker application
 * stops, every connection is closed, and only what is durable and persistent is there when it comes
 * back), while requests wait in the queue, the simulator works through them and the hub goes on
 * registering. Nothing is lost, nothing is issued twice: counted by queries at the end.
 */
describe('RabbitMQ restarted mid-run (the real broker)', () => {
  let h: AuthHarness;
  let t: TestApp;
  let sim: RunningSimulator | undefined;
  let db: pg.Client;
  let key: string;
  const saved: Record<string, string | undefined> = {};
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db.query(sql, params)).rows[0].n);

  const register = async (n: number): Promise<string[]> => {
    const res = await request(t.app.getHttpServer())
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

  const withStatus = (ids: string[], status: string) =>
    count('SELECT count(*) n FROM outbox_message WHERE event_id = ANY($1::uuid[]) AND status = $2', [
      ids,
      status,
    ]);

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
        .createSource({ id: 'hn-restart', name: 'Hà Nội — thử khởi động lại RabbitMQ', provinceCode: '01' })
    ).apiKey;
    db = new pg.Client(t.databaseUrl);
    await db.connect();
    sim = await startPopulationSimulator(
      {
        amqpUrl: AMQP_URL,
        databaseUrl: t.databaseUrl,
        schema: SCHEMA,
        queuePrefix: PREFIX,
        port: 0,
        host: '127.0.0.1',
        // A narrow window and some latency: the queue drains over seconds, so the restart meets
        // requests waiting, requests taken but not yet acknowledged, and replies on their way.
        prefetch: 10,
        poolSize: 5,
        faults: { ...NO_FAULTS, outage: true },
      },
      { logger: false },
    );
  });

  afterAll(async () => {
    await ensureBrokerRunning();
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

  it('loses nothing and issues no number twice; hub and simulator reconnect by themselves', async () => {
    // 1. 150 requests published and confirmed by the broker, waiting in the queue (simulator paused).
    const queued = await register(150);
    await waitUntil('150 published once', async () => (await withStatus(queued, 'PUBLISHED')) === 150);
    const before = await ourConnections();
    expect(before).toHaveLength(2);

    // 2. The simulator starts working through them; the hub goes on registering all along.
    sim!.faults.update({ outage: false, latencyMs: 150 });
    const during: string[] = [];
    let registering = true;
    const registrar = (async () => {
      while (registering) {
        during.push(...(await register(10)));
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await waitUntil('the first confirmations', async () => (await withStatus(queued, 'CONFIRMED')) > 0);

    // 3. The broker application stops and starts again, with most of the queue still waiting.
    const confirmedBefore = await withStatus(queued, 'CONFIRMED');
    expect(confirmedBefore).toBeLessThan(150);
    const restartStarted = Date.now();
    try {
      brokerStopped = true;
      await rabbitmqctl('stop_app');
      await new Promise((r) => setTimeout(r, 1_000)); // the hub keeps registering meanwhile
      await rabbitmqctl('start_app');
      brokerStopped = false;
      await rabbitmqctl('await_startup');
    } finally {
      await ensureBrokerRunning();
    }
    const restartMs = Date.now() - restartStarted;
    // Registrations during the outage could not be published: failed attempts, retried with backoff.
    const registeredAtRestart = during.length;
    await waitUntil('registrations after the restart', () =>
      Promise.resolve(during.length >= registeredAtRestart + 30),
    );
    registering = false;
    await registrar;
    sim!.faults.update({ latencyMs: 0 });

    // 4. Everything confirmed, exactly once.
    const all = [...queued, ...during];
    await waitUntil(
      `all ${all.length} confirmed`,
      async () => (await withStatus(all, 'CONFIRMED')) === all.length,
      45_000,
    );
    // New connections: both sides reconnected by themselves.
    const after = await ourConnections();
    expect(after).toHaveLength(2);
    expect(after.filter((pid) => before.includes(pid))).toEqual([]);
    expect(t.app.get(PopulationTransport).describe()).toEqual({ kind: 'AMQP', connected: true });
    // The queued requests were not sent again (the reply timeout is longer than the test): the
    // broker kept them through its restart.
    expect(
      await count('SELECT count(*) n FROM outbox_message WHERE event_id = ANY($1::uuid[]) AND attempts = 1', [
        queued,
      ]),
    ).toBe(150);
    expect(
      await count(
        `SELECT count(*) n FROM outbox_attempt a JOIN outbox_message o ON o.id = a.outbox_id
          WHERE o.event_id = ANY($1::uuid[]) AND a.outcome = 'PUBLISH_FAILED'`,
        [during],
      ),
    ).toBeGreaterThan(0);
    // One person per birth, one processed message per request, no number twice, the hub holds it.
    expect(
      await count(`SELECT count(*) n FROM ${SCHEMA}.person WHERE birth_event_id = ANY($1::uuid[])`, [all]),
    ).toBe(all.length);
    expect(
      await count(
        `SELECT count(*) n FROM ${SCHEMA}.processed_message m JOIN outbox_message o ON o.message_id = m.message_id
          WHERE o.event_id = ANY($1::uuid[])`,
        [all],
      ),
    ).toBe(all.length);
    expect(
      await count(
        `SELECT count(*) n FROM (SELECT pin FROM ${SCHEMA}.person GROUP BY pin HAVING count(*) > 1) d`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*) n FROM civil_event e
           JOIN ${SCHEMA}.person p ON p.birth_event_id = e.id AND p.pin = e.subject_pin
           JOIN party c ON c.event_id = e.id AND c.role = 'CHILD' AND c.personal_id_number = p.pin
          WHERE e.id = ANY($1::uuid[])`,
        [all],
      ),
    ).toBe(all.length);
    expect(
      await count(
        `SELECT count(*) n FROM audit_log WHERE action = 'POPULATION.CONFIRMED' AND entity_id = ANY($1::text[])`,
        [all],
      ),
    ).toBe(all.length);
    // stop_app … await_startup took about 8 s here (load 11); the whole test stays under a minute.
    expect(restartMs).toBeLessThan(60_000);
  });
});
