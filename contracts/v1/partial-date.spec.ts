import { validate } from 'class-validator';

import {
  FULL_DATE_PATTERN,
  IsFullDate,
  IsPartialDate,
  PARTIAL_DATE_PATTERN,
  isFullDate,
  isPartialDate,
  parsePartialDate,
  partialDateBounds,
} from './partial-date.js';

/** The definition the character-level reader must agree with: the pattern, then the calendar. */
function referenceParse(value: string): { year: number; month?: number; day?: number } | undefined {
  const match = PARTIAL_DATE_PATTERN.exec(value);
  if (!match) return undefined;
  const [, y, m, d] = match;
  const year = Number(y);
  if (m === undefined) return { year };
  const month = Number(m);
  if (month < 1 || month > 12) return undefined;
  if (d === undefined) return { year, month };
  const day = Number(d);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day >= 1 && day <= days ? { year, month, day } : undefined;
}

describe('parsePartialDate', () => {
  it('agrees with the pattern and the calendar on every shape of input', () => {
    const pieces = ['0', '9', '00', '01', '12', '13', '29', '30', '31', '-', '/', ' ', 'a', '١', '\n'];
    const samples = new Set<string>(['', '0000', '0000-02-29', '1900-02-29', '2000-02-29', '2400-02-29']);
    for (const year of ['1950', '2024', '2023', '0004', '19x0', '195', '19500'])
      for (const a of pieces)
        for (const b of pieces) {
          samples.add(`${year}-${a}${b}`);
          samples.add(`${year}-02-${a}${b}`);
          samples.add(`${year}-${a}${b}-28`);
          samples.add(`${year}${a}${b}`);
        }
    for (let m = 0; m <= 13; m++)
      for (let d = 0; d <= 32; d++)
        for (const year of ['2023', '2024', '1900', '2000'])
          samples.add(`${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    let checked = 0;
    for (const text of samples) {
      const expected = referenceParse(text);
      const parsed = parsePartialDate(text);
      expect([text, parsed && { year: parsed.year, month: parsed.month, day: parsed.day }]).toEqual([
        text,
        expected && { year: expected.year, month: expected.month, day: expected.day },
      ]);
      expect([text, isPartialDate(text)]).toEqual([text, expected !== undefined]);
      expect([text, isFullDate(text)]).toEqual([
        text,
        expected !== undefined && FULL_DATE_PATTERN.test(text),
      ]);
      checked++;
    }
    expect(checked).toBeGreaterThan(3000);
  });

  it.each([
    ['1950', { year: 1950, precision: 'YEAR' }],
    ['1950-07', { year: 1950, month: 7, precision: 'MONTH' }],
    ['2024-02-29', { year: 2024, month: 2, day: 29, precision: 'DAY' }],
    ['2000-02-29', { year: 2000, month: 2, day: 29, precision: 'DAY' }],
  ])('reads %s', (text, expected) => {
    expect(parsePartialDate(text)).toEqual(expected);
  });

  it.each([
    ['2019-02-29', 'not a leap year'],
    ['1900-02-29', 'century not divisible by 400'],
    ['2019-02-30', 'no 30 February'],
    ['2019-04-31', 'April has 30 days'],
    ['2019-13', 'month 13'],
    ['2019-00', 'month 0'],
    ['2019-01-00', 'day 0'],
    ['19', 'two-digit year'],
    ['2019-1-5', 'unpadded'],
    ['05/03/2019', 'legacy dd/mm/yyyy'],
    ['2019-03-05T00:00:00Z', 'a timestamp'],
    [' 2019', 'surrounding space'],
    ['', 'empty'],
  ])('refuses %s (%s)', (text) => {
    expect(parsePartialDate(text)).toBeUndefined();
    expect(isPartialDate(text)).toBe(false);
  });

  it('computes leap days arithmetically, also for years below 100 that Date would shift to 19xx', () => {
    expect(isPartialDate('0004-02-29')).toBe(true);
    expect(isPartialDate('0100-02-29')).toBe(false);
  });
});

describe('isFullDate', () => {
  it('accepts only real YYYY-MM-DD days', () => {
    expect(isFullDate('2024-02-29')).toBe(true);
    expect(isFullDate('2023-02-29')).toBe(false);
    expect(isFullDate('2024-02')).toBe(false);
    expect(isFullDate('2024')).toBe(false);
    expect(isFullDate(20240229)).toBe(false);
  });
});

describe('partialDateBounds', () => {
  it.each([
    ['1950', '1950-01-01', '1950-12-31'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2023-02', '2023-02-01', '2023-02-28'],
    ['2023-11', '2023-11-01', '2023-11-30'],
    ['2023-11-07', '2023-11-07', '2023-11-07'],
    ['0800-12', '0800-12-01', '0800-12-31'],
  ])('%s spans %s to %s', (text, earliest, latest) => {
    expect(partialDateBounds(text)).toEqual({ earliest, latest });
  });

  it('has no bounds for an impossible date', () => {
    expect(partialDateBounds('2023-02-29')).toBeUndefined();
  });
});

describe('@IsPartialDate and @IsFullDate', () => {
  class Sample {
    @IsPartialDate()
    partial: unknown;

    @IsFullDate()
    full: unknown;

    @IsPartialDate({ each: true })
    many: unknown;
  }

  const errorsFor = async (values: Partial<Sample>): Promise<Record<string, string[]>> => {
    const sample = Object.assign(new Sample(), { partial: '2000', full: '2000-01-01', many: [], ...values });
    const errors = await validate(sample);
    return Object.fromEntries(errors.map((error) => [error.property, Object.keys(error.constraints ?? {})]));
  };

  it('pass valid values', async () => {
    expect(await errorsFor({})).toEqual({});
  });

  it('name their constraints isPartialDate and isFullDate', async () => {
    expect(await errorsFor({ partial: '2019-02-30', full: '2019-02', many: ['2019', 2019] })).toEqual({
      partial: ['isPartialDate'],
      full: ['isFullDate'],
      many: ['isPartialDate'],
    });
  });

  it('refuse non-strings', async () => {
    expect(await errorsFor({ partial: 2019, full: new Date(2019, 0, 1) })).toEqual({
      partial: ['isPartialDate'],
      full: ['isFullDate'],
    });
  });
});
