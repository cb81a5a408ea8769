/** Bytes above 0x7F are not ASCII: they become U+FFFD rather than a guess. */
export function decodeAscii(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : '\uFFFD';
  return out;
}

/**
 * Folds to the "Nguyen Van A" form legacy systems without Vietnamese fonts stored: marks dropped,
 * 'đ' -> 'd'. What remains outside ASCII becomes '?'.
 */
export function encodeAscii(text: string): Buffer {
  const folded = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\p{ASCII}]/gu, '?');
  return Buffer.from(folded, 'latin1');
}
