import { runHubCli, type CliOutput } from '../../src/cli/hub-cli.runner.js';
import pg from 'pg';
import { createTestDatabase } from '../support/test-database.js';

/** `npm run hub -- …`, run in-process against a database of its own. */
describe('hub command-line tool', () => {
  let db: { url: string; drop(): Promise<void> };
  let out = '';
  let err = '';
  const io: CliOutput = { out: (t) => void (out += t), err: (t) => void (err += t) };
  const hub = async (argv: string[], extra: Record<string, string> = {}) => {
    out = '';
    err = '';
    return runHubCli(argv, { NODE_ENV: 'test', DATABASE_URL: db.url, ...extra }, io);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('creates a source and prints its API key once; the list shows no key', async () => {
    expect(
      await hub([
        'source',
        'create',
        '--id',
        'qn-csv',
        '--name',
        'Quảng Ninh – xuất CSV',
        '--province',
        '22',
      ]),
    ).toBe(0);
    const key = out.trim().split('\n').pop() ?? '';
    expect(key).toMatch(/^hub_[A-Za-z0-9_-]{43}$/);
    expect(await hub(['source', 'list'])).toBe(0);
    const listed = JSON.parse(out);
    expect(listed).toEqual([expect.objectContaining({ id: 'qn-csv', provinceCode: '22', activeKeys: 1 })]);
    expect(out).not.toContain(key);
    // Only the hash is stored.
    const c = new pg.Client(db.url);
    await c.connect();
    const stored = await c.query('SELECT key_hash, key_prefix FROM source_credential');
    await c.end();
    expect(stored.rows[0].key_prefix).toBe(key.slice(0, 12));
    expect(stored.rows[0].key_hash.toString('utf8')).not.toContain(key);
  });

  it('refuses a province that does not exist today, naming it', async () => {
    expect(await hub(['source', 'create', '--id', 'ha-tay', '--name', 'Hà Tây', '--province', '28'])).toBe(1);
    expect(err).toContain('SOURCE.INVALID_PROVINCE');
  });

  it('revokes keys and rotates them', async () => {
    expect(await hub(['source', 'issue-key', '--id', 'qn-csv'])).toBe(0);
    expect(await hub(['source', 'revoke', '--id', 'qn-csv'])).toBe(0);
    expect(out).toContain('revoked 2 key(s)');
  });

  it('bootstraps the first administrator only once, with the password from the environment', async () => {
    expect(await hub(['admin', 'bootstrap', '--username', 'admin', '--full-name', 'Quản trị viên'])).toBe(2);
    expect(err).toContain('HUB_ADMIN_PASSWORD');
    const env = { HUB_ADMIN_PASSWORD: 'một mật khẩu đủ dài 2026' };
    expect(
      await hub(['admin', 'bootstrap', '--username', 'admin', '--full-name', 'Quản trị viên'], env),
    ).toBe(0);
    expect(
      await hub(['admin', 'bootstrap', '--username', 'admin2', '--full-name', 'Người thứ hai'], env),
    ).toBe(1);
    expect(err).toContain('AUTH.ALREADY_BOOTSTRAPPED');
  });

  it('prints usage for an unknown command', async () => {
    expect(await hub(['frobnicate'])).toBe(2);
    expect(out).toContain('source create');
  });
});
