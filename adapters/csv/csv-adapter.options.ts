import { isAbsolute, resolve } from 'node:path';

export interface CsvAdapterOptions {
  /** Where uploads are spooled before their job runs (streamed to disk: any size, bounded memory). */
  readonly spoolDir: string;
  /** Root of the drop folders (<root>/<source-id>/inbox ...); undefined: no folder is watched. */
  readonly dropDir?: string;
  readonly pollMs: number;
  /**
   * Rows per intake batch (intake takes at most 1,000); default 500. The hub's peak memory moves with
   * it: a mapped birth record holds ~8 KB of heap and up to two batches plus the one being filled are
   * alive. Measured with the CSV bench (60,000 TCVN3 rows, 2 shared cores, population relay off):
   * 1,000 → 332 MB peak RSS, 500 → 301 MB, 250 → 298 MB; hub CPU per row 616, 609 and 842 µs (relay
   * on): below 500 the per-batch work (transactions, audit, look-ups) starts to show.
   */
  readonly batchSize: number;
  /** A job without a heartbeat for this long was left by a dead process and is run again. */
  readonly staleAfterMs: number;
}

export const CSV_ADAPTER_OPTIONS = Symbol('CSV_ADAPTER_OPTIONS');

function positiveInt(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new Error(`${name} must be a whole number between 1 and ${max}, got "${value}"`);
  }
  return n;
}

/** CSV_SPOOL_DIR, CSV_DROP_DIR, CSV_POLL_MS, CSV_BATCH_SIZE, CSV_STALE_AFTER_MS; relative paths from the working directory. */
export function resolveCsvAdapterOptions(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): CsvAdapterOptions {
  const path = (p: string): string => (isAbsolute(p) ? p : resolve(cwd, p));
  const drop = env['CSV_DROP_DIR']?.trim();
  return {
    spoolDir: path(env['CSV_SPOOL_DIR']?.trim() || 'data/csv-spool'),
    ...(drop ? { dropDir: path(drop) } : {}),
    pollMs: positiveInt('CSV_POLL_MS', env['CSV_POLL_MS'], 2000, 3_600_000),
    batchSize: positiveInt('CSV_BATCH_SIZE', env['CSV_BATCH_SIZE'], 500, 1000),
    staleAfterMs: positiveInt('CSV_STALE_AFTER_MS', env['CSV_STALE_AFTER_MS'], 300_000, 86_400_000),
  };
}
