import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

import { ContractConstraint } from './constraints/contract-constraint.enum.js';

/**
 * ISO 8601 reduced precision: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. Digitised books and parents' data
 * often give only a year ("sinh năm 1950") or a month; the record keeps exactly what is known
 * rather than inventing 1 January.
 */
export const PARTIAL_DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export const FULL_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export type DatePrecision = 'YEAR' | 'MONTH' | 'DAY';

export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
  precision: DatePrecision;
}

export interface PartialDateBounds {
  earliest: string;
  latest: string;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

// Arithmetic, not Date: Date.UTC maps years 0–99 onto 1900–1999 and would misjudge their leap days.
function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

/** The digit at `i` (0–9), or -1. */
function digitAt(value: string, i: number): number {
  const d = value.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** The number written by the two digits at `i`, or -1. */
function twoDigitsAt(value: string, i: number): number {
  const tens = digitAt(value, i);
  const units = digitAt(value, i + 1);
  return tens < 0 || units < 0 ? -1 : tens * 10 + units;
}

const NOT_A_DATE = 0;

/**
 * How precise a partial date is, read from its characters (PARTIAL_DATE_PATTERN, then the calendar):
 * 0 when it is none or names an impossible day, else the number of parts (1 year, 2 month, 3 day).
 * It allocates nothing: every date of every record of a bulk import passes here several times.
 */
function partsOf(value: string): number {
  const n = value.length;
  if (n !== 4 && n !== 7 && n !== 10) return NOT_A_DATE;
  const hi = twoDigitsAt(value, 0);
  const lo = twoDigitsAt(value, 2);
  if (hi < 0 || lo < 0) return NOT_A_DATE;
  if (n === 4) return 1;
  const month = twoDigitsAt(value, 5);
  if (value.charCodeAt(4) !== 45 || month < 1 || month > 12) return NOT_A_DATE;
  if (n === 7) return 2;
  const day = twoDigitsAt(value, 8);
  if (value.charCodeAt(7) !== 45 || day < 1 || day > daysInMonth(hi * 100 + lo, month)) return NOT_A_DATE;
  return 3;
}

/** Undefined when the string is not a partial date or names an impossible day (2019-02-29, month 13). */
export function parsePartialDate(value: string): PartialDate | undefined {
  const parts = partsOf(value);
  if (parts === NOT_A_DATE) return undefined;
  const year = Number(value.slice(0, 4));
  if (parts === 1) return { year, precision: 'YEAR' };
  const month = Number(value.slice(5, 7));
  if (parts === 2) return { year, month, precision: 'MONTH' };
  return { year, month, day: Number(value.slice(8, 10)), precision: 'DAY' };
}

export function isPartialDate(value: unknown): value is string {
  return typeof value === 'string' && partsOf(value) !== NOT_A_DATE;
}

/** A real calendar day written 'YYYY-MM-DD'. */
export function isFullDate(value: unknown): value is string {
  return typeof value === 'string' && partsOf(value) === 3;
}

function formatDate(year: number, month: number, day: number): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The first and last calendar day a partial date can stand for: '2020-02' → 2020-02-01 … 2020-02-29. */
export function partialDateBounds(value: string): PartialDateBounds | undefined {
  const parts = partsOf(value);
  if (parts === NOT_A_DATE) return undefined;
  // A full date is its own first and last day (the usual case: nothing to parse or format).
  if (parts === 3) return { earliest: value, latest: value };
  const date = parsePartialDate(value) as PartialDate;
  const firstMonth = date.month ?? 1;
  const lastMonth = date.month ?? 12;
  return {
    earliest: formatDate(date.year, firstMonth, 1),
    latest: formatDate(date.year, lastMonth, daysInMonth(date.year, lastMonth)),
  };
}

export function IsPartialDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: ContractConstraint.IS_PARTIAL_DATE,
      validator: {
        validate: (value: unknown) => isPartialDate(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a real date written YYYY, YYYY-MM or YYYY-MM-DD`,
          options,
        ),
      },
    },
    options,
  );
}

export function IsFullDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: ContractConstraint.IS_FULL_DATE,
      validator: {
        validate: (value: unknown) => isFullDate(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a real date written YYYY-MM-DD`,
          options,
        ),
      },
    },
    options,
  );
}
