import type { Queryable } from '../../../src/database/sql.js';
import { BATCH_REF_PREFIX, type MatchingService } from '../../../src/matching/matching.service.js';
import type { MatchVerdictKind } from '../../../src/matching/match-verdict.js';
import type { LabelledKind, LabelledRecord } from './labelled-set.generator.js';

export interface MatchingEvaluation {
  readonly records: number;
  /** Records that have an earlier record of the same event (in processing order): the true links. */
  readonly trueLinks: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly twinsMerged: number;
  readonly namesakesMerged: number;
  readonly review: number;
  readonly reviewShare: number;
  readonly verdicts: Readonly<Partial<Record<MatchVerdictKind, number>>>;
  /** Missed links by the kind of the record (where recall is lost). */
  readonly missedByKind: Readonly<Partial<Record<LabelledKind, number>>>;
  readonly missedByCorruption: Readonly<Record<string, number>>;
  readonly millis: number;
}

/** A register with nothing in it: the whole set is matched as one batch (issue 4, batch mode). */
const EMPTY_REGISTER: Queryable = { query: () => Promise.resolve([]) } as unknown as Queryable;

/**
 * Pairwise evaluation: each record is matched, in order, against the records before it (batch mode
 * of MatchingService with an empty register). A definite decision that links a record to an earlier
 * one (DUPLICATE, SAME_EVENT, RE_REGISTRATION_OF) is a predicted pair: true when both records are the
 * same event. A record held for review is not a predicted pair (it counts in the review share and,
 * if it was a duplicate, as a missed link).
 */
export async function evaluateMatching(
  set: readonly LabelledRecord[],
  matching: MatchingService,
  batchSize = set.length,
): Promise<MatchingEvaluation> {
  const started = performance.now();
  const verdicts: Partial<Record<MatchVerdictKind, number>> = {};
  const missedByKind: Partial<Record<LabelledKind, number>> = {};
  const missedByCorruption: Record<string, number> = {};
  let trueLinks = 0;
  let tp = 0;
  let fp = 0;
  let twinsMerged = 0;
  let namesakesMerged = 0;
  let review = 0;
  const seenEntities = new Set<string>();
  for (let from = 0; from < set.length; from += batchSize) {
    const slice = set.slice(from, from + batchSize);
    if (from > 0) throw new Error('evaluation runs one batch: the register is not kept between batches');
    const checked = await matching.checkBatch(
      slice.map((s) => s.record),
      EMPTY_REGISTER,
    );
    checked.forEach(({ verdict }, i) => {
      const item = slice[i];
      verdicts[verdict.kind] = (verdicts[verdict.kind] ?? 0) + 1;
      const hasEarlier = seenEntities.has(item.entity);
      seenEntities.add(item.entity);
      if (hasEarlier) trueLinks++;
      const linked =
        verdict.kind === 'DUPLICATE' || verdict.kind === 'SAME_EVENT'
          ? verdict.eventId
          : verdict.kind === 'RE_REGISTRATION_OF'
            ? verdict.earlierEventId
            : undefined;
      if (verdict.kind === 'POSSIBLE_DUPLICATE') review++;
      if (linked !== undefined) {
        const target = slice[Number(linked.slice(BATCH_REF_PREFIX.length))];
        if (target.entity === item.entity) tp++;
        else {
          fp++;
          if (
            item.twinFamily !== undefined &&
            (target.entity === item.twinFamily || target.twinFamily === item.twinFamily)
          )
            twinsMerged++;
          else if (target.twinFamily !== undefined && target.twinFamily === item.entity) twinsMerged++;
          if (item.kind === 'NAMESAKE' || target.kind === 'NAMESAKE') namesakesMerged++;
        }
      } else if (hasEarlier) {
        missedByKind[item.kind] = (missedByKind[item.kind] ?? 0) + 1;
        for (const c of item.corruptions) missedByCorruption[c] = (missedByCorruption[c] ?? 0) + 1;
      }
    });
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = trueLinks === 0 ? 1 : tp / trueLinks;
  return {
    records: set.length,
    trueLinks,
    truePositives: tp,
    falsePositives: fp,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    twinsMerged,
    namesakesMerged,
    review,
    reviewShare: review / set.length,
    verdicts,
    missedByKind,
    missedByCorruption,
    millis: performance.now() - started,
  };
}
