import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/** Anything that can run a parameterised statement: the DataSource or a transaction's manager. */
export type Queryable = Pick<EntityManager, 'query'>;

/** Runs a statement and returns its rows typed by the caller's row shape (rows are parsed by hand). */
export async function rows<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await db.query(sql, params);
  return Array.isArray(result) ? (result as T[]) : [];
}

/** Column name → PostgreSQL type, in insert order. */
export type ColumnTypes = Readonly<Record<string, string>>;

/**
 * The rows as one JSON parameter, expanded by json_to_recordset: one round trip and one parameter
 * for any number of rows. Cheaper than parallel array parameters, whose literals the driver must
 * escape element by element (that escaping was a visible share of bulk intake's CPU). U+0000, which
 * PostgreSQL text cannot hold, is replaced by U+FFFD (validation rejects such text).
 */
export function recordset(rows: readonly unknown[]): string {
  return jsonText(rows);
}

/** JSON.stringify, with U+0000 (which PostgreSQL text and json cannot hold) written as U+FFFD. */
export function jsonText(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes(ESCAPED_NUL_TEXT) ? json.replace(ESCAPED_NUL, '$1\\ufffd') : json;
}

/** `\u0000` as JSON.stringify writes it, not preceded by an escaped backslash (text "\\u0000"). */
const ESCAPED_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

/** `\u0000` anywhere in JSON text (inside "\\u0000" too: a cheap test before the exact one). */
const ESCAPED_NUL_TEXT = '\\u0000';

export function recordsetColumns(columns: ColumnTypes): { names: string; definitions: string } {
  const names = Object.keys(columns);
  return {
    names: names.join(', '),
    definitions: names.map((n) => `${n} ${columns[n]}`).join(', '),
  };
}

/**
 * INSERT INTO table (columns) SELECT columns FROM the rows; `suffix` may add ON CONFLICT / RETURNING.
 * Many plain rows inside a transaction go by COPY FROM STDIN instead: the server parses COPY text
 * at about half the CPU of a JSON recordset (the larger share of bulk intake's database time).
 */
export async function insertRows<T = unknown>(
  db: Queryable,
  table: string,
  columns: ColumnTypes,
  data: readonly object[],
  suffix = '',
): Promise<T[]> {
  if (data.length === 0) return [];
  if (suffix === '' && data.length >= COPY_MIN_ROWS) {
    const client = await transactionClientOf(db);
    if (client) {
      await copyRows(client, table, columns, data);
      return [];
    }
  }
  const { names, definitions } = recordsetColumns(columns);
  return rows<T>(
    db,
    `INSERT INTO ${table} (${names}) SELECT ${names} FROM json_to_recordset($1::json) AS x(${definitions}) ${suffix}`,
    [recordset(data)],
  );
}

/** Below this many rows one INSERT statement costs less than setting up a COPY. */
export const COPY_MIN_ROWS = 32;

/**
 * The driver connection of a transaction's manager, for COPY; undefined outside a transaction (the
 * DataSource), where a statement may run on any pooled connection.
 */
async function transactionClientOf(db: Queryable): Promise<pg.ClientBase | undefined> {
  const runner = (db as Partial<EntityManager>).queryRunner;
  if (!runner?.isTransactionActive) return undefined;
  return (await runner.connect()) as pg.ClientBase;
}

/** COPY table (columns) FROM STDIN in PostgreSQL's text format. */
export async function copyRows(
  client: pg.ClientBase,
  table: string,
  columns: ColumnTypes,
  data: readonly object[],
): Promise<void> {
  const names = Object.keys(columns);
  const json = names.map((n) => columns[n] === 'json' || columns[n] === 'jsonb');
  const out = new CopyChunks();
  for (const row of data) {
    const r = row as Record<string, unknown>;
    // Field by field: a line built by concatenation would be one more string to flatten per row.
    for (let i = 0; i < names.length; i++) {
      if (i > 0) out.byte(TAB);
      const value = r[names[i]];
      if (value instanceof RawJson) out.escapedBytes(value.bytes);
      else out.write(copyField(value, json[i]));
    }
    out.byte(NEWLINE);
  }
  await pipeline(
    Readable.from(out.end()),
    client.query(copyFrom(`COPY ${table} (${names.join(', ')}) FROM STDIN`)),
  );
}

const TAB = 0x09;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const BACKSLASH = 0x5c;

