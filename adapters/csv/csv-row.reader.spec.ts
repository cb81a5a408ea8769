import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadMappingDir } from '../../src/mapping/engine/mapping-spec.loader.js';
import type { MappingSpec } from '../../src/mapping/engine/mapping-spec.model.js';
import { encodeLegacyText } from '../../src/mapping/legacy-text/index.js';
import { readCsvHead, readCsvRows, type CsvRowItem } from './csv-row.reader.js';

const HEADER = 'STT,SoDK,HoTen\r\n';

describe('CSV row reader', () => {
  let dir: string;
  let spec: MappingSpec;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'csv-reader-'));
    spec = await loadMappingDir('mappings/na-quynhluu-csv');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function readAll(name: string, bytes: Buffer): Promise<CsvRowItem[]> {
    const path = join(dir, name);
    await writeFile(path, bytes);
    const items: CsvRowItem[] = [];
    for await (const item of readCsvRows(path, await readCsvHead(path, spec))) items.push(item);
    return items;
  }

  it('turns a quote never closed into one malformed row after the good ones, numbered in sequence', async () => {
    const body = `${HEADER}1,1,An\r\n2,2,"Bình\r\n3,3,Chi\r\n4,4,Dũng\r\n`;
    const items = await readAll('unclosed.csv', encodeLegacyText(body, 'tcvn3'));
    expect(items.map((i) => [i.kind, i.kind === 'row' ? i.row.rowNumber : i.rowNumber])).toEqual([
      ['row', 1],
      ['malformed', 2],
    ]);
  });

  it('keeps values as bytes (latin1) and skips a UTF-8 BOM, reading the file as UTF-8', async () => {
    const text = `${HEADER}1,1,Nguyễn\r\n`;
    const path = join(dir, 'bom.csv');
    await writeFile(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    const head = await readCsvHead(path, spec);
    expect(head).toMatchObject({
      bom: true,
      encoding: 'utf8',
      delimiter: ',',
      columns: ['STT', 'SoDK', 'HoTen'],
    });
    const items: CsvRowItem[] = [];
    for await (const item of readCsvRows(path, head)) items.push(item);
    expect(items).toHaveLength(1);
    const [first] = items;
    expect(first.kind === 'row' && first.row.values.STT).toBe('1');
    expect(
      first.kind === 'row' && Buffer.from(first.row.values.HoTen as string, 'latin1').toString('utf8'),
    ).toBe('Nguyễn');
  });

  it('streams a 40,000-row file: every row once, in order', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `${i + 1},${i + 1},Nguyễn Văn An\r\n`).join('');
    const path = join(dir, 'large.csv');
    await writeFile(path, encodeLegacyText(HEADER + rows, 'tcvn3'));
    const head = await readCsvHead(path, spec);
    expect(head.detection).toBeUndefined(); // the mapping declares tcvn3: nothing to detect
    let count = 0;
    let last = 0;
    for await (const item of readCsvRows(path, head)) {
      count++;
      if (item.kind === 'row') last = item.row.rowNumber;
    }
    expect(count).toBe(40_000);
    expect(last).toBe(40_000);
  });

  it('closes the file when the consumer stops early', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => `${i + 1},${i + 1},An\r\n`).join('');
    const path = join(dir, 'early.csv');
    await writeFile(path, HEADER + rows);
    const fds = async (): Promise<number> => (await readdir('/proc/self/fd')).length;
    const before = await fds();
    for await (const item of readCsvRows(path, await readCsvHead(path, spec))) {
      if (item.kind === 'row' && item.row.rowNumber === 10) break;
    }
    // The stream closes its descriptor asynchronously.
    for (let i = 0; i < 50 && (await fds()) > before; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await fds()).toBe(before);
  });
});
