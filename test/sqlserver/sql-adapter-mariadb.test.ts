import { randomBytes } from 'node:crypto';
import { jest } from '@jest/globals';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { connectMariadbLegacy } from '../../adapters/sqlserver/mariadb-legacy.driver.js';
import { loadPollPlan } from '../../adapters/sqlserver/poll-plan.loader.js';
import type { PollPlan } from '../../adapters/sqlserver/poll-plan.model.js';
import { SQL_ADAPTER_OPTIONS } from '../../adapters/sqlserver/sql-adapter.options.js';
import { SqlPollCheckpointRepository } from '../../adapters/sqlserver/sql-poll-checkpoint.repository.js';
import { SqlPollPlans } from '../../adapters/sqlserver/sql-poll-plans.js';
import { SqlPollerService } from '../../adapters/sqlserver/sql-poller.service.js';
import type { SourcePrincipal } from '../../src/auth/source-principal.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { loadMappingDir } from '../../src/mapping/engine/mapping-spec.loader.js';
import {
  generateLegacyRows,
  insertStatements,
  LEGACY_2017_SCHEMA_MARIADB,
  type LegacyRows,
} from '../generators/legacy-sql-rows.generator.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TcpCutProxy } from './tcp-cut.proxy.js';

const SOURCE = 'tg-caibe-2017-sql';
const MAPPING_DIR = `mappings/${SOURCE}`;
const MARIADB = { host: '127.0.0.1', port: 3306, user: 'root' };

