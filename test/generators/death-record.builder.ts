import { EventType } from '../../contracts/v1/code-lists/event-type.enum.js';
import { RegistrationKind } from '../../contracts/v1/code-lists/registration-kind.enum.js';
import { Role } from '../../contracts/v1/code-lists/role.enum.js';
import { Sex } from '../../contracts/v1/code-lists/sex.enum.js';
import type { Party } from '../../contracts/v1/common/party.contract.js';
import type { Person } from '../../contracts/v1/common/person.contract.js';
import type { Place } from '../../contracts/v1/common/place.contract.js';
import type { DeathDetails } from '../../contracts/v1/details/death-details.contract.js';
import type { AdminUnit } from '../../src/admin-units/admin-unit.model.js';
import { addDays, minDate, yearOf } from './calendar-date.util.js';
import { DEATH_DEADLINE_DAYS, DEATH_ON_TIME_SHARE } from './domain-figures.data.js';
import type { NameCulture } from './person-name.generator.js';
import {
  earlierRegisterRef,
  pinProvinceFor,
  timelinessOf,
  type BuiltRecord,
  type RecordContext,
  type RecordFrame,
} from './record-builder.context.js';

const CAUSES_OLD = [
  'Bệnh già',
  'Tai biến mạch máu não',
  'Bệnh tim mạch',
  'Ung thư phổi',
  'Suy thận',
  'Viêm phổi',
];
const CAUSES_YOUNG = [
  'Tai nạn giao thông',
  'Đuối nước',
  'Ung thư gan',
  'Nhồi máu cơ tim',
  'Tai nạn lao động',
  'Sốt xuất huyết',
];
const CAUSES_INFANT = ['Sinh non, nhẹ cân', 'Viêm phổi', 'Dị tật bẩm sinh', 'Nhiễm trùng sơ sinh'];
const RE_REGISTRATION_REASONS = [
  'Sổ hộ tịch và bản chính Trích lục khai tử đều bị mất',
  'Sổ hộ tịch bị hư hỏng do thiên tai',
];
const PIN_FOR_THE_DEAD_FROM = '2021-07-01';

/** Khai tử: 69.3% within the 15-day deadline; some registered years later; a few re-registrations. */
export function buildDeath(ctx: RecordContext, frame: RecordFrame): BuiltRecord {
  const r = ctx.random;
  const registeredOn = frame.registeredOn;
  const again = frame.registrationKind === RegistrationKind.RE_REGISTRATION;
  const authority = ctx.authorities.pick(registeredOn, 'COMMUNE', r);
  const home = ctx.units.communeWithin(authority.unit, registeredOn, r);
  const deathDate = addDays(registeredOn, -(again ? r.int(5 * 365, 40 * 365) : delay(ctx)));
  const age = ageAtDeath(ctx);
  const birthDate = ctx.people.birthDateAged(deathDate, age);
  const sex = r.chance(0.55) ? Sex.MALE : Sex.FEMALE;
  const deathUnit = ctx.units.communeOn(home, deathDate, r);
  // The population database holds numbers for people alive when it was filled (2021); earlier deaths rarely have one.
  const pinShare = again ? 0 : deathDate >= PIN_FOR_THE_DEAD_FROM ? 0.88 : 0.2;
  const culture = ctx.names.cultureFor(home.provinceCode);
  const deceased = ctx.people.person({
    sex,
    birthDate,
    precision: ctx.people.precision(age >= 60 ? 0.6 : 0.95),
    culture,
    namingProvince: home.provinceCode,
    pinProvince:
      yearOf(birthDate) >= 1900 && r.chance(pinShare) ? pinProvinceFor(ctx, birthDate, home) : undefined,
    documentsBy: deathDate,
    oldIdentityCard: r.chance(0.5),
    residence: ctx.places.residence(deathUnit, deathDate),
  });
  const record = ctx.envelope.record({
    eventType: EventType.DEATH,
    registrationKind: frame.registrationKind,
    authority,
    registeredOn,
    occurredOn: deathDate,
    parties: [{ role: Role.DECEASED, person: deceased }, declarant(ctx, deceased, home, culture)],
    reRegistration: again
      ? {
          earlierRegisterRef: earlierRegisterRef(
            ctx,
            EventType.DEATH,
            addDays(deathDate, r.int(1, 30)),
            home,
          ),
          reason: r.pick(RE_REGISTRATION_REASONS),
        }
      : undefined,
    details: { death: details(ctx, deathUnit, deathDate, registeredOn, age, again) },
  });
  return {
    record,
    authority,
    timeliness: again ? 'NOT_APPLICABLE' : timelinessOf(deathDate, registeredOn, DEATH_DEADLINE_DAYS),
  };
}

