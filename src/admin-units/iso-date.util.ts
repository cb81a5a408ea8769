import { isFullDate } from '../../contracts/v1/partial-date.js';
import { AdminUnitsException } from './admin-units.exception.js';

/**
 * A real calendar date written YYYY-MM-DD (so that string order is date order): the contract's own
 * definition, read character by character with the calendar's arithmetic (no regex match or Date
 * per call: it runs for every unit and authority look-up of bulk intake, several per record).
 */
export function isIsoDate(value: string): boolean {
  return isFullDate(value);
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
