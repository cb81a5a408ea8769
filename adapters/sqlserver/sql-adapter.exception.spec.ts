import { translateSqlError } from './sql-adapter.exception.js';
import { backoffMs } from './sql-adapter.options.js';

describe('SQL adapter errors: retryable or permanent', () => {
  const err = (props: Record<string, unknown>, message = 'x'): Error =>
    Object.assign(new Error(message), props);

  it.each([
    [{ code: 'ELOGIN', number: 18456 }, 'SQL.LOGIN_FAILED', false],
    [{ code: 'EREQUEST', number: 4060 }, 'SQL.LOGIN_FAILED', false],
    [{ code: '28P01' }, 'SQL.LOGIN_FAILED', false],
    [{ code: 'EREQUEST', number: 208 }, 'SQL.QUERY_REJECTED', false],
    [{ code: '42P01' }, 'SQL.QUERY_REJECTED', false],
    [{ code: 'EREQUEST', number: 1205 }, 'SQL.SERVER_BUSY', true],
    [{ code: 'ETIMEOUT' }, 'SQL.TIMEOUT', true],
    [{ code: 'ESOCKET' }, 'SQL.CONNECTION_LOST', true],
    [{ code: '57P01' }, 'SQL.CONNECTION_LOST', true],
    [{ code: 'ECONNREFUSED' }, 'SQL.CONNECTION_FAILED', true],
    [{}, 'SQL.UNKNOWN', true],
  ])('%j → %s', (props, code, retryable) => {
    const translated = translateSqlError(err(props), 'Nguồn tg-caibe-2017-sql');
    expect(translated).toMatchObject({ code, retryable });
    expect(translated.message).toMatch(/^Nguồn tg-caibe-2017-sql: /);
  });

  it('reads the code of the error mssql wraps, and never repeats the driver message', () => {
    const wrapped = err({ code: 'EREQUEST', originalError: { number: 18456 } }, "Login failed for user 'sa'");
    const translated = translateSqlError(wrapped, 'Nguồn X');
    expect(translated.code).toBe('SQL.LOGIN_FAILED');
    expect(translated.message).not.toContain('sa');
  });

  it('backs off doubling from the base, capped, with bounded jitter', () => {
    const options = { backoffBaseMs: 1000, maxBackoffMs: 10_000, attempts: 3, leaseMs: 1 };
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(options, n, () => 0.5))).toEqual([
      1000, 2000, 4000, 8000, 10_000,
    ]);
    expect(backoffMs(options, 1, () => 0)).toBe(800);
    expect(backoffMs(options, 1, () => 0.999_999)).toBe(1200);
  });
});
