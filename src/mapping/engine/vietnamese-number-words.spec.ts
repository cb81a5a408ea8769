import { parseVietnameseNumber } from './vietnamese-number-words.js';

describe('parseVietnameseNumber', () => {
  it.each([
    ['năm', 5],
    ['mười', 10],
    ['mười lăm', 15],
    ['hai mươi', 20],
    ['hai mươi mốt', 21],
    ['ba mươi tư', 34],
    ['một trăm linh năm', 105],
    ['một nghìn chín trăm chín mươi lăm', 1995],
    ['hai nghìn không trăm mười bảy', 2017],
    ['Hai ngàn lẻ năm', 2005],
  ])('%s = %d', (words, value) => {
    expect(parseVietnameseNumber(words)).toBe(value);
  });

  it('refuses other words, and unaccented tens that would be ambiguous', () => {
    expect(parseVietnameseNumber('hai muoi')).toBeUndefined();
    expect(parseVietnameseNumber('2017')).toBeUndefined();
    expect(parseVietnameseNumber('')).toBeUndefined();
  });
});
