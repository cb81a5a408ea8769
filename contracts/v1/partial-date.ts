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

/** Undefined when the string is not a partial date or names an impossible day (2019-02-29, month 13). */
export function parsePartialDate(value: string): PartialDate | undefined {
  const match = PARTIAL_DATE_PATTERN.exec(value);
  if (!match) return undefined;
  const [, yearText, monthText, dayText] = match;
  const year = Number(yearText);
  if (monthText === undefined) return { year, precision: 'YEAR' };
  const month = Number(monthText);
  if (month < 1 || month > 12) return undefined;
  if (dayText === undefined) return { year, month, precision: 'MONTH' };
  const day = Number(dayText);
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day, precision: 'DAY' };
}

export function isPartialDate(value: unknown): value is string {
  return typeof value === 'string' && parsePartialDate(value) !== undefined;
}

/** A real calendar day written 'YYYY-MM-DD'. */
export function isFullDate(value: unknown): value is string {
  return typeof value === 'string' && FULL_DATE_PATTERN.test(value) && parsePartialDate(value) !== undefined;
}

function formatDate(year: number, month: number, day: number): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The first and last calendar day a partial date can stand for: '2020-02' → 2020-02-01 … 2020-02-29. */
export function partialDateBounds(value: string): PartialDateBounds | undefined {
  const date = parsePartialDate(value);
  if (!date) return undefined;
  const firstMonth = date.month ?? 1;
  const lastMonth = date.month ?? 12;
  return {
    earliest: formatDate(date.year, firstMonth, date.day ?? 1),
    latest: formatDate(date.year, lastMonth, date.day ?? daysInMonth(date.year, lastMonth)),
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
