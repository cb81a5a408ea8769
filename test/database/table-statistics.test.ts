import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { TableStatisticsService } from '../../src/database/table-statistics.service.js';
import { createTestDatabase } from '../support/test-database.js';

/**
 * A table that grows from nothing in a bulk import is planned with the statistics of an empty table
 * until someone analyses it; the hub does, whether or not autovacuum runs.
 */
describe('planner statistics of the hub’s tables', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(dataSourceOptions(db.url, 3));
    await ds.initialize();
    await ds.query('CREATE TABLE grown (id int PRIMARY KEY, pin text, kind text)');
    await ds.query('CREATE INDEX grown_pin_idx ON grown (pin)');
    await ds.query('ANALYZE grown'); // statistics of the empty table, as after a migration
  });

  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  /** Inserted and its counters flushed to the statistics system at once (they are otherwise batched). */
  async function grow(from: number, n: number): Promise<void> {
    await ds.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO grown SELECT g, 'P' || g, CASE WHEN g % 2 = 0 THEN 'BIRTH' ELSE 'DEATH' END
           FROM generate_series($1::int, $2::int) g`,
        [from, from + n - 1],
      );
    });
    await ds.query('SELECT pg_stat_force_next_flush()');
    await new Promise((r) => setTimeout(r, 50));
  }

  const estimate = async (): Promise<number> => {
    const [row] = await ds.query(`EXPLAIN (FORMAT JSON) SELECT * FROM grown WHERE kind = 'BIRTH'`);
    return row['QUERY PLAN'][0].Plan['Plan Rows'] as number;
  };

  it('analyses a table that grew past its statistics, and leaves it alone until it grows again', async () => {
    const stats = new TableStatisticsService(ds);
    await grow(1, 50_000);
    expect(await estimate()).toBeLessThan(1_000); // planned as if (nearly) empty
    expect(await stats.refresh()).toContain('public.grown');
    const [{ analysed }] = await ds.query(
      `SELECT last_analyze IS NOT NULL AS analysed FROM pg_stat_user_tables WHERE relname = 'grown'`,
    );
    expect(analysed).toBe(true);
    expect(await estimate()).toBeGreaterThan(20_000); // half of the rows are births
    // A quick sample (statistics target 10): 11 histogram bounds for the unique pins, not 101.
    const [{ bounds }] = await ds.query(
      `SELECT array_length(histogram_bounds::text::text[], 1) AS bounds FROM pg_stats
        WHERE tablename = 'grown' AND attname = 'pin'`,
    );
    expect(bounds).toBe(11);
    await ds.query('SELECT pg_stat_force_next_flush()');
    expect(await stats.refresh()).not.toContain('public.grown');
    await grow(50_001, 30_000); // under 1,000 + the table's size: not stale yet
    expect(await stats.refresh()).not.toContain('public.grown');
    await grow(80_001, 25_000); // the table has more than doubled since its statistics
    expect(await stats.refresh()).toContain('public.grown');
  });

  it('leaves the tables read only by primary key to autovacuum', async () => {
    await ds.transaction(async (tx) => {
      // Payload rows alone (their items are not the point here): foreign keys off for this transaction.
      await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query(
        `INSERT INTO intake_payload (item_id, payload) SELECT gen_random_uuid(), '{}' FROM generate_series(1, 5000)`,
      );
    });
    await ds.query('SELECT pg_stat_force_next_flush()');
    await new Promise((r) => setTimeout(r, 50));
    const [{ n }] = await ds.query(
      `SELECT n_mod_since_analyze AS n FROM pg_stat_user_tables WHERE relname = 'intake_payload'`,
    );
    expect(Number(n)).toBeGreaterThanOrEqual(5000); // stale by the rule…
    expect(await new TableStatisticsService(ds).refresh()).not.toContain('public.intake_payload'); // …yet left alone
  });

  it('lets one process analyse at a time', async () => {
    await grow(200_001, 120_000);
    const a = new TableStatisticsService(ds);
    const b = new TableStatisticsService(ds);
    const [x, y] = await Promise.all([a.refresh(), b.refresh()]);
    expect([x, y].filter((r) => r.includes('public.grown'))).toHaveLength(1);
  });
});
