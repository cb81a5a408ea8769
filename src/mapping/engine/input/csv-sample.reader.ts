import { parse } from 'csv-parse/sync';
import { MappingException } from '../mapping.exception.js';
import type { SourceRow } from '../mapping-result.model.js';

const CANDIDATES = [',', ';', '\t', '|'] as const;

/** The delimiter used most often outside quotes on the header line. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

export function stripUtf8Bom(bytes: Uint8Array): Uint8Array {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

export function firstLine(bytes: Uint8Array): string {
  const end = bytes.indexOf(0x0a);
  return Buffer.from(bytes.subarray(0, end < 0 ? Math.min(bytes.length, 65536) : end)).toString('latin1');
}

/**
 * The options shared by the dry run and the streaming adapter: the header names the columns, values
 * stay strings of bytes (latin1) until the mapping decodes them, a row with a broken quote is skipped
 * and reported rather than ending the file.
 */
export function csvParseOptions(delimiter: string) {
  return {
    delimiter,
    encoding: 'latin1' as const,
    columns: (header: string[]) => header.map((h) => h.trim()),
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
  };
}

/** A whole sample file in memory (the dry run); the adapter streams instead. */
export function readCsvSample(bytes: Uint8Array, delimiter?: string): SourceRow[] {
  const body = stripUtf8Bom(bytes);
  const chosen = delimiter ?? detectDelimiter(firstLine(body));
  try {
    const records = parse(Buffer.from(body), csvParseOptions(chosen)) as unknown as Array<{
      record: Record<string, string>;
      info: { records: number };
    }>;
    return records.map(({ record, info }) => ({ rowNumber: info.records, values: record, rawBytes: true }));
  } catch (cause) {
    throw new MappingException(
      'MAPPING.INPUT_INVALID',
      `CSV không đọc được: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}
