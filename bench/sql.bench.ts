import { createBenchSource } from './support/bench-source.js';
import type { INestApplication } from '@nestjs/common';
import mysql from 'mysql2/promise';
import { SqlPollScheduler } from '../adapters/sqlserver/sql-poll.scheduler.js';
import { loadHubConfig } from '../config/hub.config.js';
import { createHubApp } from '../src/bootstrap.js';
import {
  generateLegacyRows,
  insertStatements,
  LEGACY_2017_SCHEMA_MARIADB,
  LEGACY_2017_SCHEMA_POSTGRES,
  type LegacyRows,
} from '../test/generators/legacy-sql-rows.generator.js';
import { recreateDatabase, withClient } from './support/bench-database.js';
import { benchLine, round } from './support/figures.js';

/**
 * `npm run bench -- sql` (issue: legacy adapters): the 2017 Cái Bè schema (KhaiSinh, KhaiTu, KetHon)
 * in a PostgreSQL database of its own, filled with BENCH_SQL_ROWS generated rows (default 60,000:
 * two thirds births, the rest deaths and marriages, 5 % of births broken), read by the SQL adapter
 * through the generic driver with the source's own poll.yaml (batches of 1,000), mapped and handed to
 * intake on the machine's PostgreSQL. Rows per second over one whole poll, checkpoints included.
 * BENCH_SQL_ENGINE=mariadb holds the legacy schema in the machine's MariaDB instead (root, no password).
 */
const ROWS = Number(process.env.BENCH_SQL_ROWS ?? 60_000);
const ENGINE = process.env.BENCH_SQL_ENGINE === 'mariadb' ? 'mariadb' : 'postgres';
const TABLES = ['KhaiSinh', 'KhaiTu', 'KetHon'] as const;
const SOURCE_ID = 'tg-caibe-2017-sql';
const URL_ENV = 'TG_CAIBE_2017_SQL_URL';

export async function run(): Promise<void> {
  const hubUrl = await recreateDatabase('hub_bench_sql');
  const births = Math.round((ROWS * 2) / 3);
  const deaths = Math.round((ROWS - births) / 2);
  const marriages = ROWS - births - deaths;
  log(
    `generating ${ROWS.toLocaleString()} legacy rows on ${ENGINE} (${births} births, ${deaths} deaths, ${marriages} marriages)…`,
  );
  const rows = generateLegacyRows({ seed: 'bench-sql', births, deaths, marriages, defectShare: 0.05 });
  const legacyUrl = ENGINE === 'mariadb' ? await fillMariadb(rows) : await fillPostgres(rows);
  createBenchSource(hubUrl, {
    id: SOURCE_ID,
    name: 'Cái Bè 2017 (đo hiệu năng)',
    province: '82',
    transport: 'SQL',
  });

  // The connection variable is set only once the hub is up, so the timed poll is the only one.
  delete process.env[URL_ENV];
  const app: INestApplication = await createHubApp(
    loadHubConfig({ ...process.env, DATABASE_URL: hubUrl, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }),
    hubUrl,
  );
  await app.init();
  try {
    process.env[URL_ENV] = legacyUrl;
    const started = performance.now();
    const result = await app.get(SqlPollScheduler).pollNow(SOURCE_ID);
    const seconds = (performance.now() - started) / 1000;
    const read = result.tables.reduce((n, t) => n + t.rowsRead, 0);
    for (const t of result.tables) {
      log(
        `${t.table}: read ${t.rowsRead} in ${t.batches} batches; submitted ${t.submitted} (accepted ${t.accepted}, rejected ${t.rejected}, held ${t.held}); refused by the mapping ${t.unmapped}`,
      );
    }
    if (read !== ROWS) throw new Error(`read ${read} rows, expected ${ROWS}`);
    log(`${read} rows in ${round(seconds, 1)} s`);
    console.log(benchLine('sql', { rows_per_s: round(read / seconds), engine: ENGINE }));
  } finally {
    delete process.env[URL_ENV];
    await app.close();
  }
}

async function fillPostgres(rows: LegacyRows): Promise<string> {
  const url = await recreateDatabase('hub_bench_sql_legacy');
  await withClient(url, async (c) => {
    await c.query(LEGACY_2017_SCHEMA_POSTGRES);
    for (const table of TABLES)
      for (const s of insertStatements(table, rows[table])) await c.query(s.text, s.values);
    await c.query('ANALYZE');
  });
  return url;
}

async function fillMariadb(rows: LegacyRows): Promise<string> {
  const c = await mysql.createConnection({
    host: '127.0.0.1',
    user: 'root',
    multipleStatements: true,
    timezone: 'Z',
  });
  try {
    await c.query('DROP DATABASE IF EXISTS hub_bench_sql_legacy');
    await c.query('CREATE DATABASE hub_bench_sql_legacy CHARACTER SET utf8mb4');
    await c.query('USE hub_bench_sql_legacy');
    await c.query(LEGACY_2017_SCHEMA_MARIADB);
    for (const table of TABLES)
      for (const s of insertStatements(table, rows[table], 500, 'mysql')) await c.query(s.text, s.values);
    await c.query('ANALYZE TABLE KhaiSinh, KhaiTu, KetHon');
  } finally {
    await c.end();
  }
  return 'mariadb://root@127.0.0.1:3306/hub_bench_sql_legacy';
}

function log(message: string): void {
  process.stderr.write(`[bench sql] ${message}\n`);
}
