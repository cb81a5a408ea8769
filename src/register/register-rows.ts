import { insertRows, type Queryable } from '../database/sql.js';
import type { ValidatedRecord } from '../validation/record-validation.service.js';

/**
 * Multi-row statements of the register: each writes every row of a batch in one round trip, which is
 * what keeps bulk intake fast (STACK.md: one row per statement is several times slower).
 */
export interface NewEventRow {
  id: string;
  value: ValidatedRecord;
  sourceId: string;
  earlierEventId: string | null;
}

const EVENT_COLUMNS = {
  id: 'uuid',
  event_type: 'text',
  registration_kind: 'text',
  authority_id: 'text',
  authority_code: 'text',
  register_book: 'text',
  register_entry: 'text',
  register_year: 'int',
  registered_on: 'date',
  occurred_on: 'text',
  occurred_from: 'date',
  occurred_to: 'date',
  timeliness: 'text',
  historical: 'boolean',
  province_code: 'text',
  registered_province_code: 'text',
  commune_code: 'text',
  subject_pin: 'text',
  earlier_event_id: 'uuid',
  source_id: 'text',
  source_record_id: 'text',
  content_hash: 'text',
};

/** The civil_event columns that describe a record (shared by insert and update). */
export function eventColumnsOf(v: ValidatedRecord): Record<string, unknown> {
  const r = v.record;
  return {
    event_type: r.eventType,
    registration_kind: r.registrationKind ?? 'FIRST',
    authority_id: v.authority.id,
    authority_code: v.authority.code,
    register_book: r.registerRef.book,
    register_entry: r.registerRef.entryNumber,
    register_year: v.registerYear,
    registered_on: r.registerRef.registeredOn,
    occurred_on: v.occurredOn,
    occurred_from: v.occurredFrom,
    occurred_to: v.occurredTo,
    timeliness: v.timeliness,
    historical: r.historical ?? false,
    province_code: v.provinceCode,
    registered_province_code: v.registeredProvinceCode,
    commune_code: v.authority.kind === 'COMMUNE_PEOPLES_COMMITTEE' ? (v.authority.unitCode ?? null) : null,
    subject_pin: v.subjectPin,
    content_hash: v.contentHash,
  };
}

/** Rewrites an event's describing columns to a new version's record (an update or a correction). */
export async function updateEvent(
  db: Queryable,
  eventId: string,
  v: ValidatedRecord,
  version: number,
): Promise<void> {
  const columns = eventColumnsOf(v);
  const names = Object.keys(columns);
  await db.query(
    `UPDATE civil_event SET ${names.map((n, i) => `${n} = $${i + 2}`).join(', ')},
        version = $${names.length + 2}, updated_at = now()
      WHERE id = $1`,
    [eventId, ...Object.values(columns), version],
  );
}

/**
 * Inserts the events (by COPY for a batch). A register reference, source record or personal ID
 * number a concurrent writer took since this batch's checks fails the statement with a unique
 * violation (23505), which rolls the batch back for intake to run again (see isRetryable), as any
 * clash found later in the transaction would.
 */
export async function insertEvents(db: Queryable, events: readonly NewEventRow[]): Promise<void> {
  await insertRows(
    db,
    'civil_event',
    EVENT_COLUMNS,
    events.map((e) => ({
      id: e.id,
      ...eventColumnsOf(e.value),
      earlier_event_id: e.earlierEventId,
      source_id: e.sourceId,
      source_record_id: e.value.sourceRecordId,
    })),
  );
}

export interface VersionRow {
  eventId: string;
  version: number;
  changeKind: 'CREATED' | 'UPDATED_BY_SOURCE' | 'CORRECTED';
  value: ValidatedRecord;
  /** Null for a change that no intake item carried (an official's correction): the record is then stored. */
  intakeItemId: string | null;
  /** Why the event changed (issue 6, point 4); null for its creation. */
  reason?: string | null;
}

export async function insertVersions(db: Queryable, versions: readonly VersionRow[]): Promise<void> {
  await insertRows(
    db,
    'civil_event_version',
    {
      event_id: 'uuid',
      version: 'int',
      change_kind: 'text',
      content_hash: 'text',
      record: 'jsonb',
      intake_item_id: 'uuid',
      reason: 'text',
    },
    versions.map((v) => ({
      event_id: v.eventId,
      version: v.version,
      change_kind: v.changeKind,
      content_hash: v.value.contentHash,
      // The payload received is kept in intake_payload; the version points at it instead of a copy.
      record: v.value.sameAsReceived && v.intakeItemId ? null : v.value.record,
      intake_item_id: v.intakeItemId,
      reason: v.reason ?? null,
    })),
  );
}

export async function replaceParties(
  db: Queryable,
  events: ReadonlyArray<{ eventId: string; value: ValidatedRecord }>,
  { existing }: { existing: boolean },
): Promise<void> {
  if (events.length === 0) return;
  if (existing)
    await db.query('DELETE FROM party WHERE event_id = ANY($1::uuid[])', [events.map((e) => e.eventId)]);
  await insertRows(
    db,
    'party',
    {
      event_id: 'uuid',
      ordinal: 'smallint',
      role: 'text',
      full_name: 'text',
      sex: 'text',
      birth_date: 'text',
      personal_id_number: 'text',
      ethnicity: 'text',
      nationality: 'text',
    },
    events.flatMap((e) =>
      e.value.record.parties.map(({ role, person }, ordinal) => ({
        event_id: e.eventId,
        ordinal,
        role,
        full_name: person.fullName,
        sex: person.sex,
        birth_date: person.birthDate,
        personal_id_number: person.personalIdNumber,
        ethnicity: person.ethnicity,
        nationality: person.nationality,
      })),
    ),
  );
}

export interface OutboxRow {
  messageId: string;
  eventId: string;
  version: number;
  messageType: string;
}

export async function insertOutbox(db: Queryable, messages: readonly OutboxRow[]): Promise<void> {
  await insertRows(
    db,
    'outbox_message',
    { message_id: 'uuid', event_id: 'uuid', event_version: 'int', message_type: 'text' },
    messages.map((m) => ({
      message_id: m.messageId,
      event_id: m.eventId,
      event_version: m.version,
      message_type: m.messageType,
    })),
  );
}
