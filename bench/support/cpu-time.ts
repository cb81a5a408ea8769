import { readFileSync } from 'node:fs';
import { withClient } from './bench-database.js';

/** CPU time (user + system) a process has used so far, in ms, from /proc (0 if it is gone). */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ", utime and stime are the 12th and 13th fields, in clock ticks (100/s).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/**
 * CPU used by the PostgreSQL backends serving one database, between two calls: the figure that
 * says whether a pass was bound by the hub or by the server. Backends that start after the first
 * reading count from zero.
 */
export class DatabaseCpuMeter {
  private readonly baseline = new Map<number, number>();

  private constructor(private readonly url: string) {}

  static async start(url: string): Promise<DatabaseCpuMeter> {
    const meter = new DatabaseCpuMeter(url);
    for (const pid of await meter.backends()) meter.baseline.set(pid, processCpuMs(pid));
    return meter;
  }

  async elapsedMs(): Promise<number> {
    let total = 0;
    for (const pid of await this.backends()) total += processCpuMs(pid) - (this.baseline.get(pid) ?? 0);
    return total;
  }

  private async backends(): Promise<number[]> {
    const name = new URL(this.url).pathname.slice(1);
    return withClient(this.url, async (c) =>
      (
        await c.query<{ pid: number }>(
          'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [name],
        )
      ).rows.map((r) => r.pid),
    );
  }
}
