import { randomBytes } from 'node:crypto';
import { jest } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { connectPostgresLegacy } from '../../adapters/sqlserver/postgres-legacy.driver.js';
import { loadPollPlan } from '../../adapters/sqlserver/poll-plan.loader.js';
import type { PollPlan } from '../../adapters/sqlserver/poll-plan.model.js';
import { SQL_ADAPTER_OPTIONS } from '../../adapters/sqlserver/sql-adapter.options.js';
import { SqlAdapterException } from '../../adapters/sqlserver/sql-adapter.exception.js';
import { SqlPollCheckpointRepository } from '../../adapters/sqlserver/sql-poll-checkpoint.repository.js';
import { SqlPollPlans } from '../../adapters/sqlserver/sql-poll-plans.js';
import { SqlPollerService } from '../../adapters/sqlserver/sql-poller.service.js';
import type { SourcePrincipal } from '../../src/auth/source-principal.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { loadMappingDir } from '../../src/mapping/engine/mapping-spec.loader.js';
import {
  generateLegacyRows,
  insertStatements,
  LEGACY_2017_SCHEMA_POSTGRES,
  type LegacyRows,
} from '../generators/legacy-sql-rows.generator.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { dropDatabase, withDatabase } from '../support/test-database.js';
import { TcpCutProxy } from './tcp-cut.proxy.js';

const SOURCE = 'tg-caibe-2017-sql';
const MAPPING_DIR = `mappings/${SOURCE}`;
const BATCH = 25;

/**
 * The SQL adapter's query logic end to end against a real engine: the 2017 Cái Bè schema in a
 * PostgreSQL database of its own, read through the generic driver, mapped, into the hub's intake.
 */
