import { Sex } from '../../contracts/v1/code-lists/sex.enum.js';
import { centuryDigit, PersonalIdIssuer } from './personal-id.issuer.js';
import { SeededRandom } from './seeded-random.util.js';

describe('PersonalIdIssuer', () => {
  it('encodes century and sex in the fourth digit (DOMAIN.md §5)', () => {
    expect(centuryDigit(Sex.MALE, 1985)).toBe(0);
    expect(centuryDigit(Sex.FEMALE, 1999)).toBe(1);
    expect(centuryDigit(Sex.MALE, 2024)).toBe(2);
    expect(centuryDigit(Sex.FEMALE, 2000)).toBe(3);
    expect(centuryDigit(Sex.FEMALE, 2100)).toBe(5);
    expect(() => centuryDigit(Sex.MALE, 1899)).toThrow(RangeError);
  });

  it('issues 0 + province, century/sex, two year digits and six random digits', () => {
    const pins = new PersonalIdIssuer(new SeededRandom(1));
    expect(pins.issue('01', Sex.FEMALE, 2024)).toMatch(/^001324\d{6}$/);
    expect(pins.issue('96', Sex.MALE, 1975)).toMatch(/^096075\d{6}$/);
    expect(pins.issue('02', Sex.MALE, 2005)).toMatch(/^002205\d{6}$/);
  });

  it('never issues a number twice, even from a crowded prefix', () => {
    const pins = new PersonalIdIssuer(new SeededRandom(2));
    const issued = Array.from({ length: 50_000 }, () => pins.issue('79', Sex.MALE, 2025));
    expect(new Set(issued).size).toBe(50_000);
    expect(pins.issuedCount).toBe(50_000);
    expect(pins.reserve(issued[0] ?? '')).toBe(false);
  });
});
