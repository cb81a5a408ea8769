import type pg from 'pg';

/**
 * The simulator's own store, in its own PostgreSQL schema (default `population_sim`), apart from the
 * hub's register: it plays an outside system and shares nothing with the hub but the wire. Its
 * migrations are numbered and recorded in its own table; they only ever append.
 */
const MIGRATIONS: ReadonlyArray<{ version: number; sql: (schema: string) => string }> = [
  {
    version: 1,
    sql: (s) => `
      CREATE TABLE ${s}.person (
        pin               text PRIMARY KEY,             -- số định danh cá nhân, 12 digits
        status            text NOT NULL DEFAULT 'ALIVE' CHECK (status IN ('ALIVE', 'DECEASED', 'VOIDED')),
        sex               text,
        birth_year        integer,
        birth_ref         text UNIQUE,                  -- registering authority|book|entry|date of the birth
        birth_event_id    uuid UNIQUE,                  -- the hub's register id of the birth
        death_event_id    uuid,
        issued_at         timestamptz NOT NULL DEFAULT now(),
        deceased_at       timestamptz
      );
      CREATE TABLE ${s}.registration (
        event_id       uuid NOT NULL,
        event_version  integer NOT NULL,
        message_type   text NOT NULL,
        pins           text[] NOT NULL DEFAULT '{}',
        recorded_at    timestamptz NOT NULL DEFAULT now(),
        voided_at      timestamptz,
        PRIMARY KEY (event_id, event_version, message_type)
      );
      -- One row per request message id: the idempotency key. The reply is kept and sent again.
      CREATE TABLE ${s}.processed_message (
        message_id    uuid PRIMARY KEY,
        event_id      uuid,
        message_type  text,
        outcome       text,
        reply         jsonb,
        deliveries    integer NOT NULL DEFAULT 1,
        processed_at  timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];

export async function migrateSimulatorSchema(pool: pg.Pool, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid simulator schema name: ${schema}`);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`population-sim:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${schema}.schema_migration (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = await client.query<{ version: number }>(`SELECT version FROM ${schema}.schema_migration`);
    const applied = new Set(done.rows.map((r) => r.version));
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql(schema));
        await client.query(`INSERT INTO ${schema}.schema_migration (version) VALUES ($1)`, [m.version]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    }
  } finally {
    await client
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`population-sim:${schema}`])
      .catch(() => undefined);
    client.release();
  }
}
