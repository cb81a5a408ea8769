import iconv from 'iconv-lite';

/**
 * VISCII puts six capitals on C0 control bytes (0x02 = 'Ẳ', 0x05 = 'Ẵ', 0x06 = 'Ẫ', 0x14 = 'Ỷ',
 * 0x19 = 'Ỹ', 0x1E = 'Ỵ'), so a buffer without a byte above 0x7F is not necessarily ASCII.
 */
export const VISCII_CONTROL_BYTES: ReadonlySet<number> = new Set([0x02, 0x05, 0x06, 0x14, 0x19, 0x1e]);

/** True when no byte is above 0x7F and none is one of VISCII's capitals. */
export function isPlainAscii(bytes: Uint8Array): boolean {
  return bytes.every((b) => b < 0x80 && !VISCII_CONTROL_BYTES.has(b));
}

/** VISCII (RFC 1456) holds all 134 toned letters precomposed; iconv-lite's table is the RFC's. */
export function decodeViscii(bytes: Uint8Array): string {
  return iconv.decode(bytes, 'viscii').normalize('NFC');
}

export function encodeViscii(text: string): Buffer {
  return iconv.encode(text.normalize('NFC'), 'viscii');
}
