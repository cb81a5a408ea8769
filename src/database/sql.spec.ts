import { copyField, recordset, recordsetColumns } from './sql.js';

describe('recordset parameters', () => {
  it('lists columns and their types in one order', () => {
    expect(recordsetColumns({ id: 'uuid', seq: 'int' })).toEqual({
      names: 'id, seq',
      definitions: 'id uuid, seq int',
    });
  });

  it('replaces U+0000, which PostgreSQL cannot store, and keeps everything else', () => {
    const json = recordset([{ name: 'Nguyễn\u0000An', note: 'a"b\\c' }]);
    expect(JSON.parse(json)).toEqual([{ name: 'Nguyễn\uFFFDAn', note: 'a"b\\c' }]);
    // The six characters \u0000 typed as text are not a NUL and stay as they are.
    expect(JSON.parse(recordset([{ t: '\\u0000', u: '\\\u0000' }]))).toEqual([
      { t: '\\u0000', u: '\\\uFFFD' },
    ]);
  });
});

describe('COPY text fields', () => {
  it('escapes what COPY text format treats specially and nothing else', () => {
    expect(copyField('Nguyễn Văn A', false)).toBe('Nguyễn Văn A');
    expect(copyField('a\tb\nc\rd\\e', false)).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyField('x\u0000y', false)).toBe('x\uFFFDy');
    expect(copyField(null, false)).toBe('\\N');
    expect(copyField(undefined, true)).toBe('\\N');
    expect(copyField(true, false)).toBe('t');
    expect(copyField(12, false)).toBe('12');
    expect(copyField({ a: 'q"\n' }, true)).toBe('{"a":"q\\\\"\\\\n"}');
  });
});
