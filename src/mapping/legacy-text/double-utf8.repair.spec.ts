import { describe, expect, it } from '@jest/globals';

import {
  countDoubleEncodedSequences,
  doubleEncodeUtf8,
  repairDoubleEncodedUtf8,
} from './double-utf8.repair.js';
import { VietnameseTextGenerator } from './vietnamese-text.generator.js';

const mojibake = (s: string): string => doubleEncodeUtf8(s).toString('utf8');

describe('repairDoubleEncodedUtf8', () => {
  it('repairs the classic form', () => {
    expect(mojibake('Nguyễn')).toBe('Nguyá»…n');
    expect(repairDoubleEncodedUtf8('Nguyá»…n')).toBe('Nguyễn');
  });

  it('repairs strings that were double-encoded only in part', () => {
    expect(repairDoubleEncodedUtf8(`Trần Văn Đức, ${mojibake('Huỳnh Ngọc Ánh')}`)).toBe(
      'Trần Văn Đức, Huỳnh Ngọc Ánh',
    );
  });

  it('repairs bytes that Windows-1252 lacks, kept as C1 controls ("Ố" = E1 BB 90)', () => {
    expect(mojibake('PHẠM QUỐC KHÁNH')).toContain('\u0090');
    expect(repairDoubleEncodedUtf8(mojibake('PHẠM QUỐC KHÁNH'))).toBe('PHẠM QUỐC KHÁNH');
  });

  it('repairs text encoded twice over, and decomposed (NFD) text', () => {
    const twice = doubleEncodeUtf8(mojibake('Lê Thị Thuỳ Dương')).toString('utf8');
    expect(repairDoubleEncodedUtf8(twice)).toBe('Lê Thị Thuỳ Dương');
    expect(repairDoubleEncodedUtf8(mojibake('Phường Ba Đình'.normalize('NFD')))).toBe('Phường Ba Đình');
  });

  it('repairs short names ending in a double-encoded "à" (C3 A0, a no-break space)', () => {
    expect(repairDoubleEncodedUtf8(mojibake('Hà'))).toBe('Hà');
  });

  it('leaves a quoted capital Ã alone unless told the whole text is double-encoded', () => {
    expect(repairDoubleEncodedUtf8('ngã ba “NGÃ”')).toBe('ngã ba “NGÃ”');
    expect(repairDoubleEncodedUtf8('ngã ba “NGÃ”', { force: true })).toBe('ngã ba “NGÔ');
    expect(repairDoubleEncodedUtf8('NGÃ” THANH GIANG')).toBe('NGÔ THANH GIANG');
  });

  it('leaves clean Vietnamese text unchanged', () => {
    const gen = new VietnameseTextGenerator(99);
    for (const line of [...gen.lines(300), ...gen.lines(50).map((l) => l.toUpperCase())]) {
      expect(repairDoubleEncodedUtf8(line)).toBe(line);
      expect(countDoubleEncodedSequences(line)).toBe(0);
    }
  });

  it('round-trips generated lines', () => {
    const gen = new VietnameseTextGenerator(100);
    for (const line of gen.lines(300)) expect(repairDoubleEncodedUtf8(mojibake(line))).toBe(line);
  });
});
