import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadPollPlan } from '../../adapters/sqlserver/poll-plan.loader.js';
import type { PollPlan } from '../../adapters/sqlserver/poll-plan.model.js';
import { SQL_ADAPTER_ENV, SQL_ADAPTER_OPTIONS } from '../../adapters/sqlserver/sql-adapter.options.js';
import { SqlPollCheckpointRepository } from '../../adapters/sqlserver/sql-poll-checkpoint.repository.js';
import { SqlPollPlans } from '../../adapters/sqlserver/sql-poll-plans.js';
import { SqlPollScheduler } from '../../adapters/sqlserver/sql-poll.scheduler.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { loadMappingDir } from '../../src/mapping/engine/mapping-spec.loader.js';
import {
  generateLegacyRows,
  insertStatements,
  LEGACY_2017_SCHEMA_POSTGRES,
} from '../generators/legacy-sql-rows.generator.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { dropDatabase, withDatabase } from '../support/test-database.js';

const SOURCE = 'tg-caibe-2017-sql';

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('SQL poll scheduler: backoff while the source is down, then recovery', () => {
  let t: TestApp;
  let legacyName: string;
  const env: Record<string, string> = {};
  const base = (): string => process.env.HUB_TEST_DATABASE_URL!;

  beforeAll(async () => {
    legacyName = `legacy_test_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client(withDatabase(base(), 'postgres'));
    await admin.connect();
    await admin.query(`CREATE DATABASE "${legacyName}"`);
    await admin.end();
    const legacy = new pg.Client(withDatabase(base(), legacyName));
    await legacy.connect();
    await legacy.query(LEGACY_2017_SCHEMA_POSTGRES);
    const rows = generateLegacyRows({
      seed: 'scheduler',
      births: 12,
      deaths: 3,
      marriages: 2,
      defectShare: 0,
    });
    for (const table of ['KhaiSinh', 'KhaiTu', 'KetHon'] as const)
      for (const s of insertStatements(table, rows[table])) await legacy.query(s.text, s.values);
    await legacy.end();

    // Down at first: nothing listens on port 1.
    const down = new URL(withDatabase(base(), legacyName));
    down.port = '1';
    env['TG_CAIBE_2017_SQL_URL'] = down.toString();
    const dir = `mappings/${SOURCE}`;
    const plan = (await loadPollPlan(dir, await loadMappingDir(dir))) as PollPlan;
    t = await startTestApp({
      override: (b) =>
        b
          .overrideProvider(SqlPollPlans)
          .useValue(new SqlPollPlans(new Map([[SOURCE, { ...plan, intervalMs: 100 }]])))
          .overrideProvider(SQL_ADAPTER_OPTIONS)
          .useValue({ backoffBaseMs: 20, maxBackoffMs: 200, attempts: 1, leaseMs: 60_000 })
          .overrideProvider(SQL_ADAPTER_ENV)
          .useValue(env),
    });
    await t.app
      .get(SourceRegistryService)
      .createSource({ id: SOURCE, name: 'Cái Bè 2017', provinceCode: '82', transport: 'SQL' });
  }, 30_000);

  afterAll(async () => {
    await t?.close();
    if (legacyName) await dropDatabase(base(), legacyName);
  }, 30_000);

  it('counts failures while the database is unreachable and reads everything once it is back', async () => {
    const scheduler = t.app.get(SqlPollScheduler);
    const failures = (): number => scheduler.status().find((s) => s.sourceId === SOURCE)?.failures ?? 0;
    await until(() => failures() >= 3, 'three failed polls');

    env['TG_CAIBE_2017_SQL_URL'] = withDatabase(base(), legacyName);
    const checkpoints = t.app.get(SqlPollCheckpointRepository);
    // A successful poll resets the count (it is set once the poll has returned, after its last commit).
    await until(() => failures() === 0, 'a successful poll');
    expect((await checkpoints.get(SOURCE, 'KetHon'))?.rowsRead).toBe(2);
    expect((await checkpoints.get(SOURCE, 'KhaiSinh'))?.rowsRead).toBe(12);
    expect((await checkpoints.get(SOURCE, 'KhaiTu'))?.rowsRead).toBe(3);
  });
});
