import { execFileSync } from 'node:child_process';
import { DataSource } from 'typeorm';
import { loadHubConfig } from '../config/hub.config.js';
import type { AuditEntry } from '../src/audit/audit-entry.js';
import { AuditSealerService } from '../src/audit/audit-sealer.service.js';
import { AuditVerifierService } from '../src/audit/audit-verifier.service.js';
import { AuditService } from '../src/audit/audit.service.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { recreateDatabase } from './support/bench-database.js';
import { benchLine, round } from './support/figures.js';

/**
 * `npm run bench -- audit` (issue 6): audit entries per second from 8 concurrent writers, each
 * appending ONE entry per call and waiting for it to be durable (its own autocommit), as audited
 * reads, logins and corrections do; end to end: the clock stops when the sealer running in the
 * background (as in every hub process) has chained the last entry. Then 8 writers × transactions
 * of BENCH_AUDIT_BATCH entries (intake), likewise until chained; then the time `audit verify`
 * takes over 1,000,000 entries. Runs in its own database on the machine's PostgreSQL.
 */
const WRITERS = 8;
const SINGLE = Number(process.env.BENCH_AUDIT_SINGLE ?? 50_000);
const BATCH = Number(process.env.BENCH_AUDIT_BATCH ?? 100);
const BATCHED = Number(process.env.BENCH_AUDIT_ENTRIES ?? 200_000);
const VERIFY_TOTAL = Number(process.env.BENCH_AUDIT_VERIFY ?? 1_000_000);

export async function run(): Promise<void> {
  const url = await recreateDatabase('hub_bench_audit');
  execFileSync(process.execPath, ['dist/src/cli/hub.cli.js', 'migrate'], {
    env: { ...process.env, DATABASE_URL: url },
  });
  // Writers' connections, and the sealer's (a transaction of its own at a time).
  const ds = new DataSource(dataSourceOptions(url, WRITERS + 2));
  await ds.initialize();
  const sealer = new AuditSealerService(ds, loadHubConfig({ NODE_ENV: 'development' }));
  try {
    const audit = new AuditService(ds, sealer);
    sealer.start();
    const single = await appendConcurrently(ds, audit, SINGLE, 1);
    log(
      `${WRITERS} writers × single-entry durable appends: ${SINGLE.toLocaleString()} entries chained in ${round(single, 2)} s → ${round(SINGLE / single)} entries/s`,
    );
    const batched = await appendConcurrently(ds, audit, BATCHED, BATCH);
    log(
      `${WRITERS} writers × transactions appending ${BATCH}: ${BATCHED.toLocaleString()} entries chained in ${round(batched, 2)} s → ${round(BATCHED / batched)} entries/s`,
    );
    const have = SINGLE + BATCHED;
    if (VERIFY_TOTAL > have) {
      const fill = await appendConcurrently(ds, audit, VERIFY_TOTAL - have, 1000);
      log(
        `filled to ${VERIFY_TOTAL.toLocaleString()} entries in ${round(fill, 1)} s (transactions of 1,000)`,
      );
    }
    sealer.stop();
    await sealer.sealNow();
    const verifier = new AuditVerifierService(ds, loadHubConfig({ NODE_ENV: 'development' }));
    const v = await verifier.verify();
    if (!v.ok) throw new Error(`verification failed: ${JSON.stringify(v.problem)}`);
    log(`verified ${v.entries.toLocaleString()} entries in ${round(v.seconds, 2)} s`);
    console.log(
      benchLine('audit', {
        appends_per_s: round(SINGLE / single),
        batch_appends_per_s: round(BATCHED / batched),
        batch: BATCH,
        verify_1m_s: round((v.seconds * 1_000_000) / v.entries, 2),
      }),
    );
  } finally {
    sealer.stop();
    await ds.destroy();
  }
}

/**
 * WRITERS concurrent loops appending `batch` entries per call, `total` in all, each call committed
 * on its own (autocommit for one entry, a transaction for more); seconds until the background
 * sealer has chained the last of them.
 */
async function appendConcurrently(
  ds: DataSource,
  audit: AuditService,
  total: number,
  batch: number,
): Promise<number> {
  const target = (await headSeq(ds)) + total;
  let remaining = total;
  let n = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      while (remaining > 0) {
        const size = Math.min(batch, remaining);
        remaining -= size;
        const list = entries(size, `w${w}-${n++}`);
        if (size === 1) await audit.append(list);
        else await ds.transaction((tx) => audit.append(list, tx));
      }
    }),
  );
  while ((await headSeq(ds)) < target) await new Promise((r) => setTimeout(r, 5));
  return (performance.now() - started) / 1000;
}

async function headSeq(ds: DataSource): Promise<number> {
  const [{ seq }] = await ds.query<Array<{ seq: string }>>('SELECT seq FROM audit_chain_head WHERE id = 1');
  return Number(seq);
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
