import { jest } from '@jest/globals';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
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
import { startTestApp, type TestApp } from '../support/test-app.js';

type Plain = Record<string, any>;

jest.setTimeout(180_000);

const AMQP_URL = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const PREFIX = `poptest-kill-${randomBytes(4).toString('hex')}`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * The hub killed with SIGKILL mid-run and started again: a real process (the compiled hub,
 * dist/src/main.js), so nothing of it survives the kill but what it committed to PostgreSQL and
 * RabbitMQ. The registering hub of this test has its relay off; only the child processes relay.
 */
describe('hub killed with SIGKILL mid-run, then restarted', () => {
  let t: TestApp;
  let sim: RunningSimulator;
  let db: pg.Client;
  const children: ChildProcess[] = [];

  const startHub = async (): Promise<ChildProcess> => {
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/src/main.js'], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        PORT: String(port),
        DATABASE_URL: t.databaseUrl,
        DB_POOL_SIZE: '5',
        AMQP_URL,
        POPULATION_QUEUE_PREFIX: PREFIX,
        POPULATION_REPLY_TIMEOUT_MS: '1000',
        POPULATION_RETRY_BASE_MS: '100',
        POPULATION_RETRY_CAP_MS: '2000',
        POPULATION_POLL_MS: '50',
        POPULATION_BATCH_SIZE: '50',
        POPULATION_MAX_ATTEMPTS: '50',
      },
      stdio: 'ignore',
    });
    children.push(child);
    return child;
  };

  beforeAll(async () => {
    // The child runs the compiled hub: build it from this checkout (a few seconds with tsc).
    await promisify(execFile)(process.execPath, [
      'node_modules/typescript/bin/tsc',
      '-p',
      'tsconfig.build.json',
    ]);
    expect(existsSync('dist/src/main.js')).toBe(true);
    const saved = process.env.POPULATION_RELAY_ENABLED;
    process.env.POPULATION_RELAY_ENABLED = 'false';
    try {
      t = await startTestApp();
    } finally {
      if (saved === undefined) delete process.env.POPULATION_RELAY_ENABLED;
      else process.env.POPULATION_RELAY_ENABLED = saved;
    }
    db = new pg.Client(t.databaseUrl);
    await db.connect();
    sim = await startPopulationSimulator(
      {
        amqpUrl: AMQP_URL,
        databaseUrl: t.databaseUrl,
        schema: 'population_sim_kill',
        queuePrefix: PREFIX,
        port: 0,
        host: '127.0.0.1',
        prefetch: 5,
        poolSize: 10,
        // Slow enough that the kill lands with work in flight both ways.
        faults: { ...NO_FAULTS, latencyMs: 20 },
      },
      { logger: false },
    );
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    await sim?.close();
    await db?.end();
    await t?.close();
    const c = await amqp.connect(AMQP_URL);
    const ch = await c.createChannel();
    await ch.deleteQueue(`${PREFIX}.requests`);
    await ch.deleteQueue(`${PREFIX}.replies`);
    await c.close();
  });

  it('loses nothing and issues no number twice', async () => {
    const key = (
      await t.app
        .get(SourceRegistryService)
        .createSource({ id: 'hn-kill', name: 'Hà Nội', provinceCode: '01' })
    ).apiKey;
    const records = Array.from({ length: 400 }, (_, i) => {
      const r: Plain = exampleBirth();
      r.source.sourceId = 'hn-kill';
      r.source.sourceRecordId = `K-${i}`;
      r.registerRef.entryNumber = String(7000 + i);
      // Each birth its own child: matching refuses the same child registered twice (issue 4).
      return distinctBirth(r, i);
    });
    const res = await request(t.app.getHttpServer())
      .post('/api/v1/intake/records')
      .set('Authorization', `Bearer ${key}`)
      .send({ records })
      .expect(200);
    expect(res.body.summary.accepted).toBe(400);
    const n = async (sql: string) => Number((await db.query(sql)).rows[0].n);
    const confirmed = () => n(`SELECT count(*) n FROM outbox_message WHERE status = 'CONFIRMED'`);
    const until = async (what: string, check: () => Promise<boolean>, ms: number) => {
      const deadline = Date.now() + ms;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    const first = await startHub();
    await until('some confirmed', async () => (await confirmed()) >= 40, 60_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = await confirmed();
    expect(atKill).toBeLessThan(400);

    await startHub();
    await until('all 400 confirmed', async () => (await confirmed()) === 400, 120_000);

    // Counted by queries: one person per birth in the simulator, each number once, each message once.
    expect(await n('SELECT count(*) n FROM population_sim_kill.person')).toBe(400);
    expect(await n('SELECT count(DISTINCT pin) n FROM population_sim_kill.person')).toBe(400);
    expect(await n('SELECT count(*) n FROM population_sim_kill.processed_message')).toBe(400);
    expect(
      await n(`SELECT count(*) n FROM civil_event e JOIN population_sim_kill.person p
                 ON p.birth_event_id = e.id AND p.pin = e.subject_pin`),
    ).toBe(400);
    expect(await n(`SELECT count(*) n FROM audit_log WHERE action = 'POPULATION.CONFIRMED'`)).toBe(400);
  });
});
