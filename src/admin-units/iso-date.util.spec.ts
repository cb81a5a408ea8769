import { dayBefore, isIsoDate } from './iso-date.util.js';

describe('iso dates', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-7-1')).toBe(false);
    expect(isIsoDate('2025-07-01T00:00:00Z')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2025-00-10')).toBe(false);
    expect(isIsoDate('2025-13-10')).toBe(false);
    expect(isIsoDate('2025-01-00')).toBe(false);
    expect(isIsoDate('2025-01-32')).toBe(false);
    expect(isIsoDate('2025-1a-01')).toBe(false);
    expect(isIsoDate('2025/01/01')).toBe(false);
    expect(isIsoDate('２０２５-01-01')).toBe(false);
  });

  it('agrees with the calendar of Date on every day of fourteen years and on near misses', () => {
    const byDate = (value: string): boolean => {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (!match) return false;
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const date = new Date(Date.UTC(year, month - 1, day));
      return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    };
    const disagreements: string[] = [];
    const pad = (n: number, width: number): string => String(n).padStart(width, '0');
    // From the year 100: Date.UTC reads 0–99 as 1900–1999.
    for (const year of [100, 400, 1600, 1700, 1800, 1899, 1900, 1996, 2000, 2023, 2024, 2100, 2400, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          if (isIsoDate(text) !== byDate(text)) disagreements.push(text);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('gives the day before across month and year ends', () => {
    expect(dayBefore('2025-07-01')).toBe('2025-06-30');
    expect(dayBefore('2026-04-30')).toBe('2026-04-29');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(dayBefore('2025-01-01')).toBe('2024-12-31');
  });
});
