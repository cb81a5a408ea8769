import { EventType } from '../../../contracts/v1/code-lists/event-type.enum.js';
import { RegistrationKind } from '../../../contracts/v1/code-lists/registration-kind.enum.js';
import { Role } from '../../../contracts/v1/code-lists/role.enum.js';
import { Sex } from '../../../contracts/v1/code-lists/sex.enum.js';
import type { CivilStatusRecord } from '../../../contracts/v1/civil-status-record.contract.js';
import type { Person } from '../../../contracts/v1/common/person.contract.js';
import { KINH_GIVEN_NAMES } from '../kinh-names.data.js';
import type { GeneratorReferenceData } from '../generator-reference.loader.js';
import { createRecordGenerator } from '../record.generator.js';
import { SeededRandom, type Seed } from '../seeded-random.util.js';
import { WeightedTable } from '../weighted-table.util.js';
import { asNfd, regionalVariant, typo, withoutDiacritics, withoutThi } from './name-corruptions.js';

/**
 * Labelled test sets for matching in the style of the FEBRL generator (Christen 2005): originals,
 * duplicates of some of them with the corruptions of DOMAIN.md §7, and hard negatives that look like
 * duplicates but are not (twins; namesakes born the same year in the same province).
 */
export type Corruption =
  | 'DIACRITICS_LOST'
  | 'NFD'
  | 'THI_DROPPED'
  | 'HOANG_HUYNH'
  | 'TYPO'
  | 'DAY_MONTH_SWAPPED'
  | 'YEAR_ONLY'
  | 'OTHER_COMMUNE'
  | 'PIN_REMOVED'
  | 'PIN_ADDED';

export const CORRUPTIONS: readonly Corruption[] = [
  'DIACRITICS_LOST',
  'NFD',
  'THI_DROPPED',
  'HOANG_HUYNH',
  'TYPO',
  'DAY_MONTH_SWAPPED',
  'YEAR_ONLY',
  'OTHER_COMMUNE',
  'PIN_REMOVED',
  'PIN_ADDED',
];

export type LabelledKind = 'ORIGINAL' | 'DUPLICATE' | 'RESENT' | 'RE_REGISTRATION' | 'TWIN' | 'NAMESAKE';

export interface LabelledRecord {
  readonly record: CivilStatusRecord;
  /** The true event: records with the same entity are the same event. */
  readonly entity: string;
  readonly kind: LabelledKind;
  /** Twins share a family id: merging two records of one family is the error counted apart. */
  readonly twinFamily?: string;
  readonly corruptions: readonly Corruption[];
}

export interface LabelledSetOptions {
  readonly referenceData: GeneratorReferenceData;
  readonly seed: Seed;
  readonly records: number;
  /** Share of records that are duplicates of another (default 0.2). */
  readonly duplicateShare?: number;
  /** Share of twins and of namesakes each (default 0.03). */
  readonly hardNegativeShare?: number;
}

export function generateLabelledSet(options: LabelledSetOptions): LabelledRecord[] {
  const random = new SeededRandom(`${options.seed}:labelled`);
  const duplicates = Math.round(options.records * (options.duplicateShare ?? 0.2));
  const hard = Math.round(options.records * (options.hardNegativeShare ?? 0.03));
  const originals = options.records - duplicates - 2 * hard;
  const generator = createRecordGenerator({
    referenceData: options.referenceData,
    seed: options.seed,
    sourceId: 'eval',
    eventTypes: ['BIRTH', 'DEATH', 'MARRIAGE'],
    eventMix: { BIRTH: 0.6, DEATH: 0.25, MARRIAGE: 0.15 },
  });
  const out: LabelledRecord[] = [];
  for (const generated of generator.take(originals)) {
    if (!generated.expectValid) continue;
    out.push({ record: generated.record, entity: `E${out.length}`, kind: 'ORIGINAL', corruptions: [] });
  }
  const base = out.slice();
  const births = base.filter(
    (r) =>
      r.record.eventType === EventType.BIRTH &&
      r.record.registrationKind !== RegistrationKind.RE_REGISTRATION,
  );
  const corrupt = new Corrupter(random, options.referenceData);
  let serial = 0;
  const nextRef = (): string => `D${++serial}`;
  for (let i = 0; i < duplicates; i++) {
    const original = random.pick(base);
    out.push(corrupt.duplicate(original, nextRef()));
  }
  for (let i = 0; i < hard; i++) {
    const original = random.pick(births);
    out.push(corrupt.twin(original, nextRef()));
  }
  for (let i = 0; i < hard; i++) {
    const original = random.pick(base.filter((r) => r.record.eventType !== EventType.MARRIAGE));
    out.push(corrupt.namesake(original, nextRef(), random.pick(births)));
  }
  return shuffle(out, random);
}

