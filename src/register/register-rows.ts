import { rows, type Queryable } from '../database/sql.js';
import type { ValidatedRecord } from '../validation/record-validation.service.js';

/**
 * Multi-row statements of the register: each takes parallel arrays and writes every row in one
 * round trip (`unnest`), which is what keeps bulk intake fast (STACK.md: one row per statement is
 * several times slower).
 */
export interface NewEventRow {
  id: string;
  value: ValidatedRecord;
  sourceId: string;
  earlierEventId: string | null;
}

export async function insertEvents(db: Queryable, events: readonly NewEventRow[]): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const col = <T>(f: (e: NewEventRow) => T): T[] => events.map(f);
  const inserted = await rows<{ id: string }>(
    db,
    `INSERT INTO civil_event (id, event_type, registration_kind, authority_id, authority_code, register_book,
        register_entry, register_year, registered_on, occurred_on, occurred_from, occurred_to, timeliness,
        historical, province_code, registered_province_code, commune_code, subject_pin, earlier_event_id,
        source_id, source_record_id, content_hash, record)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
        $8::int[], $9::date[], $10::text[], $11::date[], $12::date[], $13::text[], $14::boolean[], $15::text[],
        $16::text[], $17::text[], $18::text[], $19::uuid[], $20::text[], $21::text[], $22::text[], $23::jsonb[])
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [
      col((e) => e.id),
      col((e) => e.value.record.eventType),
      col((e) => e.value.record.registrationKind ?? 'FIRST'),
      col((e) => e.value.authority.id),
      col((e) => e.value.authority.code),
      col((e) => e.value.record.registerRef.book),
      col((e) => e.value.record.registerRef.entryNumber),
      col((e) => e.value.registerYear),
      col((e) => e.value.record.registerRef.registeredOn),
      col((e) => e.value.occurredOn),
      col((e) => e.value.occurredFrom),
      col((e) => e.value.occurredTo),
      col((e) => e.value.timeliness),
      col((e) => e.value.record.historical ?? false),
      col((e) => e.value.provinceCode),
      col((e) => e.value.registeredProvinceCode),
      col((e) =>
        e.value.authority.kind === 'COMMUNE_PEOPLES_COMMITTEE' ? (e.value.authority.unitCode ?? null) : null,
      ),
      col((e) => e.value.subjectPin),
      col((e) => e.earlierEventId),
      col((e) => e.sourceId),
      col((e) => e.value.sourceRecordId),
      col((e) => e.value.contentHash),
      col((e) => JSON.stringify(e.value.record)),
    ],
  );
  return new Set(inserted.map((r) => r.id));
}

export interface VersionRow {
  eventId: string;
  version: number;
  changeKind: 'CREATED' | 'UPDATED_BY_SOURCE';
  value: ValidatedRecord;
  intakeItemId: string;
}

export async function insertVersions(db: Queryable, versions: readonly VersionRow[]): Promise<void> {
  if (versions.length === 0) return;
  await db.query(
    `INSERT INTO civil_event_version (event_id, version, change_kind, content_hash, record, intake_item_id)
     SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::jsonb[], $6::uuid[])`,
    [
      versions.map((v) => v.eventId),
      versions.map((v) => v.version),
      versions.map((v) => v.changeKind),
      versions.map((v) => v.value.contentHash),
      versions.map((v) => JSON.stringify(v.value.record)),
      versions.map((v) => v.intakeItemId),
    ],
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
  const partyRows = events.flatMap((e) =>
    e.value.record.parties.map((p, ordinal) => ({ eventId: e.eventId, ordinal, p })),
  );
  await db.query(
    `INSERT INTO party (event_id, ordinal, role, full_name, sex, birth_date, personal_id_number, ethnicity, nationality)
     SELECT * FROM unnest($1::uuid[], $2::smallint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
        $8::text[], $9::text[])`,
    [
      partyRows.map((r) => r.eventId),
      partyRows.map((r) => r.ordinal),
      partyRows.map((r) => r.p.role),
      partyRows.map((r) => r.p.person.fullName),
      partyRows.map((r) => r.p.person.sex ?? null),
      partyRows.map((r) => r.p.person.birthDate ?? null),
      partyRows.map((r) => r.p.person.personalIdNumber ?? null),
      partyRows.map((r) => r.p.person.ethnicity ?? null),
      partyRows.map((r) => r.p.person.nationality ?? null),
    ],
  );
}

export interface OutboxRow {
  messageId: string;
  eventId: string;
  version: number;
  messageType: string;
}

export async function insertOutbox(db: Queryable, messages: readonly OutboxRow[]): Promise<void> {
  if (messages.length === 0) return;
  await db.query(
    `INSERT INTO outbox_message (message_id, event_id, event_version, message_type)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[])`,
    [
      messages.map((m) => m.messageId),
      messages.map((m) => m.eventId),
      messages.map((m) => m.version),
      messages.map((m) => m.messageType),
    ],
  );
}
