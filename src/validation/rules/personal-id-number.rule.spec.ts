import { checkPersonalIdNumber } from './personal-id-number.rule.js';

const PROVINCES = new Set(['01', '79', '82', '96', '02']);
const ever = (c: string) => PROVINCES.has(c);
const codes = (pin: string, sex?: 'MALE' | 'FEMALE', birthYear?: number) =>
  checkPersonalIdNumber({ pin, sex, birthYear }, 'p', ever).map((e) => e.code);

describe('personal ID number structure', () => {
  it('accepts a well-formed number for a girl born in 2024 in Hà Nội', () => {
    expect(codes('001324012345', 'FEMALE', 2024)).toEqual([]);
  });

  it('accepts a man born in 1985 registered in a pre-2025 province code (Hà Giang 02)', () => {
    expect(codes('002085000001', 'MALE', 1985)).toEqual([]);
  });

  it('refuses a prefix that is not 0 + a province code', () => {
    expect(codes('099324012345', 'FEMALE', 2024)).toEqual(['RULE.PIN_PROVINCE_PREFIX']);
    expect(codes('101324012345', 'FEMALE', 2024)).toEqual(['RULE.PIN_PROVINCE_PREFIX']);
  });

  it('checks the sex parity of the fourth digit', () => {
    expect(codes('001224012345', 'FEMALE', 2024)).toEqual(['RULE.PIN_SEX_MISMATCH']);
    expect(codes('001324012345', 'MALE', 2024)).toEqual(['RULE.PIN_SEX_MISMATCH']);
  });

  it('checks the century against the year of birth', () => {
    expect(codes('001124012345', 'FEMALE', 2024)).toEqual(['RULE.PIN_CENTURY_MISMATCH']);
  });

  it('checks the two year digits against the year of birth', () => {
    expect(codes('001323012345', 'FEMALE', 2024)).toEqual(['RULE.PIN_YEAR_MISMATCH']);
  });

  it('refuses a century digit above 5', () => {
    expect(codes('001724012345')).toEqual(['RULE.PIN_CENTURY_DIGIT']);
  });

  it('cannot check sex or year when they are not known, and does not guess', () => {
    expect(codes('079099000777')).toEqual([]);
  });
});
