const SHORT_INPUT = 1024;

/**
 * Table-driven single-byte codec. Every table used here maps a byte to one UTF-16 code unit, so
 * decoding fills a Uint16Array and lets Buffer build the string in one step: 1 MB in a few
 * milliseconds, where `out += char` per byte is ten times slower. (Uint16Array is in host byte order;
 * every platform Node supports here is little-endian, as 'utf16le' needs.)
 */
export class SingleByteCodec {
  private readonly encodeMap = new Map<string, number>();

  constructor(
    private readonly decodeTable: Uint16Array,
    extraEncodings: ReadonlyMap<string, number> = new Map(),
  ) {
    for (let b = 255; b >= 0; b--) {
      const unit = decodeTable[b];
      if (unit !== 0xfffd) this.encodeMap.set(String.fromCharCode(unit), b);
    }
    for (const [ch, b] of extraEncodings) if (!this.encodeMap.has(ch)) this.encodeMap.set(ch, b);
  }

  decode(bytes: Uint8Array): string {
    // A CSV field is a few dozen bytes, decoded millions of times: a Buffer per call costs ten times
    // the decoding itself, so short input builds the string from its code units directly.
    if (bytes.length <= SHORT_INPUT) {
      const short = new Array<number>(bytes.length);
      for (let i = 0; i < bytes.length; i++) short[i] = this.decodeTable[bytes[i]];
      return String.fromCharCode(...short);
    }
    const units = new Uint16Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) units[i] = this.decodeTable[bytes[i]];
    return Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le');
  }

  /** Byte for one character, or undefined when the table has none. */
  byteOf(ch: string): number | undefined {
    return this.encodeMap.get(ch);
  }

  /** Encodes character by character; characters without a byte become '?' (0x3F). */
  encode(text: string): Buffer {
    const out = Buffer.alloc(text.length);
    let n = 0;
    for (const ch of text) out[n++] = this.encodeMap.get(ch) ?? 0x3f;
    return out.subarray(0, n);
  }
}
