/**
 * Dates for matching: the standard format's partial dates (YYYY, YYYY-MM, YYYY-MM-DD) and the free
 * text of legacy data (dd/mm/yyyy, d-m-yyyy, yyyymmdd). Anything else, including 00/00/0000 and
 * impossible days, is "no date" for matching: never a crash, never a guessed date.
 */
export interface LooseDate {
  readonly y: number;
  readonly m?: number;
  readonly d?: number;
}

export type DateLevel = 'EXACT' | 'SWAPPED' | 'PARTIAL' | 'NEAR' | 'DIFFERENT' | 'MISSING';

const MIN_YEAR = 1850;
const MAX_YEAR = 2200;

export function parseLooseDate(raw: unknown): LooseDate | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim().slice(0, 32);
  let match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text);
  if (match) return build(match[1], match[2], match[3]);
  match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (match) return build(match[3], match[2], match[1]);
  match = /^(\d{1,2})[/.-](\d{4})$/.exec(text);
  if (match) return build(match[2], match[1], undefined);
  match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match) return build(match[1], match[2], match[3]);
  return undefined;
}

function build(yearText?: string, monthText?: string, dayText?: string): LooseDate | undefined {
  const y = Number(yearText);
  if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR) return undefined;
  if (monthText === undefined) return { y };
  const m = Number(monthText);
  // 00 as month or day is how legacy books write "unknown": keep what is known.
  if (m === 0) return { y };
  if (m < 1 || m > 12) return undefined;
  if (dayText === undefined) return { y, m };
  const d = Number(dayText);
  if (d === 0) return { y, m };
  if (d < 1 || d > daysIn(y, m)) return undefined;
  return { y, m, d };
}

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * How two dates agree: EXACT; SWAPPED (day and month exchanged, a common legacy error); PARTIAL (one
 * is less precise and agrees as far as it goes, e.g. year only); NEAR (one digit mistyped in one part,
 * or a day apart); DIFFERENT; MISSING (either unknown).
 */
export function compareDates(a: LooseDate | undefined, b: LooseDate | undefined): DateLevel {
  if (a === undefined || b === undefined) return 'MISSING';
  const full = a.d !== undefined && b.d !== undefined;
  if (a.y === b.y && a.m === b.m && a.d === b.d) return 'EXACT';
  if (full && a.y === b.y && a.m === b.d && a.d === b.m) return 'SWAPPED';
  if (a.y === b.y && (a.m === undefined || b.m === undefined)) return 'PARTIAL';
  if (a.y === b.y && a.m === b.m && (a.d === undefined || b.d === undefined)) return 'PARTIAL';
  if (full && oneDigitOff(a, b)) return 'NEAR';
  return 'DIFFERENT';
}

function oneDigitOff(a: LooseDate, b: LooseDate): boolean {
  const sa = formatFull(a);
  const sb = formatFull(b);
  let diff = 0;
  for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) diff++;
  if (diff === 1) return true;
  const days = Math.abs(Date.UTC(a.y, a.m! - 1, a.d) - Date.UTC(b.y, b.m! - 1, b.d)) / 86_400_000;
  return days <= 1;
}

function formatFull(d: LooseDate): string {
  return `${d.y}${String(d.m).padStart(2, '0')}${String(d.d).padStart(2, '0')}`;
}

/** A key equal for a date and its day/month swap: yyyy + the smaller and larger of day and month. */
export function swapInvariantKey(d: LooseDate | undefined): string | undefined {
  if (d?.m === undefined || d.d === undefined) return undefined;
  const lo = Math.min(d.m, d.d);
  const hi = Math.max(d.m, d.d);
  return `${d.y}${String(lo).padStart(2, '0')}${String(hi).padStart(2, '0')}`;
}

export function formatLooseDate(d: LooseDate | undefined): string | undefined {
  if (d === undefined) return undefined;
  if (d.m === undefined) return String(d.y);
  const mm = String(d.m).padStart(2, '0');
  return d.d === undefined ? `${d.y}-${mm}` : `${d.y}-${mm}-${String(d.d).padStart(2, '0')}`;
}
