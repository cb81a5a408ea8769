import { describe, expect, it } from '@jest/globals';
import { compareDates, formatLooseDate, parseLooseDate, swapInvariantKey } from './loose-date.js';

describe('parseLooseDate', () => {
  it.each([
    ['2020-03-05', '2020-03-05'],
    ['2020-03', '2020-03'],
    ['1956', '1956'],
    ['05/03/2020', '2020-03-05'],
    ['5-3-2020', '2020-03-05'],
    ['5.3.2020', '2020-03-05'],
    ['03/2020', '2020-03'],
    ['20200305', '2020-03-05'],
    ['00/00/1960', '1960'],
    ['00/07/1960', '1960-07'],
  ])('%s → %s', (raw, expected) => {
    expect(formatLooseDate(parseLooseDate(raw))).toBe(expected);
  });

  it.each([
    ['00/00/0000'],
    ['31/02/2020'],
    ['2020-13-01'],
    [''],
    ['abc'],
    ['0000'],
    ['12/12/12'],
    [null],
    [20200101],
    ['9'.repeat(2000)],
  ])('%p is no date', (raw) => {
    expect(parseLooseDate(raw)).toBeUndefined();
  });
});

describe('compareDates', () => {
  const d = (s: string) => parseLooseDate(s);
  it.each([
    ['2020-03-05', '2020-03-05', 'EXACT'],
    ['2020-03-05', '2020-05-03', 'SWAPPED'],
    ['2020-03-05', '2020', 'PARTIAL'],
    ['2020-03-05', '2020-03', 'PARTIAL'],
    ['2020-03-05', '2020-03-06', 'NEAR'],
    ['2020-03-05', '2021-03-05', 'NEAR'],
    ['2020-03-05', '2020-08-15', 'DIFFERENT'],
    ['2020-03-05', '2019', 'DIFFERENT'],
    ['2020-03-05', '00/00/0000', 'MISSING'],
  ])('%s ~ %s is %s', (a, b, level) => {
    expect(compareDates(d(a), d(b))).toBe(level);
  });

  it('swap-invariant key is the same for a date and its day/month swap, absent for partial dates', () => {
    expect(swapInvariantKey(d('2020-03-05'))).toBe(swapInvariantKey(d('2020-05-03')));
    expect(swapInvariantKey(d('2020-03'))).toBeUndefined();
  });
});
