const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** Invalid sequences become U+FFFD (which detection counts against UTF-8); NFD input comes out NFC. */
export function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes).normalize('NFC');
}

export type UnicodeForm = 'NFC' | 'NFD';

/** NFD output exists for test data: macOS file names and some OCR tools write "Nguyễn" decomposed. */
export function encodeUtf8(text: string, form: UnicodeForm = 'NFC'): Buffer {
  return Buffer.from(text.normalize(form), 'utf8');
}
