import type { RecordError } from '../record-error.js';

/**
 * Structure of the personal identification number (DOMAIN.md §5, Nghị định 137/2015, Thông tư
 * 59/2021/TT-BCA): digits 1–3 are 0 + the province code where the birth was registered (the 63
 * pre-2025 codes stay valid forever); digit 4 encodes century and sex (1900s: male 0 / female 1,
 * 2000s: 2 / 3, 2100s: 4 / 5); digits 5–6 are the last two digits of the year of birth; 7–12 random.
 * There is no public check digit, so none is invented here.
 */
export interface PinSubject {
  pin: string;
  sex?: 'MALE' | 'FEMALE';
  birthYear?: number;
}

const CENTURY_BY_DIGIT: Record<string, number> = {
  '0': 1900,
  '1': 1900,
  '2': 2000,
  '3': 2000,
  '4': 2100,
  '5': 2100,
};

export function checkPersonalIdNumber(
  subject: PinSubject,
  path: string,
  isProvinceCodeEverValid: (code: string) => boolean,
): RecordError[] {
  const { pin } = subject;
  if (!/^\d{12}$/.test(pin)) {
    return [{ path, code: 'RULE.PIN_FORMAT', message: 'Số định danh cá nhân phải gồm đúng 12 chữ số.' }];
  }
  const errors: RecordError[] = [];
  const province = pin.slice(1, 3);
  if (pin[0] !== '0' || !isProvinceCodeEverValid(province)) {
    errors.push({
      path,
      code: 'RULE.PIN_PROVINCE_PREFIX',
      message: `Ba chữ số đầu "${pin.slice(0, 3)}" không phải mã tỉnh nơi đăng ký khai sinh (0 + mã tỉnh).`,
    });
  }
  const centuryDigit = pin.charAt(3);
  const century = CENTURY_BY_DIGIT[centuryDigit];
  if (century === undefined) {
    errors.push({
      path,
      code: 'RULE.PIN_CENTURY_DIGIT',
      message: `Chữ số thứ 4 "${centuryDigit}" không phải mã thế kỷ và giới tính hợp lệ (0–5).`,
    });
    return errors;
  }
  if (subject.sex) {
    const female = Number(centuryDigit) % 2 === 1;
    if (female !== (subject.sex === 'FEMALE')) {
      errors.push({
        path,
        code: 'RULE.PIN_SEX_MISMATCH',
        message: `Chữ số thứ 4 của số định danh ứng với giới tính ${female ? 'nữ' : 'nam'}, khác giới tính đã khai.`,
      });
    }
  }
  if (subject.birthYear !== undefined) {
    if (Math.floor(subject.birthYear / 100) * 100 !== century) {
      errors.push({
        path,
        code: 'RULE.PIN_CENTURY_MISMATCH',
        message: `Chữ số thứ 4 ứng với thế kỷ ${century}–${century + 99}, khác năm sinh ${subject.birthYear}.`,
      });
    } else if (pin.slice(4, 6) !== String(subject.birthYear % 100).padStart(2, '0')) {
      errors.push({
        path,
        code: 'RULE.PIN_YEAR_MISMATCH',
        message: `Chữ số thứ 5–6 "${pin.slice(4, 6)}" phải là hai số cuối của năm sinh ${subject.birthYear}.`,
      });
    }
  }
  return errors;
}
