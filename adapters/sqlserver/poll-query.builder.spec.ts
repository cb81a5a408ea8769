import type { TablePoll } from './poll-plan.model.js';
import { buildPollQuery, watermarkOf } from './poll-query.builder.js';

const byRowversion: TablePoll = {
  table: 'KhaiSinh',
  query: 'SELECT * FROM KhaiSinh',
  watermark: { kind: 'rowversion', column: 'rv' },
};
const byUpdatedAt: TablePoll = {
  table: 'KhaiTu',
  query: 'SELECT * FROM KhaiTu',
  watermark: { kind: 'updatedAt', column: 'ngaycapnhat', id: 'id', sqlType: 'datetime' },
};
const byId: TablePoll = {
  table: 'KetHon',
  query: 'SELECT * FROM KetHon',
  watermark: { kind: 'id', column: 'id' },
};

describe('the poll query (one logic, two dialects)', () => {
  it('first read: the whole table in watermark order, a batch at a time', () => {
    expect(buildPollQuery('postgres', byId, undefined, 500)).toEqual({
      sql: 'SELECT * FROM (SELECT * FROM KetHon) AS src ORDER BY src."id" LIMIT 500',
      params: [],
    });
    expect(buildPollQuery('mssql', byId, undefined, 500).sql).toBe(
      'SELECT TOP (500) * FROM (SELECT * FROM KetHon) AS src ORDER BY src.[id]',
    );
  });

  it('rowversion: after the stored value, and (SQL Server) never past a transaction still open', () => {
    const q = buildPollQuery('mssql', byRowversion, { kind: 'rowversion', hex: '00000000000007d1' }, 100);
    expect(q.sql).toBe(
      'SELECT TOP (100) * FROM (SELECT * FROM KhaiSinh) AS src WHERE src.[rv] > @p1 AND src.[rv] < MIN_ACTIVE_ROWVERSION() ORDER BY src.[rv]',
    );
    expect(q.params).toEqual([{ type: 'binary', value: Buffer.from('00000000000007d1', 'hex') }]);
    expect(
      buildPollQuery('postgres', byRowversion, { kind: 'rowversion', hex: '00000000000007d1' }, 100).sql,
    ).toBe('SELECT * FROM (SELECT * FROM KhaiSinh) AS src WHERE src."rv" > $1 ORDER BY src."rv" LIMIT 100');
  });

  it('updated-at + id: later stamps, or the same stamp and a later id; the stamp typed as the column', () => {
    const q = buildPollQuery(
      'mssql',
      byUpdatedAt,
      { kind: 'updatedAt', at: '2017-12-31T08:00:10.007Z', id: '31' },
      10,
    );
    expect(q.sql).toBe(
      'SELECT TOP (10) * FROM (SELECT * FROM KhaiTu) AS src WHERE src.[ngaycapnhat] IS NOT NULL AND (src.[ngaycapnhat] > @p1 OR (src.[ngaycapnhat] = @p1 AND src.[id] > @p2)) ORDER BY src.[ngaycapnhat], src.[id]',
    );
    expect(q.params).toEqual([
      { type: 'datetime', value: new Date('2017-12-31T08:00:10.007Z') },
      { type: 'bigint', value: '31' },
    ]);
  });

  it('MySQL/MariaDB: backticks and positional ? (a parameter used twice is bound twice)', () => {
    const q = buildPollQuery(
      'mysql',
      byUpdatedAt,
      { kind: 'updatedAt', at: '2017-12-31T08:00:10.007Z', id: 31 },
      10,
    );
    expect(q.sql).toBe(
      'SELECT * FROM (SELECT * FROM KhaiTu) AS src WHERE src.`ngaycapnhat` IS NOT NULL AND (src.`ngaycapnhat` > ? OR (src.`ngaycapnhat` = ? AND src.`id` > ?)) ORDER BY src.`ngaycapnhat`, src.`id` LIMIT 10',
    );
    const at = { type: 'datetime', value: new Date('2017-12-31T08:00:10.007Z') };
    expect(q.params).toEqual([at, at, { type: 'bigint', value: '31' }]);
  });

  it('a text id is bound as text, a watermark of another kind is not used', () => {
    expect(buildPollQuery('postgres', byId, { kind: 'id', id: 'KH-0007' }, 5).params).toEqual([
      { type: 'text', value: 'KH-0007' },
    ]);
    expect(
      buildPollQuery('postgres', byId, { kind: 'rowversion', hex: '0000000000000001' }, 5).params,
    ).toEqual([]);
  });

  it('reads the watermark of a row, or nothing when the row lacks one', () => {
    expect(watermarkOf(byRowversion, { rv: Buffer.from('00000000000007d1', 'hex') })).toEqual({
      kind: 'rowversion',
      hex: '00000000000007d1',
    });
    expect(watermarkOf(byUpdatedAt, { ngaycapnhat: new Date('2017-12-31T08:00:10Z'), id: 31 })).toEqual({
      kind: 'updatedAt',
      at: '2017-12-31T08:00:10.000Z',
      id: 31,
    });
    expect(watermarkOf(byUpdatedAt, { ngaycapnhat: null, id: 31 })).toBeUndefined();
    expect(watermarkOf(byId, { id: 12n })).toEqual({ kind: 'id', id: '12' });
    expect(watermarkOf(byRowversion, { rv: 'x' })).toBeUndefined();
  });
});
