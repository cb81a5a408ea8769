import { loadGeneratorReferenceData } from '../test/generators/generator-reference.loader.js';
import { generateBirths } from '../test/generators/record.generator.js';
import { benchLine, round } from './support/figures.js';

/**
 * `npm run bench -- generator`: how fast the seeded generator makes and serialises births, one at a
 * time. The intake and CSV benchmarks generate their input first; this keeps that cost in view
 * (it was a timed unit test, which a busy CI machine made fail at random).
 */
const BIRTHS = Number(process.env.BENCH_RECORDS ?? 100_000);

export async function run(): Promise<void> {
  const referenceData = await loadGeneratorReferenceData();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let characters = 0;
  let count = 0;
  for (const generated of generateBirths(BIRTHS, {
    referenceData,
    seed: 'speed',
    sourceId: 'bench-source',
    provinceCode: '01',
  })) {
    characters += JSON.stringify(generated.record).length;
    count += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuUsPerRecord = (cpu.user + cpu.system) / count;
  process.stdout.write(
    `${count.toLocaleString('en')} births generated and serialised in ${round(seconds, 2)} s ` +
      `(${Math.round(characters / count)} characters of JSON each)\n`,
  );
  process.stdout.write(
    benchLine('generator', {
      records_per_s: round(count / seconds),
      cpu_us_per_record: round(cpuUsPerRecord, 1),
    }) + '\n',
  );
}
