export { decodeLegacyText, encodeLegacyText } from './legacy-text.codec.js';
export type { DecodeOptions, EncodeOptions } from './legacy-text.codec.js';
export {
  ASCII_NOTE,
  DEFAULT_SAMPLE_BYTES,
  DETECTION_CONFIDENCE_THRESHOLD,
  detectEncoding,
} from './encoding.detector.js';
export type { DetectionResult, DetectOptions } from './encoding.detector.js';
export type { CandidateScore } from './candidate-ranking.util.js';
export { decodeMixed } from './mixed-encoding.decoder.js';
export type {
  DecodedUnit,
  MixedDecodeOptions,
  MixedDecodeResult,
  MixedUnitKind,
} from './mixed-encoding.decoder.js';
export { repairDoubleEncodedUtf8 } from './double-utf8.repair.js';
export type { RepairOptions } from './double-utf8.repair.js';
export { isVietnameseSyllable } from './vietnamese-syllable.validator.js';
export { restoreTcvn3Capitals } from './tcvn3.codec.js';
export type { Tcvn3Capitals } from './tcvn3.codec.js';
export type { UnicodeForm } from './utf8.codec.js';
export { DETECTION_CANDIDATES, LEGACY_ENCODINGS } from './legacy-encoding.type.js';
export type { LegacyEncoding } from './legacy-encoding.type.js';
