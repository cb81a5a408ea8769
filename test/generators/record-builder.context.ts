import type { CivilStatusRecord } from '../../contracts/v1/civil-status-record.contract.js';
import type { EventType } from '../../contracts/v1/code-lists/event-type.enum.js';
import type { RegistrationKind } from '../../contracts/v1/code-lists/registration-kind.enum.js';
import { Sex } from '../../contracts/v1/code-lists/sex.enum.js';
import type { PartialRegisterRef } from '../../contracts/v1/common/partial-register-ref.contract.js';
import type { Person } from '../../contracts/v1/common/person.contract.js';
import type { AdminUnit } from '../../src/admin-units/admin-unit.model.js';
import type { AdminUnitPicker } from './admin-unit.picker.js';
import { daysBetween, minDate, yearOf } from './calendar-date.util.js';
import { written, type PersonFactory } from './person.factory.js';
import type { NameCulture, PersonNameGenerator } from './person-name.generator.js';
import type { PlaceFactory } from './place.factory.js';
import type { RecordEnvelopeFactory } from './record-envelope.factory.js';
import type { AuthorityChoice, RegisteringAuthorityPicker } from './registering-authority.picker.js';
import type { SeededRandom } from './seeded-random.util.js';

export interface GeneratorSettings {
  readonly today: string;
  readonly reorganisationDate: string;
  /** Share of newborn CHILD parties that already carry a personal ID number. */
  readonly childPinShare: number;
}

/** Everything a record builder draws on; one per generator, so one random stream per seed. */
export interface RecordContext {
  readonly random: SeededRandom;
  readonly settings: GeneratorSettings;
  readonly units: AdminUnitPicker;
  readonly authorities: RegisteringAuthorityPicker;
  readonly names: PersonNameGenerator;
  readonly people: PersonFactory;
  readonly places: PlaceFactory;
  readonly envelope: RecordEnvelopeFactory;
}

export interface RecordFrame {
  readonly eventType: EventType;
  readonly registrationKind: RegistrationKind;
  readonly registeredOn: string;
}

/** As the hub classifies it (DOMAIN.md §1 deadlines); re-registrations are never late. */
export type Timeliness = 'ON_TIME' | 'LATE' | 'NOT_APPLICABLE';

export interface BuiltRecord {
  readonly record: CivilStatusRecord;
  readonly authority: AuthorityChoice;
  readonly timeliness: Timeliness;
}

export type RecordBuilder = (ctx: RecordContext, frame: RecordFrame) => BuiltRecord;

/**
 * Province code for a personal ID number: where the birth was registered, so a code valid on the
 * birth date (pre-2025 codes for anyone born before the merger). Mostly the home province.
 */
export function pinProvinceFor(ctx: RecordContext, birthDate: string, home: AdminUnit): string {
  const local = ctx.units.provincesOn(birthDate, ctx.units.currentProvinceOf(home));
  const pool = local.length > 0 && ctx.random.chance(0.8) ? local : ctx.units.allProvincesOn(birthDate);
  return ctx.random.pick(pool).code;
}

export function timelinessOf(eventDate: string, registeredOn: string, deadlineDays: number): Timeliness {
  return daysBetween(eventDate, registeredOn) <= deadlineDays ? 'ON_TIME' : 'LATE';
}

/**
 * What an official can still say about an earlier registration: often only the year, sometimes
 * the commune as it was named then, rarely book and entry.
 */
export function earlierRegisterRef(
  ctx: RecordContext,
  eventType: EventType,
  registeredOn: string,
  home: AdminUnit,
): PartialRegisterRef {
  const r = ctx.random;
  const on = minDate(registeredOn, ctx.settings.today);
  const ref: PartialRegisterRef = { eventType };
  if (r.chance(0.7)) {
    const authority = ctx.authorities.of(ctx.units.communeOn(home, on, r), on);
    if (r.chance(0.6)) ref.authorityCode = authority.code;
    ref.authorityName = authority.name;
  }
  if (r.chance(0.5)) {
    ref.book = r.chance(0.5)
      ? String(r.int(1, 3))
      : `${String(r.int(1, 3)).padStart(2, '0')}/${on.slice(0, 4)}`;
    ref.entryNumber = String(r.int(1, 400));
  }
  ref.registeredOn = written(on, ctx.people.precision(0.4));
  return ref;
}

export interface ResidentSpec {
  readonly sex?: Sex;
  /** Age in whole years on `on`. */
  readonly age: number;
  readonly on: string;
  readonly home: AdminUnit;
  readonly registeredOn: string;
  readonly culture?: NameCulture;
  readonly familyName?: string;
  readonly pinShare?: number;
}

/** A person living in `home` on the registration date, with a number and card as adults have. */
export function resident(ctx: RecordContext, spec: ResidentSpec): Person {
  const r = ctx.random;
  const birthDate = ctx.people.birthDateAged(spec.on, spec.age);
  const hasPin = yearOf(birthDate) >= 1900 && r.chance(spec.pinShare ?? 0.95);
  return ctx.people.person({
    sex: spec.sex ?? (r.chance(0.5) ? Sex.MALE : Sex.FEMALE),
    birthDate,
    culture: spec.culture ?? ctx.names.cultureFor(spec.home.provinceCode),
    namingProvince: spec.home.provinceCode,
    familyName: spec.familyName,
    pinProvince: hasPin ? pinProvinceFor(ctx, birthDate, spec.home) : undefined,
    documentsBy: spec.registeredOn,
    residence: ctx.places.residence(spec.home, spec.registeredOn),
  });
}
