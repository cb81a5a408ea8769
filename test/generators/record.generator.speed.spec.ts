import { loadGeneratorReferenceData } from './generator-reference.loader.js';
import { generateBirths } from './record.generator.js';

// The intake benchmark posts 100,000 generated births; generating them must stay far below its
// own running time. Bound generous for a busy 2-core machine; the figure is printed for the record.
const BIRTHS = 100_000;
const BOUND_MS = 15_000;

describe('generator speed', () => {
  it(`generates ${BIRTHS.toLocaleString('en')} births in under ${BOUND_MS / 1000} s, one at a time`, async () => {
    const referenceData = await loadGeneratorReferenceData();
    const started = performance.now();
    let bytes = 0;
    let count = 0;
    for (const generated of generateBirths(BIRTHS, {
      referenceData,
      seed: 'speed',
      sourceId: 'bench-source',
      provinceCode: '01',
    })) {
      bytes += JSON.stringify(generated.record).length;
      count += 1;
    }
    const elapsed = performance.now() - started;
    console.log(
      `${count} births generated and serialised in ${Math.round(elapsed)} ms ` +
        `(${Math.round((count / elapsed) * 1000)}/s, ${Math.round(bytes / count)} characters of JSON each)`,
    );
    expect(count).toBe(BIRTHS);
    expect(elapsed).toBeLessThan(BOUND_MS);
  }, 60_000);
});
