import { CP1252_HIGH_CONTROLS } from './cp1252.table.js';

/**
 * Byte behind each character of UTF-8 that was read as Windows-1252 or Latin-1. The five Windows-1252
 * holes come back as C1 controls (Windows maps 0x90 to U+0090), so "Ố" (E1 BB 90) reads "á»\u0090".
 */
const BYTE_OF = new Map<string, number>();
for (let b = 0; b < 256; b++) BYTE_OF.set(String.fromCharCode(b), b);
CP1252_HIGH_CONTROLS.forEach((ch, i) => {
  if (ch !== '\uFFFD') BYTE_OF.set(ch, 0x80 + i);
});

/**
 * The only double-encoded sequences that also occur in clean text: "Ã”" is a double-encoded 'Ô'
 * (C3 94) or a genuine 'Ã' before a closing quote, as in “NGÃ”. Such a pair counts as text when the
 * line opened the quote before it and no letter follows; anywhere else it is repaired.
 */
const AMBIGUOUS_PAIRS: ReadonlyMap<string, string> = new Map([
  ['Ã”', '“'],
  ['Ã’', '‘'],
  ['Â»', '«'],
]);
const LETTER = /\p{L}/u;

const VIETNAMESE_MARKS: ReadonlySet<number> = new Set([
  0x300, 0x301, 0x302, 0x303, 0x306, 0x309, 0x31b, 0x323,
]);

/** What a repaired sequence may produce: Latin letters, Vietnamese marks, punctuation, ₫ and €. */
function plausible(cp: number): boolean {
  return (
    (cp >= 0xa0 && cp <= 0x24f) ||
    VIETNAMESE_MARKS.has(cp) ||
    (cp >= 0x1e00 && cp <= 0x1eff) ||
    (cp >= 0x2000 && cp <= 0x206f) ||
    cp === 0x20ab ||
    cp === 0x20ac
  );
}

interface Sequence {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly ambiguous: boolean;
}

function sequenceAt(s: string, start: number): Sequence | undefined {
  const lead = BYTE_OF.get(s[start]);
  if (lead === undefined || lead < 0xc2 || lead > 0xf4) return undefined;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
  if (start + length > s.length) return undefined;
  let cp = lead & (length === 2 ? 0x1f : length === 3 ? 0x0f : 0x07);
  for (let k = 1; k < length; k++) {
    const b = BYTE_OF.get(s[start + k]);
    if (b === undefined || (b & 0xc0) !== 0x80) return undefined;
    cp = (cp << 6) | (b & 0x3f);
  }
  const minimum = length === 2 ? 0x80 : length === 3 ? 0x800 : 0x10000;
  if (cp < minimum || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || !plausible(cp)) return undefined;
  const opener = AMBIGUOUS_PAIRS.get(s.slice(start, start + length));
  const ambiguous =
    opener !== undefined &&
    !LETTER.test(s[start + length] ?? '') &&
    s.lastIndexOf(opener, start) > s.lastIndexOf('\n', start);
  return { start, end: start + length, text: String.fromCodePoint(cp), ambiguous };
}

function findSequences(s: string): Sequence[] {
  const found: Sequence[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) < 0xc2) continue;
    const seq = sequenceAt(s, i);
    if (seq === undefined) continue;
    found.push(seq);
    i = seq.end - 1;
  }
  return found;
}

function repairOnce(s: string, force: boolean): string {
  let out = '';
  let copiedTo = 0;
  for (const seq of findSequences(s)) {
    if (seq.ambiguous && !force) continue;
    out += s.slice(copiedTo, seq.start) + seq.text;
    copiedTo = seq.end;
  }
  return out + s.slice(copiedTo);
}

/** Double-encoded sequences that clean text never contains: each one is damage in a decoding. */
export function countDoubleEncodedSequences(s: string): number {
  return findSequences(s).filter((seq) => !seq.ambiguous).length;
}

export interface RepairOptions {
  /**
   * Also repair the ambiguous pairs: right when the caller knows the whole text went through the
   * corruption ('utf8-double'), wrong for clean text that quotes “NGÃ”.
   */
  readonly force?: boolean;
}

/**
 * Repairs UTF-8 that was decoded as Windows-1252/Latin-1 and encoded again, also when only part of
 * the string went through that ("Nguyá»…n Văn" -> "Nguyễn Văn"), and up to three rounds of it.
 * Sequences that decode to something no Vietnamese text contains (Cyrillic, CJK, controls) are left.
 */
export function repairDoubleEncodedUtf8(s: string, options: RepairOptions = {}): string {
  let current = s;
  for (let round = 0; round < 3; round++) {
    const repaired = repairOnce(current, options.force === true);
    if (repaired === current) break;
    current = repaired;
  }
  return current.normalize('NFC');
}

const AS_WINDOWS_1252: readonly string[] = Array.from({ length: 256 }, (_, b) =>
  b >= 0x80 && b <= 0x9f && CP1252_HIGH_CONTROLS[b - 0x80] !== '\uFFFD'
    ? CP1252_HIGH_CONTROLS[b - 0x80]
    : String.fromCharCode(b),
);

/** The corruption itself, for test data: UTF-8 bytes read as Windows-1252, written as UTF-8. */
export function doubleEncodeUtf8(text: string): Buffer {
  let misread = '';
  for (const b of Buffer.from(text, 'utf8')) misread += AS_WINDOWS_1252[b];
  return Buffer.from(misread, 'utf8');
}
