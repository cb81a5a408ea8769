import { createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { readCsvHead, readCsvRows } from '../adapters/csv/csv-row.reader.js';
import { loadMappingDir } from '../src/mapping/engine/mapping-spec.loader.js';
import { RecordMapper } from '../src/mapping/engine/record-mapper.js';
import { mapWithPolicy } from '../src/mapping/engine/sample-mapper.js';
import { encodeLegacyText } from '../src/mapping/legacy-text/index.js';
import { loadReferenceServices } from '../src/mapping/mapping-dry-run.js';
import { VietnameseTextGenerator } from '../src/mapping/legacy-text/vietnamese-text.generator.js';
import { recreateDatabase, withClient } from './support/bench-database.js';
import { DatabaseCpuMeter, processCpuMs } from './support/cpu-time.js';
import { benchLine, round } from './support/figures.js';
import { createBenchSource } from './support/bench-source.js';
import { HubProcess } from './support/hub-process.js';

/**
 * `npm run bench -- csv` (issue: legacy adapters): a generated TCVN3 CSV of BENCH_CSV_ROWS rows
 * (default 1,000,000) in the format of mappings/na-quynhluu-csv, dropped into the source's watched
 * folder of a hub process on the machine's PostgreSQL; rows per second from the moment the file lands
 * in inbox/ until its job is DONE, and the hub's peak RSS. Two load-independent figures beside them
 * (the machine is shared): the hub's CPU per row end to end, and the CPU per row of the CSV path alone
 * (reading, TCVN3 decoding, parsing and mapping the same file in this process, without intake), which
 * is what the adapter adds on top of intake's own cost per record. PostgreSQL's CPU per row and the
 * machine's load before and after are printed beside them.
 */
const ROWS = Number(process.env.BENCH_CSV_ROWS ?? 1_000_000);
const PORT = Number(process.env.BENCH_CSV_PORT ?? 3391);
const SOURCE_ID = 'na-quynhluu-csv';
const HEADER =
  'STT,SoDK,QuyenSo,NgayDK,HoTen,GioiTinh,NgaySinh,NoiSinh,DanToc,HoTenMe,NamSinhMe,HoTenCha,NamSinhCha,NguoiKhai,QuanHe\r\n';
const PLACES = ['QT', 'QTA', 'QC'];
/** Several worktrees bench on one machine: each may pick its own database. */
const DATABASE = process.env.BENCH_DATABASE ?? 'hub_bench_csv';

export async function run(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'bench-csv-'));
  const url = await recreateDatabase(DATABASE);
  try {
    const file = join(work, 'so-khai-sinh.csv.part');
    log(`generating ${ROWS.toLocaleString()} TCVN3 rows…`);
    const bytes = await generate(file);
    log(`${round(bytes / 1e6)} MB written`);
    const csvUsPerRow = await csvPathCpuPerRow(file);
    log(`CSV path alone (read, decode, parse, map; no intake): ${round(csvUsPerRow, 1)} µs CPU per row`);
    createBenchSource(url, {
      id: SOURCE_ID,
      name: 'Quỳnh Lưu (đo hiệu năng)',
      province: '40',
      transport: 'CSV',
    });
    const dropDir = join(work, 'drop');
    // The import alone, as the intake bench measures intake: forwarding to the population database
    // (a worker's job, which may run in processes of its own; `npm run bench -- population`) is off
    // unless BENCH_CSV_RELAY=1. The outbox rows are written either way.
    const relay = process.env.BENCH_CSV_RELAY === '1';
    const hub = await HubProcess.start(
      {
        DATABASE_URL: url,
        DB_POOL_SIZE: '10',
        CSV_DROP_DIR: dropDir,
        CSV_POLL_MS: '250',
        POPULATION_RELAY_ENABLED: String(relay),
      },
      PORT,
    );
    try {
      const inbox = join(dropDir, SOURCE_ID, 'inbox');
      log(`hub started, RSS so far ${round(hub.peakRssMb())} MB (reference data loaded)`);
      await waitFor(async () => (await readdir(inbox).catch(() => undefined)) !== undefined, 60_000);
      const loadBefore = loadAverage();
      const started = performance.now();
      const cpuBefore = processCpuMs(hub.pid);
      const pgCpu = await DatabaseCpuMeter.start(url);
      await rename(file, join(inbox, 'so-khai-sinh.csv'));
      const job = await waitForJob(url);
      const seconds = (performance.now() - started) / 1000;
      const hubUsPerRow = ((processCpuMs(hub.pid) - cpuBefore) * 1000) / Math.max(1, job.rows_read);
      const pgUsPerRow = ((await pgCpu.elapsedMs()) * 1000) / Math.max(1, job.rows_read);
      const rowsPerS = job.rows_read / seconds;
      log(
        `job ${job.status}: read ${job.rows_read}, accepted ${job.accepted}, rejected ${job.rejected}, held ${job.held} in ${round(seconds, 1)} s`,
      );
      const peak = hub.peakRssMb();
      log(
        `hub peak RSS ${round(peak)} MB, hub CPU ${round(hubUsPerRow)} µs per row, PostgreSQL CPU ${round(pgUsPerRow)} µs per row; load ${loadBefore} → ${loadAverage()}`,
      );
      console.log(
        benchLine('csv', {
          rows_per_s: round(rowsPerS),
          peak_rss_mb: round(peak),
          hub_cpu_us_per_row: round(hubUsPerRow),
          pg_cpu_us_per_row: round(pgUsPerRow),
          csv_path_cpu_us_per_row: round(csvUsPerRow, 1),
          ...(relay ? { relay: 'on' } : {}),
        }),
      );
    } finally {
      await hub.stop();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Unique register references (book of 100,000 entries), births in 2017 registered a month later. */
async function generate(path: string): Promise<number> {
  const gen = new VietnameseTextGenerator(2017);
  const out = createWriteStream(path);
  let written = 0;
  const write = async (text: string): Promise<void> => {
    const chunk = encodeLegacyText(text, 'tcvn3');
    written += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await write(HEADER);
  let lines: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const day = 1 + Math.floor(gen.next() * 28);
    const month = 1 + Math.floor(gen.next() * 10);
    const mother = gen.fullName();
    const sex = gen.next() < 0.5 ? 'Nam' : 'Nữ';
    lines.push(
      `${i + 1},${(i % 100_000) + 1},${Math.floor(i / 100_000) + 1}/2017,${String(day).padStart(2, '0')}/${String(month + 1).padStart(2, '0')}/2017,` +
        `${gen.fullName()},${sex},${day}-${month}-17,${gen.pick(PLACES)},K,${mother},${1975 + Math.floor(gen.next() * 25)},${gen.fullName()},,${mother},ME\r\n`,
    );
    if (lines.length === 1000) {
      await write(lines.join(''));
      lines = [];
    }
  }
  await write(lines.join(''));
  out.end();
  await once(out, 'finish');
  return written;
}

/** CPU of this process per row for what the CSV adapter does before intake, on the bench's own file. */
async function csvPathCpuPerRow(path: string): Promise<number> {
  const spec = await loadMappingDir(join('mappings', SOURCE_ID));
  const mapper = new RecordMapper(spec, (await loadReferenceServices()).references);
  const head = await readCsvHead(path, spec);
  const before = process.cpuUsage();
  let rows = 0;
  let mapped = 0;
  for await (const item of readCsvRows(path, head)) {
    rows++;
    if (item.kind === 'row' && mapWithPolicy(mapper, head.policy, item.row).record !== undefined) mapped++;
  }
  const used = process.cpuUsage(before);
  if (mapped < rows * 0.99) throw new Error(`only ${mapped} of ${rows} generated rows mapped`);
  return (used.user + used.system) / rows;
}

interface JobRow {
  status: string;
  rows_read: number;
  accepted: number;
  rejected: number;
  held: number;
}

async function waitForJob(url: string): Promise<JobRow> {
  let last = 0;
  for (;;) {
    const job = await withClient(
      url,
      async (c) =>
        (await c.query<JobRow>('SELECT status, rows_read, accepted, rejected, held FROM csv_import_job'))
          .rows[0],
    );
    if (job && (job.status === 'DONE' || job.status === 'FAILED')) return job;
    if (job && job.rows_read - last >= 100_000) {
      last = job.rows_read;
      log(`… ${job.rows_read.toLocaleString()} rows read`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting for the drop folder');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The machine is shared: the load beside each figure says how much of it was ours. */
function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

function log(line: string): void {
  console.log(`[csv] ${line}`);
}
