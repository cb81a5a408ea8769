import { composePersonalIdNumber, personalIdPrefix } from './personal-id-number.issuer.js';

describe('personal ID number issuing (DOMAIN.md §5)', () => {
  it.each([
    ['01', 'MALE', '1985-03-02', '001085'],
    ['01', 'FEMALE', '1999', '001199'],
    ['79', 'MALE', '2026-11-01', '079226'],
    ['96', 'FEMALE', '2026-01', '096326'],
    ['48', 'MALE', '2100-01-01', '048400'],
    ['48', 'FEMALE', '2105-06-07', '048505'],
  ])('province %s, %s born %s → prefix %s', (province, sex, birthDate, prefix) => {
    expect(personalIdPrefix(province, sex, birthDate)).toEqual({ ok: true, prefix });
  });

  it.each([
    [undefined, 'MALE', '2026-01-01', 'mã tỉnh'],
    ['1', 'MALE', '2026-01-01', 'mã tỉnh'],
    ['01', undefined, '2026-01-01', 'giới tính'],
    ['01', 'MALE', undefined, 'Năm sinh'],
    ['01', 'MALE', '1899-12-31', 'Năm sinh'],
  ])('refuses province %s sex %s birth %s, saying what is missing', (province, sex, birthDate, words) => {
    const result = personalIdPrefix(province, sex, birthDate);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(words);
  });

  it('appends a zero-padded random 6-digit part, 12 digits in all', () => {
    expect(composePersonalIdNumber('001226', () => 42)).toBe('001226000042');
    expect(composePersonalIdNumber('001226', () => 999_999)).toBe('001226999999');
    const drawn = composePersonalIdNumber('079226');
    expect(drawn).toMatch(/^079226\d{6}$/);
  });

  it('refuses a random part outside 0..999999', () => {
    expect(() => composePersonalIdNumber('001226', () => 1_000_000)).toThrow(RangeError);
    expect(() => composePersonalIdNumber('001226', () => -1)).toThrow(RangeError);
  });
});
