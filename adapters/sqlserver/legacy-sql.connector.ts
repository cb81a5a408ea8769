import type { LegacySqlDriver } from './legacy-sql.driver.js';
import { connectMssql } from './mssql.driver.js';
import { connectMariadbLegacy } from './mariadb-legacy.driver.js';
import { connectPostgresLegacy } from './postgres-legacy.driver.js';
import { SqlAdapterException } from './sql-adapter.exception.js';

/**
 * mssql:// or sqlserver:// → SQL Server (mssql); postgres://, postgresql://, mariadb:// or mysql:// →
 * the generic drivers that run the same logic on the engines available here.
 */
export function connectLegacySql(url: string): Promise<LegacySqlDriver> {
  const scheme = /^([a-z]+):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'mssql' || scheme === 'sqlserver') return connectMssql(url);
  if (scheme === 'postgres' || scheme === 'postgresql') return connectPostgresLegacy(url);
  if (scheme === 'mariadb' || scheme === 'mysql') return connectMariadbLegacy(url);
  throw new SqlAdapterException(
    'SQL.NOT_CONFIGURED',
    `Địa chỉ kết nối cơ sở dữ liệu nguồn phải bắt đầu bằng mssql://, postgres:// hoặc mariadb:// (nhận: ${scheme ?? 'không rõ'}://)`,
  );
}
