import { validate } from 'class-validator';

import {
  IsFullDate,
  IsPartialDate,
  isFullDate,
  isPartialDate,
  parsePartialDate,
  partialDateBounds,
} from './partial-date.js';

describe('parsePartialDate', () => {
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
