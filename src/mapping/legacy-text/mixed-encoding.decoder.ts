import { evidenceFor, rankCandidates } from './candidate-ranking.util.js';
import { DETECTION_CONFIDENCE_THRESHOLD, detectEncoding, type DetectOptions } from './encoding.detector.js';
import { decodeLegacyText } from './legacy-text.codec.js';
import { DETECTION_CANDIDATES, type LegacyEncoding } from './legacy-encoding.type.js';
import { isPlainAscii } from './viscii.codec.js';

export type MixedUnitKind = 'line' | 'field';

export interface MixedDecodeOptions extends Omit<DetectOptions, 'decodeText' | 'tcvn3Capitals'> {
  /** 'field' decodes each CSV value on its own: a legacy export may join columns from two systems. */
  readonly unit?: MixedUnitKind;
  /** One ASCII character; ',' by default. Used when unit is 'field'. */
  readonly delimiter?: string;
}

export interface DecodedUnit {
  /** 1-based. */
  readonly line: number;
  /** 1-based; only when unit is 'field'. */
  readonly field?: number;
  readonly encoding: LegacyEncoding;
  readonly confidence: number;
  readonly needsReview: boolean;
}

export interface MixedDecodeResult {
  readonly text: string;
  /** What detection chose for the file as a whole; units that read better otherwise override it. */
  readonly fileEncoding: LegacyEncoding;
  readonly fileConfidence: number;
  /**
   * Units holding a byte above 0x7F, with the encoding used. Pure-ASCII units read the same in every
   * encoding and are only counted in encodingsUsed.ascii.
   */
  readonly units: readonly DecodedUnit[];
  readonly encodingsUsed: Partial<Record<LegacyEncoding, number>>;
  /** True when at least one unit is below the threshold. */
  readonly needsReview: boolean;
}

const QUOTE = 0x22;
const LINE_FEED = 0x0a;

/**
 * Splits one CSV line at delimiters outside double quotes; quotes stay in the values. A quoted value
 * that spans lines is cut at the line break, which only makes its two halves separate units: the
 * bytes are decoded and joined back in place.
 */
function splitFields(line: Uint8Array, delimiter: number): Uint8Array[] {
  const fields: Uint8Array[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === QUOTE) quoted = !quoted;
    else if (line[i] === delimiter && !quoted) {
      fields.push(line.subarray(start, i));
      start = i + 1;
    }
  }
  fields.push(line.subarray(start));
  return fields;
}

function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let end = bytes.indexOf(LINE_FEED); end >= 0; end = bytes.indexOf(LINE_FEED, start)) {
    lines.push(bytes.subarray(start, end));
    start = end + 1;
  }
  lines.push(bytes.subarray(start));
  return lines;
}

interface UnitChoice {
  readonly encoding: LegacyEncoding;
  readonly confidence: number;
  readonly text: string;
}

/**
 * Decodes file by file when one encoding fits, unit by unit when it does not. With a confident file
 * encoding a unit keeps it as long as every word it yields is valid Vietnamese, so a uniform file costs
 * one decoding per line; any other unit is ranked on its own, ties going to the file's ranking.
 */
export function decodeMixed(bytes: Uint8Array, options: MixedDecodeOptions = {}): MixedDecodeResult {
  const threshold = options.threshold ?? DETECTION_CONFIDENCE_THRESHOLD;
  const file = detectEncoding(bytes, { ...options, decodeText: false });
  const ranked = file.candidates.map((c) => c.encoding).filter((e) => e !== 'ascii');
  const order = ranked.length > 0 ? ranked : DETECTION_CANDIDATES;
  const trustFile = file.confidence >= threshold && file.encoding !== 'ascii';

  const choose = (unit: Uint8Array): UnitChoice => {
    if (trustFile) {
      const text = decodeLegacyText(unit, file.encoding);
      const e = evidenceFor(text, file.encoding);
      if (e.damage === 0 && e.valid === e.evidence) {
        return { encoding: file.encoding, confidence: file.confidence, text };
      }
    }
    const { ranked, confidence } = rankCandidates(unit, order);
    return { encoding: ranked[0].encoding, confidence, text: ranked[0].text };
  };

  const units: DecodedUnit[] = [];
  const encodingsUsed: Partial<Record<LegacyEncoding, number>> = {};
  const decodeUnit = (unit: Uint8Array, line: number, field?: number): string => {
    if (isPlainAscii(unit)) {
      encodingsUsed.ascii = (encodingsUsed.ascii ?? 0) + 1;
      return Buffer.from(unit.buffer, unit.byteOffset, unit.byteLength).toString('latin1');
    }
    const choice = choose(unit);
    encodingsUsed[choice.encoding] = (encodingsUsed[choice.encoding] ?? 0) + 1;
    units.push({
      line,
      ...(field === undefined ? {} : { field }),
      encoding: choice.encoding,
      confidence: choice.confidence,
      needsReview: choice.confidence < threshold,
    });
    return choice.text;
  };

  const delimiter = options.unit === 'field' ? (options.delimiter ?? ',') : undefined;
  if (delimiter !== undefined && !/^\p{ASCII}$/u.test(delimiter)) {
    throw new RangeError(`CSV delimiter must be one ASCII character, got ${JSON.stringify(delimiter)}`);
  }
  const text = splitLines(bytes)
    .map((line, i) =>
      delimiter === undefined
        ? decodeUnit(line, i + 1)
        : splitFields(line, delimiter.charCodeAt(0))
            .map((value, f) => decodeUnit(value, i + 1, f + 1))
            .join(delimiter),
    )
    .join('\n');

  return {
    text,
    fileEncoding: file.encoding,
    fileConfidence: file.confidence,
    units,
    encodingsUsed,
    needsReview: units.some((u) => u.needsReview),
  };
}
