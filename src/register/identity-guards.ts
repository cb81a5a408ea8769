import { EVENT_CATEGORY, EventCategory, EventType } from '../../contracts/v1/code-lists/event-type.enum.js';
import { RegistrationKind } from '../../contracts/v1/code-lists/registration-kind.enum.js';
import { rows, type Queryable } from '../database/sql.js';
import type { RecordError } from '../validation/record-error.js';
import type { ValidatedRecord } from '../validation/record-validation.service.js';

/**
 * The identity guarantees the register itself holds (the fuzzy matching engine comes on top):
 * - one register reference (authority, event type, book, entry number, year) holds one event;
 * - a personal ID number has at most one (first) birth and one death registration;
 * - a dead person is locked against events after the death, except those ordered by a court or an
 *   authority (the recorded-decision events, e.g. cancelling a declaration of death).
 */
export interface ExistingEvent {
  id: string;
  version: number;
  eventType: string;
  contentHash: string;
  subjectPin: string | null;
  occurredTo: string | null;
  registerKey: string;
}

export type GuardVerdict =
  | { kind: 'NEW'; earlierEventId: string | null }
  | { kind: 'SAME_AS'; eventId: string; version: number }
  | { kind: 'REFUSED'; errors: RecordError[] };

export function registerKey(v: ValidatedRecord): string {
  const r = v.record.registerRef;
  return [v.authority.id, v.record.eventType, r.book, r.entryNumber, v.registerYear].join('\u0000');
}

/** The register rows that any of the candidates could clash with, in two indexed look-ups. */
export async function loadClashing(
  db: Queryable,
  candidates: readonly ValidatedRecord[],
): Promise<ExistingEvent[]> {
  if (candidates.length === 0) return [];
  const pins = [
    ...new Set(candidates.flatMap((c) => [...c.subjectPins, ...(c.subjectPin ? [c.subjectPin] : [])])),
  ];
  type Row = {
    id: string;
    version: number;
    event_type: string;
    content_hash: string;
    subject_pin: string | null;
    occurred_to: string | null;
    authority_id: string;
    register_book: string;
    register_entry: string;
    register_year: number;
  };
  const found = await rows<Row>(
    db,
    `SELECT e.id, e.version, e.event_type, e.content_hash, e.subject_pin, e.occurred_to::text, e.authority_id,
            e.register_book, e.register_entry, e.register_year
       FROM civil_event e
       JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) AS k(a, t, b, n, y)
         ON e.authority_id = k.a AND e.event_type = k.t AND e.register_book = k.b
        AND e.register_entry = k.n AND e.register_year = k.y
      WHERE e.status = 'REGISTERED'
     UNION
     SELECT e.id, e.version, e.event_type, e.content_hash, e.subject_pin, e.occurred_to::text, e.authority_id,
            e.register_book, e.register_entry, e.register_year
       FROM civil_event e
      WHERE e.subject_pin = ANY($6::text[]) AND e.status = 'REGISTERED'
        AND e.registration_kind = 'FIRST' AND e.event_type IN ('BIRTH', 'DEATH')`,
    [
      candidates.map((c) => c.authority.id),
      candidates.map((c) => c.record.eventType),
      candidates.map((c) => c.record.registerRef.book),
      candidates.map((c) => c.record.registerRef.entryNumber),
      candidates.map((c) => c.registerYear),
      pins,
    ],
  );
  return found.map((r) => ({
    id: r.id,
    version: r.version,
    eventType: r.event_type,
    contentHash: r.content_hash,
    subjectPin: r.subject_pin,
    occurredTo: r.occurred_to,
    registerKey: [r.authority_id, r.event_type, r.register_book, r.register_entry, r.register_year].join(
      '\u0000',
    ),
  }));
}

/**
 * Index of what is already registered (or accepted earlier in the same batch), answering the three
 * guarantees for one candidate at a time. `exceptEventId` lets an update ignore its own event.
 */
