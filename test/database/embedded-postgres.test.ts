import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';

/** The embedded default of `npm start`: a real PostgreSQL whose data survives a restart. */
describe('embedded PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-embedded-'));
  // As root, PostgreSQL runs as an unprivileged user that must be able to enter the directory.
  chmodSync(dataDir, 0o755);
  const port = 21000 + (process.pid % 10000);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const query = async (url: string, sql: string) => {
    const c = new pg.Client(url);
    await c.connect();
    try {
      return (await c.query(sql)).rows;
    } finally {
      await c.end();
    }
  };

  it('starts, keeps its data across a restart, and lets a second process attach', async () => {
    const first = await startEmbeddedPostgres({ dataDir, port, database: 'hub_test_embedded' });
    try {
      await query(first.url, `CREATE TABLE kept (name text); INSERT INTO kept VALUES ('Đồng Nai')`);
      const versions = await query(first.url, `SELECT current_setting('server_version_num')::int AS v`);
      expect(versions[0].v).toBeGreaterThanOrEqual(150000);
      // The CLI run while the hub runs attaches to the same server instead of starting another.
      const attached = await startEmbeddedPostgres({ dataDir, port, database: 'hub_test_embedded' });
      expect(await query(attached.url, 'SELECT name FROM kept')).toEqual([{ name: 'Đồng Nai' }]);
      await attached.stop(); // leaves the server running: it was not started by this handle
      expect(await query(first.url, 'SELECT count(*)::int AS n FROM kept')).toEqual([{ n: 1 }]);
    } finally {
      await first.stop();
    }
    const again = await startEmbeddedPostgres({ dataDir, port, database: 'hub_test_embedded' });
    try {
      expect(await query(again.url, 'SELECT name FROM kept')).toEqual([{ name: 'Đồng Nai' }]);
    } finally {
      await again.stop();
    }
  });
});
