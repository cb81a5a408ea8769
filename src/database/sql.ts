import type { EntityManager } from 'typeorm';

/** Anything that can run a parameterised statement: the DataSource or a transaction's manager. */
export type Queryable = Pick<EntityManager, 'query'>;

/** Runs a statement and returns its rows typed by the caller's row shape (rows are parsed by hand). */
export async function rows<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await db.query(sql, params);
  return Array.isArray(result) ? (result as T[]) : [];
}
