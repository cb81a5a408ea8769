import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMappingDir, parseMappingText } from './mapping-spec.loader.js';
import { MappingException } from './mapping.exception.js';

const VALID = `
source: demo-csv
input: { format: csv, encoding: tcvn3 }
records:
  - eventType: BIRTH
    recordId: '{so}'
    fields:
      - { to: registerRef.registeredOn, from: ngay, date: { formats: [dd/MM/yyyy] } }
      - { to: 'parties[CHILD].person', name: { full: hoten } }
`;

function errorOf(text: string): string {
  try {
    parseMappingText(text, 'mappings/demo-csv/mapping.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(MappingException);
    expect((err as MappingException).code).toBe('MAPPING.SPEC_INVALID');
    return (err as Error).message;
  }
  throw new Error('the mapping was accepted');
}

describe('mapping spec loader', () => {
  it('reads a valid mapping', () => {
    const spec = parseMappingText(VALID, 'm.yaml');
    expect(spec.sourceId).toBe('demo-csv');
    expect(spec.input).toEqual({ format: 'csv', encoding: 'tcvn3' });
    expect(spec.records[0].fields.map((f) => f.to)).toEqual([
      'registerRef.registeredOn',
      'parties[CHILD].person',
    ]);
    expect(spec.codeTables.has('sex')).toBe(true);
  });

  it.each([
    [
      VALID.replace('dd/MM/yyyy', 'dd/MM/yyyy HH'),
      "records[0].fields[0].date.formats[0]: expected a date format (unknown letter 'H'",
    ],
    [VALID.replace('eventType: BIRTH', 'eventType: BORN'), 'records[0].eventType: expected one of BIRTH'],
    [
      VALID.replace("'parties[CHILD].person'", "'parties[KID].person'"),
      'records[0].fields[1].to: expected parties addressed by a role',
    ],
    [
      VALID.replace('from: ngay,', 'from: ngay, code: nowhere,'),
      'records[0].fields[0]: expected at most one of date, code',
    ],
    [VALID.replace('from: ngay,', 'form: ngay,'), 'records[0].fields[0].form: expected no such option'],
    [VALID.replace('format: csv', 'format: xls'), 'input.format: expected one of csv, xml, rows'],
    [VALID.replace('encoding: tcvn3', 'encoding: abc'), 'input.encoding: expected one of ascii, utf8'],
    [
      VALID.replace("recordId: '{so}'", "recordId: 'fixed'"),
      'records[0].recordId: expected a template naming at least one source field',
    ],
    [
      VALID.replace('to: registerRef.registeredOn', 'to: source.sourceId'),
      'records[0].fields[0].to: expected a path starting with one of',
    ],
    [
      VALID +
        "      - { to: 'parties[CHILD].person.placeOfBirth.unit', from: x, unit: { level: COMMUNE, asOf: occurredOn } }\n",
      'records[0].fields[2].unit.asOf: expected the target path of a date mapped by an earlier field',
    ],
    [
      VALID + '      - { to: occurredOn, from: x, code: missingTable }\n',
      'records[0].fields[2].code: expected a code table declared under codeTables',
    ],
    ['source: [unclosed', 'not valid YAML'],
  ])('refuses a broken mapping naming the field (%#)', (text, message) => {
    const error = errorOf(text);
    expect(error).toContain('mappings/demo-csv/mapping.yaml');
    expect(error).toContain(message);
  });

  it('bounds YAML alias expansion', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from({ length: 12 }, (_, i) => {
        const prev = i === 0 ? 'a' : `b${i - 1}`;
        return `b${i}: &b${i} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`;
      }),
    ].join('\n');
    expect(errorOf(bomb)).toContain('not valid YAML');
  });

  describe('from a folder', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'mapping-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('requires the source id to be the folder name', async () => {
      await mkdir(join(dir, 'other-id'));
      await writeFile(join(dir, 'other-id', 'mapping.yaml'), VALID);
      await expect(loadMappingDir(join(dir, 'other-id'))).rejects.toThrow(
        /source: 'demo-csv' must be the folder's name 'other-id'/,
      );
    });

    it('names a missing file', async () => {
      await expect(loadMappingDir(join(dir, 'absent'))).rejects.toThrow(
        /absent\/mapping.yaml: cannot be read/,
      );
    });
  });
});
