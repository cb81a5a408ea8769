import { decodeAscii, encodeAscii } from './ascii.codec.js';
import { doubleEncodeUtf8, repairDoubleEncodedUtf8 } from './double-utf8.repair.js';
import type { LegacyEncoding } from './legacy-encoding.type.js';
import { decodeTcvn3, encodeTcvn3, type Tcvn3Capitals } from './tcvn3.codec.js';
import { decodeUtf8, encodeUtf8, type UnicodeForm } from './utf8.codec.js';
import { decodeViscii, encodeViscii } from './viscii.codec.js';
import { decodeVni, encodeVni } from './vni.codec.js';
import { decodeWindows1258, encodeWindows1258 } from './windows-1258.codec.js';

export interface DecodeOptions {
  /** TCVN3 only: see restoreTcvn3Capitals. */
  readonly tcvn3Capitals?: Tcvn3Capitals;
}

export interface EncodeOptions {
  /** 'utf8' only: NFD reproduces decomposed exports. */
  readonly unicodeForm?: UnicodeForm;
}

/** Bytes in the given encoding to an NFC string. Never throws on bad bytes: they become U+FFFD or stay. */
export function decodeLegacyText(
  bytes: Uint8Array,
  encoding: LegacyEncoding,
  options: DecodeOptions = {},
): string {
  switch (encoding) {
    case 'ascii':
      return decodeAscii(bytes);
    case 'utf8':
      return decodeUtf8(bytes);
    case 'utf8-double':
      return repairDoubleEncodedUtf8(decodeUtf8(bytes), { force: true });
    case 'windows-1258':
      return decodeWindows1258(bytes);
    case 'tcvn3':
      return decodeTcvn3(bytes, { capitals: options.tcvn3Capitals });
    case 'vni':
      return decodeVni(bytes);
    case 'viscii':
      return decodeViscii(bytes);
  }
}

/**
 * A string to the bytes legacy software would have written. Characters the encoding lacks become '?';
 * in TCVN3 toned capitals become the lower-case byte ('Ễ' -> D4), as ABC software did.
 */
export function encodeLegacyText(
  text: string,
  encoding: LegacyEncoding,
  options: EncodeOptions = {},
): Buffer {
  switch (encoding) {
    case 'ascii':
      return encodeAscii(text);
    case 'utf8':
      return encodeUtf8(text, options.unicodeForm);
    case 'utf8-double':
      return doubleEncodeUtf8(text.normalize('NFC'));
    case 'windows-1258':
      return encodeWindows1258(text);
    case 'tcvn3':
      return encodeTcvn3(text);
    case 'vni':
      return encodeVni(text);
    case 'viscii':
      return encodeViscii(text);
  }
}
