import { Sex } from '../../contracts/v1/code-lists/sex.enum.js';
import type { SeededRandom } from './seeded-random.util.js';

/**
 * Số định danh cá nhân in its real structure (DOMAIN.md §5): '0' + the 2-digit code of the province
 * where the birth was registered, a century/sex digit (1900s: male 0 / female 1, 2000s: 2 / 3,
 * 2100s: 4 / 5), the last two digits of the year of birth, six random digits. No check digit is
 * invented. Numbers are unique within one issuer, which is what "unique in a generated set" needs.
 */
export class PersonalIdIssuer {
  // 12-digit numbers fit a double exactly; a Set of numbers is a third of the size of one of strings.
  private readonly used = new Set<number>();

  constructor(private readonly random: SeededRandom) {}

  issue(provinceCode: string, sex: Sex, birthYear: number): string {
    const prefix = `0${provinceCode}${centuryDigit(sex, birthYear)}${String(birthYear % 100).padStart(2, '0')}`;
    for (;;) {
      const pin = prefix + this.random.digits(6);
      if (this.reserve(pin)) return pin;
    }
  }

  /** Marks a number as used; false when it already was. */
  reserve(pin: string): boolean {
    const key = Number(pin);
    if (this.used.has(key)) return false;
    this.used.add(key);
    return true;
  }

  get issuedCount(): number {
    return this.used.size;
  }
}

export function centuryDigit(sex: Sex, birthYear: number): number {
  const century = Math.floor(birthYear / 100) - 19;
  if (century < 0 || century > 2) throw new RangeError(`no personal ID century digit for ${birthYear}`);
  return century * 2 + (sex === Sex.FEMALE ? 1 : 0);
}
