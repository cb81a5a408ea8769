/**
 * Windows-1252 bytes 0x80..0x9F. TCVN3 (.VnTime) and VNI fonts are Windows-1252 fonts with redrawn
 * glyphs, so the typographic punctuation Word writes into those files keeps its Windows-1252 byte:
 * a curly quote is 0x93 in a TCVN3 export, not the VN1 capital 'Ỏ' iconv-lite's 'tcvn' makes of it.
 * The five holes (0x81 0x8D 0x8F 0x90 0x9D) are U+FFFD so that detection counts them against a candidate.
 */
export const CP1252_HIGH_CONTROLS: readonly string[] = [
  '€',
  '\uFFFD',
  '‚',
  'ƒ',
  '„',
  '…',
  '†',
  '‡',
  'ˆ',
  '‰',
  'Š',
  '‹',
  'Œ',
  '\uFFFD',
  'Ž',
  '\uFFFD',
  '\uFFFD',
  '‘',
  '’',
  '“',
  '”',
  '•',
  '–',
  '—',
  '˜',
  '™',
  'š',
  '›',
  'œ',
  '\uFFFD',
  'ž',
  'Ÿ',
];

/** Code unit of each byte read as Windows-1252, holes as U+FFFD. */
export function cp1252CodeUnits(): Uint16Array {
  const table = new Uint16Array(256);
  for (let b = 0; b < 256; b++) table[b] = b;
  CP1252_HIGH_CONTROLS.forEach((ch, i) => (table[0x80 + i] = ch.charCodeAt(0)));
  return table;
}
