import { rankCandidates, type CandidateScore } from './candidate-ranking.util.js';
import { decodeLegacyText } from './legacy-text.codec.js';
import { DETECTION_CANDIDATES, type LegacyEncoding } from './legacy-encoding.type.js';
import type { Tcvn3Capitals } from './tcvn3.codec.js';
import { VISCII_CONTROL_BYTES } from './viscii.codec.js';

/**
 * Below this confidence the caller sends the rows to review instead of guessing. Calibrated on generated
 * register text: a single name read right scores 0.75 to 0.94, or 0 when another encoding reads the
 * same bytes as another valid name ("Hoàng" in Windows-1258 is "Hồng" in VNI); 40-line extracts score
 * 1.0; a file whose lines alternate between VNI and TCVN3 scores 0.1. No wrong reading scored above 0.
 */
export const DETECTION_CONFIDENCE_THRESHOLD = 0.6;

/** Detection reads this much of a file; 64 KB holds thousands of words, more only costs time. */
export const DEFAULT_SAMPLE_BYTES = 64 * 1024;

export interface DetectOptions {
  readonly candidates?: readonly LegacyEncoding[];
  readonly sampleBytes?: number;
  readonly threshold?: number;
  /** false skips decoding the whole buffer (text is then the decoded sample). */
  readonly decodeText?: boolean;
  readonly tcvn3Capitals?: Tcvn3Capitals;
}

export interface DetectionResult {
  readonly encoding: LegacyEncoding;
  /** 0..1; see DETECTION_CONFIDENCE_THRESHOLD. */
  readonly confidence: number;
  readonly needsReview: boolean;
  readonly text: string;
  /** Every candidate's score on the sample, best first. */
  readonly candidates: readonly CandidateScore[];
  readonly sampledBytes: number;
  readonly note?: string;
}

export const ASCII_NOTE =
  'Pure ASCII: every candidate decodes it identically, so this says nothing about the legacy encoding ' +
  '(ASCII-folded names such as "Nguyen Van A" look like this).';

const NO_EVIDENCE_NOTE = 'No word with a non-ASCII letter: the choice rests on damage counts alone.';

function firstNonAscii(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b >= 0x80 || VISCII_CONTROL_BYTES.has(b)) return i;
  }
  return -1;
}

/**
 * A sample that ends on a line break (or at least a space), so that no UTF-8 sequence or VNI
 * letter + modifier pair is cut in two; it starts at the first line holding a non-ASCII byte when the
 * file opens with a long ASCII header.
 */
function sampleOf(bytes: Uint8Array, firstInteresting: number, size: number): Uint8Array {
  if (bytes.length <= size) return bytes;
  const lineStart = bytes.lastIndexOf(0x0a, firstInteresting);
  const start = firstInteresting < size / 2 ? 0 : lineStart + 1;
  const window = bytes.subarray(start, start + size);
  if (start + size >= bytes.length) return window;
  for (const boundary of [0x0a, 0x20]) {
    const cut = window.lastIndexOf(boundary);
    if (cut > size / 2) return window.subarray(0, cut + 1);
  }
  return window;
}

/**
 * Decodes a sample with each candidate encoding and keeps the one whose words are most often valid
 * Vietnamese syllables. Charset detectors are of no use here: they call TCVN3 and VNI "windows-1258".
 */
export function detectEncoding(bytes: Uint8Array, options: DetectOptions = {}): DetectionResult {
  const threshold = options.threshold ?? DETECTION_CONFIDENCE_THRESHOLD;
  const first = firstNonAscii(bytes);
  if (first < 0) {
    return {
      encoding: 'ascii',
      confidence: 1,
      needsReview: false,
      text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
      candidates: [{ encoding: 'ascii', score: 1 }],
      sampledBytes: bytes.length,
      note: ASCII_NOTE,
    };
  }
  const sample = sampleOf(bytes, first, options.sampleBytes ?? DEFAULT_SAMPLE_BYTES);
  const { ranked, confidence } = rankCandidates(sample, options.candidates ?? DETECTION_CANDIDATES);
  const [best] = ranked;
  const fullDecode = sample.length < bytes.length || options.tcvn3Capitals !== undefined;
  const text =
    options.decodeText === false || !fullDecode
      ? best.text
      : decodeLegacyText(bytes, best.encoding, { tcvn3Capitals: options.tcvn3Capitals });
  return {
    encoding: best.encoding,
    confidence,
    needsReview: confidence < threshold,
    text,
    candidates: ranked.map(({ encoding, score }) => ({ encoding, score })),
    sampledBytes: sample.length,
    ...(best.evidence.evidence === 0 ? { note: NO_EVIDENCE_NOTE } : {}),
  };
}
