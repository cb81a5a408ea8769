import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AdminUnitReferences } from './engine/admin-unit.references.js';
import { loadAllMappings, MappingRegistry, resolveMappingsDir } from './mapping-registry.service.js';

const noReferences = { unit: () => undefined, authority: () => undefined } as unknown as AdminUnitReferences;

describe('MappingRegistry', () => {
  it('loads every mapping of mappings/ by source id', async () => {
    const registry = new MappingRegistry(await loadAllMappings(resolveMappingsDir({})), noReferences);
    expect(registry.sourceIds()).toEqual(
      expect.arrayContaining(['hn-hotich-soap', 'na-quynhluu-csv', 'tg-caibe-2017-sql']),
    );
    expect(registry.get('na-quynhluu-csv').spec.input).toMatchObject({ format: 'csv', encoding: 'tcvn3' });
    expect(() => registry.get('nobody')).toThrow(/Nguồn nobody chưa có mapping/);
  });

  it('stops on one broken mapping, naming its file and field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mappings-'));
    try {
      await mkdir(join(dir, 'broken-src'));
      await writeFile(
        join(dir, 'broken-src', 'mapping.yaml'),
        'source: broken-src\ninput: { format: csv, encoding: latin9 }\nrecords: []\n',
      );
      await expect(loadAllMappings(dir)).rejects.toThrow(
        `${join(dir, 'broken-src', 'mapping.yaml')}: records: expected at least one record mapping`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
