import { describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';

import { decodeLegacyText, encodeLegacyText } from './legacy-text.codec.js';
import type { LegacyEncoding } from './legacy-encoding.type.js';
import { tcvn3Expected } from './legacy-text.spec-helper.js';
import { LOWER_VOWEL_FORMS } from './vietnamese-letters.constant.js';
import { VietnameseTextGenerator } from './vietnamese-text.generator.js';

const ALL_LETTERS = [...LOWER_VOWEL_FORMS, 'đ'].flatMap((l) => [l, l.toUpperCase()]);
const LOSSLESS: readonly LegacyEncoding[] = ['utf8', 'utf8-double', 'windows-1258', 'vni', 'viscii'];

const hex = (b: Buffer): string => b.toString('hex').toUpperCase();

describe('legacy text codecs', () => {
  it('covers the 134 non-ASCII Vietnamese letters plus the 12 plain vowels', () => {
    expect(ALL_LETTERS).toHaveLength(146);
    expect(ALL_LETTERS.filter((l) => /[^\p{ASCII}]/u.test(l))).toHaveLength(134);
  });

  it.each(LOSSLESS)('round-trips every Vietnamese letter in both cases through %s', (encoding) => {
    for (const letter of ALL_LETTERS) {
      expect(decodeLegacyText(encodeLegacyText(letter, encoding), encoding)).toBe(letter);
    }
  });

  it('round-trips every letter through TCVN3 except toned capitals, which come back lower case', () => {
    const lost: string[] = [];
    for (const letter of ALL_LETTERS) {
      const back = decodeLegacyText(encodeLegacyText(letter, 'tcvn3'), 'tcvn3');
      expect(back).toBe(tcvn3Expected(letter));
      if (back !== letter) lost.push(letter);
    }
    expect(lost).toHaveLength(60);
    expect(lost).not.toEqual(expect.arrayContaining(['Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ']));
  });

  it('round-trips generated register lines through every encoding', () => {
    const gen = new VietnameseTextGenerator(1258);
    for (const line of gen.lines(300)) {
      for (const encoding of LOSSLESS) {
        expect(decodeLegacyText(encodeLegacyText(line, encoding), encoding)).toBe(line);
      }
      expect(decodeLegacyText(encodeLegacyText(line, 'tcvn3'), 'tcvn3')).toBe(tcvn3Expected(line));
    }
  });

  it('writes VNI as base letter plus modifier bytes', () => {
    expect(encodeLegacyText('Nguyễn', 'vni').toString('latin1')).toBe('Nguyeãn');
    expect(encodeLegacyText('Trường', 'vni').toString('latin1')).toBe('Tröôøng');
    expect(encodeLegacyText('ĐẮK LẮK', 'vni').toString('latin1')).toBe('ÑAÉK LAÉK');
    expect(decodeLegacyText(Buffer.from('Thaønh phoá Hoà Chí Minh', 'latin1'), 'vni')).toBe(
      'Thành phố Hồ Chí Minh',
    );
  });

  it('reads VNI pairs whose modifier case differs from the base letter', () => {
    expect(decodeLegacyText(Buffer.from('Aùnh NGUYEãN', 'latin1'), 'vni')).toBe('Ánh NGUYỄN');
  });

  it('writes Windows-1258 as Windows does: precomposed where the code page has it, else base + tone', () => {
    expect(hex(encodeLegacyText('á', 'windows-1258'))).toBe('E1');
    expect(hex(encodeLegacyText('ấ', 'windows-1258'))).toBe('E2EC');
    expect(hex(encodeLegacyText('ò', 'windows-1258'))).toBe('6FCC');
    expect(hex(encodeLegacyText('Ữ', 'windows-1258'))).toBe('DDDE');
    expect(hex(encodeLegacyText('₫', 'windows-1258'))).toBe('FE');
    expect(iconv.encode('Nguyễn', 'windows1258').toString('latin1')).toBe('Nguy?n');
  });

  it('decodes decomposed Windows-1258 and NFD UTF-8 to NFC', () => {
    expect(decodeLegacyText(Buffer.from([0x4e, 0x67, 0x75, 0x79, 0xea, 0xde, 0x6e]), 'windows-1258')).toBe(
      'Nguyễn',
    );
    const nfd = encodeLegacyText('Lê Thị Thuỳ Dương', 'utf8', { unicodeForm: 'NFD' });
    expect(nfd.length).toBeGreaterThan(Buffer.byteLength('Lê Thị Thuỳ Dương'));
    expect(decodeLegacyText(nfd, 'utf8')).toBe('Lê Thị Thuỳ Dương');
  });

  it('uses the VN3 table for TCVN3, not iconv-lite VN1 capitals', () => {
    expect(hex(encodeLegacyText('Đức', 'tcvn3'))).toBe('A7F863');
    expect(hex(encodeLegacyText('NGUYỄN', 'tcvn3'))).toBe('4E475559D44E');
    expect(hex(encodeLegacyText('ĂÂÊÔƠƯĐ', 'tcvn3'))).toBe('A1A2A3A4A5A6A7');
    // Word's curly quotes keep their Windows-1252 bytes in ABC files.
    expect(decodeLegacyText(Buffer.from([0x93, 0x48, 0xab, 0x94]), 'tcvn3')).toBe('“Hô”');
    expect(iconv.decode(Buffer.from([0x93]), 'tcvn')).toBe('Ỏ');
    expect(iconv.encode('Ễ', 'tcvn')[0]).toBe(0xd9);
  });

  it('folds to ASCII the way systems without Vietnamese fonts stored names', () => {
    expect(encodeLegacyText('Trần Văn Đức', 'ascii').toString('latin1')).toBe('Tran Van Duc');
  });

  it('never throws on bytes that are invalid for the encoding', () => {
    const junk = Buffer.from([0xff, 0xfe, 0x81, 0x8d, 0xc3, 0x28, 0xe1, 0xbb, 0x00, 0x1b]);
    for (const encoding of ['ascii', ...LOSSLESS, 'tcvn3'] as const) {
      expect(typeof decodeLegacyText(junk, encoding)).toBe('string');
    }
    expect(decodeLegacyText(junk, 'utf8')).toContain('\uFFFD');
  });

  it('marks characters the encoding lacks with ?', () => {
    expect(encodeLegacyText('Đức 日本', 'viscii').toString('latin1')).toContain('??');
    expect(encodeLegacyText('Đức 日本', 'vni').toString('latin1')).toBe('Ñöùc ??');
  });
});
