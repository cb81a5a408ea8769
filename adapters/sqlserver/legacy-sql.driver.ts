/**
 * The port between the SQL adapter and a legacy database. The adapter's query logic (poll-query.builder)
 * is written once against this; `mssql.driver.ts` is the production implementation, and
 * `postgres-legacy.driver.ts` and `mariadb-legacy.driver.ts` run the same logic against real engines
 * where SQL Server cannot run.
 */
export type SqlDialect = 'mssql' | 'postgres' | 'mysql';

/** A query parameter: the adapter binds only these (watermarks). */
export type SqlParam =
  | { readonly type: 'binary'; readonly value: Buffer }
  | { readonly type: 'datetime' | 'datetime2'; readonly value: Date }
  | { readonly type: 'bigint'; readonly value: string }
  | { readonly type: 'text'; readonly value: string };

export type LegacyRow = Record<string, unknown>;

export interface LegacySqlDriver {
  readonly dialect: SqlDialect;
  /** Runs one SELECT in a read-only transaction (where the engine has one) and returns every row. */
  query(sql: string, params: readonly SqlParam[]): Promise<LegacyRow[]>;
  close(): Promise<void>;
}

/** Opens a read-only connection to the database at `url`; errors are raw, the caller translates them. */
export type LegacySqlConnector = (url: string) => Promise<LegacySqlDriver>;

export const LEGACY_SQL_CONNECTOR = Symbol('LEGACY_SQL_CONNECTOR');
