import { execFileSync } from 'node:child_process';
import { DataSource } from 'typeorm';
import { loadHubConfig } from '../config/hub.config.js';
import type { AuditEntry } from '../src/audit/audit-entry.js';
import { AuditVerifierService } from '../src/audit/audit-verifier.service.js';
import { AuditService } from '../src/audit/audit.service.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { recreateDatabase } from './support/bench-database.js';
import { benchLine, round } from './support/figures.js';

/**
 * `npm run bench -- audit` (issue 6): audit entries appended per second by 8 concurrent writers,
 * each append inside a transaction of its own of BENCH_AUDIT_BATCH entries (default 100; bulk
 * intake appends up to 1,000 per transaction): this is the hot path, writers queue on the chain head.
 * Then standalone single-entry appends from 8 concurrent callers (audited reads, logins), which the
 * service coalesces; then the time `audit verify` takes over 1,000,000 entries. Runs in its own
 * database on the machine's PostgreSQL.
 */
const WRITERS = 8;
const BATCH = Number(process.env.BENCH_AUDIT_BATCH ?? 100);
const MEASURED = Number(process.env.BENCH_AUDIT_ENTRIES ?? 200_000);
const SINGLE = Number(process.env.BENCH_AUDIT_SINGLE ?? 4_000);
const VERIFY_TOTAL = Number(process.env.BENCH_AUDIT_VERIFY ?? 1_000_000);

export async function run(): Promise<void> {
  const url = await recreateDatabase('hub_bench_audit');
  execFileSync(process.execPath, ['dist/src/cli/hub.cli.js', 'migrate'], {
    env: { ...process.env, DATABASE_URL: url },
  });
  const ds = new DataSource(dataSourceOptions(url, WRITERS + 2));
  await ds.initialize();
  try {
    const audit = new AuditService(ds);
    const batched = await appendConcurrently(audit, MEASURED, BATCH, ds);
    log(
      `${WRITERS} writers × transactions appending ${BATCH}: ${MEASURED.toLocaleString()} entries in ${round(batched, 2)} s → ${round(MEASURED / batched)} entries/s`,
    );
    const single = await appendConcurrently(audit, SINGLE, 1);
    log(
      `${WRITERS} callers × standalone appends of 1 (coalesced): ${SINGLE.toLocaleString()} entries in ${round(single, 2)} s → ${round(SINGLE / single)} entries/s`,
    );
    const have = MEASURED + SINGLE;
    if (VERIFY_TOTAL > have) {
      const fill = await appendConcurrently(audit, VERIFY_TOTAL - have, 1000, ds);
      log(`filled to ${VERIFY_TOTAL.toLocaleString()} entries in ${round(fill, 1)} s (appends of 1,000)`);
    }
    const verifier = new AuditVerifierService(ds, loadHubConfig({ NODE_ENV: 'development' }));
    const v = await verifier.verify();
    if (!v.ok) throw new Error(`verification failed: ${JSON.stringify(v.problem)}`);
    log(`verified ${v.entries.toLocaleString()} entries in ${round(v.seconds, 2)} s`);
    const verify1m = (v.seconds * 1_000_000) / v.entries;
    console.log(
      benchLine('audit', {
        appends_per_s: round(MEASURED / batched),
        single_appends_per_s: round(SINGLE / single),
        batch: BATCH,
        verify_1m_s: round(verify1m, 2),
      }),
    );
  } finally {
    await ds.destroy();
  }
}

/**
 * WRITERS concurrent loops appending `batch` entries per call, `total` in all; seconds. With `ds`,
 * each call is a transaction of the writer's own (as intake does); without, standalone appends.
 */
async function appendConcurrently(
  audit: AuditService,
  total: number,
  batch: number,
  ds?: DataSource,
): Promise<number> {
  let remaining = total;
  let n = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      while (remaining > 0) {
        const size = Math.min(batch, remaining);
        remaining -= size;
        const list = entries(size, `w${w}-${n++}`);
        if (ds) await ds.transaction((tx) => audit.append(list, tx));
        else await audit.append(list);
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

function entries(n: number, tag: string): AuditEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    actorType: 'SOURCE',
    actorId: 'bench-hn',
    action: 'REGISTER.EVENT_REGISTERED',
    entityType: 'civil_event',
    entityId: `${tag}-${i}`,
    provinceCode: '01',
    correlationId: tag,
    details: { version: 1, eventType: 'BIRTH', registerRef: { book: '01/2026', entry: String(i) } },
  }));
}

function log(line: string): void {
  console.log(`[audit] ${line}`);
}
