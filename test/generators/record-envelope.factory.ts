import type { CivilStatusRecord } from '../../contracts/v1/civil-status-record.contract.js';
import type { DetailsProperty } from '../../contracts/v1/civil-status-record.rules.js';
import { EventType } from '../../contracts/v1/code-lists/event-type.enum.js';
import { RegistrationKind } from '../../contracts/v1/code-lists/registration-kind.enum.js';
import { Sex } from '../../contracts/v1/code-lists/sex.enum.js';
import type { Officer } from '../../contracts/v1/common/officer.contract.js';
import type { Party } from '../../contracts/v1/common/party.contract.js';
import type { Signer } from '../../contracts/v1/common/signer.contract.js';
import type { ReRegistration } from '../../contracts/v1/details/re-registration.contract.js';
import { yearOf } from './calendar-date.util.js';
import { lowerKind } from './place.factory.js';
import type { PersonNameGenerator } from './person-name.generator.js';
import type { AuthorityChoice } from './registering-authority.picker.js';
import type { SeededRandom } from './seeded-random.util.js';

export type RecordDetails = Partial<Pick<CivilStatusRecord, DetailsProperty>>;

export interface RecordParts {
  eventType: EventType;
  registrationKind: RegistrationKind;
  authority: AuthorityChoice;
  registeredOn: string;
  occurredOn?: string;
  parties: Party[];
  reRegistration?: ReRegistration;
  details: RecordDetails;
}

/** Paper books hold a few hundred entries; a full book is followed by the next, numbered afresh. */
const BOOK_CAPACITY = 200;

type BookStyle = 'NUMBER_SLASH_YEAR' | 'NUMBER' | 'PADDED_NUMBER';

const SOURCE_PREFIX: Readonly<Partial<Record<EventType, string>>> = {
  [EventType.BIRTH]: 'KS',
  [EventType.DEATH]: 'KT',
  [EventType.MARRIAGE]: 'KH',
  [EventType.GUARDIANSHIP]: 'GH',
  [EventType.PARENTAGE_RECOGNITION]: 'CMC',
  [EventType.CIVIL_STATUS_CHANGE]: 'TDHT',
  [EventType.FOREIGN_RECORDING]: 'GC',
  [EventType.MARITAL_STATUS_CERTIFICATE]: 'XNHN',
};

interface Staff {
  readonly chair: Signer;
  readonly deputy: Signer;
  readonly officers: readonly Officer[];
}

/**
 * What every record carries around its event: the register reference (book and entry number per
 * authority, event type, book and year, so the legal key is unique in a generated set), the source
 * envelope, the signer and the officer (the same few people per authority, as in real books).
 */
export class RecordEnvelopeFactory {
  private readonly entryCounters = new Map<string, number>();
  private readonly bookStyles = new Map<string, BookStyle>();
  private readonly staff = new Map<string, Staff>();
  private sequence: number;

  constructor(
    private readonly random: SeededRandom,
    private readonly names: PersonNameGenerator,
    private readonly sourceId: string,
    firstSequence: number,
  ) {
    this.sequence = firstSequence - 1;
  }

  record(parts: RecordParts): CivilStatusRecord {
    const { authority, registeredOn } = parts;
    const { book, entryNumber } = this.entry(authority.code, parts.eventType, registeredOn);
    const staff = this.staffOf(authority);
    // Built in one fixed key order (same seed, byte-identical JSON), by assignment: object spreads
    // of differently shaped objects were the slowest part of generating.
    const record: CivilStatusRecord = {
      schemaVersion: '1',
      eventType: parts.eventType,
      registrationKind: parts.registrationKind,
      registerRef: {
        authorityCode: authority.code,
        authorityName: authority.name,
        book,
        entryNumber,
        registeredOn,
      },
      parties: parts.parties,
      source: this.source(parts.eventType, parts.registrationKind, registeredOn),
    };
    if (parts.occurredOn !== undefined) record.occurredOn = parts.occurredOn;
    record.signer = this.random.chance(0.7) ? staff.chair : staff.deputy;
    record.officer = this.random.pick(staff.officers);
    if (parts.reRegistration !== undefined) record.reRegistration = parts.reRegistration;
    const { details } = parts;
    if (details.birth !== undefined) record.birth = details.birth;
    if (details.death !== undefined) record.death = details.death;
    if (details.marriage !== undefined) record.marriage = details.marriage;
    if (details.guardianship !== undefined) record.guardianship = details.guardianship;
    if (details.parentageRecognition !== undefined)
      record.parentageRecognition = details.parentageRecognition;
    if (details.civilStatusChange !== undefined) record.civilStatusChange = details.civilStatusChange;
    if (details.decision !== undefined) record.decision = details.decision;
    if (details.foreignRecording !== undefined) record.foreignRecording = details.foreignRecording;
    if (details.maritalStatusCertificate !== undefined)
      record.maritalStatusCertificate = details.maritalStatusCertificate;
    return record;
  }

