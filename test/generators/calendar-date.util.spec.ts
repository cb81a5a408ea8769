import {
  addDays,
  addMonths,
  addYears,
  daysBetween,
  fromDayNumber,
  toDayNumber,
} from './calendar-date.util.js';
import { dateInWords } from './date-in-words.util.js';
import { SeededRandom } from './seeded-random.util.js';

describe('calendar days', () => {
  it('agree with Date for every tenth day from 1900 to 2100', () => {
    for (let day = toDayNumber('1900-01-01'); day <= toDayNumber('2100-12-31'); day += 10) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      expect(fromDayNumber(day)).toBe(iso);
      expect(toDayNumber(iso)).toBe(day);
    }
  });

  it('add days, years and months the way the calendar does', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(daysBetween('2026-01-01', '2026-03-02')).toBe(60);
    expect(addYears('2024-02-29', -1)).toBe('2023-03-01');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2025-11-15', 2)).toBe('2026-01-15');
  });

  it('round-trips random days', () => {
    const random = new SeededRandom(7);
    for (let i = 0; i < 1_000; i += 1) {
      const date = random.dateBetween('1890-01-01', '2099-12-31');
      expect(fromDayNumber(toDayNumber(date))).toBe(date);
    }
  });
});

describe('dateInWords', () => {
  it('writes the date as birth certificates print it', () => {
    expect(dateInWords('2025-08-20')).toBe('Ngày hai mươi, tháng tám, năm hai nghìn không trăm hai mươi lăm');
    expect(dateInWords('2005-04-05')).toBe('Ngày mùng năm, tháng tư, năm hai nghìn không trăm linh năm');
    expect(dateInWords('1990-12-21')).toBe(
      'Ngày hai mươi mốt, tháng mười hai, năm một nghìn chín trăm chín mươi',
    );
    expect(dateInWords('2014-01-15')).toBe('Ngày mười lăm, tháng một, năm hai nghìn không trăm mười bốn');
    expect(dateInWords('2000-10-24')).toBe('Ngày hai mươi tư, tháng mười, năm hai nghìn');
  });

  it('is NFC text', () => {
    const text = dateInWords('2026-11-20');
    expect(text).toBe(text.normalize('NFC'));
  });
});