describe('SQL adapter against the legacy schema on PostgreSQL', () => {
  let t: TestApp;
  let hub: pg.Client;
  let legacy: pg.Client;
  let legacyName: string;
  let legacyUrl: string;
  let poller: SqlPollerService;
  let checkpoints: SqlPollCheckpointRepository;
  let principal: SourcePrincipal;
  let data: LegacyRows;
  let key: string;
  const base = (): string => process.env.HUB_TEST_DATABASE_URL!;

  async function fill(rows: LegacyRows): Promise<void> {
    for (const table of ['KhaiSinh', 'KhaiTu', 'KetHon'] as const) {
      for (const s of insertStatements(table, rows[table])) await legacy.query(s.text, s.values);
    }
  }

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    return Number((await hub.query<{ n: string }>(sql, params)).rows[0].n);
  }

  beforeAll(async () => {
    legacyName = `legacy_test_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client(withDatabase(base(), 'postgres'));
    await admin.connect();
    await admin.query(`CREATE DATABASE "${legacyName}"`);
    await admin.end();
    legacyUrl = withDatabase(base(), legacyName);
    legacy = new pg.Client(legacyUrl);
    await legacy.connect();
    await legacy.query(LEGACY_2017_SCHEMA_POSTGRES);
    data = generateLegacyRows({ seed: 'sql-adapter-pg', births: 120, deaths: 31, marriages: 20 });
    await fill(data);

    const spec = await loadMappingDir(MAPPING_DIR);
    const plan = (await loadPollPlan(MAPPING_DIR, spec)) as PollPlan;
    t = await startTestApp({
      override: (b) =>
        b
          .overrideProvider(SqlPollPlans)
          .useValue(new SqlPollPlans(new Map([[SOURCE, { ...plan, batchSize: BATCH }]])))
          .overrideProvider(SQL_ADAPTER_OPTIONS)
          .useValue({ backoffBaseMs: 10, maxBackoffMs: 50, attempts: 3, leaseMs: 60_000 }),
    });
    key = (
      await t.app
        .get(SourceRegistryService)
        .createSource({ id: SOURCE, name: 'Cái Bè 2017 (SQL Server)', provinceCode: '82', transport: 'SQL' })
    ).apiKey;
    principal = { sourceId: SOURCE, provinceCode: '82', credentialId: 'sql-poll' };
    poller = t.app.get(SqlPollerService);
    checkpoints = t.app.get(SqlPollCheckpointRepository);
    hub = new pg.Client(t.databaseUrl);
    await hub.connect();
  }, 30_000);

  afterAll(async () => {
    await hub?.end();
    await legacy?.end();
    await t?.close();
    if (legacyName) await dropDatabase(base(), legacyName);
  }, 30_000);

  it('reads every table in batches: good rows registered, broken rows kept with a clear error each', async () => {
    const result = await poller.pollSource(principal, legacyUrl);
    const births = result.tables.find((r) => r.table === 'KhaiSinh')!;
    const deaths = result.tables.find((r) => r.table === 'KhaiTu')!;
    const marriages = result.tables.find((r) => r.table === 'KetHon')!;
    const defects = data.defects.size;
    expect(defects).toBeGreaterThanOrEqual(5);
    expect(births).toMatchObject({ rowsRead: 120, batches: 5, unmapped: defects, submitted: 120 - defects });
    expect(deaths).toMatchObject({ rowsRead: 31, batches: 2, unmapped: 0, submitted: 31 });
    expect(marriages).toMatchObject({ rowsRead: 20, batches: 1, unmapped: 0, submitted: 20 });
    for (const r of [births, deaths, marriages]) expect(r.accepted + r.rejected + r.held).toBe(r.submitted);
    expect(births.rejected + deaths.rejected + marriages.rejected).toBe(0);

    expect(await count(`SELECT count(*) n FROM civil_event WHERE event_type = 'BIRTH'`)).toBe(
      births.accepted,
    );
    expect(
      await count(
        `SELECT count(*) n FROM intake_item i JOIN intake_batch b ON b.id = i.batch_id WHERE b.transport = 'SQL'`,
      ),
    ).toBe(171 - defects);

    // Every defective row has its problem, under its own record id, in Vietnamese, with its values.
    const problems = await hub.query<{
      row_key: string;
      code: string;
      message: string;
      field: string;
      original: Record<string, unknown>;
    }>(
      `SELECT row_key, code, message, field, original FROM sql_poll_problem WHERE source_id = $1 ORDER BY row_key, seq`,
      [SOURCE],
    );
    const byKey = new Map<string, typeof problems.rows>();
    for (const p of problems.rows) byKey.set(p.row_key, [...(byKey.get(p.row_key) ?? []), p]);
    expect([...byKey.keys()].sort()).toEqual([...data.defects.keys()].map((id) => `KS-${id}`).sort());
    for (const [id, defect] of data.defects) {
      const found = byKey.get(`KS-${id}`)!;
      const codes = found.map((p) => p.code);
      if (defect === 'FEB_31') {
        expect(codes).toContain('MAPPING.DATE_IMPOSSIBLE');
        expect(found[0].original['ngaysinhks']).toBe('31/02/2019');
      }
      if (defect === 'ZERO_DATE') expect(codes.some((c) => c.startsWith('MAPPING.DATE_'))).toBe(true);
      if (defect === 'NULL_NAME')
        expect(found.map((p) => p.field).join(' ')).toContain('parties[CHILD].person');
      for (const p of found)
        expect(p.message).toMatch(/[ạảãàáâầấậẫẩăằắặẵẳđêềếệễểôồốộỗổơờớợỡởưừứựữửíìịĩỉýỳỵỹỷ]/i);
    }

    // VNI bytes of the place of birth arrive as Vietnamese text (NFC).
    const vniRow = data.KhaiSinh.find(
      (r) => r['noisinhks'] !== null && !data.defects.has(r['id'] as number),
    )!;
    const stored = await hub.query<{ payload: string }>(
      `SELECT p.payload::text AS payload FROM intake_item i JOIN intake_payload p ON p.item_id = i.id WHERE i.source_record_id = $1`,
      [`KS-${vniRow['id'] as number}`],
    );
    expect(stored.rows[0].payload).toMatch(/Trạm y tế xã, Ấp [^,]+, huyện Cái Bè/);
    expect(stored.rows[0].payload.normalize('NFC')).toBe(stored.rows[0].payload);

    const cp = await checkpoints.get(SOURCE, 'KhaiSinh');
    expect(cp).toMatchObject({ rowsRead: 120, batches: 5, lastErrorCode: null });
    expect(cp?.watermark?.kind).toBe('rowversion');
    const tu = await checkpoints.get(SOURCE, 'KhaiTu');
    expect(tu?.watermark).toEqual({ kind: 'updatedAt', at: '2017-12-31T08:00:10.000Z', id: '31' });
    expect((await checkpoints.get(SOURCE, 'KetHon'))?.watermark).toEqual({ kind: 'id', id: '20' });
  });

  it('the source sees over the API where each table stands and which records were refused, and why', async () => {
    const res = await request(t.app.getHttpServer())
      .get('/api/v1/sql/status')
      .set('Authorization', `Bearer ${key}`)
      .expect(200);
    expect(res.body.tables.map((x: { table: string; rowsRead: number }) => [x.table, x.rowsRead])).toEqual([
      ['KetHon', 20],
      ['KhaiSinh', 120],
      ['KhaiTu', 31],
    ]);
    const refused = new Set(res.body.problems.map((p: { recordId: string }) => p.recordId));
    expect([...refused].sort()).toEqual([...data.defects.keys()].map((id) => `KS-${id}`).sort());
    expect(res.body.problems[0]).toEqual({
      table: 'KhaiSinh',
      recordId: expect.stringMatching(/^KS-\d+$/),
      field: expect.any(String),
      code: expect.stringMatching(/^MAPPING\./),
      message: expect.any(String),
      lastSeenAt: expect.any(String),
    });
    await request(t.app.getHttpServer()).get('/api/v1/sql/status').expect(401);
  });

  it('reads only what changed since: an edited birth (new rowversion) and new rows, each once', async () => {
    const again = await poller.pollSource(principal, legacyUrl);
    expect(again.tables.map((r) => r.rowsRead)).toEqual([0, 0, 0]);

    const edited = data.KhaiSinh.find((r) => !data.defects.has(r['id'] as number))!;
    await legacy.query(
      `UPDATE KhaiSinh SET phienban = '9', nguoithuchien = 'Võ Thị Kim Thoa', rv = int8send(nextval('rv_seq')) WHERE id = $1`,
      [edited['id']],
    );
    const more = generateLegacyRows({
      seed: 'more',
      births: 3,
      deaths: 2,
      marriages: 1,
      defectShare: 0,
      firstId: 1001,
    });
    await fill(more);
    // The program stamps a save with the time of the save: after everything read so far.
    await legacy.query(`UPDATE KhaiTu SET ngaycapnhat = '2018-01-02 09:00:00' WHERE id >= 1001`);
    const events = await count('SELECT count(*) n FROM civil_event');
    const result = await poller.pollSource(principal, legacyUrl);
    expect(result.tables.map((r) => [r.table, r.rowsRead, r.unmapped])).toEqual([
      ['KhaiSinh', 4, 0],
      ['KhaiTu', 2, 0],
      ['KetHon', 1, 0],
    ]);
    expect(await count('SELECT count(*) n FROM civil_event')).toBe(events + 6);
    expect(
      await count(`SELECT count(*) n FROM intake_item WHERE source_record_id = $1`, [
        `KS-${edited['id'] as number}`,
      ]),
    ).toBe(2);
  });

  it('a crash after intake committed but before the checkpoint: the batch is read again, nothing doubled', async () => {
    const more = generateLegacyRows({
      seed: 'crash',
      births: 30,
      deaths: 0,
      marriages: 0,
      defectShare: 0,
      firstId: 2001,
    });
    await fill(more);
    const events = await count('SELECT count(*) n FROM civil_event');
    const spy = jest
      .spyOn(checkpoints, 'commitBatch')
      .mockImplementationOnce(() => Promise.reject(new Error('process killed')));
    try {
      const result = await poller.pollSource(principal, legacyUrl);
      expect(result.attempts).toBe(2);
      expect(result.retriedAfter).toEqual(['SQL.UNKNOWN']);
      expect(result.tables[0]).toMatchObject({ rowsRead: 30, submitted: 30 });
    } finally {
      spy.mockRestore();
    }
    expect(await count('SELECT count(*) n FROM civil_event')).toBe(events + 30);
    const ids = more.KhaiSinh.map((r) => `KS-${r['id'] as number}`);
    // The first batch (25 rows) reached intake twice: its intake committed, its checkpoint did not.
    expect(
      await count(
        `SELECT count(*) n FROM intake_item WHERE source_record_id = ANY($1) AND status = 'DUPLICATE'`,
        [ids.slice(0, 25)],
      ),
    ).toBe(25);
    expect(
      await count(
        `SELECT count(DISTINCT e.id) n FROM civil_event e JOIN intake_item i ON i.event_id = e.id WHERE i.source_record_id = ANY($1)`,
        [ids],
      ),
    ).toBe(30);
  });

  it('a connection dropped in the middle of a batch is retried from the last checkpoint; nothing lost', async () => {
    const more = generateLegacyRows({
      seed: 'drop',
      births: 60,
      deaths: 0,
      marriages: 0,
      defectShare: 0,
      firstId: 3001,
    });
    await fill(more);
    const events = await count('SELECT count(*) n FROM civil_event');
    const u = new URL(legacyUrl);
    const proxy = new TcpCutProxy(u.hostname, Number(u.port || 5432));
    const port = await proxy.start();
    u.port = String(port);
    const commit = checkpoints.commitBatch.bind(checkpoints);
    const spy = jest.spyOn(checkpoints, 'commitBatch');
    // After the first batch committed, the next result is cut off a few kilobytes in.
    spy.mockImplementationOnce(async (...args) => {
      const done = await commit(...args);
      proxy.cutAfter(3000);
      return done;
    });
    try {
      const result = await poller.pollSource(principal, u.toString());
      expect(proxy.cuts).toBe(1);
      expect(result.attempts).toBe(2);
      expect(result.retriedAfter).toEqual(['SQL.CONNECTION_LOST']);
      expect(result.tables[0].rowsRead).toBe(60);
    } finally {
      spy.mockRestore();
      await proxy.stop();
    }
    expect(await count('SELECT count(*) n FROM civil_event')).toBe(events + 60);
  });

  it('one reader per table: another live process holding the lease is left alone; two polls here run in turn', async () => {
    const more = generateLegacyRows({
      seed: 'lease',
      births: 10,
      deaths: 0,
      marriages: 0,
      defectShare: 0,
      firstId: 4001,
    });
    await fill(more);
    expect(await checkpoints.lease(SOURCE, 'KhaiSinh', 'another-hub-process', 60_000)).toBeDefined();
    const skipped = await poller.pollSource(principal, legacyUrl);
    expect(skipped.tables[0]).toMatchObject({ table: 'KhaiSinh', skipped: true, rowsRead: 0 });
    await checkpoints.release(SOURCE, 'KhaiSinh', 'another-hub-process');

    const events = await count('SELECT count(*) n FROM civil_event');
    const [a, b] = await Promise.all([
      poller.pollSource(principal, legacyUrl),
      poller.pollSource(principal, legacyUrl),
    ]);
    expect(a.tables[0].rowsRead + b.tables[0].rowsRead).toBe(10);
    expect(await count('SELECT count(*) n FROM civil_event')).toBe(events + 10);
    const ids = more.KhaiSinh.map((r) => `KS-${r['id'] as number}`);
    expect(await count('SELECT count(*) n FROM intake_item WHERE source_record_id = ANY($1)', [ids])).toBe(
      10,
    );
  });

  it('connection errors become codes: refused is retryable (tried, then reported), a bad query is permanent', async () => {
    const closed = new URL(legacyUrl);
    closed.port = '1';
    const refused = await poller.pollSource(principal, closed.toString()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SqlAdapterException);
    expect(refused).toMatchObject({ code: 'SQL.CONNECTION_FAILED', retryable: true });
    expect((refused as Error).message).toContain('không kết nối được');

    await legacy.query('ALTER TABLE KetHon RENAME TO KetHon_cu');
    try {
      const bad = await poller.pollSource(principal, legacyUrl).catch((e: unknown) => e);
      expect(bad).toMatchObject({ code: 'SQL.QUERY_REJECTED', retryable: false });
      expect((await checkpoints.get(SOURCE, 'KetHon'))?.lastErrorCode).toBe('SQL.QUERY_REJECTED');
    } finally {
      await legacy.query('ALTER TABLE KetHon_cu RENAME TO KetHon');
    }
  });

  it('the connection is read-only: the generic driver cannot write to the legacy database', async () => {
    const driver = await connectPostgresLegacy(legacyUrl);
    try {
      await expect(driver.query(`DELETE FROM KetHon`, [])).rejects.toMatchObject({ code: '25006' });
    } finally {
      await driver.close();
    }
    expect(Number((await legacy.query('SELECT count(*) n FROM KetHon')).rows[0].n)).toBeGreaterThan(0);
  });
});
