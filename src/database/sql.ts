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
  return json.includes('\\u0000') ? json.replace(ESCAPED_NUL, '$1\\ufffd') : json;
}

/** `\u0000` as JSON.stringify writes it, not preceded by an escaped backslash (text "\\u0000"). */
const ESCAPED_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

export function recordsetColumns(columns: ColumnTypes): { names: string; definitions: string } {
  const names = Object.keys(columns);
  return {
    names: names.join(', '),
    definitions: names.map((n) => `${n} ${columns[n]}`).join(', '),
  };
}

/** INSERT INTO table (columns) SELECT columns FROM the rows; `suffix` may add ON CONFLICT / RETURNING. */
export async function insertRows<T = unknown>(
  db: Queryable,
  table: string,
  columns: ColumnTypes,
  data: readonly object[],
  suffix = '',
): Promise<T[]> {
  if (data.length === 0) return [];
  const { names, definitions } = recordsetColumns(columns);
  return rows<T>(
    db,
    `INSERT INTO ${table} (${names}) SELECT ${names} FROM json_to_recordset($1::json) AS x(${definitions}) ${suffix}`,
    [recordset(data)],
  );
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
