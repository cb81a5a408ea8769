import { cp1252CodeUnits } from './cp1252.table.js';
import { SingleByteCodec } from './single-byte.codec.js';
import { TCVN3_LETTERS, TCVN3_UNASSIGNED } from './tcvn3.table.js';

export type Tcvn3Capitals = 'keep' | 'infer';

export interface Tcvn3DecodeOptions {
  /**
   * 'keep' (default) returns what the bytes say. 'infer' upper-cases toned letters inside words (or
   * whole lines) that are otherwise written in capitals, see restoreTcvn3Capitals.
   */
  readonly capitals?: Tcvn3Capitals;
}

function decodeTable(): Uint16Array {
  const table = cp1252CodeUnits();
  for (const byte of TCVN3_UNASSIGNED) table[byte] = 0xfffd;
  for (const [byte, ch] of TCVN3_LETTERS) table[byte] = ch.charCodeAt(0);
  return table;
}

/**
 * A capital toned vowel has no VN3 byte, so it is written with the lower-case one: 'Ễ' -> D4 ('ễ').
 * That is what ABC software produced with the .VnTime font, and the reason toned capitals cannot
 * survive a round trip.
 */
function capitalFallbacks(): Map<string, number> {
  const fallbacks = new Map<string, number>();
  for (const [byte, ch] of TCVN3_LETTERS) {
    const upper = ch.toUpperCase();
    if (!TCVN3_LETTERS.some(([, c]) => c === upper)) fallbacks.set(upper, byte);
  }
  return fallbacks;
}

const codec = new SingleByteCodec(decodeTable(), capitalFallbacks());

/** Lower-case toned letters whose capital has no byte: their case says nothing about the writer's intent. */
export const TCVN3_CASELESS_LETTERS: ReadonlySet<string> = new Set(
  TCVN3_LETTERS.map(([, ch]) => ch).filter((ch) => !TCVN3_LETTERS.some(([, c]) => c === ch.toUpperCase())),
);

/** Any caseless letter at all: text without one has nothing to restore. */
const ANY_CASELESS = new RegExp(`[${[...TCVN3_CASELESS_LETTERS].join('')}]`, 'u');
const EVERY_CASELESS = new RegExp(ANY_CASELESS.source, 'gu');
const CAPITAL = /\p{Lu}/gu;

/**
 * True when every cased letter except the caseless ones is a capital, and there are at least two.
 * Works on the string as a whole (no array of characters): this runs on every name of a TCVN3 file.
 */
function writtenInCapitals(text: string): boolean {
  const cased = text.replace(EVERY_CASELESS, '');
  if (cased !== cased.toUpperCase()) return false;
  let capitals = 0;
  CAPITAL.lastIndex = 0;
  while (CAPITAL.exec(cased) !== null) if (++capitals >= 2) return true;
  return false;
}

function upperCaseless(text: string): string {
  return text.replace(EVERY_CASELESS, (ch) => ch.toUpperCase());
}

/**
 * "NGUYỄN" written by ABC software is 4E 47 55 59 D4 4E, which decodes as "NGUYễN": the capitals around
 * the toned letter show it was meant as a capital, so it is restored. A lone "Lệ" / "LỆ" (4C D6) is
 * ambiguous and stays as decoded unless the whole line is in capitals. Text typed in the .VnTimeH
 * capitals font is all lower-case bytes ("nguyÔn" for NGUYỄN) and nothing in it says capital: it
 * stays lower case, and only a caller who knows the field is upper-case can upper-case it.
 */
export function restoreTcvn3Capitals(text: string): string {
  if (!ANY_CASELESS.test(text)) return text;
  return text
    .split('\n')
    .map((line) => {
      if (!ANY_CASELESS.test(line)) return line;
      if (writtenInCapitals(line)) return upperCaseless(line);
      return line
        .split(/(\s+)/)
        .map((word) => (ANY_CASELESS.test(word) && writtenInCapitals(word) ? upperCaseless(word) : word))
        .join('');
    })
    .join('\n');
}

export function decodeTcvn3(bytes: Uint8Array, options: Tcvn3DecodeOptions = {}): string {
  const text = codec.decode(bytes).normalize('NFC');
  return options.capitals === 'infer' ? restoreTcvn3Capitals(text) : text;
}

export function encodeTcvn3(text: string): Buffer {
  return codec.encode(text.normalize('NFC'));
}
