import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { CivilStatusRecord } from '../contracts/v1/civil-status-record.contract.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { MatchingService } from '../src/matching/matching.service.js';
import { loadMatchingConfig } from '../src/matching/scoring/matching-config.js';
import { createRecordGenerator, loadGeneratorReferenceData, SeededRandom } from '../test/generators/index.js';
import type { GeneratorReferenceData } from '../test/generators/index.js';
import { Corrupter, generateLabelledSet } from '../test/generators/matching/labelled-set.generator.js';
import { evaluateMatching } from '../test/generators/matching/matching-evaluation.js';
import { databaseUrl, recreateDatabase } from './support/bench-database.js';
import { benchLine, percentile, round } from './support/figures.js';

/**
 * `npm run bench -- matching` (issue 4, Measured):
 * 1. quality: a labelled set of 20,000 records (~20% duplicates, twins, namesakes) matched in batch
 *    mode: pairwise precision, recall, F1, twins wrongly merged, share sent to review;
 * 2. speed: a register of BENCH_REGISTER events (default 1,000,000: births, deaths, marriages from the
 *    seeded generator, each indexed as intake would) on the machine's PostgreSQL; single-record checks
 *    (p95 over 2,000, half of them corrupted copies of registered events) and batch checks
 *    (20,000 records in batches of 1,000, each in a transaction as intake does).
 */
const REGISTER = Number(process.env.BENCH_REGISTER ?? 1_000_000);
const EVAL_RECORDS = Number(process.env.EVAL_RECORDS ?? 20_000);
const CHUNK = 5_000;
const SINGLE_CHECKS = 2_000;
const BATCH_RECORDS = 20_000;
const BATCH_SIZE = 1_000;
/** Registered records that the checks copy (with corruptions): the register's first ones. */
const SAMPLE = 5_000;
/** Several worktrees bench on one machine: each may pick its own database. */
const DATABASE = process.env.BENCH_DATABASE ?? 'hub_bench_matching';

export async function run(): Promise<void> {
  const referenceData = await loadGeneratorReferenceData();
  const matching = new MatchingService(referenceData.units, loadMatchingConfig());

  log(`quality: generating and matching ${EVAL_RECORDS.toLocaleString()} labelled records…`);
  const quality = await evaluateMatching(
    generateLabelledSet({ referenceData, seed: 'bench-matching', records: EVAL_RECORDS }),
    matching,
  );
  log(
    `precision ${round(quality.precision, 4)} recall ${round(quality.recall, 4)} f1 ${round(quality.f1, 4)} ` +
      `twins merged ${quality.twinsMerged} review ${round(quality.reviewShare * 100, 2)}%`,
  );

  // BENCH_REUSE=1 measures again on the register the previous run left (its fill takes minutes).
  const reuse = process.env.BENCH_REUSE === '1';
  const url = reuse ? databaseUrl(DATABASE) : await recreateDatabase(DATABASE);
  const db = new DataSource(dataSourceOptions(url, 4));
  await db.initialize();
  try {
    let sample: CivilStatusRecord[];
    if (reuse) {
      sample = registerGenerator(referenceData)
        .batches(SAMPLE, SAMPLE)
        .next()
        .value!.flatMap((g) => (g.expectValid ? [g.record] : []));
    } else {
      await db.runMigrations();
      await db.query(
        `INSERT INTO registering_authority (id, code, kind, name) VALUES ('BENCH@-', 'BENCH', 'COMMUNE_PEOPLES_COMMITTEE', 'Bench')`,
      );
      sample = await fillRegister(db, matching, referenceData);
      // A register in steady state: statistics current and the visibility map set (autovacuum's work).
      await db.query('VACUUM ANALYZE');
    }
    const [{ n }] = await db.query<{ n: string }[]>('SELECT count(*) AS n FROM match_profile');
    log(`register: ${Number(n).toLocaleString()} events in the match index`);
    const speed = await measure(db, matching, referenceData, sample);
    process.stdout.write(
      benchLine('matching', {
        f1: round(quality.f1, 4),
        precision: round(quality.precision, 4),
        recall: round(quality.recall, 4),
        twins_merged: quality.twinsMerged,
        review_share: round(quality.reviewShare, 4),
        register_size: Number(n),
        check_p95_ms: round(speed.p95, 2),
        batch_records_per_s: Math.round(speed.batchPerSecond),
      }) + '\n',
    );
  } finally {
    await db.destroy();
  }
}

