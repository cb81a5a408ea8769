// Ngày, tháng, năm sinh bằng chữ as birth certificates print it:
// '2025-08-20' → 'Ngày hai mươi, tháng tám, năm hai nghìn không trăm hai mươi lăm'.

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;
const MONTHS = ['một', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười', 'mười một', 'mười hai'];

function digit(n: number): string {
  return DIGITS[n] ?? '';
}

/** 0–99. Units after 'mươi' change form: mốt (1), tư (4), lăm (5); after 'mười', 5 is lăm. */
function belowHundred(n: number): string {
  if (n < 10) return digit(n);
  const tens = Math.floor(n / 10);
  const units = n % 10;
  if (tens === 1) return units === 0 ? 'mười' : `mười ${units === 5 ? 'lăm' : digit(units)}`;
  const unitWord =
    units === 0 ? '' : ` ${units === 1 ? 'mốt' : units === 4 ? 'tư' : units === 5 ? 'lăm' : digit(units)}`;
  return `${digit(tens)} mươi${unitWord}`;
}

/** 1000–9999: 2005 is 'hai nghìn không trăm linh năm'. */
function year(n: number): string {
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  if (rest === 0) return `${digit(thousands)} nghìn`;
  const hundreds = Math.floor(rest / 100);
  const below = rest % 100;
  const tail = below === 0 ? '' : below < 10 ? ` linh ${digit(below)}` : ` ${belowHundred(below)}`;
  return `${digit(thousands)} nghìn ${digit(hundreds)} trăm${tail}`;
}

/** Days 1–10 take 'mùng' ('ngày mùng năm'). */
function day(n: number): string {
  return n <= 10 ? `mùng ${belowHundred(n)}` : belowHundred(n);
}

export function dateInWords(date: string): string {
  const [y, m, d] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  return `Ngày ${day(d)}, tháng ${MONTHS[m - 1] ?? ''}, năm ${year(y)}`;
}
