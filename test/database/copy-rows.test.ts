import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { COPY_MIN_ROWS, insertRows, RawJson, rows } from '../../src/database/sql.js';
import { createTestDatabase } from '../support/test-database.js';

type Plain = Record<string, any>;

/**
 * insertRows sends many rows inside a transaction by COPY and otherwise by a JSON recordset: both
 * must store exactly the same values, whatever characters the text holds.
 */
describe('bulk rows by COPY and by recordset', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  const columns = { id: 'int', name: 'text', flag: 'boolean', born: 'date', doc: 'jsonb', raw: 'json' };

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(dataSourceOptions(db.url, 2));
    await ds.initialize();
    for (const t of ['by_copy', 'by_recordset'])
      await ds.query(
        `CREATE TABLE ${t} (id int PRIMARY KEY, name text, flag boolean, born date, doc jsonb, raw json)`,
      );
  });

  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const awkward = [
    'Nguyễn Thị Ánh',
    'tab\there',
    'line\nbreak\r\nand CR',
    'back\\slash \\N \\t',
    'nul\u0000inside',
    'quote " and \' and ,;|',
    'Nguye\u0302\u0303n (NFD kept as given)',
    '',
    '\\',
  ];
  const data: Plain[] = Array.from({ length: COPY_MIN_ROWS + 8 }, (_, i) => ({
    id: i,
    name: i % 10 === 9 ? null : awkward[i % awkward.length],
    flag: i % 3 === 0 ? null : i % 2 === 0,
    born: i % 4 === 0 ? null : `2020-01-${String((i % 28) + 1).padStart(2, '0')}`,
    doc: { n: i, text: awkward[(i + 3) % awkward.length], nested: [1, 'a\tb', { k: '\\' }] },
    raw: i % 5 === 0 ? null : { keep: awkward[(i + 5) % awkward.length], order: 'z-first', a: 1 },
  }));

  it('stores the same values both ways, NUL as U+FFFD', async () => {
    await ds.transaction((tx) => insertRows(tx, 'by_copy', columns, data));
    await insertRows(ds, 'by_recordset', columns, data);
    const read = (t: string) =>
      rows<Plain>(ds, `SELECT id, name, flag, born::text, doc, raw::text AS raw FROM ${t} ORDER BY id`);
    const [copied, recordset] = [await read('by_copy'), await read('by_recordset')];
    expect(copied).toEqual(recordset);
    expect(copied).toHaveLength(data.length);
    expect(copied[1].name).toBe('tab\there');
    expect(copied[2].name).toBe('line\nbreak\r\nand CR');
    expect(copied[3].name).toBe('back\\slash \\N \\t');
    expect(copied[4].name).toBe('nul\uFFFDinside');
    expect(copied[9].name).toBeNull();
    expect(copied[0].flag).toBeNull();
    expect(copied[2].flag).toBe(true);
    expect(copied[1].doc).toEqual({ n: 1, text: 'nul\uFFFDinside', nested: [1, 'a\tb', { k: '\\' }] });
    // json keeps the text as sent (key order included); JSON.parse gives back the value.
    expect(JSON.parse(copied[1].raw)).toEqual(data[1].raw);
  });

  it('fails the whole statement on a constraint, and the transaction with it', async () => {
    const clash = data.map((r) => ({ ...r, id: r.id + 1000 }));
    clash[COPY_MIN_ROWS].id = 1000; // duplicate key inside the COPY
    await expect(ds.transaction((tx) => insertRows(tx, 'by_copy', columns, clash))).rejects.toMatchObject({
      code: '23505',
    });
    const [{ n }] = await rows<{ n: string }>(ds, 'SELECT count(*) AS n FROM by_copy WHERE id >= 1000');
    expect(Number(n)).toBe(0);
  });

  it('sends megabytes of multi-byte text, and a row longer than a send buffer, intact', async () => {
    const syllables = 'Nguyễn Trần Lê Phạm Hoàng Huỳnh Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý ';
    const big = Array.from({ length: 400 }, (_, i) => ({
      id: 5000 + i,
      name: `${i} ${syllables.repeat(40)}`,
      flag: null,
      born: null,
      doc: { i, text: syllables.repeat(10) },
      raw: null,
    }));
    big[200].name = 'Ánh\t'.repeat(150_000); // ~750,000 characters, over 2 MB in UTF-8
    await ds.transaction((tx) => insertRows(tx, 'by_copy', columns, big));
    const back = await rows<{ id: number; name: string; doc: Plain }>(
      ds,
      'SELECT id, name, doc FROM by_copy WHERE id >= 5000 ORDER BY id',
    );
    expect(back.map((r) => r.id)).toEqual(big.map((r) => r.id));
    back.forEach((r, i) => {
      expect(r.name).toBe(big[i].name);
      expect(r.doc).toEqual(big[i].doc);
    });
  });

  it('stores raw JSON bytes exactly as written, by COPY and (parsed) by recordset', async () => {
    // Pretty-printed, with escapes, tabs, CRLF and multi-byte text: what a source may send.
    const texts = Array.from({ length: COPY_MIN_ROWS + 2 }, (_, i) =>
      JSON.stringify(
        { i, name: awkward[i % awkward.length].replace('\u0000', ''), k: ['\\', '"'] },
        null,
        i % 2 ? '\t' : 2,
      ).replace(/\n/g, i % 3 ? '\r\n' : '\n'),
    );
    const raw = texts.map((t, i) => ({
      id: 7000 + i,
      name: null,
      flag: null,
      born: null,
      doc: null,
      raw: new RawJson(Buffer.from(t)),
    }));
    await ds.transaction((tx) => insertRows(tx, 'by_copy', columns, raw));
    const copied = await rows<{ raw: string }>(
      ds,
      'SELECT raw::text AS raw FROM by_copy WHERE id >= 7000 ORDER BY id',
    );
    expect(copied.map((r) => r.raw)).toEqual(texts);
    // A small batch goes by recordset: the same value, serialised.
    await insertRows(ds, 'by_recordset', columns, raw.slice(0, 3));
    const small = await rows<{ raw: unknown }>(
      ds,
      'SELECT raw FROM by_recordset WHERE id >= 7000 ORDER BY id',
    );
    expect(small.map((r) => r.raw)).toEqual(texts.slice(0, 3).map((t) => JSON.parse(t)));
  });
});
