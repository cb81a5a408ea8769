/**
 * Numbers written in Vietnamese words, as legacy registers spell dates ("ngày năm, tháng ba, năm hai
 * nghìn không trăm mười bảy"). Accents are needed: without them 'mười' (ten) and 'mươi' (tens) are
 * the same word. Enough for days, months and years (0–9999).
 */
const DIGITS: Readonly<Record<string, number>> = {
  không: 0,
  một: 1,
  mốt: 1,
  hai: 2,
  ba: 3,
  bốn: 4,
  tư: 4,
  năm: 5,
  lăm: 5,
  sáu: 6,
  bảy: 7,
  bẩy: 7,
  tám: 8,
  chín: 9,
};

/** Undefined when a word is not a number word or the words do not make a number. */
export function parseVietnameseNumber(text: string): number | undefined {
  const words = text
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .split(/[\s,-]+/)
    .filter(Boolean);
  if (words.length === 0) return undefined;
  let total = 0;
  let current = 0;
  for (const word of words) {
    const digit = DIGITS[word];
    if (digit !== undefined) current += digit;
    else if (word === 'mười') current += 10;
    else if (word === 'mươi') current *= 10;
    else if (word === 'trăm') {
      total += current * 100;
      current = 0;
    } else if (word === 'nghìn' || word === 'ngàn') {
      total = (total + current) * 1000;
      current = 0;
    } else if (word !== 'lẻ' && word !== 'linh') return undefined;
  }
  return total + current;
}
