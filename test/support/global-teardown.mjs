import pg from 'pg';

export default async function globalTeardown() {
  const url = process.env.HUB_TEST_DATABASE_URL;
  const template = process.env.HUB_TEST_TEMPLATE;
  if (url && template) {
    const u = new URL(url);
    u.pathname = '/postgres';
    const client = new pg.Client({ connectionString: u.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`).catch(() => undefined);
    await client.end();
  }
  await globalThis.__HUB_EMBEDDED_PG__?.stop();
}