export class IdentityIndex {
  private readonly byKey = new Map<string, ExistingEvent>();
  private readonly births = new Map<string, ExistingEvent>();
  private readonly deaths = new Map<string, ExistingEvent>();

  constructor(existing: readonly ExistingEvent[]) {
    for (const e of existing) this.add(e);
  }

  add(e: ExistingEvent): void {
    this.byKey.set(e.registerKey, e);
    if (e.subjectPin && e.eventType === 'BIRTH') this.births.set(e.subjectPin, e);
    if (e.subjectPin && e.eventType === 'DEATH') this.deaths.set(e.subjectPin, e);
  }

  judge(v: ValidatedRecord, exceptEventId?: string): GuardVerdict {
    const other = (e: ExistingEvent | undefined) => (e && e.id !== exceptEventId ? e : undefined);
    const sameRef = other(this.byKey.get(registerKey(v)));
    if (sameRef) {
      if (sameRef.contentHash === v.contentHash)
        return { kind: 'SAME_AS', eventId: sameRef.id, version: sameRef.version };
      return refuse(
        'registerRef.entryNumber',
        'REGISTER.REFERENCE_TAKEN',
        sameRef.id,
        `Số ${v.record.registerRef.entryNumber}, quyển ${v.record.registerRef.book} năm ${v.registerYear} của cơ quan này đã ghi một sự kiện khác`,
      );
    }
    const firstKind = (v.record.registrationKind ?? RegistrationKind.FIRST) === RegistrationKind.FIRST;
    const type = v.record.eventType;
    let earlierEventId: string | null = null;
    if (v.subjectPin && (type === EventType.BIRTH || type === EventType.DEATH)) {
      const prior = other((type === EventType.BIRTH ? this.births : this.deaths).get(v.subjectPin));
      if (prior && firstKind) {
        const code =
          type === EventType.BIRTH
            ? 'REGISTER.PIN_ALREADY_BIRTH_REGISTERED'
            : 'REGISTER.PIN_ALREADY_DEATH_REGISTERED';
        const what = type === EventType.BIRTH ? 'khai sinh' : 'khai tử';
        return refuse(pinPath(v), code, prior.id, `Số định danh cá nhân này đã được đăng ký ${what}`);
      }
      // Đăng ký lại: the earlier registration stays; the new one links to it instead of clashing.
      if (prior) earlierEventId = prior.id;
    }
    if (EVENT_CATEGORY[type] !== EventCategory.RECORDED_DECISION && v.occurredFrom) {
      for (const pin of v.subjectPins) {
        const death = other(this.deaths.get(pin));
        if (death?.occurredTo && death.occurredTo < v.occurredFrom && type !== EventType.DEATH) {
          return refuse(
            pinPath(v, pin),
            'REGISTER.PERSON_DECEASED',
            death.id,
            'Người này đã được đăng ký khai tử trước ngày xảy ra sự kiện; chỉ ghi được thay đổi theo bản án, quyết định của cơ quan có thẩm quyền',
          );
        }
      }
    }
    return { kind: 'NEW', earlierEventId };
  }
}

function pinPath(v: ValidatedRecord, pin = v.subjectPin): string {
  const i = v.record.parties.findIndex((p) => p.person.personalIdNumber === pin);
  return i >= 0 ? `parties[${i}].person.personalIdNumber` : 'parties';
}

function refuse(path: string, code: string, existingId: string, what: string): GuardVerdict {
  return {
    kind: 'REFUSED',
    errors: [
      { path, code, message: `${what} (mã đăng ký hiện có: ${existingId}).`, existingEventId: existingId },
    ],
  };
}

export function asExisting(eventId: string, v: ValidatedRecord, version = 1): ExistingEvent {
  return {
    id: eventId,
    version,
    eventType: v.record.eventType,
    contentHash: v.contentHash,
    subjectPin: v.subjectPin,
    occurredTo: v.occurredTo,
    registerKey: registerKey(v),
  };
}