function delay(ctx: RecordContext): number {
  const r = ctx.random;
  if (r.chance(DEATH_ON_TIME_SHARE)) return Math.round(r.triangular(0, 3, DEATH_DEADLINE_DAYS));
  const draw = r.next();
  if (draw < 0.7) return r.int(DEATH_DEADLINE_DAYS + 1, 365);
  return draw < 0.95 ? r.int(366, 10 * 365) : r.int(10 * 365, 30 * 365);
}

/** Most deaths are of the old; a few of children and infants. */
function ageAtDeath(ctx: RecordContext): number {
  const r = ctx.random;
  const draw = r.next();
  if (draw < 0.72) return Math.round(r.triangular(60, 80, 100));
  if (draw < 0.93) return Math.round(r.triangular(18, 50, 60));
  if (draw < 0.97) return r.int(1, 17);
  return 0;
}

function declarant(ctx: RecordContext, deceased: Person, home: AdminUnit, culture: NameCulture): Party {
  const r = ctx.random;
  const draw = r.next();
  const male = deceased.sex === Sex.MALE;
  const relative = (relationship: string, sex: Sex, sameFamily: boolean): Party => ({
    role: Role.DECLARANT,
    person: {
      fullName: ctx.names.name({
        sex,
        birthYear: 1975,
        culture,
        provinceCode: home.provinceCode,
        familyName: sameFamily && male ? deceased.familyName : undefined,
      }).fullName,
    },
    relationship,
  });
  if (draw < 0.5) return relative('Con', r.chance(0.5) ? Sex.MALE : Sex.FEMALE, true);
  if (draw < 0.75) return male ? relative('Vợ', Sex.FEMALE, false) : relative('Chồng', Sex.MALE, false);
  if (draw < 0.9) return relative('Cháu', Sex.MALE, true);
  return relative(r.pick(['Anh', 'Chị', 'Em']), r.chance(0.5) ? Sex.MALE : Sex.FEMALE, true);
}

function details(
  ctx: RecordContext,
  deathUnit: AdminUnit,
  deathDate: string,
  registeredOn: string,
  age: number,
  again: boolean,
): DeathDetails {
  const r = ctx.random;
  const inHospital = r.chance(0.45);
  const placeOfDeath: Place = { unit: ctx.places.unitRef(deathUnit, deathDate) };
  if (inHospital) placeOfDeath.facility = ctx.places.facility(deathUnit, 'DEATH');
  else placeOfDeath.address = `Tại nhà, ${ctx.places.address(deathUnit)}`;
  const death: DeathDetails = {};
  if (r.chance(0.6))
    death.timeOfDeath = `${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`;
  death.placeOfDeath = placeOfDeath;
  if (r.chance(0.7)) death.cause = r.pick(age === 0 ? CAUSES_INFANT : age < 60 ? CAUSES_YOUNG : CAUSES_OLD);
  if (!again && r.chance(0.9)) {
    const issuer = placeOfDeath.facility ?? ctx.authorities.of(deathUnit, deathDate).name;
    death.deathNotice = {
      number: r.chance(0.5) ? `${r.int(1, 999)}/GBT` : `BT-${r.digits(5)}`,
      issuer,
      issuedOn: minDate(addDays(deathDate, r.int(0, 3)), registeredOn),
    };
  }
  return death;
}
