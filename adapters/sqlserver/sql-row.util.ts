import type { LegacyRow } from './legacy-sql.driver.js';

/**
 * A legacy row's values as the mapper reads them: dates as ISO text (mapping format `iso`), binary as
 * one character per byte (so `encoding: vni` on a varbinary column decodes it), big integers as text.
 * Strings are left as the driver decoded them: legacy bytes in varchar columns come out one per
 * character and the mapping's field encoding decodes them.
 */
export function rowValues(row: LegacyRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (value instanceof Date) out[column] = Number.isNaN(value.getTime()) ? null : value.toISOString();
    else if (Buffer.isBuffer(value)) out[column] = value.toString('latin1');
    else if (typeof value === 'bigint') out[column] = value.toString();
    else out[column] = value;
  }
  return out;
}

const MAX_ORIGINAL_CHARS = 2000;

/** What a refused row keeps of its values: JSON-safe, NUL made visible, long text cut. */
export function originalOf(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(values)) {
    if (typeof value === 'string') {
      const cut = value.length > MAX_ORIGINAL_CHARS ? `${value.slice(0, MAX_ORIGINAL_CHARS)}…` : value;
      out[column] = cut.replaceAll('\u0000', '\u2400');
    } else if (typeof value === 'number' || typeof value === 'boolean' || value === null) out[column] = value;
    else out[column] = JSON.stringify(value) ?? null;
  }
  return out;
}
