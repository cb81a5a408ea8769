import type { CandidateEvidence } from '../match-verdict.js';

/** Who decides: a province officer (Sở Tư pháp), limited to the provinces of their authority. */
export interface ReviewActor {
  readonly userId: string;
  /** Today's province codes the officer may see; 'ALL' for the Ministry. */
  readonly provinceCodes: readonly string[] | 'ALL';
  readonly correlationId?: string;
}

/**
 * An officer's decision. "Same event" links the held record to a registered event as its duplicate:
 * it needs a reason, which the audit entry and the change notice to the province keep. A reason is
 * optional for "different" (the record is then registered as a new event).
 */
export type ReviewDecision =
  | { readonly decision: 'SAME_EVENT'; readonly eventId: string; readonly reason: string }
  | { readonly decision: 'DIFFERENT'; readonly reason?: string };

export type ReviewStatus = 'PENDING' | 'SAME_EVENT' | 'DIFFERENT';

export interface ReviewSummary {
  readonly id: string;
  readonly eventType: string;
  readonly provinceCode: string | null;
  readonly status: ReviewStatus;
  readonly candidateCount: number;
  readonly bestScore: number | null;
  /** Each candidate's id, match weight and field-by-field comparison levels (no personal data). */
  readonly candidates: readonly CandidateEvidence[];
  readonly createdAt: string;
}

/** A candidate beside the held record: its current record and the field-by-field evidence. */
export interface ReviewCandidate extends CandidateEvidence {
  readonly record: unknown;
}

export interface ReviewDetail extends Omit<ReviewSummary, 'candidates'> {
  readonly intakeItemId: string | null;
  /** The held record as received (null when it was not received through intake). */
  readonly record: unknown;
  readonly candidates: readonly ReviewCandidate[];
  readonly decidedEventId: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
}
