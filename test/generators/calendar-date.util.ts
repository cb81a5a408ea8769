// Calendar days as YYYY-MM-DD strings (so that string order is date order) and as day numbers
// since 1970-01-01 for arithmetic. Pure integer arithmetic (H. Hinnant's days_from_civil): the
// generator does a dozen date operations per record, and going through Date and toISOString made
// them a third of the time of generating 100,000 births.

const TWO_DIGITS = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i += 1) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}

function format(year: number, month: number, day: number): string {
  const y = year >= 1000 ? String(year) : String(year).padStart(4, '0');
  return `${y}-${TWO_DIGITS[month] ?? ''}-${TWO_DIGITS[day] ?? ''}`;
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function toDayNumber(date: string): number {
  return daysFromCivil(digitsAt(date, 0, 4), digitsAt(date, 5, 2), digitsAt(date, 8, 2));
}

export function fromDayNumber(dayNumber: number): string {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth + (shiftedMonth < 10 ? 3 : -9);
  return format(yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function yearOf(date: string): number {
  return digitsAt(date, 0, 4);
}

/** The same day `years` later; 29 February becomes 1 March in a common year. */
export function addYears(date: string, years: number): string {
  const year = yearOf(date) + years;
  const month = digitsAt(date, 5, 2);
  const day = digitsAt(date, 8, 2);
  if (month === 2 && day === 29 && !isLeapYear(year)) return format(year, 3, 1);
  return format(year, month, day);
}

/** The same day `months` later, clamped to the month's end (31 August + 6 months = 28/29 February). */
export function addMonths(date: string, months: number): string {
  const index = yearOf(date) * 12 + digitsAt(date, 5, 2) - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const lastDay = month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return format(year, month, Math.min(digitsAt(date, 8, 2), lastDay));
}

/** A birth date of someone exactly `age` (whole years) on `on`, who turned it `daysSince` (0–364) days before. */
export function birthDateForAge(on: string, age: number, daysSince: number): string {
  return addDays(addYears(on, -age), -daysSince);
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
