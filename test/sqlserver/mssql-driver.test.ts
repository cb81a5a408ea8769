import pg from 'pg';
import { connectMssql } from '../../adapters/sqlserver/mssql.driver.js';
import { loadPollPlan } from '../../adapters/sqlserver/poll-plan.loader.js';
import type { PollPlan, TablePoll } from '../../adapters/sqlserver/poll-plan.model.js';
import { buildPollQuery, watermarkOf } from '../../adapters/sqlserver/poll-query.builder.js';
import { translateSqlError } from '../../adapters/sqlserver/sql-adapter.exception.js';
import { SQL_ADAPTER_OPTIONS } from '../../adapters/sqlserver/sql-adapter.options.js';
import { SqlPollPlans } from '../../adapters/sqlserver/sql-poll-plans.js';
import { SqlPollerService } from '../../adapters/sqlserver/sql-poller.service.js';
import { rowValues } from '../../adapters/sqlserver/sql-row.util.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { loadMappingDir } from '../../src/mapping/engine/mapping-spec.loader.js';
import { encodeLegacyText } from '../../src/mapping/legacy-text/index.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { FakeTdsServer, type FakeColumn, type FakeQuery, type FakeResult } from './fake-tds.server.js';

const SOURCE = 'tg-caibe-2017-sql';
const MAPPING_DIR = `mappings/${SOURCE}`;

const BIRTH_COLUMNS: FakeColumn[] = [
  { name: 'id', type: 'int' },
  { name: 'rv', type: 'rowversion' },
  { name: 'phienban', type: 'nvarchar' },
  { name: 'so', type: 'nvarchar' },
  { name: 'quyen', type: 'nvarchar' },
  { name: 'ngaydangky', type: 'datetime' },
  { name: 'maxa', type: 'nvarchar' },
  { name: 'hotenks', type: 'nvarchar' },
  { name: 'ngaysinhks', type: 'nvarchar' },
  { name: 'ngaysinhksbangchu', type: 'nvarchar' },
  { name: 'gioitinhks', type: 'int' },
  { name: 'dantocks', type: 'nvarchar' },
  { name: 'noisinhks', type: 'varchar' },
  { name: 'hotenme', type: 'nvarchar' },
];

