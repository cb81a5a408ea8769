import { AdminUnitsException } from './admin-units.exception.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (so that string order is date order). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
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
