import type { FieldEvidence } from './scoring/match-scorer.js';

/** A registered (or earlier-in-batch) event that a record was compared with. */
export interface CandidateEvidence {
  readonly eventId: string;
  readonly score: number;
  readonly evidence: readonly FieldEvidence[];
}

/**
 * What matching decided about one record:
 * - NEW: register it;
 * - SAME_EVENT: the very same register entry sent again (by another source): nothing to register;
 * - DUPLICATE: a definite duplicate of a registered event: refuse, pointing at it with the evidence;
 * - POSSIBLE_DUPLICATE: hold for a province officer (review queue) with the candidates;
 * - RE_REGISTRATION_OF: a re-registration (đăng ký lại) of a registered event: register it, linked;
 * - REFUSED: an event rule refuses it (marriage while an earlier marriage is undissolved).
 * `twinsOf` lists events that look alike but are twins of the record (kept apart on purpose).
 */
export type MatchVerdict =
  | { readonly kind: 'NEW'; readonly twinsOf?: readonly string[] }
  | { readonly kind: 'SAME_EVENT'; readonly eventId: string; readonly candidate: CandidateEvidence }
  | {
      readonly kind: 'DUPLICATE';
      readonly code:
        | 'MATCHING.DUPLICATE_BIRTH'
        | 'MATCHING.DUPLICATE_DEATH'
        | 'MATCHING.DUPLICATE_MARRIAGE'
        | 'MATCHING.DUPLICATE_EVENT';
      readonly eventId: string;
      readonly message: string;
      readonly candidate: CandidateEvidence;
    }
  | { readonly kind: 'POSSIBLE_DUPLICATE'; readonly candidates: readonly CandidateEvidence[] }
  | {
      readonly kind: 'RE_REGISTRATION_OF';
      readonly earlierEventId: string;
      readonly candidate: CandidateEvidence;
    }
  | {
      readonly kind: 'REFUSED';
      readonly code: 'MATCHING.UNDISSOLVED_MARRIAGE';
      readonly eventId: string;
      readonly message: string;
      readonly evidence: readonly FieldEvidence[];
    };

export type MatchVerdictKind = MatchVerdict['kind'];
