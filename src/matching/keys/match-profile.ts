import { SUBJECT_ROLES_BY_EVENT } from '../../../contracts/v1/code-lists/role.enum.js';
import type { EventType } from '../../../contracts/v1/code-lists/event-type.enum.js';
import { parseLooseDate, type LooseDate } from './loose-date.js';
import { nameKeys, type NameKeys } from './name-keys.js';
import { NO_PLACE, type PlaceKeyResolver, type PlaceKeys, type UnitOnDate } from './place-keys.js';

/**
 * What matching knows of an event: the keys of its persons, dates and places, never the names as
 * written. Built the same way from an incoming record and from register rows (party, civil_event), and
 * stored as JSON in match_profile so that a candidate costs no join at check time.
 */
export interface PersonProfile {
  readonly name: NameKeys;
  readonly sex?: string;
  readonly birth?: LooseDate;
  readonly pin?: string;
}

export interface MatchProfile {
  readonly eventType: string;
  readonly reRegistration: boolean;
  /** The persons the event is about, in the order of SUBJECT_ROLES_BY_EVENT (husband, wife...). */
  readonly subjects: readonly (PersonProfile | undefined)[];
  readonly mother?: PersonProfile;
  readonly father?: PersonProfile;
  readonly occurred?: LooseDate;
  readonly place: PlaceKeys;
  /** authority|book|entry|year: equal means the very same entry in the same book. */
  readonly registerRef?: string;
  /** For a re-registration: what it says of the lost registration. */
  readonly earlierRef?: { readonly authorityCode?: string; readonly book?: string; readonly entry?: string };
}

/** The neutral input: an incoming record or register rows are both turned into this first. */
export interface MatchPartyInput {
  readonly role: string;
  readonly fullName?: unknown;
  readonly sex?: unknown;
  readonly birthDate?: unknown;
  readonly personalIdNumber?: unknown;
}

export interface MatchEventInput {
  readonly eventType: string;
  readonly registrationKind?: string;
  readonly registerRef?: {
    readonly authorityCode?: string;
    readonly book?: string;
    readonly entryNumber?: string;
    readonly registeredOn?: string;
  };
  readonly occurredOn?: unknown;
  readonly parties: readonly MatchPartyInput[];
  readonly places: readonly UnitOnDate[];
  readonly earlierRef?: {
    readonly authorityCode?: string;
    readonly book?: string;
    readonly entryNumber?: string;
  };
}

const PIN = /^(\d{12}|\d{9})$/;

export function buildProfile(input: MatchEventInput, places: PlaceKeyResolver | undefined): MatchProfile {
  const roles = SUBJECT_ROLES_BY_EVENT[input.eventType as EventType] ?? ['SUBJECT'];
  const byRole = (role: string): MatchPartyInput | undefined => input.parties.find((p) => p.role === role);
  const occurred = parseLooseDate(input.occurredOn);
  const subjects = roles.map((role) => {
    const party = byRole(role);
    if (party === undefined) return undefined;
    const person = personProfile(party);
    // A birth's child was born on the day of the event, whatever the child's own field says.
    return input.eventType === 'BIRTH' && person.birth === undefined && occurred
      ? { ...person, birth: occurred }
      : person;
  });
  const mother = byRole('MOTHER');
  const father = byRole('FATHER');
  const ref = input.registerRef;
  const year = ref?.registeredOn?.slice(0, 4);
  return {
    eventType: input.eventType,
    reRegistration: input.registrationKind === 'RE_REGISTRATION',
    subjects,
    ...(mother ? { mother: personProfile(mother) } : {}),
    ...(father ? { father: personProfile(father) } : {}),
    ...(occurred ? { occurred } : {}),
    place: places ? places.keysOf(input.places) : NO_PLACE,
    ...(ref?.authorityCode && ref.book && ref.entryNumber && year
      ? { registerRef: `${ref.authorityCode}|${ref.book}|${ref.entryNumber}|${year}` }
      : {}),
    ...(input.earlierRef
      ? {
          earlierRef: {
            authorityCode: input.earlierRef.authorityCode,
            book: input.earlierRef.book,
            entry: input.earlierRef.entryNumber,
          },
        }
      : {}),
  };
}

export function personProfile(party: MatchPartyInput): PersonProfile {
  const birth = parseLooseDate(party.birthDate);
  const pin = typeof party.personalIdNumber === 'string' ? party.personalIdNumber.trim() : '';
  const sex = typeof party.sex === 'string' && party.sex.length <= 16 ? party.sex : undefined;
  return {
    name: nameKeys(party.fullName),
    ...(sex ? { sex } : {}),
    ...(birth ? { birth } : {}),
    ...(PIN.test(pin) ? { pin } : {}),
  };
}
