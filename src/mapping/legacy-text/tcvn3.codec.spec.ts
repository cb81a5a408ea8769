import { describe, expect, it } from '@jest/globals';

import { decodeTcvn3, encodeTcvn3, restoreTcvn3Capitals } from './tcvn3.codec.js';

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
