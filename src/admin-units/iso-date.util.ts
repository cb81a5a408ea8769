import { AdminUnitsException } from './admin-units.exception.js';

const HYPHEN = 0x2d;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A real calendar date written YYYY-MM-DD (so that string order is date order), from the year 100
 * on (Date.UTC reads 0–99 as 1900–1999, which this always refused). Read digit by digit: it runs
 * for every unit and authority look-up of bulk intake, several per record.
 */
export function isIsoDate(value: string): boolean {
  if (value.length !== 10 || value.charCodeAt(4) !== HYPHEN || value.charCodeAt(7) !== HYPHEN) return false;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

/** The number written by `length` ASCII digits from `from`; -1 if any is not a digit. */
function digitsAt(text: string, from: number, length: number): number {
  let n = 0;
  for (let i = from; i < from + length; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

export function assertIsoDate(value: string): void {
  if (!isIsoDate(value)) {
    throw new AdminUnitsException(
      'ADMIN_UNITS.INVALID_DATE',
      `Ngày không hợp lệ: "${value}". Hãy nhập ngày theo dạng YYYY-MM-DD, ví dụ 2025-07-01.`,
    );
  }
}

export function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
