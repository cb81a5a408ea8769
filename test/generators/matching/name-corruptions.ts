import type { SeededRandom } from '../seeded-random.util.js';

/**
 * The corruptions of names that legacy data and digitised books show (DOMAIN.md §7), one function each,
 * applied to a name as written. Each returns the name unchanged when it does not apply.
 */
export function withoutDiacritics(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

export function asNfd(name: string): string {
  return name.normalize('NFD');
}

export function withoutThi(name: string): string {
  const parts = name.split(' ');
  if (parts.length < 3) return name;
  return parts.filter((p, i) => i === 0 || i === parts.length - 1 || (p !== 'Thị' && p !== 'Văn')).join(' ');
}

const REGIONAL: Readonly<Record<string, string>> = { Hoàng: 'Huỳnh', Huỳnh: 'Hoàng', Vũ: 'Võ', Võ: 'Vũ' };

export function regionalVariant(name: string): string {
  const [family, ...rest] = name.split(' ');
  const other = family === undefined ? undefined : REGIONAL[family];
  return other === undefined ? name : [other, ...rest].join(' ');
}

const KEYBOARD_NEIGHBOURS = 'qwertyuiopasdfghjklzxcvbnm';

/** One typing or OCR error in a letter of the given name or a middle name (never the first letter). */
export function typo(name: string, random: SeededRandom): string {
  const parts = name.split(' ');
  const index = parts.length === 1 ? 0 : random.int(1, parts.length - 1);
  const word = parts[index];
  if (word.length < 3) return name;
  const chars = [...word];
  const at = random.int(1, chars.length - 1);
  switch (random.int(0, 2)) {
    case 0:
      chars[at] = KEYBOARD_NEIGHBOURS[random.int(0, KEYBOARD_NEIGHBOURS.length - 1)]!;
      break;
    case 1:
      chars.splice(at, 1);
      break;
    default:
      if (at < chars.length - 1) [chars[at], chars[at + 1]] = [chars[at + 1], chars[at]];
      else chars.splice(at, 0, chars[at]);
  }
  parts[index] = chars.join('');
  return parts.join(' ');
}
