import type { RecordError } from '../validation/record-error.js';
import type { ValidatedRecord } from '../validation/record-validation.service.js';

export type RegisterOutcome =
  | { status: 'ACCEPTED'; eventId: string; version: number }
  | { status: 'DUPLICATE'; eventId: string; version: number }
  | { status: 'UPDATED'; eventId: string; version: number }
  | { status: 'REJECTED'; errors: RecordError[] }
  /** A possible duplicate held for a province officer (the review queue of src/matching/review). */
  | { status: 'HELD'; reviewId: string };

export interface RegisterCandidate {
  itemId: string;
  value: ValidatedRecord;
  /** Matching found the registration this one re-registers (đăng ký lại): it is linked to it. */
  earlierEventId?: string;
}

export interface RegisterActor {
  sourceId: string;
  correlationId: string | null;
}

/** A concurrent writer took a key between our checks and our insert: the batch is re-run. */
export class RegisterWriteConflict extends Error {
  constructor(readonly count: number) {
    super(`${count} register rows were taken concurrently`);
  }
}