/**
 * A JSON value as text already written (a record's bytes as a source sent them), for a json column:
 * COPY takes the bytes as they are instead of serialising the parsed value again. The bytes must be
 * valid UTF-8 JSON without `\u0000` (see jsonOf). Elsewhere (a JSON recordset, a log) it serialises
 * as the value it spells.
 */
export class RawJson {
  constructor(readonly bytes: Buffer) {}

  toJSON(): unknown {
    return JSON.parse(this.bytes.toString('utf8'));
  }
}

/**
 * A json column's value from the bytes it was parsed from: the bytes themselves, unless they hold
 * `\u0000`, which PostgreSQL's json type accepts but cannot process; then the parsed value, which
 * jsonText writes with U+FFFD instead. The bytes must be valid UTF-8 JSON that spells `value`.
 */
export function jsonOf(bytes: Buffer, value: unknown): unknown {
  return bytes.includes(ESCAPED_NUL_TEXT) ? value : new RawJson(bytes);
}

/**
 * COPY text encoded field by field into buffers of a few hundred kilobytes. Concatenating a whole
 * batch into one string (megabytes of UTF-16 for Vietnamese text) and encoding it at the end cost
 * a large allocation and a full copy of the string per statement.
 */
class CopyChunks {
  private static readonly SIZE = 256 * 1024;
  private readonly chunks: Buffer[] = [];
  private buffer = Buffer.allocUnsafe(CopyChunks.SIZE);
  private used = 0;

  write(text: string): void {
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    this.reserve(text.length * 3);
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /** UTF-8 bytes as one COPY text field: backslash, tab and line breaks escaped. */
  escapedBytes(bytes: Buffer): void {
    // Each byte takes at most two.
    this.reserve(bytes.length * 2);
    let from = 0;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b !== BACKSLASH && b !== NEWLINE && b !== TAB && b !== CARRIAGE_RETURN) continue;
      this.used += bytes.copy(this.buffer, this.used, from, i);
      this.buffer[this.used++] = BACKSLASH;
      this.buffer[this.used++] = b === BACKSLASH ? BACKSLASH : b === NEWLINE ? 0x6e : b === TAB ? 0x74 : 0x72;
      from = i + 1;
    }
    this.used += bytes.copy(this.buffer, this.used, from, bytes.length);
  }

  byte(b: number): void {
    this.reserve(1);
    this.buffer[this.used++] = b;
  }

  private reserve(room: number): void {
    if (this.used + room <= this.buffer.length) return;
    if (this.used > 0) this.chunks.push(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.allocUnsafe(Math.max(CopyChunks.SIZE, room));
    this.used = 0;
  }

  end(): Buffer[] {
    if (this.used > 0) this.chunks.push(this.buffer.subarray(0, this.used));
    this.used = 0;
    return this.chunks;
  }
}

/** One field in COPY text format: \N for NULL; backslash, tab and line breaks escaped. */
export function copyField(value: unknown, asJson: boolean): string {
  if (value === null || value === undefined) return '\\N';
  if (asJson) return copyJson(jsonText(value));
  if (typeof value === 'string') {
    return COPY_SPECIAL.test(value) ? value.replace(COPY_SPECIAL_ALL, escapeCopyChar) : value;
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  return copyJson(jsonText(value));
}

/**
 * JSON text as a COPY field. JSON.stringify writes line breaks, tabs and NUL inside strings as
 * escapes, so the only character COPY must escape in its output is the backslash: one native search
 * of a payload of kilobytes instead of a regex over it.
 */
function copyJson(json: string): string {
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
}

// eslint-disable-next-line no-control-regex
const COPY_SPECIAL = /[\\\n\r\t\u0000]/;
// eslint-disable-next-line no-control-regex
const COPY_SPECIAL_ALL = /[\\\n\r\t\u0000]/g;

function escapeCopyChar(ch: string): string {
  switch (ch) {
    case '\\':
      return '\\\\';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default:
      // U+0000 cannot be stored in PostgreSQL text (as in recordset above).
      return '\uFFFD';
  }
}

/**
 * Rows of an UPDATE or DELETE … RETURNING. TypeORM answers those with `[rows, affectedCount]`
 * rather than the rows alone, so `rows()` would see a two-element array.
 */
export async function changedRows<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await db.query(sql, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as T[];
  return Array.isArray(result) ? (result as T[]) : [];
}
