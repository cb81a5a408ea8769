/**
 * Byte encodings found in legacy civil-status exports (../../../../shared/DOMAIN.md §7).
 * 'utf8-double' is UTF-8 that was read as Windows-1252 and written out as UTF-8 again
 * ("Nguyễn" stored as "Nguyá»…n"); 'ascii' is what detection reports when the bytes carry no
 * evidence either way, never a guess about the legacy software.
 */
export type LegacyEncoding = 'ascii' | 'utf8' | 'utf8-double' | 'windows-1258' | 'tcvn3' | 'vni' | 'viscii';

export const LEGACY_ENCODINGS: readonly LegacyEncoding[] = [
  'ascii',
  'utf8',
  'utf8-double',
  'windows-1258',
  'tcvn3',
  'vni',
  'viscii',
];

/**
 * Decodings tried by detection, in the order that breaks ties between equally scored candidates:
 * how common each is in civil-status exports. TCVN3 was the government standard (ABC), VNI the
 * usual choice in the South; Windows-1258 and VISCII are rare there.
 */
export const DETECTION_CANDIDATES: readonly LegacyEncoding[] = [
  'utf8',
  'utf8-double',
  'tcvn3',
  'vni',
  'windows-1258',
  'viscii',
];