function shuffle<T>(items: T[], random: SeededRandom): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const SUBJECT_ROLES: readonly Role[] = [Role.CHILD, Role.DECEASED, Role.WIFE, Role.HUSBAND, Role.MOTHER];

const GIVEN = {
  [Sex.MALE]: new WeightedTable(KINH_GIVEN_NAMES.MALE),
  [Sex.FEMALE]: new WeightedTable(KINH_GIVEN_NAMES.FEMALE),
};

export class Corrupter {
  constructor(
    private readonly random: SeededRandom,
    private readonly reference: GeneratorReferenceData,
  ) {}

  duplicate(original: LabelledRecord, ref: string): LabelledRecord {
    const r = this.random;
    const record = structuredClone(original.record);
    const draw = r.next();
    if (draw < 0.08) {
      // Another source sends the very same register entry.
      record.source = { sourceId: 'eval-2', sourceRecordId: ref };
      return { record, entity: original.entity, kind: 'RESENT', corruptions: [] };
    }
    const reRegistration =
      draw < 0.2 &&
      original.record.registrationKind !== RegistrationKind.RE_REGISTRATION &&
      record.eventType !== EventType.MARRIAGE;
    this.newEntry(record, ref);
    const corruptions: Corruption[] = [];
    const count = r.chance(0.5) ? 1 : r.chance(0.6) ? 2 : 3;
    for (let i = 0; i < count; i++) {
      const c = r.pick(CORRUPTIONS);
      // An ID number removed and another added would be two different numbers: not a corruption.
      const clash =
        (c === 'PIN_ADDED' && corruptions.includes('PIN_REMOVED')) ||
        (c === 'PIN_REMOVED' && corruptions.includes('PIN_ADDED'));
      if (!corruptions.includes(c) && !clash && this.apply(record, c)) corruptions.push(c);
    }
    if (reRegistration) {
      record.registrationKind = RegistrationKind.RE_REGISTRATION;
      record.reRegistration = { reason: 'Sổ hộ tịch và bản chính đều bị mất' };
    }
    return {
      record,
      entity: original.entity,
      kind: reRegistration ? 'RE_REGISTRATION' : 'DUPLICATE',
      corruptions,
    };
  }

  /** Same mother, father, date and place; another child (another given name, maybe another sex). */
  twin(original: LabelledRecord, ref: string): LabelledRecord {
    const r = this.random;
    const record = structuredClone(original.record);
    this.newEntry(record, ref);
    const child = record.parties.find((p) => p.role === Role.CHILD)!.person;
    const sex = r.chance(0.5) ? (child.sex ?? Sex.MALE) : child.sex === Sex.MALE ? Sex.FEMALE : Sex.MALE;
    const parts = child.fullName.split(' ');
    const given = child.fullName.split(' ').at(-1)!;
    let next = given;
    while (next === given) next = GIVEN[sex].pick(r);
    parts[parts.length - 1] = next;
    rename(child, parts.join(' '));
    child.sex = sex;
    delete child.personalIdNumber;
    delete child.identityDocuments;
    const corruptions: Corruption[] = [];
    if (r.chance(0.3) && this.apply(record, 'DIACRITICS_LOST')) corruptions.push('DIACRITICS_LOST');
    return { record, entity: `T${ref}`, kind: 'TWIN', twinFamily: original.entity, corruptions };
  }

