import { decodeLegacyText, type LegacyEncoding } from '../legacy-text/index.js';

/** A mapped value longer than this is refused: no standard field holds more than 2,000 characters. */
export const MAX_VALUE_LENGTH = 4000;

export type TextProblem = 'CONTROL_CHARACTER' | 'INVALID_BYTES' | 'VALUE_TOO_LONG';

export type SourceText =
  | { readonly ok: true; readonly text: string; readonly decodedWith?: LegacyEncoding }
  | { readonly ok: false; readonly problem: TextProblem };

// C0 controls other than tab, LF and CR, and DEL: a NUL inside a name is damage, not data.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const REPLACEMENT = '\ufffd';
// Every supported encoding reads bytes 0x09..0x7E as ASCII (VISCII's letters in C0 are refused above as
// control characters first), so a value without a high byte is its own text: dates, numbers and codes,
// most of a register's columns, skip the decoder.
// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\u0000-\u007f]*$/;
/** What `replace(/\s+/gu, ' ').trim()` would change: whitespace other than a space, two spaces, an edge space. */
const UNTIDY_SPACE = /[^\S ]| {2}|^ | $/u;
// A value typed in capitals (NGUYỄN) keeps its toned capitals, which TCVN3 bytes cannot hold.
const TCVN3_OPTIONS = { tcvn3Capitals: 'infer' } as const;

function isEightBit(text: string): boolean {
  return !ABOVE_EIGHT_BIT.test(text);
}

// eslint-disable-next-line no-control-regex
const ABOVE_EIGHT_BIT = /[^\u0000-\u00ff]/;

/**
 * A leaf value of a source row to NFC text. CSV strings carry bytes (see SourceRow.rawBytes) and are
 * decoded with the encoding given. Strings from XML or SQL are already text; an encoding named for
 * such a field means legacy bytes were read as 8-bit characters on the way (a varchar column holding
 * TCVN3 read as latin1), so they are turned back into bytes and decoded.
 */
export function toSourceText(
  value: unknown,
  rawBytes: boolean,
  encoding: LegacyEncoding | undefined,
): SourceText | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return { ok: true, text: String(value) };
  }
  if (typeof value !== 'string') return { ok: false, problem: 'INVALID_BYTES' };
  if (value.length > MAX_VALUE_LENGTH) return { ok: false, problem: 'VALUE_TOO_LONG' };
  if (CONTROL.test(value)) return { ok: false, problem: 'CONTROL_CHARACTER' };
  let text = value;
  let decodedWith: LegacyEncoding | undefined;
  const legacy = encoding !== undefined && encoding !== 'utf8' && encoding !== 'ascii';
  if (rawBytes) {
    if (!ASCII_ONLY.test(value)) {
      text = decodeLegacyText(Buffer.from(value, 'latin1'), encoding ?? 'utf8', TCVN3_OPTIONS);
      if (legacy && text !== value) decodedWith = encoding;
    }
  } else if (legacy && isEightBit(value)) {
    text = decodeLegacyText(Buffer.from(value, 'latin1'), encoding, TCVN3_OPTIONS);
    if (text !== value) decodedWith = encoding;
  }
  if (text.includes(REPLACEMENT)) return { ok: false, problem: 'INVALID_BYTES' };
  // The value itself was checked above; only decoded text can hold new control characters.
  if (text !== value && CONTROL.test(text)) return { ok: false, problem: 'CONTROL_CHARACTER' };
  // ASCII is NFC already, and most values have no whitespace to collapse: both steps skipped then.
  if (!ASCII_ONLY.test(text)) text = text.normalize('NFC');
  if (UNTIDY_SPACE.test(text)) text = text.replace(/\s+/gu, ' ').trim();
  return { ok: true, text, ...(decodedWith ? { decodedWith } : {}) };
}
