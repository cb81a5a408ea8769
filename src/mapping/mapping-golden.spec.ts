import { jest } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FixedClock } from '../common/clock.js';
import { encodeLegacyText } from './legacy-text/index.js';
import { dryRunMapping, loadReferenceServices, type DryRunLine } from './mapping-dry-run.js';

// The reference data and a 10 MB value take seconds on a loaded machine; Jest's default is 5 s.
jest.setTimeout(30_000);

// Every mappings/<source-id>/ folder: its mapping loads, and each fixtures/<name>.input.* maps to
// exactly fixtures/<name>.expected.jsonl, validation included (with the province of golden.json).
const MAPPINGS = join(process.cwd(), 'mappings');
const sources = readdirSync(MAPPINGS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

function fixturesOf(source: string): Array<{ name: string; input: string; expected: string }> {
  const dir = join(MAPPINGS, source, 'fixtures');
  return readdirSync(dir)
    .filter((file) => /\.input\.[a-z]+$/.test(file))
    .map((file) => {
      const name = file.replace(/\.input\.[a-z]+$/, '');
      return { name, input: join(dir, file), expected: join(dir, `${name}.expected.jsonl`) };
    });
}

describe('golden fixtures of every mapping', () => {
  let services: Awaited<ReturnType<typeof loadReferenceServices>>;

  beforeAll(async () => {
    services = await loadReferenceServices(new FixedClock(new Date('2026-11-21T03:00:00Z')));
  });

  it('has at least the three example sources', () => {
    expect(sources).toEqual(
      expect.arrayContaining(['hn-hotich-soap', 'na-quynhluu-csv', 'tg-caibe-2017-sql']),
    );
  });

  describe.each(sources)('%s', (source) => {
    const fixtures = fixturesOf(source);
    const golden = JSON.parse(readFileSync(join(MAPPINGS, source, 'fixtures', 'golden.json'), 'utf8')) as {
      provinceCode: string;
    };

    it('has golden fixtures', () => {
      expect(fixtures.length).toBeGreaterThan(0);
      for (const fixture of fixtures) expect(existsSync(fixture.expected)).toBe(true);
    });

    it.each(fixtures.map((f) => [f.name, f] as const))(
      'maps %s to the expected records',
      async (_, fixture) => {
        const lines = await dryRunMapping({
          mappingDir: join(MAPPINGS, source),
          inputFile: fixture.input,
          references: services.references,
          validation: { service: services.validator, provinceCode: golden.provinceCode },
        });
        const expected = readFileSync(fixture.expected, 'utf8')
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as DryRunLine);
        expect(lines).toEqual(expected);
        // Every fixture shows both sides: records that pass and rows or records that are refused.
        expect(lines.some((l) => l.record !== undefined && l.validationErrors?.length === 0)).toBe(true);
        expect(lines.some((l) => l.errors.length > 0 || (l.validationErrors?.length ?? 0) > 0)).toBe(true);
      },
    );
  });

  it('the TCVN3 fixture is exactly what encodeLegacyText makes of its readable source', () => {
    const dir = join(MAPPINGS, 'na-quynhluu-csv', 'fixtures');
    const source = readFileSync(join(dir, 'births.source.csv'), 'utf8').replace(/\n/g, '\r\n');
    const bytes = readFileSync(join(dir, 'births.input.csv'));
    expect(bytes.equals(encodeLegacyText(source, 'tcvn3'))).toBe(true);
    // Not readable as UTF-8: the test would prove nothing if the file were plain Unicode.
    expect(bytes.toString('utf8')).not.toContain('Ánh');
  });

  it('the mixed-encoding fixture is each row of its readable source in the encoding it names', () => {
    const dir = join(MAPPINGS, 'na-quynhvan-excel', 'fixtures');
    const [header, ...rows] = readFileSync(join(dir, 'marriages.source.csv'), 'utf8').trim().split('\n');
    const expected = Buffer.concat([
      encodeLegacyText(`${header.split(';').slice(1).join(';')}\r\n`, 'ascii'),
      ...rows.map((row) => {
        const [encoding, ...cells] = row.split(';');
        return encodeLegacyText(`${cells.join(';')}\r\n`, encoding as 'vni' | 'tcvn3');
      }),
    ]);
    expect(readFileSync(join(dir, 'marriages.input.csv')).equals(expected)).toBe(true);
    expect(new Set(rows.map((r) => r.split(';')[0]))).toEqual(new Set(['vni', 'tcvn3']));
  });
});
