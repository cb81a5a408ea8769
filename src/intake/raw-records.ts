import { isUtf8 } from 'node:buffer';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** The key of a batch's records exactly as a client writes it (an escaped spelling falls back). */
const RECORDS_KEY = Buffer.from('"records"');

/**
 * The bytes of each element of a batch body's top-level `records` array, as the source sent them,
 * so that intake_payload keeps the record as received and the hub need not serialise it again.
 *
 * The body has already been parsed (so it is valid JSON); this only finds where each element begins
 * and ends. Null when the slices cannot stand for the parsed records exactly: not the expected
 * count, the key spelt with escapes, or bytes that are not valid UTF-8 (the parser replaced those
 * with U+FFFD, so the parsed record is what must be stored). The caller then serialises instead.
 */
export function recordSlices(body: Buffer, expected: number): Buffer[] | null {
  if (!isUtf8(body)) return null;
  let found: Buffer[] | null = null;
  let depth = 0;
  // Inside the top-level object: the last string seen there and whether its value is `records`.
  let keyStart = -1;
  let keyEnd = -1;
  let inRecords = false;
  let elementStart = -1;
  let current: Buffer[] = [];
  const n = body.length;
  for (let i = 0; i < n; i++) {
    const b = body[i];
    if (b === QUOTE) {
      const end = closingQuote(body, i);
      if (end < 0) return null;
      if (depth === 1) {
        keyStart = i;
        keyEnd = end + 1;
      } else if (inRecords && depth === 2 && elementStart < 0) elementStart = i;
      i = end;
      continue;
    }
    if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      if (inRecords && depth === 2 && elementStart < 0) elementStart = i;
      depth++;
      continue;
    }
    if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      depth--;
      if (inRecords && depth === 1) {
        // The `records` array closes: its last element ends here.
        if (elementStart >= 0) current.push(body.subarray(elementStart, trimEnd(body, elementStart, i)));
        found = current;
        inRecords = false;
        elementStart = -1;
      }
      continue;
    }
    if (b === COLON && depth === 1) {
      const isRecords =
        keyEnd - keyStart === RECORDS_KEY.length &&
        body.compare(RECORDS_KEY, 0, RECORDS_KEY.length, keyStart, keyEnd) === 0;
      if (isRecords) {
        const open = skipSpace(body, i + 1);
        if (body[open] !== OPEN_BRACKET) return null;
        // A repeated key: the parser keeps the last one, and so does this.
        current = [];
        inRecords = true;
        elementStart = -1;
        depth++;
        i = open;
      }
      continue;
    }
    if (b === COMMA && inRecords && depth === 2) {
      if (elementStart < 0) return null;
      current.push(body.subarray(elementStart, trimEnd(body, elementStart, i)));
      elementStart = -1;
      continue;
    }
    // A number, true, false or null as an element begins at its first byte.
    if (inRecords && depth === 2 && elementStart < 0 && !isSpace(b)) elementStart = i;
  }
  return found !== null && found.length === expected ? found : null;
}

/** The index of the quote that closes the string opening at `open`, or -1. */
function closingQuote(body: Buffer, open: number): number {
  let at = open;
  for (;;) {
    at = body.indexOf(QUOTE, at + 1);
    if (at < 0) return -1;
    // Escaped when preceded by an odd number of backslashes.
    let backslashes = 0;
    for (let j = at - 1; body[j] === BACKSLASH; j--) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

function skipSpace(body: Buffer, from: number): number {
  let i = from;
  while (i < body.length && isSpace(body[i])) i++;
  return i;
}

function trimEnd(body: Buffer, start: number, end: number): number {
  let e = end;
  while (e > start && isSpace(body[e - 1])) e--;
  return e;
}
