import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { createTestDatabase } from '../support/test-database.js';

/**
 * An intake item belongs to a batch and comes from that batch's source (migration
 * 1763960000000): one composite foreign key holds both, and the batch's own key holds the source.
 */
describe('intake item keys', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  const BATCH = '01900000-0000-7000-8000-000000000001';

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(dataSourceOptions(db.url, 2));
    await ds.initialize();
    await ds.runMigrations();
    await ds.query(
      `INSERT INTO source (id, name, province_code) VALUES ('nguon-a', 'Nguồn A', '01'), ('nguon-b', 'Nguồn B', '79')`,
    );
    await ds.query(
      `INSERT INTO intake_batch (id, source_id, transport, record_count) VALUES ($1, 'nguon-a', 'REST', 1)`,
      [BATCH],
    );
  });

  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const insertItem = (id: string, batchId: string, sourceId: string): Promise<unknown> =>
    ds.query(`INSERT INTO intake_item (id, batch_id, seq, source_id) VALUES ($1, $2, 0, $3)`, [
      id,
      batchId,
      sourceId,
    ]);

  it("takes an item of its batch and its batch's source", async () => {
    await insertItem('01900000-0000-7000-8000-0000000000a1', BATCH, 'nguon-a');
    const [{ n }] = await ds.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM intake_item');
    expect(n).toBe(1);
  });

  it.each([
    ['another source than its batch', BATCH, 'nguon-b'],
    ['a source that does not exist', BATCH, 'khong-co'],
    ['a batch that does not exist', '01900000-0000-7000-8000-00000000ffff', 'nguon-a'],
  ])('refuses an item naming %s', async (_what, batchId, sourceId) => {
    await expect(insertItem('01900000-0000-7000-8000-0000000000b1', batchId, sourceId)).rejects.toThrow(
      /intake_item_batch_source_fkey/,
    );
  });

  it('checks an item once, against its batch, not again against the source', async () => {
    const keys = await ds.query<Array<{ conname: string }>>(
      `SELECT conname FROM pg_constraint WHERE conrelid = 'intake_item'::regclass AND contype = 'f' ORDER BY conname`,
    );
    expect(keys.map((k) => k.conname)).toEqual(['intake_item_batch_source_fkey']);
  });
});
