import { describe, expect, it } from '@jest/globals';

import { encodeLegacyText } from './legacy-text.codec.js';
import { tcvn3Expected } from './legacy-text.spec-helper.js';
import type { LegacyEncoding } from './legacy-encoding.type.js';
import { decodeMixed } from './mixed-encoding.decoder.js';
import { VietnameseTextGenerator } from './vietnamese-text.generator.js';

function file(lines: readonly string[], encodingOf: (i: number) => LegacyEncoding): Buffer {
  return Buffer.concat(lines.flatMap((l, i) => [encodeLegacyText(l, encodingOf(i)), Buffer.from('\n')]));
}

describe('decodeMixed', () => {
  it('decodes a file whose lines alternate between VNI and TCVN3, and says which is which', () => {
    const lines = new VietnameseTextGenerator(31).lines(40);
    const encodingOf = (i: number): LegacyEncoding => (i % 2 === 0 ? 'vni' : 'tcvn3');
    const result = decodeMixed(file(lines, encodingOf));
    expect(result.fileConfidence).toBeLessThan(0.6);
    expect(result.text).toBe(lines.map((l, i) => (i % 2 === 0 ? l : tcvn3Expected(l))).join('\n') + '\n');
    expect(result.units.map((u) => u.encoding)).toEqual(lines.map((_, i) => encodingOf(i)));
    expect(result.units.map((u) => u.line)).toEqual(lines.map((_, i) => i + 1));
    expect(result.encodingsUsed).toEqual({ vni: 20, tcvn3: 20, ascii: 1 });
    expect(result.needsReview).toBe(false);
  });

  it('decodes UTF-8 lines mixed with Windows-1258 lines', () => {
    const lines = new VietnameseTextGenerator(32).lines(30);
    const encodingOf = (i: number): LegacyEncoding => (i % 3 === 0 ? 'windows-1258' : 'utf8');
    const result = decodeMixed(file(lines, encodingOf));
    expect(result.text).toBe(lines.join('\n') + '\n');
    expect(result.encodingsUsed).toMatchObject({ 'windows-1258': 10, utf8: 20 });
  });

  it('repairs the few lines of another encoding in a file that is otherwise uniform', () => {
    const lines = new VietnameseTextGenerator(33).lines(200);
    const result = decodeMixed(file(lines, (i) => (i === 17 || i === 150 ? 'tcvn3' : 'vni')));
    expect(result.fileEncoding).toBe('vni');
    expect(result.fileConfidence).toBeGreaterThan(0.6);
    expect(result.units.filter((u) => u.encoding === 'tcvn3').map((u) => u.line)).toEqual([18, 151]);
    expect(result.text.split('\n')[17]).toBe(tcvn3Expected(lines[17]));
  });

  it('decodes CSV value by value when columns come from different systems', () => {
    const gen = new VietnameseTextGenerator(34);
    const rows = Array.from({ length: 25 }, () => [gen.fullName(), gen.date(), gen.place()] as const);
    const bytes = Buffer.concat([
      Buffer.from('ho_ten,ngay_sinh,noi_sinh\r\n'),
      ...rows.map(([name, date, place]) =>
        Buffer.concat([
          encodeLegacyText(name, 'vni'),
          Buffer.from(`,${date},"`),
          encodeLegacyText(place, 'utf8'),
          Buffer.from('"\r\n'),
        ]),
      ),
    ]);
    const result = decodeMixed(bytes, { unit: 'field' });
    const lines = result.text.split('\n');
    rows.forEach(([name, date, place], i) => expect(lines[i + 1]).toBe(`${name},${date},"${place}"\r`));
    expect(new Set(result.units.filter((u) => u.field === 1).map((u) => u.encoding))).toEqual(
      new Set(['vni']),
    );
    expect(new Set(result.units.filter((u) => u.field === 3).map((u) => u.encoding))).toEqual(
      new Set(['utf8']),
    );
  });

  it('keeps a confident file encoding for all-capitals TCVN3 lines', () => {
    const lines = new VietnameseTextGenerator(36)
      .lines(30)
      .map((l, i) => (i % 5 === 0 ? l.toUpperCase() : l));
    const result = decodeMixed(file(lines, () => 'tcvn3'));
    expect(result.encodingsUsed).toEqual({ tcvn3: 30, ascii: 1 });
    expect(result.units.every((u) => u.confidence === result.fileConfidence)).toBe(true);
  });

  it('refuses a delimiter that is not one ASCII character', () => {
    expect(() => decodeMixed(Buffer.from('a;b'), { unit: 'field', delimiter: ';;' })).toThrow(RangeError);
  });

  it('flags the units it cannot tell apart instead of guessing silently', () => {
    // "Khánh Hoà" in Windows-1258 reads as "Khánh Hồ" in VNI: both are valid Vietnamese.
    const result = decodeMixed(file(['Khánh Hoà'], () => 'windows-1258'));
    expect(result.units).toHaveLength(1);
    expect(result.units[0].needsReview).toBe(true);
    expect(result.needsReview).toBe(true);
  });

  it('decodes a 1 MB mixed file line by line, in time linear in its size', () => {
    const gen = new VietnameseTextGenerator(35);
    const lines: string[] = [];
    for (let size = 0; size < 1024 * 1024; size += 110) lines.push(gen.line());
    const bytes = file(lines, (i) => (i % 2 === 0 ? 'vni' : 'tcvn3'));
    // CPU time of this process, not wall time (Jest runs files in parallel): the margin catches a
    // pass that is quadratic in the number of lines, not a slow machine.
    const cpuBefore = process.cpuUsage();
    const result = decodeMixed(bytes);
    const cpu = process.cpuUsage(cpuBefore);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(10_000);
    expect(result.units.every((u) => !u.needsReview)).toBe(true);
  });
});
