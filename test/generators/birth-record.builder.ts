import { EventType } from '../../contracts/v1/code-lists/event-type.enum.js';
import { RegistrationKind } from '../../contracts/v1/code-lists/registration-kind.enum.js';
import { Role } from '../../contracts/v1/code-lists/role.enum.js';
import { Sex } from '../../contracts/v1/code-lists/sex.enum.js';
import type { Party } from '../../contracts/v1/common/party.contract.js';
import type { Person } from '../../contracts/v1/common/person.contract.js';
import type { Place } from '../../contracts/v1/common/place.contract.js';
import type { BirthDetails } from '../../contracts/v1/details/birth-details.contract.js';
import type { AdminUnit } from '../../src/admin-units/admin-unit.model.js';
import { addDays, yearOf } from './calendar-date.util.js';
import { BIRTH_DEADLINE_DAYS, BIRTH_ON_TIME_SHARE, MALE_BIRTH_SHARE } from './domain-figures.data.js';
import type { NameCulture } from './person-name.generator.js';
import {
  earlierRegisterRef,
  pinProvinceFor,
  timelinessOf,
  type BuiltRecord,
  type RecordContext,
  type RecordFrame,
} from './record-builder.context.js';

const RE_REGISTRATION_REASONS = [
  'Sổ hộ tịch và bản chính Giấy khai sinh đều bị mất',
  'Sổ hộ tịch bị hư hỏng do lũ lụt, không còn lưu trữ được',
  'Sổ hộ tịch bị cháy, bản chính Giấy khai sinh bị thất lạc',
  'Sổ hộ tịch bị mất trong quá trình chia tách địa giới hành chính',
];
const GRANDPARENTS = ['Bà nội', 'Ông nội', 'Bà ngoại', 'Ông ngoại'];

interface Family {
  readonly home: AdminUnit;
  readonly culture: NameCulture;
  readonly familyName?: string;
  readonly parents: Party[];
  readonly mother: Person;
  readonly father?: Person;
}

/** Khai sinh: on time within 60 days mostly, late otherwise; or a re-registration of an old birth. */
export function buildBirth(ctx: RecordContext, frame: RecordFrame): BuiltRecord {
  const r = ctx.random;
  const registeredOn = frame.registeredOn;
  const again = frame.registrationKind === RegistrationKind.RE_REGISTRATION;
  const authority = ctx.authorities.pick(registeredOn, 'COMMUNE', r);
  const birthDate = again
    ? ctx.people.birthDateAged(registeredOn, r.triangular(1, 30, 80))
    : addDays(registeredOn, -delay(ctx));
  const family = parents(ctx, authority.unit, birthDate, registeredOn, again);
  const sex = r.chance(MALE_BIRTH_SHARE) ? Sex.MALE : Sex.FEMALE;
  const adult = yearOf(registeredOn) - yearOf(birthDate) >= 14;
  const child = ctx.people.person({
    sex,
    birthDate,
    culture: family.culture,
    namingProvince: authority.unit.provinceCode,
    familyName: family.familyName,
    pinProvince: childPinProvince(ctx, again, birthDate, family.home, authority.unit.provinceCode),
    documentsBy: adult ? registeredOn : undefined,
    inWords: r.chance(0.8),
    placeOfBirth: placeOfBirth(ctx, family.home, birthDate, again),
    hometown: r.chance(0.5)
      ? ctx.places.hometown(ctx.units.communeNear(family.home, registeredOn, r))
      : undefined,
    residence: again ? ctx.places.residence(family.home, registeredOn) : undefined,
  });
  const parties: Party[] = [
    { role: Role.CHILD, person: child },
    ...family.parents,
    declarant(ctx, family, child, again && adult),
  ];
  const record = ctx.envelope.record({
    eventType: EventType.BIRTH,
    registrationKind: frame.registrationKind,
    authority,
    registeredOn,
    occurredOn: birthDate,
    parties,
    reRegistration: again
      ? {
          earlierRegisterRef: earlierRegisterRef(
            ctx,
            EventType.BIRTH,
            addDays(birthDate, r.int(1, 90)),
            family.home,
          ),
          reason: r.pick(RE_REGISTRATION_REASONS),
        }
      : undefined,
    details: again && r.chance(0.7) ? {} : { birth: details(ctx, child) },
  });
  return {
    record,
    authority,
    timeliness: again ? 'NOT_APPLICABLE' : timelinessOf(birthDate, registeredOn, BIRTH_DEADLINE_DAYS),
  };
}

/** Days from birth to registration: 84.9% within the 60-day deadline, the rest late, some by years. */
function delay(ctx: RecordContext): number {
  const r = ctx.random;
  if (r.chance(BIRTH_ON_TIME_SHARE)) return Math.round(r.triangular(0, 12, BIRTH_DEADLINE_DAYS));
  const draw = r.next();
  if (draw < 0.6) return r.int(BIRTH_DEADLINE_DAYS + 1, 365);
  return draw < 0.9 ? r.int(366, 5 * 365) : r.int(5 * 365, 15 * 365);
}