/** Registers REGISTER generated events (civil_event rows + match index); keeps a sample to copy. */
async function fillRegister(
  db: DataSource,
  matching: MatchingService,
  referenceData: GeneratorReferenceData,
): Promise<CivilStatusRecord[]> {
  const generator = registerGenerator(referenceData);
  const sample: CivilStatusRecord[] = [];
  const started = performance.now();
  let done = 0;
  for (const batch of generator.batches(REGISTER, CHUNK)) {
    const records = batch.flatMap((g) => (g.expectValid ? [g.record] : []));
    const ids = records.map(() => randomUUID());
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO civil_event (id, event_type, registration_kind, authority_id, authority_code, register_book,
           register_entry, register_year, registered_on, timeliness, content_hash)
         SELECT x.id, x.t, 'FIRST', 'BENCH@-', 'BENCH', 'b', x.id::text, 2020, '2020-01-01', 'UNKNOWN', 'h'
           FROM json_to_recordset($1::json) AS x(id uuid, t text)`,
        [JSON.stringify(records.map((r, i) => ({ id: ids[i], t: r.eventType })))],
      );
      await matching.index(
        tx,
        records.map((record, i) => ({ eventId: ids[i], record })),
      );
    });
    if (sample.length < SAMPLE) sample.push(...records.slice(0, SAMPLE - sample.length));
    done += records.length;
    if (done % 100_000 < CHUNK) {
      const s = (performance.now() - started) / 1000;
      log(`register: ${done.toLocaleString()} events indexed (${Math.round(done / s)}/s)`);
    }
  }
  return sample;
}

/** The register's records, the same for a run and a BENCH_REUSE run (the sample is its first ones). */
function registerGenerator(referenceData: GeneratorReferenceData) {
  return createRecordGenerator({
    referenceData,
    seed: 'bench-register',
    sourceId: 'bench',
    eventTypes: ['BIRTH', 'DEATH', 'MARRIAGE'],
    eventMix: { BIRTH: 0.6, DEATH: 0.25, MARRIAGE: 0.15 },
    registeredFrom: '2010-01-01',
  });
}

async function measure(
  db: DataSource,
  matching: MatchingService,
  referenceData: GeneratorReferenceData,
  sample: readonly CivilStatusRecord[],
): Promise<{ p95: number; batchPerSecond: number }> {
  const random = new SeededRandom('bench-checks');
  const corrupter = new Corrupter(random, referenceData);
  const fresh = createRecordGenerator({
    referenceData,
    seed: 'bench-fresh',
    sourceId: 'bench-2',
    eventTypes: ['BIRTH', 'DEATH', 'MARRIAGE'],
    firstSequence: 50_000_000,
  });
  const freshRecords = (n: number): CivilStatusRecord[] =>
    [...fresh.take(n)].flatMap((g) => (g.expectValid ? [g.record] : []));
  const checks = (n: number): CivilStatusRecord[] => {
    const copies = Array.from(
      { length: n / 2 },
      (_, i) =>
        corrupter.duplicate(
          { record: sample[i % sample.length], entity: 'x', kind: 'ORIGINAL', corruptions: [] },
          `Q${i}`,
        ).record,
    );
    return [...copies, ...freshRecords(n / 2)];
  };

  const single = checks(SINGLE_CHECKS);
  for (const r of single.slice(0, 100)) await matching.check(r, db); // warm-up
  const latencies: number[] = [];
  const verdicts: Record<string, number> = {};
  for (const record of single) {
    const t = performance.now();
    const { verdict } = await matching.check(record, db);
    latencies.push(performance.now() - t);
    verdicts[verdict.kind] = (verdicts[verdict.kind] ?? 0) + 1;
  }
  log(
    `single checks: p50 ${round(percentile(latencies, 50), 2)} ms, p95 ${round(percentile(latencies, 95), 2)} ms, ` +
      `p99 ${round(percentile(latencies, 99), 2)} ms; ${JSON.stringify(verdicts)}`,
  );

  const batchRecords = checks(BATCH_RECORDS);
  const t = performance.now();
  // Each batch in a transaction, on one connection, as bulk intake checks it (its statements are
  // pipelined on that connection, never spread over the pool).
  for (let i = 0; i < batchRecords.length; i += BATCH_SIZE) {
    await db.transaction((tx) => matching.checkBatch(batchRecords.slice(i, i + BATCH_SIZE), tx));
  }
  const batchPerSecond = batchRecords.length / ((performance.now() - t) / 1000);
  log(
    `batch: ${batchRecords.length.toLocaleString()} records in batches of ${BATCH_SIZE}: ${Math.round(batchPerSecond)}/s`,
  );
  return { p95: percentile(latencies, 95), batchPerSecond };
}

function log(line: string): void {
  process.stdout.write(`[matching] ${line}\n`);
}
