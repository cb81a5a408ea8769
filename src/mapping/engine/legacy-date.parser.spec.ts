import { compileDateFormat, LegacyDateParser } from './legacy-date.parser.js';

describe('LegacyDateParser', () => {
  const parser = new LegacyDateParser(
    ['dd/MM/yyyy', 'd-M-yy', 'yyyyMMdd', 'MM/yyyy', 'yyyy', 'iso', 'words', 'spelled'],
    {
      pivot: 30,
      partial: true,
    },
  );

  it.each([
    ['05/03/2017', '2017-03-05', 'dd/MM/yyyy'],
    ['5-3-17', '2017-03-05', 'd-M-yy'],
    ['5-3-45', '1945-03-05', 'd-M-yy'],
    ['30-1-30', '2030-01-30', 'd-M-yy'],
    ['31-1-31', '1931-01-31', 'd-M-yy'],
    ['20170305', '2017-03-05', 'yyyyMMdd'],
    ['03/1950', '1950-03', 'MM/yyyy'],
    ['1950', '1950', 'yyyy'],
    ['2017-03-05T00:00:00.000Z', '2017-03-05', 'iso'],
    ['ngày 05 tháng 3 năm 2017', '2017-03-05', 'words'],
    ['Ngày 5, tháng 3, năm 2017', '2017-03-05', 'words'],
    ['tháng 11 năm 1948', '1948-11', 'words'],
    ['NGAY 5 THANG 3 NAM 2017', '2017-03-05', 'words'],
    ['Ngày năm, tháng ba, năm hai nghìn không trăm mười bảy', '2017-03-05', 'spelled'],
    ['Ngày hai mươi mốt tháng giêng năm một nghìn chín trăm chín mươi lăm', '1995-01-21', 'spelled'],
    ['Năm một nghìn chín trăm năm mươi', '1950', 'spelled'],
  ])('reads %s as %s (%s)', (text, value, format) => {
    expect(parser.parse(text)).toEqual({ ok: true, value, precision: expect.any(String), format });
  });

  it.each([
    ['00/00/0000', 'IMPOSSIBLE'],
    ['31/02/2019', 'IMPOSSIBLE'],
    ['29/02/2019', 'IMPOSSIBLE'],
    ['13/13/2019', 'IMPOSSIBLE'],
    ['hôm qua', 'UNREADABLE'],
    ['2019/03/05', 'UNREADABLE'],
    ['ngày 5 năm 2017', 'UNREADABLE'],
    ['Ngày ba mươi, tháng hai, năm hai nghìn không trăm mười chín', 'IMPOSSIBLE'],
    ['Ngày năm, tháng ba, năm hai nghìn không trăm mười bảy rưỡi', 'UNREADABLE'],
  ])('refuses %s (%s)', (text, reason) => {
    expect(parser.parse(text)).toMatchObject({ ok: false, reason });
  });

  it('accepts 29 February in a leap year only', () => {
    expect(parser.parse('29/02/2020')).toMatchObject({ ok: true, value: '2020-02-29' });
  });

  it('refuses a year or month alone where a full date is needed', () => {
    const full = new LegacyDateParser(['dd/MM/yyyy', 'yyyy'], { pivot: 30, partial: false });
    expect(full.parse('1950')).toEqual({ ok: false, reason: 'PARTIAL_NOT_ALLOWED', format: 'yyyy' });
    expect(full.parse('01/02/1950')).toMatchObject({ ok: true, value: '1950-02-01', precision: 'DAY' });
  });

  it('rejects formats without a year, with unknown letters or repeated parts', () => {
    expect(() => compileDateFormat('dd/MM')).toThrow(/no year/);
    expect(() => compileDateFormat('dd/MM/yyyy HH')).toThrow(/unknown letter 'H'/);
    expect(() => compileDateFormat('yyyy/yyyy')).toThrow(/repeats/);
  });
});
