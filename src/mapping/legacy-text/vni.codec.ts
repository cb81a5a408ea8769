import { cp1252CodeUnits } from './cp1252.table.js';
import { SingleByteCodec } from './single-byte.codec.js';
import { VNI_LOWER } from './vni.table.js';

const cp1252 = new SingleByteCodec(cp1252CodeUnits());

const TO_VNI = new Map<string, string>();
/** Two-character sequences (base + modifier) and single glyphs, as read through Windows-1252. */
const FROM_VNI_PAIRS = new Map<string, string>();
const FROM_VNI_SINGLES = new Map<string, string>();

for (const [letter, vni] of VNI_LOWER) {
  const upperLetter = letter.toUpperCase();
  const upperVni = vni.toUpperCase();
  TO_VNI.set(letter, vni);
  TO_VNI.set(upperLetter, upperVni);
  if (vni.length === 1) {
    FROM_VNI_SINGLES.set(vni, letter);
    FROM_VNI_SINGLES.set(upperVni, upperLetter);
    continue;
  }
  // The base letter decides the case; a modifier of the other case ("Aù") is accepted because
  // hand-fixed records mix the two, and the glyph pair still means one letter.
  const [base, modifier] = vni;
  const [upperBase, upperModifier] = upperVni;
  FROM_VNI_PAIRS.set(base + modifier, letter);
  FROM_VNI_PAIRS.set(base + upperModifier, letter);
  FROM_VNI_PAIRS.set(upperBase + upperModifier, upperLetter);
  FROM_VNI_PAIRS.set(upperBase + modifier, upperLetter);
}

/** Decodes VNI-Windows bytes; sequences VNI does not define stay as their Windows-1252 characters. */
export function decodeVni(bytes: Uint8Array): string {
  const latin = cp1252.decode(bytes);
  let out = '';
  let copiedTo = 0;
  const emit = (from: number, letter: string, to: number): void => {
    out += latin.slice(copiedTo, from) + letter;
    copiedTo = to;
  };
  for (let i = 0; i < latin.length; i++) {
    if (latin.charCodeAt(i) < 0x80) continue;
    // Modifiers are all >= 0x80 and join the letter before them: "e" + "ã" = "ễ". 'ô' and 'ö' are
    // letters themselves (ơ, ư) that take a modifier in turn: "ôø" = "ờ".
    const withPrevious = i > copiedTo ? FROM_VNI_PAIRS.get(latin[i - 1] + latin[i]) : undefined;
    if (withPrevious !== undefined) {
      emit(i - 1, withPrevious, i + 1);
      continue;
    }
    const withNext = FROM_VNI_PAIRS.get(latin[i] + (latin[i + 1] ?? ''));
    if (withNext !== undefined) {
      emit(i, withNext, i + 2);
      i++;
      continue;
    }
    const single = FROM_VNI_SINGLES.get(latin[i]);
    if (single !== undefined) emit(i, single, i + 1);
  }
  return (out + latin.slice(copiedTo)).normalize('NFC');
}

/** Letters outside VNI keep their Windows-1252 byte when they have one, otherwise '?'. */
export function encodeVni(text: string): Buffer {
  let latin = '';
  for (const ch of text.normalize('NFC')) latin += TO_VNI.get(ch) ?? ch;
  return cp1252.encode(latin);
}
