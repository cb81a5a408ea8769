import type { SqlDialect, SqlParam } from './legacy-sql.driver.js';
import type { TablePoll, WatermarkValue } from './poll-plan.model.js';

export interface PollQuery {
  readonly sql: string;
  readonly params: SqlParam[];
}

function quote(dialect: SqlDialect, name: string): string {
  // Names are checked as plain identifiers when the plan loads; quoting keeps reserved words usable.
  if (dialect === 'mssql') return `[${name}]`;
  return dialect === 'mysql' ? `\`${name}\`` : `"${name}"`;
}

/**
 * The next batch of a table after `after`: the plan's SELECT wrapped as a derived table, filtered by the
 * watermark, ordered by it, at most `limit` rows. Values are always parameters, never spliced in.
 */
export function buildPollQuery(
  dialect: SqlDialect,
  poll: TablePoll,
  after: WatermarkValue | undefined,
  limit: number,
): PollQuery {
  const q = (name: string): string => `src.${quote(dialect, name)}`;
  const w = poll.watermark;
  const where: string[] = [];
  const logical: SqlParam[] = [];
  const params: SqlParam[] = [];
  // Logical parameter n (1-based): @pn and $n name it; MySQL's ? are positional, so each use binds it.
  const p = (n: number): string => {
    if (dialect === 'mysql') {
      params.push(logical[n - 1]);
      return '?';
    }
    return dialect === 'mssql' ? `@p${n}` : `$${n}`;
  };
  let order: string;
  switch (w.kind) {
    case 'rowversion':
      order = q(w.column);
      if (after?.kind === 'rowversion') {
        logical.push({ type: 'binary', value: Buffer.from(after.hex, 'hex') });
        where.push(`${q(w.column)} > ${p(1)}`);
      }
      // A transaction still open on the source holds a lower rowversion than rows already committed:
      // reading past it would skip its rows for ever. MIN_ACTIVE_ROWVERSION() is the first such value.
      if (dialect === 'mssql') where.push(`${q(w.column)} < MIN_ACTIVE_ROWVERSION()`);
      break;
    case 'updatedAt':
      order = `${q(w.column)}, ${q(w.id)}`;
      // A row never stamped cannot be placed after a watermark; the plan's query should COALESCE it
      // (e.g. with the registration date) if the source leaves the column empty.
      where.push(`${q(w.column)} IS NOT NULL`);
      if (after?.kind === 'updatedAt') {
        logical.push({ type: w.sqlType, value: new Date(after.at) }, idParam(after.id));
        where.push(`(${q(w.column)} > ${p(1)} OR (${q(w.column)} = ${p(1)} AND ${q(w.id)} > ${p(2)}))`);
      }
      break;
    case 'id':
      order = q(w.column);
      if (after?.kind === 'id') {
        logical.push(idParam(after.id));
        where.push(`${q(w.column)} > ${p(1)}`);
      }
      break;
  }
  if (dialect !== 'mysql') params.push(...logical);
  const filter = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  const sql =
    dialect === 'mssql'
      ? `SELECT TOP (${limit}) * FROM (${poll.query}) AS src${filter} ORDER BY ${order}`
      : `SELECT * FROM (${poll.query}) AS src${filter} ORDER BY ${order} LIMIT ${limit}`;
  return { sql, params };
}

function idParam(id: string | number): SqlParam {
  return typeof id === 'number' || /^-?\d+$/.test(id)
    ? { type: 'bigint', value: String(id) }
    : { type: 'text', value: id };
}

/** The watermark of a row just read, or undefined when the row lacks a usable value (a broken row). */
export function watermarkOf(poll: TablePoll, row: Record<string, unknown>): WatermarkValue | undefined {
  const w = poll.watermark;
  switch (w.kind) {
    case 'rowversion': {
      const v = row[w.column];
      return Buffer.isBuffer(v) ? { kind: 'rowversion', hex: v.toString('hex') } : undefined;
    }
    case 'updatedAt': {
      const at = row[w.column];
      const id = idValue(row[w.id]);
      if (!(at instanceof Date) || Number.isNaN(at.getTime()) || id === undefined) return undefined;
      return { kind: 'updatedAt', at: at.toISOString(), id };
    }
    case 'id': {
      const id = idValue(row[w.column]);
      return id === undefined ? undefined : { kind: 'id', id };
    }
  }
}

function idValue(v: unknown): string | number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string' && v !== '') return v;
  return undefined;
}
