import { parse } from 'csv-parse/sync';
import { csvCell, neutraliseFormula, reportHeader, reportLine } from './rejected-rows.report.js';

describe('rejected-rows report', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+84 912', "'+84 912"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['Nguyễn Văn A', 'Nguyễn Văn A'],
    ['', ''],
  ])('neutralises formula %j', (value, expected) => {
    expect(neutraliseFormula(value)).toBe(expected);
  });

  it('quotes cells and reads back to the same values, formulas escaped', () => {
    const columns = ['HoTen', 'GhiChu'];
    const text =
      reportHeader(columns) +
      reportLine(
        {
          rowNumber: 7,
          fields: ['parties[CHILD].person.sex', 'occurredOn'],
          codes: ['MAPPING.CODE_UNKNOWN', 'MAPPING.DATE_IMPOSSIBLE'],
          messages: ["Giá trị 'X' không có trong bảng mã giới tính.", 'Ngày không có thật, "31/02".'],
          original: { HoTen: 'Lê, Văn "Tám"', GhiChu: '=cmd|/C calc!A0' },
        },
        columns,
      );
    expect(text.startsWith('\ufeffso_dong,truong,ma_loi,ly_do,HoTen,GhiChu\r\n')).toBe(true);
    const [row] = parse<Record<string, string>>(text.slice(1), { columns: true });
    expect(row).toEqual({
      so_dong: '7',
      truong: 'parties[CHILD].person.sex | occurredOn',
      ma_loi: 'MAPPING.CODE_UNKNOWN | MAPPING.DATE_IMPOSSIBLE',
      ly_do: 'Giá trị \'X\' không có trong bảng mã giới tính. | Ngày không có thật, "31/02".',
      HoTen: 'Lê, Văn "Tám"',
      GhiChu: "'=cmd|/C calc!A0",
    });
    expect(csvCell('a\nb')).toBe('"a\nb"');
  });
});
