import { describe, expect, it } from '@jest/globals';

import { doubleEncodeUtf8 } from './double-utf8.repair.js';
import { ASCII_NOTE, DETECTION_CONFIDENCE_THRESHOLD, detectEncoding } from './encoding.detector.js';
import { encodeLegacyText } from './legacy-text.codec.js';
import { tcvn3Expected } from './legacy-text.spec-helper.js';
import type { LegacyEncoding } from './legacy-encoding.type.js';
import { VietnameseTextGenerator } from './vietnamese-text.generator.js';

const ENCODINGS: readonly LegacyEncoding[] = [
  'utf8',
  'utf8-double',
  'tcvn3',
  'vni',
  'windows-1258',
  'viscii',
];
const expected = (text: string, encoding: LegacyEncoding): string =>
  encoding === 'tcvn3' ? tcvn3Expected(text) : text;

describe('detectEncoding', () => {
  it.each(ENCODINGS)('detects %s in a register extract, confidently', (encoding) => {
    const text = new VietnameseTextGenerator(5712).lines(40).join('\r\n');
    const result = detectEncoding(encodeLegacyText(text, encoding));
    expect(result.encoding).toBe(encoding);
    expect(result.text).toBe(expected(text, encoding));
    expect(result.confidence).toBeGreaterThan(0.95);
    expect(result.needsReview).toBe(false);
    expect(result.candidates[0]).toEqual({ encoding, score: 1 });
    // Clean UTF-8 is also what the repair returns unchanged; every other reading scores low.
    const plausible = result.candidates.filter((c) => c.score > 0.5).map((c) => c.encoding);
    expect(plausible).toEqual(encoding === 'utf8' ? ['utf8', 'utf8-double'] : [encoding]);
  });

  it.each(ENCODINGS)('detects %s in all-capitals text', (encoding) => {
    const text = new VietnameseTextGenerator(3).lines(20).join('\n').toUpperCase();
    const result = detectEncoding(encodeLegacyText(text, encoding), { tcvn3Capitals: 'infer' });
    expect(result.encoding).toBe(encoding);
    expect(result.text).toBe(text);
    expect(result.needsReview).toBe(false);
  });

  it('reads NFD UTF-8 as UTF-8 and returns NFC', () => {
    const text = 'Lê Thị Thuỳ Dương, Phường Ba Đình';
    const result = detectEncoding(encodeLegacyText(text, 'utf8', { unicodeForm: 'NFD' }));
    expect(result.encoding).toBe('utf8');
    expect(result.text).toBe(text);
  });

  it('finds a file double-encoded in part and repairs it', () => {
    const lines = new VietnameseTextGenerator(8).lines(30);
    const bytes = Buffer.concat(
      lines.map((l, i) =>
        Buffer.concat([i % 3 === 0 ? doubleEncodeUtf8(l) : Buffer.from(l), Buffer.from('\n')]),
      ),
    );
    const result = detectEncoding(bytes);
    expect(result.encoding).toBe('utf8-double');
    expect(result.text).toBe(lines.join('\n') + '\n');
  });

  it.each(ENCODINGS)('detects %s in the names of the brief', (encoding) => {
    for (const name of ['Nguyễn Thị Hồng Nhung', 'Trần Văn Đức', 'Lê Thị Thuỳ Dương', 'Phạm Quốc Khánh']) {
      const result = detectEncoding(encodeLegacyText(name, encoding));
      expect(result.text).toBe(expected(name, encoding));
      expect(result.needsReview).toBe(false);
    }
  });

  it('gets single names right or sends them to review, never wrong and confident', () => {
    const gen = new VietnameseTextGenerator(2024);
    let right = 0;
    let total = 0;
    for (let i = 0; i < 150; i++) {
      const name = gen.fullName();
      for (const encoding of ENCODINGS) {
        const result = detectEncoding(encodeLegacyText(name, encoding));
        total++;
        if (result.text === expected(name, encoding)) right++;
        else expect(result.needsReview).toBe(true);
      }
    }
    expect(right / total).toBeGreaterThan(0.97);
  });

  it('is not thrown off by digits and punctuation', () => {
    const text = 'Số 123/2024/QĐ-UBND ngày 05/03/2024 (bản sao); CMND: 024 567 890 - "Hộ khẩu": Đắk Lắk.';
    for (const encoding of ENCODINGS) {
      const result = detectEncoding(encodeLegacyText(text, encoding));
      expect(result.encoding).toBe(encoding === 'utf8-double' ? 'utf8-double' : encoding);
      expect(result.text).toBe(expected(text, encoding));
    }
  });

  it('reports pure ASCII as ascii, with a note that it is no evidence', () => {
    const result = detectEncoding(Buffer.from('Nguyen Van A, 12/03/1985, Ha Noi\n'));
    expect(result).toMatchObject({ encoding: 'ascii', confidence: 1, needsReview: false, note: ASCII_NOTE });
    expect(result.text).toBe('Nguyen Van A, 12/03/1985, Ha Noi\n');
  });

  it('knows that VISCII puts capitals on control bytes', () => {
    const bytes = encodeLegacyText('MỸ THO, QUẢNG YÊN, KỸ', 'viscii');
    expect(bytes.every((b) => b < 0x80)).toBe(false);
    const controlsOnly = encodeLegacyText('MỸ KỸ', 'viscii');
    expect(controlsOnly.every((b) => b < 0x80)).toBe(true);
    expect(detectEncoding(controlsOnly).encoding).toBe('viscii');
  });

  it('lowers confidence, without throwing, when bytes are invalid for the encoding', () => {
    const text = new VietnameseTextGenerator(11).lines(10).join('\n');
    const clean = detectEncoding(encodeLegacyText(text, 'tcvn3'));
    const damaged = Buffer.from(encodeLegacyText(text, 'tcvn3'));
    for (let i = 7; i < damaged.length; i += 25) damaged[i] = [0x81, 0x00, 0x9d, 0xff][i % 4];
    const result = detectEncoding(damaged);
    expect(result.encoding).toBe('tcvn3');
    expect(result.confidence).toBeLessThan(clean.confidence);

    const truncatedUtf8 = Buffer.concat([Buffer.from(text), Buffer.from([0xe1, 0xbb]), Buffer.from(text)]);
    const utf8 = detectEncoding(truncatedUtf8);
    expect(utf8.encoding).toBe('utf8');
    expect(utf8.candidates[0].score).toBeLessThan(1);
    expect(utf8.text).toContain('\uFFFD');
  });

  it('sends noise to review', () => {
    const gen = new VietnameseTextGenerator(13);
    const noise = Buffer.from(Array.from({ length: 2000 }, () => Math.floor(gen.next() * 256)));
    const result = detectEncoding(noise);
    expect(result.confidence).toBeLessThan(DETECTION_CONFIDENCE_THRESHOLD);
    expect(result.needsReview).toBe(true);
  });

  it('looks past a long ASCII header for its sample', () => {
    const header = 'ho_ten,ngay_sinh,noi_sinh\n'.repeat(5000);
    const body = new VietnameseTextGenerator(21).csvRows(50).join('\n');
    const result = detectEncoding(encodeLegacyText(header + body, 'vni'), { sampleBytes: 16 * 1024 });
    expect(result.encoding).toBe('vni');
    expect(result.text).toBe(header + body);
  });

  it('decodes a 1 MB file whole from a sample of at most 64 KB', () => {
    const gen = new VietnameseTextGenerator(1993);
    const lines: string[] = [];
    for (let size = 0; size < 1024 * 1024;) {
      const line = gen.line();
      lines.push(line);
      size += Buffer.byteLength(line, 'utf8');
    }
    const text = lines.join('\n');
    for (const encoding of ['tcvn3', 'vni', 'utf8'] as const) {
      const bytes = encodeLegacyText(text, encoding);
      const result = detectEncoding(bytes);
      expect(result.encoding).toBe(encoding);
      expect(result.text).toBe(expected(text, encoding));
      expect(result.sampledBytes).toBeLessThanOrEqual(64 * 1024);
    }
  });
});
