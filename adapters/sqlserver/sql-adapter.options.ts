export interface SqlAdapterOptions {
  /** First wait after a retryable failure; doubled each time up to maxBackoffMs. */
  readonly backoffBaseMs: number;
  readonly maxBackoffMs: number;
  /** Tries of one poll (a connection dropped mid-batch is read again at once, after a short wait). */
  readonly attempts: number;
  /** How long a process holds a table; renewed with every batch. A dead process's lease runs out. */
  readonly leaseMs: number;
}

export const SQL_ADAPTER_OPTIONS = Symbol('SQL_ADAPTER_OPTIONS');
/** Where connection URLs are read (process.env; tests give their own). */
export const SQL_ADAPTER_ENV = Symbol('SQL_ADAPTER_ENV');

function positiveInt(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new Error(`${name} must be a whole number between 1 and ${max}, got "${value}"`);
  }
  return n;
}

/** SQL_POLL_BACKOFF_BASE_MS, SQL_POLL_BACKOFF_MAX_MS, SQL_POLL_ATTEMPTS, SQL_POLL_LEASE_MS. */
export function resolveSqlAdapterOptions(env: NodeJS.ProcessEnv = process.env): SqlAdapterOptions {
  return {
    backoffBaseMs: positiveInt('SQL_POLL_BACKOFF_BASE_MS', env['SQL_POLL_BACKOFF_BASE_MS'], 2_000, 3_600_000),
    maxBackoffMs: positiveInt('SQL_POLL_BACKOFF_MAX_MS', env['SQL_POLL_BACKOFF_MAX_MS'], 900_000, 86_400_000),
    attempts: positiveInt('SQL_POLL_ATTEMPTS', env['SQL_POLL_ATTEMPTS'], 3, 20),
    leaseMs: positiveInt('SQL_POLL_LEASE_MS', env['SQL_POLL_LEASE_MS'], 600_000, 86_400_000),
  };
}

/** Wait before try `failures + 1`: doubling from the base, capped, with ±20 % jitter (sources share links). */
export function backoffMs(options: SqlAdapterOptions, failures: number, random = Math.random): number {
  const plain = Math.min(options.maxBackoffMs, options.backoffBaseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(plain * (0.8 + 0.4 * random()));
}
