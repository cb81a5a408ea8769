export interface SoapPullOptions {
  readonly backoffBaseMs: number;
  readonly maxBackoffMs: number;
  readonly leaseMs: number;
  /** One pull stops after this many pages (the next scheduled pull continues from the cursor). */
  readonly maxPagesPerPull: number;
}

export const SOAP_PULL_OPTIONS = Symbol('SOAP_PULL_OPTIONS');
/** Where endpoint URLs and accounts are read (process.env; tests give their own). */
export const SOAP_PULL_ENV = Symbol('SOAP_PULL_ENV');

function positiveInt(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new Error(`${name} must be a whole number between 1 and ${max}, got "${value}"`);
  }
  return n;
}

/** SOAP_PULL_BACKOFF_BASE_MS, SOAP_PULL_BACKOFF_MAX_MS, SOAP_PULL_LEASE_MS, SOAP_PULL_MAX_PAGES. */
export function resolveSoapPullOptions(env: NodeJS.ProcessEnv = process.env): SoapPullOptions {
  return {
    backoffBaseMs: positiveInt(
      'SOAP_PULL_BACKOFF_BASE_MS',
      env['SOAP_PULL_BACKOFF_BASE_MS'],
      5_000,
      3_600_000,
    ),
    maxBackoffMs: positiveInt(
      'SOAP_PULL_BACKOFF_MAX_MS',
      env['SOAP_PULL_BACKOFF_MAX_MS'],
      900_000,
      86_400_000,
    ),
    leaseMs: positiveInt('SOAP_PULL_LEASE_MS', env['SOAP_PULL_LEASE_MS'], 600_000, 86_400_000),
    maxPagesPerPull: positiveInt('SOAP_PULL_MAX_PAGES', env['SOAP_PULL_MAX_PAGES'], 1000, 1_000_000),
  };
}

export function backoffMs(options: SoapPullOptions, failures: number, random = Math.random): number {
  const plain = Math.min(options.maxBackoffMs, options.backoffBaseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(plain * (0.8 + 0.4 * random()));
}
