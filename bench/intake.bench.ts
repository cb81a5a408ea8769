import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { createRecordGenerator, loadGeneratorReferenceData } from '../test/generators/index.js';
import { recreateDatabase, withClient } from './support/bench-database.js';
import { DatabaseCpuMeter, processCpuMs } from './support/cpu-time.js';
import { benchLine, percentile, round } from './support/figures.js';
import { createBenchSource } from './support/bench-source.js';
import { HubProcess } from './support/hub-process.js';

/**
 * `npm run bench -- intake` (issue: foundation): 100,000 generated births posted in batches of 1,000
 * through the hub's REST intake into the machine's PostgreSQL; the same rows loaded with COPY into the
 * same tables as the physical reference; everything resent (must create no event); the hub's peak RSS.
 */
const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const BATCH = 1000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
/** Several worktrees bench on one machine: each may pick its own port and database. */
const PORT = Number(process.env.BENCH_PORT ?? 3377);
const DATABASE = process.env.BENCH_DATABASE ?? 'hub_bench_intake';
const SOURCE_ID = 'bench-hn';
/** Tables intake writes, in foreign-key order, for the COPY reference. */
const WRITTEN_TABLES = [
  'intake_batch',
  'intake_item',
  'civil_event',
  'civil_event_version',
  'party',
  'outbox_message',
  'audit_log',
];

export async function run(): Promise<void> {
  const url = await recreateDatabase(DATABASE);
  // Intake alone: forwarding to the population database (a worker's job, which may run in processes
  // of its own) is measured by `npm run bench -- population`; the outbox rows are still written here.
  const hub = await HubProcess.start(
    { DATABASE_URL: url, DB_POOL_SIZE: '10', POPULATION_RELAY_ENABLED: 'false' },
    PORT,
  );
  try {
    const apiKey = createBenchSource(url, { id: SOURCE_ID, name: 'Nguồn đo hiệu năng', province: '01' });
    log(`generating ${RECORDS.toLocaleString()} births…`);
    const bodies = await generateBatches();
    log(
      `${bodies.length} batches ready (${round(bodies.reduce((n, b) => n + b.length, 0) / 1e6)} MB of JSON)`,
    );

    const pgCpu = await DatabaseCpuMeter.start(url);
    const hubCpuBefore = processCpuMs(hub.pid);
    const first = await postAll(hub.baseUrl, apiKey, bodies);
    const hubCpuUs = ((processCpuMs(hub.pid) - hubCpuBefore) * 1000) / RECORDS;
    const pgCpuUs = ((await pgCpu.elapsedMs()) * 1000) / RECORDS;
    const eventsAfterFirst = await countEvents(url);
    const recordsPerS = first.counts.accepted / first.seconds;
    log(
      `first pass: ${JSON.stringify(first.counts)} in ${round(first.seconds, 1)} s → ${round(recordsPerS)} records/s;`,
    );
    log(
      `  batch latency p50 ${round(first.p50)} ms, p95 ${round(first.p95)} ms; register holds ${eventsAfterFirst} events`,
    );
    log(
      `  CPU per record: hub ${round(hubCpuUs)} µs, PostgreSQL ${round(pgCpuUs)} µs (2 cores: ${round((first.seconds * 2e6) / RECORDS)} µs of CPU per record were available)`,
    );

    const copy = await copyReference(url);
    const copyPerS = RECORDS / copy.seconds;
    log(
      `COPY of the same rows into the same tables: ${round(copy.seconds, 2)} s → ${round(copyPerS)} records/s`,
    );

    const resend = await postAll(hub.baseUrl, apiKey, bodies);
    const newEvents = (await countEvents(url)) - eventsAfterFirst;
    log(
      `resend: ${JSON.stringify(resend.counts)} in ${round(resend.seconds, 1)} s; new events: ${newEvents}`,
    );

    const peakRssMb = hub.peakRssMb();
    log(`hub peak RSS ${round(peakRssMb)} MB`);
    console.log(
      benchLine('intake', {
        records_per_s: round(recordsPerS),
        copy_ratio: round(recordsPerS / copyPerS, 3),
        resend_new_events: newEvents,
        peak_rss_mb: round(peakRssMb),
      }),
    );
  } finally {
    await hub.stop();
  }
}

function log(line: string): void {
  console.log(`[intake] ${line}`);
}

async function generateBatches(): Promise<string[]> {
  const generator = createRecordGenerator({
    referenceData: await loadGeneratorReferenceData(),
    seed: 20261121,
    sourceId: SOURCE_ID,
    provinceCode: '01',
    eventTypes: ['BIRTH'],
  });
  const bodies: string[] = [];
  let batch: unknown[] = [];
  for (const generated of generator.take(RECORDS)) {
    batch.push(generated.record);
    if (batch.length === BATCH) {
      bodies.push(JSON.stringify({ records: batch }));
      batch = [];
    }
  }
  if (batch.length > 0) bodies.push(JSON.stringify({ records: batch }));
  return bodies;
}

interface PassResult {
  seconds: number;
  counts: Record<string, number>;
  p50: number;
  p95: number;
}

async function postAll(baseUrl: string, apiKey: string, bodies: readonly string[]): Promise<PassResult> {
  const counts: Record<string, number> = { accepted: 0, duplicate: 0, updated: 0, rejected: 0 };
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    for (let i = next++; i < bodies.length; i = next++) {
      const t = performance.now();
      const res = await fetch(`${baseUrl}/api/v1/intake/records`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: bodies[i],
      });
      const body = (await res.json()) as { summary?: Record<string, number>; error?: unknown };
      if (!body.summary) throw new Error(`batch ${i}: HTTP ${res.status} ${JSON.stringify(body.error)}`);
      for (const k of Object.keys(counts)) counts[k] = (counts[k] ?? 0) + (body.summary[k] ?? 0);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return {
    seconds: (performance.now() - started) / 1000,
    counts,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
  };
}

async function countEvents(url: string): Promise<number> {
  return withClient(url, async (c) =>
    Number((await c.query('SELECT count(*) AS n FROM civil_event')).rows[0].n),
  );
}

/**
 * The physical reference: the rows the hub wrote, loaded with COPY into the same tables (same
 * indexes and triggers) of a fresh migrated database. Files are written by the server (untimed);
 * only the COPY FROM is timed.
 */
async function copyReference(hubUrl: string): Promise<{ seconds: number }> {
  const dir = '/tmp/hub-bench-copy';
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777);
  const refUrl = await recreateDatabase('hub_bench_copy');
  // Same schema: migrate by starting the CLI once.
  execFileSync(process.execPath, ['dist/src/cli/hub.cli.js', 'migrate'], {
    env: { ...process.env, DATABASE_URL: refUrl },
  });
  const setup = ['registering_authority', 'source', 'source_credential'];
  await withClient(hubUrl, async (c) => {
    for (const t of [...setup, ...WRITTEN_TABLES]) await c.query(`COPY ${t} TO '${dir}/${t}.copy'`);
  });
  return withClient(refUrl, async (c) => {
    for (const t of setup) await c.query(`COPY ${t} FROM '${dir}/${t}.copy'`);
    const started = performance.now();
    for (const t of WRITTEN_TABLES) await c.query(`COPY ${t} FROM '${dir}/${t}.copy'`);
    const seconds = (performance.now() - started) / 1000;
    rmSync(dir, { recursive: true, force: true });
    return { seconds };
  });
}
