import iconv from 'iconv-lite';

import { SingleByteCodec } from './single-byte.codec.js';
import { TONE_MARKS } from './vietnamese-letters.constant.js';

function iconvTable(): Uint16Array {
  const all = Uint8Array.from({ length: 256 }, (_, b) => b);
  const text = iconv.decode(Buffer.from(all), 'windows1258');
  return Uint16Array.from({ length: 256 }, (_, b) => text.charCodeAt(b));
}

const codec = new SingleByteCodec(iconvTable());

/** Windows-1258 writes 'ễ' as 'ê' + tilde (EA DE); NFC turns that back into one character. */
export function decodeWindows1258(bytes: Uint8Array): string {
  return codec.decode(bytes).normalize('NFC');
}

/**
 * Encodes the way Windows' WideCharToMultiByte(1258) does: a letter the code page holds precomposed
 * keeps its byte ('á' = E1), any other toned letter becomes the code page's base letter plus one tone
 * byte ('ấ' = E2 EC, 'ờ' = F5 CC, 'ò' = 6F CC because F2 is the dot below). iconv-lite alone writes
 * '?' for every letter not in the table, which loses most Vietnamese text.
 */
export function encodeWindows1258(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const direct = codec.byteOf(ch);
    if (direct !== undefined) {
      bytes.push(direct);
      continue;
    }
    const parts = [...ch.normalize('NFD')];
    const tones = parts.filter((p) => TONE_MARKS.has(p));
    const base = codec.byteOf(
      parts
        .filter((p) => !TONE_MARKS.has(p))
        .join('')
        .normalize('NFC'),
    );
    const tone = tones.length === 1 ? codec.byteOf(tones[0]) : undefined;
    if (base !== undefined && tone !== undefined) bytes.push(base, tone);
    else bytes.push(0x3f);
  }
  return Buffer.from(bytes);
}