  /** The same name, born the same year in the same commune, to other parents on another day. */
  namesake(original: LabelledRecord, ref: string, donor: LabelledRecord): LabelledRecord {
    const r = this.random;
    const record = structuredClone(original.record);
    this.newEntry(record, ref);
    const subject = record.parties.find((p) => p.role === Role.CHILD || p.role === Role.DECEASED)!.person;
    delete subject.personalIdNumber;
    delete subject.identityDocuments;
    const year = (subject.birthDate ?? record.occurredOn ?? '2000').slice(0, 4);
    const other = `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    subject.birthDate = other;
    if (record.eventType === EventType.BIRTH) {
      record.occurredOn = other;
      const donorParents = donor.record.parties.filter(
        (p) => p.role === Role.MOTHER || p.role === Role.FATHER,
      );
      record.parties = [
        ...record.parties.filter((p) => p.role !== Role.MOTHER && p.role !== Role.FATHER),
        ...structuredClone(donorParents),
      ];
    } else if (record.occurredOn) {
      const died = Number(record.occurredOn.slice(0, 4));
      record.occurredOn = `${died - r.int(1, 5)}-${String(r.int(1, 12)).padStart(2, '0')}-15`;
    }
    return { record, entity: `N${ref}`, kind: 'NAMESAKE', corruptions: [] };
  }

  private newEntry(record: CivilStatusRecord, ref: string): void {
    record.source = { sourceId: 'eval-2', sourceRecordId: ref };
    record.registerRef = { ...record.registerRef, book: 'SỐ HÓA', entryNumber: ref };
  }

  private apply(record: CivilStatusRecord, corruption: Corruption): boolean {
    const r = this.random;
    const subjects = record.parties.filter((p) => SUBJECT_ROLES.includes(p.role));
    const person = r.pick(subjects).person;
    switch (corruption) {
      case 'DIACRITICS_LOST':
        record.parties.forEach((p) => rename(p.person, withoutDiacritics(p.person.fullName)));
        return true;
      case 'NFD':
        record.parties.forEach((p) => rename(p.person, asNfd(p.person.fullName)));
        return true;
      case 'THI_DROPPED':
        return renamed(person, withoutThi(person.fullName));
      case 'HOANG_HUYNH':
        return subjects.some((p) => renamed(p.person, regionalVariant(p.person.fullName)));
      case 'TYPO':
        return renamed(person, typo(person.fullName, r));
      case 'DAY_MONTH_SWAPPED':
        return this.swapDayMonth(record);
      case 'YEAR_ONLY':
        return this.yearOnly(record);
      case 'OTHER_COMMUNE':
        return this.otherCommune(record);
      case 'PIN_REMOVED':
        return subjects.some((p) => {
          if (!p.person.personalIdNumber) return false;
          delete p.person.personalIdNumber;
          delete p.person.identityDocuments;
          return true;
        });
      case 'PIN_ADDED':
        return subjects.some((p) => {
          if (p.person.personalIdNumber || !p.person.birthDate) return false;
          p.person.personalIdNumber = `0${r.int(1, 96).toString().padStart(2, '0')}${r.int(0, 3)}${p.person.birthDate.slice(2, 4)}${r.digits(6)}`;
          return true;
        });
    }
  }

  private subjectOf(record: CivilStatusRecord): Person {
    return record.parties[0].person;
  }

  private swapDayMonth(record: CivilStatusRecord): boolean {
    const person = this.subjectOf(record);
    const date = person.birthDate ?? (record.eventType === EventType.BIRTH ? record.occurredOn : undefined);
    const m = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
    if (!m || Number(m[3]) > 12 || m[2] === m[3]) return false;
    const swapped = `${m[1]}-${m[3]}-${m[2]}`;
    person.birthDate = swapped;
    if (record.eventType === EventType.BIRTH) record.occurredOn = swapped;
    return true;
  }

  private yearOnly(record: CivilStatusRecord): boolean {
    const person = this.subjectOf(record);
    if (!person.birthDate || person.birthDate.length !== 10) return false;
    person.birthDate = person.birthDate.slice(0, 4);
    if (record.eventType === EventType.BIRTH) record.occurredOn = person.birthDate;
    return true;
  }

  private otherCommune(record: CivilStatusRecord): boolean {
    const code = /^UBND-X-(\d{5})$/.exec(record.registerRef.authorityCode)?.[1];
    if (code === undefined) return false;
    const on = record.registerRef.registeredOn;
    const unit = this.reference.units.resolve(code, on);
    if (unit === undefined) return false;
    const others = this.reference.units.listCommunes(unit.provinceCode, on).filter((u) => u.code !== code);
    if (others.length === 0) return false;
    const other = this.random.pick(others);
    record.registerRef = {
      ...record.registerRef,
      authorityCode: `UBND-X-${other.code}`,
      authorityName: `Ủy ban nhân dân ${other.fullName}`,
    };
    return true;
  }
}

function rename(person: Person, fullName: string): void {
  person.fullName = fullName;
  delete person.familyName;
  delete person.middleName;
  delete person.givenName;
}

function renamed(person: Person, fullName: string): boolean {
  if (fullName === person.fullName) return false;
  rename(person, fullName);
  return true;
}