/** At birth registration the child usually has no number yet: the population database issues it. */
function childPinProvince(
  ctx: RecordContext,
  again: boolean,
  birthDate: string,
  home: AdminUnit,
  registeringProvince: string,
): string | undefined {
  if (again) return ctx.random.chance(0.8) ? pinProvinceFor(ctx, birthDate, home) : undefined;
  return ctx.random.chance(ctx.settings.childPinShare) ? registeringProvince : undefined;
}

function parents(
  ctx: RecordContext,
  unit: AdminUnit,
  birthDate: string,
  registeredOn: string,
  again: boolean,
): Family {
  const r = ctx.random;
  const home = ctx.units.communeWithin(unit, registeredOn, r);
  const culture = ctx.names.cultureFor(home.provinceCode);
  const address = ctx.places.address(home);
  const residence = (): Place => ctx.places.residence(home, registeredOn, address);
  const motherAge = Math.round(r.triangular(18, 27, 44));
  const withFather = r.chance(again ? 0.85 : 0.95);
  const parent = (sex: Sex, age: number, parentCulture: NameCulture): Person => {
    const born = ctx.people.birthDateAged(birthDate, age);
    const alive = !again || yearOf(registeredOn) - yearOf(born) < 85;
    return ctx.people.person({
      sex,
      birthDate: born,
      precision: ctx.people.precision(again ? 0.3 : 0.7),
      culture: parentCulture,
      namingProvince: home.provinceCode,
      pinProvince: alive && r.chance(again ? 0.6 : 0.93) ? pinProvinceFor(ctx, born, home) : undefined,
      documentsBy: alive ? registeredOn : undefined,
      residence: alive ? residence() : undefined,
    });
  };
  const motherCulture = r.chance(0.9) ? culture : ctx.names.cultureFor(home.provinceCode);
  const mother = parent(Sex.FEMALE, motherAge, motherCulture);
  const father = withFather
    ? parent(Sex.MALE, Math.min(45, Math.max(18, Math.round(motherAge + r.triangular(-2, 3, 10)))), culture)
    : undefined;
  const parentParties: Party[] = [{ role: Role.MOTHER, person: mother }];
  if (father) parentParties.push({ role: Role.FATHER, person: father });
  return {
    home,
    culture: father ? culture : motherCulture,
    familyName: (father ?? mother).familyName,
    parents: parentParties,
    mother,
    father,
  };
}

function placeOfBirth(ctx: RecordContext, home: AdminUnit, birthDate: string, again: boolean): Place {
  const r = ctx.random;
  const unit = ctx.units.communeOn(home, birthDate, r);
  const place: Place = { unit: ctx.places.unitRef(unit, birthDate) };
  const inFacility = r.chance(again && birthDate < '2000-01-01' ? 0.5 : 0.95);
  if (inFacility) place.facility = ctx.places.facility(unit, 'BIRTH');
  else place.address = `Tại nhà, ${ctx.places.address(unit)}`;
  return place;
}

/** Parents declare a newborn; an adult whose birth is registered again declares it themself. */
function declarant(ctx: RecordContext, family: Family, child: Person, adultAgain: boolean): Party {
  const r = ctx.random;
  if (adultAgain) {
    return {
      role: Role.DECLARANT,
      person: { fullName: child.fullName },
      relationship: 'Người được đăng ký khai sinh',
    };
  }
  const draw = r.next();
  if (draw < 0.6 || !family.father)
    return { role: Role.DECLARANT, person: { fullName: family.mother.fullName }, relationship: 'Mẹ' };
  if (draw < 0.9)
    return { role: Role.DECLARANT, person: { fullName: family.father.fullName }, relationship: 'Cha' };
  const relationship = r.pick(GRANDPARENTS);
  const sex = relationship.startsWith('Bà') ? Sex.FEMALE : Sex.MALE;
  const paternalGrandfather = relationship === 'Ông nội';
  const name = ctx.names.name({
    sex,
    birthYear: 1960,
    culture: family.culture,
    provinceCode: family.home.provinceCode,
    familyName: paternalGrandfather ? family.familyName : undefined,
  });
  return { role: Role.DECLARANT, person: { fullName: name.fullName }, relationship };
}

function details(ctx: RecordContext, child: Person): BirthDetails {
  const r = ctx.random;
  const birth: BirthDetails = {};
  if (child.placeOfBirth?.facility !== undefined && r.chance(0.9)) {
    birth.birthNoticeNumber = r.chance(0.5) ? `${r.int(1, 9999)}/GCS` : `GCS-${r.digits(6)}`;
  }
  if (r.chance(0.75))
    birth.birthTime = `${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`;
  if (r.chance(0.7)) {
    const draw = r.next();
    birth.plurality = draw < 0.985 ? 1 : draw < 0.999 ? 2 : 3;
  }
  return birth;
}