function rv(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

const vni = (text: string): Buffer => encodeLegacyText(text, 'vni');

function birth(id: number, name: string | null, born: string | null, place: string | null): unknown[] {
  return [
    id,
    rv(0x1000 + id),
    '1',
    String(id),
    '01/2017',
    new Date(Date.UTC(2017, 2, 20)),
    '28369',
    name,
    born,
    null,
    id % 2,
    'Kinh',
    place === null ? null : vni(place),
    'Lê Thị Mỹ Duyên',
  ];
}

const BIRTHS = [
  birth(1, 'Trần Ngọc Bảo Hân', '5/3/2017', 'Trạm y tế xã Mỹ Trung, huyện Cái Bè'),
  birth(2, 'Nguyễn Hoàng Phúc', 'ngày 12 tháng 02 năm 2017', null),
  birth(3, 'Lê Văn Tám', '31/02/2019', null),
  birth(4, null, '00/00/0000', 'Ấp Mỹ Hòa'),
  birth(5, 'Võ Thị Yến', '1/3/2017', 'Ấp Hậu Thạnh'),
];

/**
 * The mssql driver path over a real socket: mssql → tedious → TDS 7.4 → a fake server of ours. SQL
 * semantics are not the fake's business (the PostgreSQL test has them); here: login with read-only
 * intent, the query mssql sends (sp_executesql, typed parameters), the values decoded from the wire,
 * and wire failures translated into the adapter's codes.
 */
describe('SQL adapter: the mssql driver against a fake TDS server', () => {
  let server: FakeTdsServer;
  let port: number;
  let respond: (q: FakeQuery) => FakeResult | { error: { number: number; message: string } };
  let poll: TablePoll;
  let plan: PollPlan;
  const url = (password = 'dung-mat-khau'): string =>
    `mssql://hub_reader:${password}@127.0.0.1:${port}/HoTich2017?encrypt=false&connectTimeoutMs=3000&requestTimeoutMs=3000`;

  beforeAll(async () => {
    server = new FakeTdsServer((q) => respond(q));
    port = await server.start();
    const spec = await loadMappingDir(MAPPING_DIR);
    plan = (await loadPollPlan(MAPPING_DIR, spec))!;
    poll = plan.tables.find((t) => t.table === 'KhaiSinh')!;
  });

  afterAll(async () => {
    await server.stop();
  });

  beforeEach(() => {
    server.queries.length = 0;
    server.logins.length = 0;
    respond = () => ({ columns: BIRTH_COLUMNS, rows: BIRTHS });
  });

  it('logs in with read-only intent and reads typed rows through sp_executesql', async () => {
    const driver = await connectMssql(url());
    try {
      expect(server.logins[0]).toEqual({
        user: 'hub_reader',
        password: 'dung-mat-khau',
        database: 'HoTich2017',
        readOnlyIntent: true,
      });
      const { sql, params } = buildPollQuery(
        'mssql',
        poll,
        { kind: 'rowversion', hex: '0000000000001000' },
        25,
      );
      const rows = await driver.query(sql, params);
      const sent = server.queries.at(-1)!;
      expect(sent.sql).toBe(
        'SELECT TOP (25) * FROM (SELECT * FROM KhaiSinh) AS src WHERE src.[rv] > @p1 AND src.[rv] < MIN_ACTIVE_ROWVERSION() ORDER BY src.[rv]',
      );
      expect(sent.declaration).toBe('@p1 varbinary(8)');
      expect(rows).toHaveLength(5);
      const first = rows[0];
      expect(first['id']).toBe(1);
      expect(first['hotenks']).toBe('Trần Ngọc Bảo Hân');
      expect(first['ngaydangky']).toEqual(new Date('2017-03-20T00:00:00Z'));
      expect(first['rv']).toEqual(rv(0x1001));
      expect(rows[3]['hotenks']).toBeNull();
      expect(watermarkOf(poll, rows[4])).toEqual({ kind: 'rowversion', hex: '0000000000001005' });
      expect(rowValues(first)).toMatchObject({ ngaydangky: '2017-03-20T00:00:00.000Z', gioitinhks: 1 });
      expect(first['noisinhks']).toBe(vni('Trạm y tế xã Mỹ Trung, huyện Cái Bè').toString('latin1'));

      // An updated-at watermark is compared as the column's own type (datetime keeps 1/300 s).
      const deaths = plan.tables.find((x) => x.table === 'KhaiTu')!;
      respond = () => ({ columns: [{ name: 'id', type: 'int' }], rows: [] });
      const byStamp = buildPollQuery(
        'mssql',
        deaths,
        { kind: 'updatedAt', at: '2017-12-31T08:00:10.007Z', id: '31' },
        25,
      );
      await driver.query(byStamp.sql, byStamp.params);
      expect(server.queries.at(-1)!.declaration).toBe('@p1 datetime, @p2 bigint');

      // varchar bytes 0x80-0x9F (which code page 1252 decodes to '€', '“' …) come back as the bytes.
      respond = () => ({
        columns: [{ name: 'b', type: 'varchar' }],
        rows: [[Buffer.from([0x41, 0x93, 0x80, 0xd5])]],
      });
      const [raw] = await driver.query('SELECT b FROM T', []);
      expect(raw['b']).toBe('A\u0093\u0080\u00d5');
    } finally {
      await driver.close();
    }
  });

  it('a connection dropped in the middle of the rows is SQL.CONNECTION_LOST (retryable)', async () => {
    const driver = await connectMssql(url());
    try {
      respond = () => ({ columns: BIRTH_COLUMNS, rows: BIRTHS, dropAfterRows: 2 });
      const { sql, params } = buildPollQuery('mssql', poll, undefined, 25);
      const err = await driver.query(sql, params).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(translateSqlError(err, 'Nguồn X')).toMatchObject({
        code: 'SQL.CONNECTION_LOST',
        retryable: true,
      });
    } finally {
      await driver.close().catch(() => undefined);
    }
  });

  it('a refused login is SQL.LOGIN_FAILED (permanent); a missing table is SQL.QUERY_REJECTED', async () => {
    const login = await connectMssql(url('sai-mat-khau')).catch((e: unknown) => e);
    expect(translateSqlError(login, 'Nguồn X')).toMatchObject({ code: 'SQL.LOGIN_FAILED', retryable: false });

    const driver = await connectMssql(url());
    try {
      respond = () => ({ error: { number: 208, message: "Invalid object name 'KhaiSinh'." } });
      const err = await driver.query('SELECT * FROM KhaiSinh', []).catch((e: unknown) => e);
      const translated = translateSqlError(err, 'Nguồn X');
      expect(translated).toMatchObject({ code: 'SQL.QUERY_REJECTED', retryable: false });
      // The server's text (which may quote data) stays out of the message.
      expect(translated.message).not.toContain('Invalid object name');
    } finally {
      await driver.close();
    }
  });

  describe('through the poller into intake', () => {
    let t: TestApp;
    let hub: pg.Client;

    beforeAll(async () => {
      t = await startTestApp({
        override: (b) =>
          b
            .overrideProvider(SqlPollPlans)
            .useValue(new SqlPollPlans(new Map([[SOURCE, { ...plan, tables: [poll] }]])))
            .overrideProvider(SQL_ADAPTER_OPTIONS)
            .useValue({ backoffBaseMs: 10, maxBackoffMs: 50, attempts: 2, leaseMs: 60_000 }),
      });
      await t.app
        .get(SourceRegistryService)
        .createSource({ id: SOURCE, name: 'Cái Bè 2017', provinceCode: '82', transport: 'SQL' });
      hub = new pg.Client(t.databaseUrl);
      await hub.connect();
    }, 30_000);

    afterAll(async () => {
      await hub?.end();
      await t?.close();
    }, 30_000);

    it('maps the rows (VNI varchar decoded), submits the good ones and keeps each bad one with its error', async () => {
      // The first read has no watermark; the next one (after rv 0x1005) finds nothing new.
      respond = (q) =>
        q.declaration === ''
          ? { columns: BIRTH_COLUMNS, rows: BIRTHS }
          : { columns: BIRTH_COLUMNS, rows: [] };
      const result = await t.app
        .get(SqlPollerService)
        .pollSource({ sourceId: SOURCE, provinceCode: '82', credentialId: 'sql-poll' }, url());
      expect(result.tables[0]).toMatchObject({ rowsRead: 5, unmapped: 2, submitted: 3, rejected: 0 });
      const place = await hub.query<{ payload: string }>(
        `SELECT p.payload::text payload FROM intake_item i JOIN intake_payload p ON p.item_id = i.id WHERE i.source_record_id = 'KS-1'`,
      );
      expect(place.rows[0].payload).toContain('Trạm y tế xã Mỹ Trung, huyện Cái Bè');
      const problems = await hub.query<{ row_key: string; code: string }>(
        'SELECT row_key, code FROM sql_poll_problem ORDER BY row_key, seq',
      );
      expect(problems.rows.find((p) => p.row_key === 'KS-3')?.code).toBe('MAPPING.DATE_IMPOSSIBLE');
      expect(problems.rows.filter((p) => p.row_key === 'KS-4').map((p) => p.code)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^MAPPING\./)]),
      );
      const cp = await hub.query<{ watermark: unknown }>('SELECT watermark FROM sql_poll_checkpoint');
      expect(cp.rows[0].watermark).toEqual({ kind: 'rowversion', hex: '0000000000001005' });
    });
  });
});
