import pg from 'pg';
import type { LegacyRow, LegacySqlDriver, SqlParam } from './legacy-sql.driver.js';

/**
 * The generic SQL implementation: the same adapter logic against a legacy schema held in PostgreSQL
 * (the real engine available where SQL Server is not). Every statement runs read-only: the session's
 * default_transaction_read_only is set when it connects, so a write is refused by the server.
 */
export async function connectPostgresLegacy(url: string): Promise<LegacySqlDriver> {
  const client = new pg.Client({
    connectionString: url,
    application_name: 'civil-status-hub-sql-adapter',
    options: '-c default_transaction_read_only=on',
    connectionTimeoutMillis: 15_000,
    statement_timeout: 60_000,
  });
  // A dropped connection also emits 'error' on the client; the running query rejects with it.
  client.on('error', () => undefined);
  await client.connect();
  return {
    dialect: 'postgres',
    async query(text: string, params: readonly SqlParam[]): Promise<LegacyRow[]> {
      const result = await client.query<LegacyRow>(
        text,
        params.map((p) => p.value),
      );
      return result.rows;
    },
    close: () => client.end().catch(() => undefined),
  };
}