/** The same adapter logic on a second real engine: the 2017 schema in MariaDB, read through mysql2. */
describe('SQL adapter against the legacy schema on MariaDB', () => {
  let t: TestApp;
  let hub: pg.Client;
  let legacy: mysql.Connection;
  let database: string;
  let url: string;
  let poller: SqlPollerService;
  let checkpoints: SqlPollCheckpointRepository;
  let data: LegacyRows;
  const principal: SourcePrincipal = { sourceId: SOURCE, provinceCode: '82', credentialId: 'sql-poll' };

  async function fill(rows: LegacyRows): Promise<void> {
    for (const table of ['KhaiSinh', 'KhaiTu', 'KetHon'] as const)
      for (const s of insertStatements(table, rows[table], 500, 'mysql'))
        await legacy.query(s.text, s.values);
  }

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    return Number((await hub.query<{ n: string }>(sql, params)).rows[0].n);
  }

  beforeAll(async () => {
    database = `legacy_test_${randomBytes(5).toString('hex')}`;
    legacy = await mysql.createConnection({ ...MARIADB, multipleStatements: true, timezone: 'Z' });
    await legacy.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4`);
    await legacy.query(`USE \`${database}\``);
    await legacy.query(LEGACY_2017_SCHEMA_MARIADB);
    data = generateLegacyRows({ seed: 'sql-adapter-mariadb', births: 60, deaths: 12, marriages: 5 });
    await fill(data);
    url = `mariadb://root@127.0.0.1:3306/${database}`;

    const spec = await loadMappingDir(MAPPING_DIR);
    const plan = (await loadPollPlan(MAPPING_DIR, spec)) as PollPlan;
    t = await startTestApp({
      override: (b) =>
        b
          .overrideProvider(SqlPollPlans)
          .useValue(new SqlPollPlans(new Map([[SOURCE, { ...plan, batchSize: 20 }]])))
          .overrideProvider(SQL_ADAPTER_OPTIONS)
          .useValue({ backoffBaseMs: 10, maxBackoffMs: 50, attempts: 3, leaseMs: 60_000 }),
    });
    await t.app
      .get(SourceRegistryService)
      .createSource({ id: SOURCE, name: 'Cái Bè 2017', provinceCode: '82', transport: 'SQL' });
    poller = t.app.get(SqlPollerService);
    checkpoints = t.app.get(SqlPollCheckpointRepository);
    hub = new pg.Client(t.databaseUrl);
    await hub.connect();
  }, 30_000);

  afterAll(async () => {
    await hub?.end();
    await t?.close();
    if (legacy) {
      await legacy.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await legacy.end();
    }
  }, 30_000);

  it('reads all three tables in batches; broken rows kept with their errors; VNI latin1 column decoded', async () => {
    const result = await poller.pollSource(principal, url);
    const [births, deaths, marriages] = result.tables;
    expect(births).toMatchObject({
      table: 'KhaiSinh',
      rowsRead: 60,
      batches: 3,
      unmapped: data.defects.size,
    });
    expect(deaths).toMatchObject({ table: 'KhaiTu', rowsRead: 12, batches: 1, unmapped: 0 });
    expect(marriages).toMatchObject({ table: 'KetHon', rowsRead: 5, unmapped: 0 });
    expect(births.rejected + deaths.rejected + marriages.rejected + births.held).toBe(0);
    const keys = await hub.query<{ row_key: string }>(
      'SELECT DISTINCT row_key FROM sql_poll_problem ORDER BY 1',
    );
    expect(keys.rows.map((r) => r.row_key)).toEqual([...data.defects.keys()].map((id) => `KS-${id}`).sort());

    const vniRow = data.KhaiSinh.find(
      (r) => r['noisinhks'] !== null && !data.defects.has(r['id'] as number),
    )!;
    const stored = await hub.query<{ payload: string }>(
      `SELECT p.payload::text payload FROM intake_item i JOIN intake_payload p ON p.item_id = i.id WHERE i.source_record_id = $1`,
      [`KS-${vniRow['id'] as number}`],
    );
    expect(stored.rows[0].payload).toMatch(/Trạm y tế xã, Ấp [^,]+, huyện Cái Bè/);
    expect((await checkpoints.get(SOURCE, 'KetHon'))?.watermark).toEqual({ kind: 'id', id: '5' });
  });

  it('an edited birth gets a new rowversion and is read again, alone', async () => {
    const edited = data.KhaiSinh.find((r) => !data.defects.has(r['id'] as number))!;
    await legacy.query(`UPDATE KhaiSinh SET phienban = '7' WHERE id = ?`, [edited['id']]);
    const result = await poller.pollSource(principal, url);
    expect(result.tables.map((r) => r.rowsRead)).toEqual([1, 0, 0]);
    expect(result.tables[0].accepted).toBe(1);
  });

  it('a connection cut in the middle of a result is retried from the checkpoint; nothing lost', async () => {
    const more = generateLegacyRows({
      seed: 'maria-drop',
      births: 45,
      deaths: 0,
      marriages: 0,
      defectShare: 0,
      firstId: 5001,
    });
    await fill(more);
    const events = await count('SELECT count(*) n FROM civil_event');
    const proxy = new TcpCutProxy('127.0.0.1', 3306);
    const port = await proxy.start();
    const commit = checkpoints.commitBatch.bind(checkpoints);
    const spy = jest.spyOn(checkpoints, 'commitBatch');
    spy.mockImplementationOnce(async (...args) => {
      const done = await commit(...args);
      proxy.cutAfter(2500);
      return done;
    });
    try {
      const result = await poller.pollSource(principal, `mariadb://root@127.0.0.1:${port}/${database}`);
      expect(proxy.cuts).toBe(1);
      expect(result.retriedAfter).toEqual(['SQL.CONNECTION_LOST']);
      expect(result.tables[0].rowsRead).toBe(45);
    } finally {
      spy.mockRestore();
      await proxy.stop();
    }
    expect(await count('SELECT count(*) n FROM civil_event')).toBe(events + 45);
  });

  it('read-only session; a missing table is a permanent SQL.QUERY_REJECTED', async () => {
    const driver = await connectMariadbLegacy(url);
    try {
      await expect(driver.query('DELETE FROM KetHon', [])).rejects.toMatchObject({
        code: 'ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION',
      });
    } finally {
      await driver.close();
    }
    await legacy.query('RENAME TABLE KetHon TO KetHon_cu');
    try {
      await expect(poller.pollSource(principal, url)).rejects.toMatchObject({
        code: 'SQL.QUERY_REJECTED',
        retryable: false,
      });
    } finally {
      await legacy.query('RENAME TABLE KetHon_cu TO KetHon');
    }
  });
});
