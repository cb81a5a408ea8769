import { decodeLegacyText } from './legacy-text.codec.js';
import type { LegacyEncoding } from './legacy-encoding.type.js';
import { TCVN3_CASELESS_LETTERS } from './tcvn3.codec.js';
import { collectEvidence, scoreEvidence, type TextEvidence } from './text-evidence.scorer.js';

export interface CandidateScore {
  readonly encoding: LegacyEncoding;
  readonly score: number;
}

export interface RankedCandidate extends CandidateScore {
  readonly text: string;
  readonly evidence: TextEvidence;
}

export interface Ranking {
  /** Best first; equal scores keep the order of the candidate list. */
  readonly ranked: readonly RankedCandidate[];
  readonly confidence: number;
}

/**
 * 'utf8' and 'utf8-double' read the bytes the same way and differ only where the repair applies: the
 * repair wins only when it makes more words valid, and a tie between them ("“NGÃ”" read as is or as
 * "“NGÔ") is no doubt about the encoding.
 */
function sameBytesReading(a: LegacyEncoding, b: LegacyEncoding): boolean {
  const utf8 = ['utf8', 'utf8-double'];
  return utf8.includes(a) && utf8.includes(b);
}

/** A rival this far behind the winner no longer lowers confidence. */
const DECISIVE_MARGIN = 0.3;

/**
 * Confidence = winner's score x how far the best rival that reads the bytes differently trails it x how
 * much evidence there was. Rivals that produce the same text are not rivals: a VISCII file holding
 * only 'á', 'ê', 'ô' reads the same in Windows-1258, and either answer is right. One word of evidence
 * caps confidence at 0.75, three at 0.94, so a single name can pass but not on a coin toss.
 */
function confidenceOf(ranked: readonly RankedCandidate[]): number {
  const [best] = ranked;
  const rival = ranked.find((c) => c.text !== best.text && !sameBytesReading(best.encoding, c.encoding));
  const margin = best.score - (rival?.score ?? 0);
  const marginFactor = Math.max(0, Math.min(1, margin / DECISIVE_MARGIN));
  const sampleFactor = 1 - 0.5 ** (best.evidence.evidence + 1);
  return best.score * marginFactor * sampleFactor;
}

/** Evidence as the given decoding sees it: in TCVN3 a lower-case toned letter may stand for a capital. */
export function evidenceFor(text: string, encoding: LegacyEncoding): TextEvidence {
  return collectEvidence(text, encoding === 'tcvn3' ? { caseless: TCVN3_CASELESS_LETTERS } : {});
}

export function rankCandidates(bytes: Uint8Array, candidates: readonly LegacyEncoding[]): Ranking {
  const scored = candidates.map((encoding, order) => {
    const text = decodeLegacyText(bytes, encoding);
    const evidence = evidenceFor(text, encoding);
    return { encoding, score: scoreEvidence(evidence), text, evidence, order };
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  const ranked = scored.map(({ encoding, score, text, evidence }) => ({ encoding, score, text, evidence }));
  return { ranked, confidence: confidenceOf(ranked) };
}
