import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';

/** Tests refuse to touch a database whose name does not say it is for tests (CONVENTIONS.md). */
export function assertTestDatabase(url: string): void {
  const name = new URL(url).pathname.slice(1);
  if (!name.includes('test'))
    throw new Error(`refusing to run tests against database "${name}": its name must contain "test"`);
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * The run's migrated template database, made by the first test worker that needs it (an advisory
 * lock makes the others wait); each test file then copies it, which takes a fraction of a second.
 */
async function ensureTemplate(url: string, template: string): Promise<void> {
  await admin(url, async (c) => {
    await c.query('SELECT pg_advisory_lock(727001)');
    try {
      const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (found.rowCount) return;
      const building = `${template}_building`;
      await c.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await c.query(`CREATE DATABASE "${building}"`);
      const ds = new DataSource(dataSourceOptions(withDatabase(url, building), 2));
      await ds.initialize();
      try {
        await ds.runMigrations();
      } finally {
        await ds.destroy();
      }
      await c.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
    } finally {
      await c.query('SELECT pg_advisory_unlock(727001)');
    }
  });
}

export async function dropDatabase(url: string, database: string): Promise<void> {
  await admin(url, (c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
}

/** A fresh database for one test file, copied from the run's migrated template. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.HUB_TEST_DATABASE_URL;
  const template = process.env.HUB_TEST_TEMPLATE;
  if (!base || !template)
    throw new Error('test database not prepared: run the tests through jest (global setup)');
  assertTestDatabase(base);
  await ensureTemplate(base, template);
  const name = `hub_test_${randomBytes(5).toString('hex')}`;
  await admin(base, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return { url: withDatabase(base, name), drop: () => dropDatabase(base, name) };
}