  private entry(
    authorityCode: string,
    eventType: EventType,
    registeredOn: string,
  ): { book: string; entryNumber: string } {
    const year = yearOf(registeredOn);
    const key = `${authorityCode}|${eventType}|${year}`;
    const count = (this.entryCounters.get(key) ?? 0) + 1;
    this.entryCounters.set(key, count);
    const bookNumber = Math.ceil(count / BOOK_CAPACITY);
    const entryNumber = String(count - (bookNumber - 1) * BOOK_CAPACITY);
    switch (this.bookStyle(authorityCode)) {
      case 'NUMBER_SLASH_YEAR':
        return { book: `${String(bookNumber).padStart(2, '0')}/${year}`, entryNumber };
      case 'NUMBER':
        return { book: String(bookNumber), entryNumber };
      case 'PADDED_NUMBER':
        return { book: String(bookNumber).padStart(2, '0'), entryNumber };
    }
  }

  /** Each authority writes its quyển số one way: '01/2026', '1' or '01'. */
  private bookStyle(authorityCode: string): BookStyle {
    let style = this.bookStyles.get(authorityCode);
    if (style === undefined) {
      const draw = this.random.next();
      style = draw < 0.6 ? 'NUMBER_SLASH_YEAR' : draw < 0.85 ? 'NUMBER' : 'PADDED_NUMBER';
      this.bookStyles.set(authorityCode, style);
    }
    return style;
  }

  /** 'KS-2026-0000123': a running number makes every id unique, whatever its prefix and year. */
  private source(
    eventType: EventType,
    kind: RegistrationKind,
    registeredOn: string,
  ): CivilStatusRecord['source'] {
    this.sequence += 1;
    const prefix = SOURCE_PREFIX[eventType] ?? 'GVS';
    const again = kind === RegistrationKind.RE_REGISTRATION ? 'L' : '';
    const sourceRecordId = `${prefix}${again}-${yearOf(registeredOn)}-${String(this.sequence).padStart(7, '0')}`;
    return this.random.chance(0.2)
      ? { sourceId: this.sourceId, sourceRecordId, sourceVersion: String(this.random.int(1, 3)) }
      : { sourceId: this.sourceId, sourceRecordId };
  }

  /** The chair changes with the authority's version (a merged commune has a new committee). */
  private staffOf(authority: AuthorityChoice): Staff {
    let staff = this.staff.get(authority.versionId);
    if (staff === undefined) {
      const [chairTitle, deputyTitle] = titles(authority);
      const province = authority.unit.provinceCode;
      staff = {
        chair: { name: this.adultName(province), position: chairTitle },
        deputy: { name: this.adultName(province), position: deputyTitle },
        officers: [{ name: this.adultName(province) }, { name: this.adultName(province) }],
      };
      this.staff.set(authority.versionId, staff);
    }
    return staff;
  }

  private adultName(provinceCode: string): string {
    const sex = this.random.chance(0.55) ? Sex.FEMALE : Sex.MALE;
    const birthYear = this.random.int(1965, 1998);
    return this.names.name({ sex, birthYear, culture: 'KINH', provinceCode }).fullName;
  }
}

/** 'Chủ tịch UBND phường', 'Phó Giám đốc Sở Tư pháp'. */
function titles(authority: AuthorityChoice): [string, string] {
  if (authority.level === 'PROVINCE') return ['Giám đốc Sở Tư pháp', 'Phó Giám đốc Sở Tư pháp'];
  const kind = lowerKind(authority.unit.kind);
  return [`Chủ tịch UBND ${kind}`, `Phó Chủ tịch UBND ${kind}`];
}
