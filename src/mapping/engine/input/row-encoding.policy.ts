import { detectEncoding, type DetectionResult, type LegacyEncoding } from '../../legacy-text/index.js';
import type { TextEncoding } from '../mapping-spec.model.js';
import type { SourceRow } from '../mapping-result.model.js';

export type RowEncoding =
  | { readonly kind: 'decided'; readonly encoding?: LegacyEncoding }
  | { readonly kind: 'review'; readonly encoding: LegacyEncoding; readonly confidence: number };

/**
 * How a CSV row's bytes are read when the mapping says `encoding: auto`. The file's sample decides
 * when detection is confident. When it is not (a file whose rows come from two systems), each row is
 * scored on its own; a row still uncertain is held for review: a wrong guess would store a name
 * garbled for ever, a held row costs an officer a minute.
 */
export class RowEncodingPolicy {
  constructor(
    private readonly declared: TextEncoding,
    private readonly file?: DetectionResult,
  ) {}

  static forFile(declared: TextEncoding, sample: Uint8Array): RowEncodingPolicy {
    return new RowEncodingPolicy(
      declared,
      declared === 'auto' ? detectEncoding(sample, { decodeText: false }) : undefined,
    );
  }

  get fileDetection(): DetectionResult | undefined {
    return this.file;
  }

  forRow(row: SourceRow): RowEncoding {
    if (this.declared !== 'auto') return { kind: 'decided', encoding: this.declared };
    if (this.file !== undefined && !this.file.needsReview)
      return { kind: 'decided', encoding: this.file.encoding };
    const bytes = Buffer.from(
      Object.values(row.values)
        .filter((v) => typeof v === 'string')
        .join('\n'),
      'latin1',
    );
    const detected = detectEncoding(bytes, { decodeText: false });
    if (detected.needsReview)
      return { kind: 'review', encoding: detected.encoding, confidence: detected.confidence };
    return { kind: 'decided', encoding: detected.encoding };
  }
}
