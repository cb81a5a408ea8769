import { rows, type Queryable } from '../../database/sql.js';
import type { MatchEventInput } from '../keys/match-profile.js';

interface RegisterRow {
  id: string;
  event_type: string;
  registration_kind: string;
  authority_code: string;
  register_book: string;
  register_entry: string;
  registered_on: string;
  occurred_on: string | null;
  commune_code: string | null;
  parties: Array<{
    role: string;
    fullName: string;
    sex: string | null;
    birthDate: string | null;
    pin: string | null;
  }>;
}

/**
 * Registered events not yet in the match index, as matching input built from the register's own rows
 * (civil_event and party), in id order from `after`. Used to index a register filled before matching
 * was wired in. Places: the registering commune only (party rows do not hold the place of birth).
 */
export async function unindexedEvents(
  db: Queryable,
  after: string,
  limit: number,
): Promise<Array<{ eventId: string; input: MatchEventInput }>> {
  const found = await rows<RegisterRow>(
    db,
    `SELECT e.id, e.event_type, e.registration_kind, e.authority_code, e.register_book, e.register_entry,
            e.registered_on::text AS registered_on, e.occurred_on, e.commune_code,
            json_agg(json_build_object('role', p.role, 'fullName', p.full_name, 'sex', p.sex,
                     'birthDate', p.birth_date, 'pin', p.personal_id_number) ORDER BY p.ordinal) AS parties
       FROM civil_event e JOIN party p ON p.event_id = e.id
      WHERE e.status = 'REGISTERED' AND e.id > $1::uuid
        AND NOT EXISTS (SELECT 1 FROM match_profile m WHERE m.event_id = e.id)
      GROUP BY e.id ORDER BY e.id LIMIT $2`,
    [after, limit],
  );
  return found.map((e) => ({
    eventId: e.id,
    input: {
      eventType: e.event_type,
      registrationKind: e.registration_kind,
      registerRef: {
        authorityCode: e.authority_code,
        book: e.register_book,
        entryNumber: e.register_entry,
        registeredOn: e.registered_on,
      },
      occurredOn: e.occurred_on ?? undefined,
      parties: e.parties.map((p) => ({
        role: p.role,
        fullName: p.fullName,
        sex: p.sex ?? undefined,
        birthDate: p.birthDate ?? undefined,
        personalIdNumber: p.pin ?? undefined,
      })),
      places: e.commune_code ? [{ code: e.commune_code, asOf: e.registered_on }] : [],
    },
  }));
}
