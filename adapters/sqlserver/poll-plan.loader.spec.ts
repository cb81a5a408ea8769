import { loadMappingDir } from '../../src/mapping/engine/mapping-spec.loader.js';
import type { MappingSpec } from '../../src/mapping/engine/mapping-spec.model.js';
import { loadPollPlan, parsePollPlan } from './poll-plan.loader.js';

const DIR = 'mappings/tg-caibe-2017-sql';
const FILE = `${DIR}/poll.yaml`;

describe('poll.yaml (SQL adapter plan)', () => {
  let mapping: MappingSpec;

  beforeAll(async () => {
    mapping = await loadMappingDir(DIR);
  });

  const plan = (tables: string, extra = ''): string =>
    `source: tg-caibe-2017-sql\nconnectionEnv: TG_URL\n${extra}tables:\n${tables}`;

  it('loads the example source: three tables with their watermarks', async () => {
    const loaded = await loadPollPlan(DIR, mapping);
    expect(loaded).toMatchObject({
      sourceId: 'tg-caibe-2017-sql',
      connectionEnv: 'TG_CAIBE_2017_SQL_URL',
      intervalMs: 300_000,
      batchSize: 1000,
    });
    expect(loaded?.tables.map((t) => [t.table, t.watermark])).toEqual([
      ['KhaiSinh', { kind: 'rowversion', column: 'rv' }],
      ['KhaiTu', { kind: 'updatedAt', column: 'ngaycapnhat', id: 'id', sqlType: 'datetime' }],
      ['KetHon', { kind: 'id', column: 'id' }],
    ]);
    expect(loaded?.tables[1].query).toBe('SELECT * FROM KhaiTu');
  });

  it('a source without poll.yaml has no plan', async () => {
    const csv = await loadMappingDir('mappings/na-quynhluu-csv');
    await expect(loadPollPlan('mappings/na-quynhluu-csv', csv)).resolves.toBeUndefined();
  });

  it.each([
    [
      plan('  - { table: KhaiSinh, watermark: { kind: id, column: id } }', 'batchsize: 5\n'),
      'batchsize: expected no such option',
    ],
    [
      plan('  - { table: SoHoTich, watermark: { kind: id, column: id } }'),
      'tables[0].table: expected a table mapped in mapping.yaml',
    ],
    [
      plan('  - { table: KhaiSinh, watermark: { kind: id, column: "id; DROP TABLE x" } }'),
      'tables[0].watermark.column: expected a plain column name',
    ],
    [
      plan(
        '  - { table: KhaiSinh, query: "SELECT * FROM KhaiSinh; DELETE FROM KhaiSinh", watermark: { kind: id, column: id } }',
      ),
      'tables[0].query: expected one SELECT statement without ;',
    ],
    [
      plan('  - { table: KhaiSinh, query: "DELETE FROM KhaiSinh", watermark: { kind: id, column: id } }'),
      'tables[0].query: expected one SELECT statement',
    ],
    [
      plan(
        '  - { table: KhaiSinh, query: "SELECT * FROM KhaiSinh -- x", watermark: { kind: id, column: id } }',
      ),
      'tables[0].query: expected a query without comments',
    ],
    [
      plan('  - { table: KhaiTu, watermark: { kind: updatedAt, column: ngaycapnhat } }'),
      'tables[0].watermark.id: expected the id column breaking ties',
    ],
    [
      plan('  - { table: KhaiSinh, watermark: { kind: rowversion, column: rv, id: id } }'),
      'tables[0].watermark.id: expected no id for a rowversion watermark',
    ],
    [
      plan('  - { table: KhaiSinh, watermark: { kind: id, column: id } }', 'batchSize: 5000\n'),
      'batchSize: expected a whole number 1–1000',
    ],
    [
      plan(
        '  - { table: KhaiSinh, watermark: { kind: id, column: id } }\n  - { table: KhaiSinh, watermark: { kind: id, column: id } }',
      ),
      'tables[1].table: expected a table polled once',
    ],
  ])('refuses a broken plan naming the file and the field (%#)', (text, message) => {
    expect(() => parsePollPlan(text, FILE, mapping)).toThrow(`${FILE}: ${message}`);
  });

  it('refuses a plan whose source is not the mapping beside it', () => {
    expect(() =>
      parsePollPlan(
        plan('  - { table: KhaiSinh, watermark: { kind: id, column: id } }').replace(
          'tg-caibe-2017-sql',
          'khac',
        ),
        FILE,
        mapping,
      ),
    ).toThrow(`${FILE}: source: expected the mapping's source 'tg-caibe-2017-sql'`);
  });
});
