import { randomInt } from 'node:crypto';

/** Where the random part comes from: crypto by default, a seeded sequence in tests. */
export type RandomSix = () => number;

export const cryptoRandomSix: RandomSix = () => randomInt(0, 1_000_000);

export type NumberPrefixResult = { ok: true; prefix: string } | { ok: false; reason: string };

/**
 * The first six digits of a personal ID number (DOMAIN.md §5, Thông tư 59/2021/TT-BCA):
 * 0 + the 2-digit code of the province that registered the birth; a century/sex digit (1900s male 0,
 * female 1; 2000s 2/3; 2100s 4/5); the last two digits of the year of birth. No check digit exists.
 */
export function personalIdPrefix(
  provinceCode: string | undefined,
  sex: string | undefined,
  birthDate: string | undefined,
): NumberPrefixResult {
  if (provinceCode === undefined || !/^\d{2}$/.test(provinceCode))
    return { ok: false, reason: 'Thiếu mã tỉnh nơi đăng ký khai sinh (registeringProvinceCode).' };
  if (sex !== 'MALE' && sex !== 'FEMALE')
    return { ok: false, reason: 'Thiếu giới tính của người được khai sinh (parties[CHILD].person.sex).' };
  const year = birthDate === undefined ? NaN : Number(birthDate.slice(0, 4));
  if (!Number.isInteger(year) || year < 1900 || year > 2199)
    return {
      ok: false,
      reason:
        'Năm sinh của người được khai sinh thiếu hoặc ngoài khoảng 1900–2199 (parties[CHILD].person.birthDate).',
    };
  const century = Math.floor(year / 100) - 19; // 0 for 19xx, 1 for 20xx, 2 for 21xx
  const digit = century * 2 + (sex === 'FEMALE' ? 1 : 0);
  return { ok: true, prefix: `0${provinceCode}${digit}${String(year % 100).padStart(2, '0')}` };
}

/** A full 12-digit number: the prefix and a random 6-digit part (uniqueness is the store's job). */
export function composePersonalIdNumber(prefix: string, random: RandomSix = cryptoRandomSix): string {
  const part = random();
  if (!Number.isInteger(part) || part < 0 || part > 999_999) throw new RangeError('random part out of range');
  return `${prefix}${String(part).padStart(6, '0')}`;
}
