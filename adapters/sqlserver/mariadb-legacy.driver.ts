import mysql from 'mysql2/promise';
import type { LegacyRow, LegacySqlDriver, SqlParam } from './legacy-sql.driver.js';

/**
 * The generic SQL implementation on MariaDB/MySQL (mysql2): the adapter's query logic against a
 * second real engine. The session is made read-only (SET SESSION TRANSACTION READ ONLY), so every
 * statement after it, autocommit ones included, is refused a write by the server.
 */
export async function connectMariadbLegacy(url: string): Promise<LegacySqlDriver> {
  const u = new URL(url);
  const connection = await mysql.createConnection({
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')),
    // Datetimes as UTC instants (as mssql's useUTC), big integers as text (no precision lost).
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: true,
    charset: 'utf8mb4',
    connectTimeout: 15_000,
  });
  // A dropped connection also emits 'error'; the running query rejects with it.
  let broken = false;
  connection.on('error', () => (broken = true));
  await connection.query('SET SESSION TRANSACTION READ ONLY');
  // The server bounds each statement (a client-side timer would outlive a dropped connection).
  await connection.query('SET SESSION max_statement_time = 60');
  return {
    dialect: 'mysql',
    async query(text: string, params: readonly SqlParam[]): Promise<LegacyRow[]> {
      try {
        const [rows] = await connection.query(
          text,
          params.map((p) => p.value),
        );
        return Array.isArray(rows) ? (rows as LegacyRow[]) : [];
      } catch (err) {
        if (typeof err === 'object' && err !== null && 'fatal' in err && err.fatal === true) broken = true;
        throw err;
      }
    },
    // A connection that broke is torn down, not asked to quit politely (nobody would answer).
    close: async () => {
      if (broken) connection.destroy();
      else await connection.end().catch(() => connection.destroy());
    },
  };
}
