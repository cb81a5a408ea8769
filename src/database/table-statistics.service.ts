import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { rows } from './sql.js';

/** How often the hub looks for tables whose planner statistics have gone stale. */
const CHECK_INTERVAL_MS = 15_000;
/**
 * Stale: changed rows since the last ANALYZE above this many plus this share of the table (whose
 * live rows include the new ones): a table that has about doubled since it was last analysed, so a
 * growing table is analysed about log2(size) times in its life. With autovacuum's 10%, every check
 * during a bulk import analysed every table again (some 10% of PostgreSQL's CPU in the intake
 * benchmark). The planner scales row counts by the table's current size anyway; what it needs from
 * ANALYZE is the shape of the data, and that of a table which has not yet doubled is still close.
 */
const STALE_ROWS = 1_000;
const STALE_SHARE = 0.5;
/**
 * The sample this check analyses with: statistics target 10, 3,000 rows, where the default 100
 * samples 30,000 and sorts each column's values. What the planner was missing after a bulk import
 * is the table's size and how nearly unique its keys are, which a small sample tells; autovacuum,
 * at the server's own target, refines them later. On the intake benchmark's 20,000-event register
 * the hub's tables analysed in 1.31 s at the default target and 0.36 s at 10; ANALYZE was a quarter
 * of PostgreSQL's CPU during the benchmark's first pass (perf).
 */
const QUICK_STATISTICS_TARGET = 10;
/**
 * Tables read only through their primary key (the raw payloads, the versions of events), whose
 * plans no statistics change; they are the widest rows, the costliest to sample, and are left to
 * autovacuum.
 */
export const READ_BY_PRIMARY_KEY_ONLY: readonly string[] = ['intake_payload', 'civil_event_version'];
/** One process at a time analyses (transaction-scoped advisory lock). */
const LOCK_KEY = 727_301;

/**
 * Keeps the planner's statistics of the hub's own tables current. A bulk import grows the register
 * from nothing to hundreds of thousands of rows in minutes; with statistics from when a table was
 * empty, PostgreSQL plans the identity look-ups as scans of the whole table (seen: 0.4–0.9 s per
 * intake batch at 250,000 events instead of 0.7 ms), and intake slows down as the register grows.
 * Autovacuum would refresh them, but it may be off (it is on the CI machines) or behind on a busy
 * server; this does the same check autovacuum does (changes since the last ANALYZE against the
 * table's size) and analyses the tables that need it, on the hub's own schedule.
 */
@Injectable()
export class TableStatisticsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TableStatisticsService.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.refreshQuietly(), CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Analyses the hub's tables whose statistics are stale; returns their names (none if another process is at it). */
  async refresh(): Promise<string[]> {
    if (this.running) return [];
    this.running = true;
    try {
      return await this.dataSource.transaction(async (tx) => {
        const [lock] = await rows<{ locked: boolean }>(tx, 'SELECT pg_try_advisory_xact_lock($1) AS locked', [
          LOCK_KEY,
        ]);
        if (!lock?.locked) return [];
        const stale = await rows<{ name: string }>(
          tx,
          `SELECT format('%I.%I', schemaname, relname) AS name FROM pg_stat_user_tables
            WHERE schemaname = current_schema() AND n_mod_since_analyze > $1::int + $2::float8 * n_live_tup
              AND relname <> ALL($3::text[])
            ORDER BY n_mod_since_analyze DESC`,
          [STALE_ROWS, STALE_SHARE, READ_BY_PRIMARY_KEY_ONLY],
        );
        if (stale.length > 0)
          await tx.query(`SET LOCAL default_statistics_target = ${QUICK_STATISTICS_TARGET}`);
        for (const t of stale) await tx.query(`ANALYZE ${t.name}`);
        return stale.map((t) => t.name);
      });
    } finally {
      this.running = false;
    }
  }

  private async refreshQuietly(): Promise<void> {
    try {
      const analysed = await this.refresh();
      if (analysed.length > 0) this.logger.debug({ tables: analysed }, 'planner statistics refreshed');
    } catch (err) {
      this.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'statistics refresh failed',
      );
    }
  }
}
