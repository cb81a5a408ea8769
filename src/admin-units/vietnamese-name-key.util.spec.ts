import { vietnameseNameKey } from './vietnamese-name-key.util.js';

describe('vietnameseNameKey', () => {
  it('ignores tone placement and case', () => {
    expect(vietnameseNameKey('Thanh Hoá')).toBe(vietnameseNameKey('Thanh Hóa'));
    expect(vietnameseNameKey('Điềm Thuỵ')).toBe(vietnameseNameKey('điềm thụy'));
    expect(vietnameseNameKey('Xã  Hoàng Văn Thụ')).toBe(vietnameseNameKey('xã Hoàng Văn Thụ'));
  });

  it('keeps letters and tones apart', () => {
    expect(vietnameseNameKey('Phó Bảng')).not.toBe(vietnameseNameKey('Phố Bảng'));
    expect(vietnameseNameKey('Hòa')).not.toBe(vietnameseNameKey('Hóa'));
    expect(vietnameseNameKey('Đông')).not.toBe(vietnameseNameKey('Dong'));
  });

  it('treats NFD and NFC input alike', () => {
    expect(vietnameseNameKey('Nguyễn'.normalize('NFD'))).toBe(vietnameseNameKey('Nguyễn'));
  });
});
