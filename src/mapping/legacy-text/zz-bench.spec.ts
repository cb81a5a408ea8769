import { it } from '@jest/globals';
import { detectEncoding } from './encoding.detector.js';
import { decodeLegacyText, encodeLegacyText } from './legacy-text.codec.js';
import { decodeMixed } from './mixed-encoding.decoder.js';
import { VietnameseTextGenerator } from './vietnamese-text.generator.js';

function time<T>(f: () => T): [T, number] { time1(f); const s = performance.now(); const r = f(); return [r, performance.now() - s]; }
function time1<T>(f: () => T): void { f(); }

it('bench', () => {
  const gen = new VietnameseTextGenerator(1993);
  const lines: string[] = [];
  for (let size = 0; size < 1024 * 1024; ) { const l = gen.line(); lines.push(l); size += Buffer.byteLength(l) + 1; }
  const text = lines.join('\n');
  const out: string[] = [];
  for (const enc of ['utf8', 'utf8-double', 'tcvn3', 'vni', 'windows-1258', 'viscii'] as const) {
    const [bytes, te] = time(() => encodeLegacyText(text, enc));
    const [r, td] = time(() => detectEncoding(bytes));
    const [, tdec] = time(() => decodeLegacyText(bytes, enc));
    const [, tfull] = time(() => detectEncoding(bytes, { sampleBytes: bytes.length }));
    const [m, tm] = time(() => decodeMixed(bytes));
    out.push(`${enc}: ${(bytes.length/1048576).toFixed(2)}MB encode ${te.toFixed(0)} decode ${tdec.toFixed(0)} detect ${td.toFixed(0)} detectWhole ${tfull.toFixed(0)} mixed ${tm.toFixed(0)} conf ${r.confidence.toFixed(3)} ${r.candidates.map(c=>c.encoding+'='+c.score.toFixed(2)).join(' ')} review ${m.units.filter(u=>u.needsReview).length}`);
  }
  const mixed = Buffer.concat(lines.flatMap((l, i) => [encodeLegacyText(l, i % 2 ? 'tcvn3' : 'vni'), Buffer.from('\n')]));
  const [m, tm] = time(() => decodeMixed(mixed));
  out.push(`mixed vni/tcvn3: ${tm.toFixed(0)}ms fileconf ${m.fileConfidence.toFixed(3)} units ${m.units.length} minconf ${Math.min(...m.units.map(u=>u.confidence)).toFixed(3)}`);
  console.log(out.join('\n'));
});
