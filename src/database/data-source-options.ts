import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';

/** One definition of the connection, shared by the hub, the CLI and the tests. */
export function dataSourceOptions(url: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [],
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    poolSize,
    // Timestamps are exchanged as UTC; dates (date columns) stay strings 'YYYY-MM-DD'.
    extra: { options: '-c timezone=UTC', application_name: 'civil-status-hub' },
  };
}
