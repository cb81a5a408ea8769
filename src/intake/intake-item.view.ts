import type { RegisterOutcome } from '../register/register-outcome.js';
import type { RecordError } from '../validation/record-error.js';

export type IntakeOutcomeStatus = 'received' | 'accepted' | 'duplicate' | 'updated' | 'rejected' | 'held';

/** What a source is told about one record it sent. */
export interface IntakeItemView {
  itemId: string;
  batchId: string;
  index: number;
  sourceRecordId: string | null;
  outcome: IntakeOutcomeStatus;
  registerId?: string;
  version?: number;
  errors?: RecordError[];
  receivedAt: string;
  processedAt?: string;
}

/** One record's line in the answer to a batch (the batch id and times are given once, above). */
export type BatchOutcomeView = Pick<
  IntakeItemView,
  'index' | 'itemId' | 'sourceRecordId' | 'outcome' | 'registerId' | 'version' | 'errors'
>;

export function toBatchOutcome(
  index: number,
  itemId: string,
  sourceRecordId: string | null,
  o: RegisterOutcome,
): BatchOutcomeView {
  const outcome = o.status.toLowerCase() as IntakeOutcomeStatus;
  if (o.status === 'REJECTED') return { index, itemId, sourceRecordId, outcome, errors: o.errors };
  if (o.status === 'HELD') return { index, itemId, sourceRecordId, outcome };
  return { index, itemId, sourceRecordId, outcome, registerId: o.eventId, version: o.version };
}

export interface IntakeItemRow {
  id: string;
  batch_id: string;
  seq: number;
  source_record_id: string | null;
  status: string;
  event_id: string | null;
  event_version: number | null;
  errors: RecordError[] | null;
  received_at: Date;
  processed_at: Date | null;
}

export const INTAKE_ITEM_COLUMNS =
  'id, batch_id, seq, source_record_id, status, event_id, event_version, errors, received_at, processed_at';

export function toItemView(r: IntakeItemRow): IntakeItemView {
  return {
    itemId: r.id,
    batchId: r.batch_id,
    index: r.seq,
    sourceRecordId: r.source_record_id,
    outcome: r.status.toLowerCase() as IntakeOutcomeStatus,
    ...(r.event_id ? { registerId: r.event_id, version: r.event_version ?? undefined } : {}),
    ...(r.errors && r.errors.length > 0 ? { errors: r.errors } : {}),
    receivedAt: r.received_at.toISOString(),
    ...(r.processed_at ? { processedAt: r.processed_at.toISOString() } : {}),
  };
}
