import { HubException } from '../../src/common/errors/hub.exception.js';

/**
 * Codes of the SQL adapter. Retryable ones are tried again with backoff; permanent ones need a person
 * (a wrong password, a query the database refuses) and are retried only at the slow pace.
 */
export type SqlAdapterErrorCode =
  | 'SQL.CONNECTION_FAILED'
  | 'SQL.CONNECTION_LOST'
  | 'SQL.TIMEOUT'
  | 'SQL.SERVER_BUSY'
  | 'SQL.LOGIN_FAILED'
  | 'SQL.QUERY_REJECTED'
  | 'SQL.NOT_CONFIGURED'
  | 'SQL.UNKNOWN';

const RETRYABLE: ReadonlySet<SqlAdapterErrorCode> = new Set([
  'SQL.CONNECTION_FAILED',
  'SQL.CONNECTION_LOST',
  'SQL.TIMEOUT',
  'SQL.SERVER_BUSY',
  'SQL.UNKNOWN',
]);

export class SqlAdapterException extends HubException {
  readonly retryable: boolean;

  constructor(code: SqlAdapterErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, 502, undefined, options);
    this.retryable = RETRYABLE.has(code);
  }
}

/** The driver's own code or number, whichever the error carries (tedious: code + number; pg: code). */
function codeOf(err: unknown): { code?: string; number?: number } {
  if (typeof err !== 'object' || err === null) return {};
  const e = err as { code?: unknown; number?: unknown; originalError?: unknown };
  const inner =
    typeof e.originalError === 'object' && e.originalError !== null
      ? (e.originalError as { code?: unknown; number?: unknown })
      : {};
  const code = typeof e.code === 'string' ? e.code : typeof inner.code === 'string' ? inner.code : undefined;
  const number =
    typeof e.number === 'number' ? e.number : typeof inner.number === 'number' ? inner.number : undefined;
  return { code, number };
}

/**
 * A driver error (mssql/tedious, pg, node's net) as a code of ours. Never the driver's message: it
 * can quote the query or the server's text, so only the code and number are kept for the log.
 */
export function translateSqlError(err: unknown, where: string): SqlAdapterException {
  if (err instanceof SqlAdapterException) return err;
  const { code, number } = codeOf(err);
  const tag = [code, number].filter((x) => x !== undefined).join('/');
  const make = (c: SqlAdapterErrorCode, what: string): SqlAdapterException =>
    new SqlAdapterException(c, `${where}: ${what}${tag ? ` (${tag})` : ''}`, { cause: err });
  // SQL Server error numbers: 18456 login failed, 4060 cannot open database, 229/230 permission
  // denied, 208 invalid object, 207 invalid column, 102 syntax; 1205 deadlock victim, 40501/40613
  // busy or unavailable (Azure), -2 timeout.
  if (
    number === 18456 ||
    number === 4060 ||
    code === 'ELOGIN' ||
    code === '28P01' ||
    code === '28000' ||
    code === '3D000' ||
    code === 'ER_ACCESS_DENIED_ERROR' ||
    code === 'ER_BAD_DB_ERROR' ||
    code === 'ER_DBACCESS_DENIED_ERROR'
  )
    return make('SQL.LOGIN_FAILED', 'đăng nhập cơ sở dữ liệu nguồn bị từ chối; kiểm tra tài khoản');
  if (
    number === 1205 ||
    number === 40501 ||
    number === 40613 ||
    code === '40001' ||
    code === '53300' ||
    code === 'ER_LOCK_DEADLOCK' ||
    code === 'ER_LOCK_WAIT_TIMEOUT' ||
    code === 'ER_CON_COUNT_ERROR'
  )
    return make('SQL.SERVER_BUSY', 'máy chủ nguồn đang bận, sẽ thử lại');
  if (code === 'ETIMEOUT' || number === -2 || code === '57014' || code === 'PROTOCOL_SEQUENCE_TIMEOUT')
    return make('SQL.TIMEOUT', 'quá thời gian chờ máy chủ nguồn, sẽ thử lại');
  if (
    code === 'ECONNRESET' ||
    code === 'ECONNCLOSED' ||
    code === 'ESOCKET' ||
    code === 'EPIPE' ||
    code === 'PROTOCOL_CONNECTION_LOST' ||
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03' ||
    (code?.startsWith('08') ?? false) ||
    (err instanceof Error && /Connection terminated|connection lost|closed/i.test(err.message))
  )
    return make('SQL.CONNECTION_LOST', 'mất kết nối với cơ sở dữ liệu nguồn giữa chừng, sẽ đọc lại lô này');
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'EINSTLOOKUP')
    return make('SQL.CONNECTION_FAILED', 'không kết nối được cơ sở dữ liệu nguồn, sẽ thử lại');
  if (
    number === 208 ||
    number === 207 ||
    number === 102 ||
    number === 229 ||
    number === 230 ||
    code === 'EREQUEST' ||
    (code?.startsWith('ER_') ?? false) ||
    (code !== undefined && /^(42|22|25)/.test(code))
  )
    return make('SQL.QUERY_REJECTED', 'cơ sở dữ liệu nguồn từ chối câu truy vấn; kiểm tra poll.yaml');
  return make('SQL.UNKNOWN', 'lỗi khi đọc cơ sở dữ liệu nguồn, sẽ thử lại');
}
