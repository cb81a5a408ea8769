import iconv from 'iconv-lite';
import sql from 'mssql';
import type { LegacyRow, LegacySqlDriver, SqlParam } from './legacy-sql.driver.js';

/**
 * mssql://user:password@host:1433/database?encrypt=true&trustServerCertificate=false&instanceName=X
 * (sqlserver:// is accepted too). Connection options the hub insists on are not taken from the URL.
 */
export function mssqlConfigOf(url: string): sql.config {
  const u = new URL(url);
  const flag = (name: string, fallback: boolean): boolean => {
    const v = u.searchParams.get(name);
    return v === null ? fallback : v === 'true' || v === '1' || v === 'yes';
  };
  const instanceName = u.searchParams.get('instanceName') ?? undefined;
  return {
    server: u.hostname,
    port: u.port ? Number(u.port) : instanceName ? undefined : 1433,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || undefined,
    connectionTimeout: Number(u.searchParams.get('connectTimeoutMs') ?? 15_000),
    requestTimeout: Number(u.searchParams.get('requestTimeoutMs') ?? 60_000),
    pool: { min: 0, max: 2, idleTimeoutMillis: 30_000 },
    options: {
      // ApplicationIntent=ReadOnly: routed to a readable secondary where the source has one, and a
      // statement of intent everywhere. SQL Server has no read-only transaction; the login the
      // province grants should be db_datareader only (README of this adapter).
      readOnlyIntent: true,
      encrypt: flag('encrypt', true),
      trustServerCertificate: flag('trustServerCertificate', false),
      appName: 'civil-status-hub',
      useUTC: true,
      ...(instanceName ? { instanceName } : {}),
    },
  };
}

function bind(request: sql.Request, name: string, param: SqlParam): void {
  switch (param.type) {
    case 'binary':
      request.input(name, sql.VarBinary(8), param.value);
      return;
    case 'datetime':
      // Compared as the column's own type: a datetime2 parameter would not equal a datetime value
      // stored as .007 s (SQL Server widens datetime to .0066667 before comparing).
      request.input(name, sql.DateTime, param.value);
      return;
    case 'datetime2':
      request.input(name, sql.DateTime2(7), param.value);
      return;
    case 'bigint':
      request.input(name, sql.BigInt, param.value);
      return;
    case 'text':
      request.input(name, sql.NVarChar(4000), param.value);
      return;
  }
}

const SINGLE_BYTE_TYPES = new Set<unknown>([sql.VarChar, sql.Char, sql.Text]);

/**
 * varchar columns of the 2017 programs hold VNI or TCVN3 bytes under a Latin1 collation: tedious
 * decodes them as code page 1252, which turns bytes 0x80-0x9F into letters like '€' or '™'. Encoding
 * them back to 1252 gives the stored bytes, one per character, as the mapping's field encoding
 * expects. (Bytes 1252 leaves undefined, 0x81 0x8D 0x8F 0x90 0x9D, cannot come back this way: a plan
 * whose columns hold them should CAST the column AS varbinary in its query.)
 */
function asBytes(row: LegacyRow, columns: readonly string[]): LegacyRow {
  const out: LegacyRow = { ...row };
  for (const column of columns) {
    const value = out[column];
    if (typeof value === 'string' && /[\u0100-\uffff]/.test(value)) {
      out[column] = iconv.encode(value, 'win1252').toString('latin1');
    }
  }
  return out;
}

/** The production driver: mssql (tedious underneath). */
export async function connectMssql(url: string): Promise<LegacySqlDriver> {
  const pool = new sql.ConnectionPool(mssqlConfigOf(url));
  // An idle pooled connection that breaks emits 'error' on the pool: the next query reports it.
  pool.on('error', () => undefined);
  await pool.connect();
  return {
    dialect: 'mssql',
    async query(text: string, params: readonly SqlParam[]): Promise<LegacyRow[]> {
      const request = pool.request();
      params.forEach((p, i) => bind(request, `p${i + 1}`, p));
      const result = await request.query<LegacyRow>(text);
      if (!result.recordset) return [];
      const legacy = Object.values(result.recordset.columns)
        .filter((c) => SINGLE_BYTE_TYPES.has(c.type as unknown))
        .map((c) => c.name);
      return result.recordset.map((row) => (legacy.length === 0 ? row : asBytes(row, legacy)));
    },
    close: () => pool.close(),
  };
}
