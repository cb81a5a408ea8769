import { jest } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHubCli } from '../cli/hub-cli.runner.js';

// The reference data and a 10 MB value take seconds on a loaded machine; Jest's default is 5 s.
jest.setTimeout(30_000);

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  // No DATABASE_URL and no DATA_DIR: the dry run must not start or need a database.
  const code = await runHubCli(argv, {}, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('npm run hub -- map (dry run)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'map-cli-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints one JSON line per row, records and errors, and a summary', async () => {
    const { code, out, err } = await run([
      'map',
      '--mapping',
      'mappings/tg-caibe-2017-sql',
      '--input',
      'mappings/tg-caibe-2017-sql/fixtures/rows.input.json',
      '--province',
      '82',
    ]);
    expect(code).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatchObject({
      row: 1,
      table: 'KhaiSinh',
      recordId: 'KS-1041',
      errors: [],
      validationErrors: [],
    });
    expect(lines[2]).toMatchObject({
      row: 3,
      recordId: 'KS-1043',
      errors: expect.arrayContaining([expect.objectContaining({ code: 'MAPPING.MISSING' })]),
    });
    expect(lines[2].record).toBeUndefined();
    expect(err).toBe('7 dòng: 5 chuyển đổi được, 2 có lỗi, 0 không qua kiểm tra\n');
  });

  it('stops with the file and the field of a broken mapping', async () => {
    const mappingDir = join(dir, 'bad-source');
    await writeFile(join(dir, 'input.json'), '{}');
    await import('node:fs/promises').then((fs) => fs.mkdir(mappingDir));
    await writeFile(
      join(mappingDir, 'mapping.yaml'),
      "source: bad-source\ninput: { format: rows }\nrecords:\n  - { eventType: BIRTH, table: T, recordId: '{id}', fields: [ { to: occurredOn, from: x, date: { formats: [], pivot: 7 } } ] }\n",
    );
    const { code, err } = await run(['map', '--mapping', mappingDir, '--input', join(dir, 'input.json')]);
    expect(code).toBe(1);
    expect(err).toContain(
      `MAPPING.SPEC_INVALID: ${join(mappingDir, 'mapping.yaml')}: records[0].fields[0].date.formats: expected at least one date format`,
    );
  });

  it('explains a missing option and a missing input file', async () => {
    expect(await run(['map', '--mapping', 'mappings/hn-hotich-soap'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('missing --input'),
    });
    const missing = await run([
      'map',
      '--mapping',
      'mappings/hn-hotich-soap',
      '--input',
      join(dir, 'nope.xml'),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('MAPPING.INPUT_INVALID');
  });
});
