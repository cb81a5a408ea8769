import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { runHubCli, type CliOutput } from '../../src/cli/hub-cli.runner.js';
import { createTestDatabase } from '../support/test-database.js';

describe('npm run hub -- matching index-register', () => {
  let db: { url: string; drop(): Promise<void> };
  let out = '';
  const io: CliOutput = { out: (t) => void (out += t), err: (t) => void (out += t) };
  const hub = (argv: string[]) => runHubCli(argv, { NODE_ENV: 'test', DATABASE_URL: db.url }, io);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('indexes registered events from their party rows, once', async () => {
    const c = new pg.Client(db.url);
    await c.connect();
    const id = randomUUID();
    try {
      await c.query(
        `INSERT INTO registering_authority (id, code, kind, name) VALUES ('UBND-X-00004@-', 'UBND-X-00004', 'COMMUNE_PEOPLES_COMMITTEE', 'UBND phường Trúc Bạch')`,
      );
      await c.query(
        `INSERT INTO civil_event (id, event_type, registration_kind, authority_id, authority_code, register_book,
           register_entry, register_year, registered_on, occurred_on, timeliness, commune_code, content_hash)
         VALUES ($1, 'DEATH', 'FIRST', 'UBND-X-00004@-', 'UBND-X-00004', '01/2024', '5', 2024, '2024-06-01',
                 '2024-05-28', 'ON_TIME', '00004', 'h')`,
        [id],
      );
      await c.query(
        `INSERT INTO party (event_id, ordinal, role, full_name, sex, birth_date)
         VALUES ($1, 0, 'DECEASED', 'Phạm Văn Bảy', 'MALE', '1940-02-03'), ($1, 1, 'DECLARANT', 'Phạm Thị Hoa', NULL, NULL)`,
        [id],
      );
      out = '';
      expect(await hub(['matching', 'index-register'])).toBe(0);
      expect(out).toContain('indexed 1 event(s)');
      const keys = await c.query('SELECT count(*)::int AS n FROM match_key WHERE event_id = $1', [id]);
      expect(keys.rows[0].n).toBeGreaterThanOrEqual(3);
      out = '';
      expect(await hub(['matching', 'index-register'])).toBe(0);
      expect(out).toContain('indexed 0 event(s)');
    } finally {
      await c.end();
    }
  });
});
