import { describe, expect, it } from '@jest/globals';

import { decodeTcvn3, encodeTcvn3, restoreTcvn3Capitals, TCVN3_CASELESS_LETTERS } from './tcvn3.codec.js';
import { VietnameseTextGenerator } from './vietnamese-text.generator.js';

describe('TCVN3 capitals', () => {
  it('loses toned capitals: "NGUYỄN" comes back "NGUYễN" by default', () => {
    expect(decodeTcvn3(encodeTcvn3('NGUYỄN THỊ HỒNG NHUNG'))).toBe('NGUYễN THị HồNG NHUNG');
  });

  it('restores capitals inside words written in capitals', () => {
    expect(decodeTcvn3(encodeTcvn3('NGUYỄN THỊ HỒNG NHUNG'), { capitals: 'infer' })).toBe(
      'NGUYỄN THỊ HỒNG NHUNG',
    );
    expect(restoreTcvn3Capitals('Họ tên: NGUYễN Văn A')).toBe('Họ tên: NGUYỄN Văn A');
  });

  it('uses the line when a word alone is ambiguous ("Lệ" and "LỆ" are the same bytes)', () => {
    expect(restoreTcvn3Capitals('Lệ')).toBe('Lệ');
    expect(restoreTcvn3Capitals('TRầN THị Lệ')).toBe('TRẦN THỊ LỆ');
  });

  it('cannot recover a lost leading capital or a .VnTimeH line typed in lower-case bytes', () => {
    expect(decodeTcvn3(encodeTcvn3('Huỳnh Ngọc Ánh'), { capitals: 'infer' })).toBe('Huỳnh Ngọc ánh');
    const vnTimeH = Buffer.from('nguy\xd4n v\xa8n \xae\xf8c', 'latin1');
    expect(decodeTcvn3(vnTimeH, { capitals: 'infer' })).toBe('nguyễn văn đức');
  });

  it('keeps the capitals TCVN3 has', () => {
    expect(decodeTcvn3(encodeTcvn3('ĐOÀN VĂN ƯỚC'), { capitals: 'infer' })).toBe('ĐOÀN VĂN ƯỚC');
  });
});

/** The rule as first written, character by character: what the faster string version must agree with. */
function restoreReference(text: string): string {
  const hasCase = (ch: string): boolean => /\p{L}/u.test(ch) && ch.toUpperCase() !== ch.toLowerCase();
  const inCapitals = (chars: readonly string[]): boolean => {
    let capitals = 0;
    for (const ch of chars) {
      if (TCVN3_CASELESS_LETTERS.has(ch) || !hasCase(ch)) continue;
      if (ch !== ch.toUpperCase()) return false;
      capitals++;
    }
    return capitals >= 2;
  };
  const upper = (chars: readonly string[]): string =>
    chars.map((ch) => (TCVN3_CASELESS_LETTERS.has(ch) ? ch.toUpperCase() : ch)).join('');
  return text
    .split('\n')
    .map((line) => {
      const chars = [...line];
      if (!chars.some((ch) => TCVN3_CASELESS_LETTERS.has(ch))) return line;
      if (inCapitals(chars)) return upper(chars);
      return line
        .split(/(\s+)/)
        .map((word) => (inCapitals([...word]) ? upper([...word]) : word))
        .join('');
    })
    .join('\n');
}

describe('restoreTcvn3Capitals on generated register text', () => {
  it('agrees with the character-by-character rule on names in every case style', () => {
    const gen = new VietnameseTextGenerator(7);
    for (let i = 0; i < 2000; i++) {
      const name = gen.fullName();
      const styles = [
        name,
        name.toUpperCase(),
        name.toLowerCase(),
        `${name.toUpperCase()} ${name}`,
        `Số ${i}\n${name.toUpperCase()}`,
      ];
      for (const style of styles) {
        const decoded = decodeTcvn3(encodeTcvn3(style));
        expect(restoreTcvn3Capitals(decoded)).toBe(restoreReference(decoded));
      }
    }
  });
});
