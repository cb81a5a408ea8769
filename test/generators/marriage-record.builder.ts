import { EventType } from '../../contracts/v1/code-lists/event-type.enum.js';
import { RegistrationKind } from '../../contracts/v1/code-lists/registration-kind.enum.js';
import { Role } from '../../contracts/v1/code-lists/role.enum.js';
import { Sex } from '../../contracts/v1/code-lists/sex.enum.js';
import type { Party } from '../../contracts/v1/common/party.contract.js';
import type { Person } from '../../contracts/v1/common/person.contract.js';
import type { AdminUnit } from '../../src/admin-units/admin-unit.model.js';
import { addDays } from './calendar-date.util.js';
import { MARRIAGE_FOREIGN_SHARE } from './domain-figures.data.js';
import { FOREIGN_NAMING } from './foreign-names.data.js';
import { authorityLevelFor } from './jurisdiction.policy.js';
import {
  earlierRegisterRef,
  pinProvinceFor,
  type BuiltRecord,
  type RecordContext,
  type RecordFrame,
} from './record-builder.context.js';

const RE_REGISTRATION_REASONS = [
  'Sổ hộ tịch và bản chính Giấy chứng nhận kết hôn đều bị mất',
  'Sổ đăng ký kết hôn bị hư hỏng, không còn lưu trữ được',
];

/**
 * Kết hôn on the registration day (the day the marriage is established), 4.1% with a foreign
 * spouse, registered by the district before 2025-07-01 in that case; or an old marriage registered again.
 */
export function buildMarriage(ctx: RecordContext, frame: RecordFrame): BuiltRecord {
  const r = ctx.random;
  const registeredOn = frame.registeredOn;
  const again = frame.registrationKind === RegistrationKind.RE_REGISTRATION;
  const foreignElement = !again && r.chance(MARRIAGE_FOREIGN_SHARE);
  const level = authorityLevelFor(
    {
      eventType: EventType.MARRIAGE,
      registeredOn,
      reorganisationDate: ctx.settings.reorganisationDate,
      foreignElement,
    },
    r,
  );
  const authority = ctx.authorities.pick(registeredOn, level, r);
  const home = ctx.units.communeWithin(authority.unit, registeredOn, r);
  const marriedOn = again ? addDays(registeredOn, -r.int(3 * 365, 50 * 365)) : registeredOn;
  const foreignHusband = foreignElement && r.chance(0.75);
  const foreignWife = foreignElement && !foreignHusband;
  const naming = r.pick(FOREIGN_NAMING);
  const spouse = (sex: Sex, age: number, foreign: boolean): Person => {
    const birthDate = ctx.people.birthDateAged(marriedOn, age);
    if (foreign) return ctx.people.foreigner(sex, birthDate, naming, registeredOn);
    return vietnameseSpouse(
      ctx,
      sex,
      birthDate,
      registeredOn,
      r.chance(0.5) ? home : ctx.units.communeNear(home, registeredOn, r),
    );
  };
  const parties: Party[] = [
    { role: Role.WIFE, person: spouse(Sex.FEMALE, Math.round(r.triangular(18, 24, 45)), foreignWife) },
    { role: Role.HUSBAND, person: spouse(Sex.MALE, Math.round(r.triangular(20, 28, 55)), foreignHusband) },
  ];
  const record = ctx.envelope.record({
    eventType: EventType.MARRIAGE,
    registrationKind: frame.registrationKind,
    authority,
    registeredOn,
    occurredOn: marriedOn,
    parties,
    reRegistration: again
      ? {
          earlierRegisterRef: earlierRegisterRef(ctx, EventType.MARRIAGE, marriedOn, home),
          reason: r.pick(RE_REGISTRATION_REASONS),
        }
      : undefined,
    details: {
      marriage: foreignElement ? { establishedOn: marriedOn, foreignElement } : { establishedOn: marriedOn },
    },
  });
  return { record, authority, timeliness: 'NOT_APPLICABLE' };
}

function vietnameseSpouse(
  ctx: RecordContext,
  sex: Sex,
  birthDate: string,
  registeredOn: string,
  home: AdminUnit,
): Person {
  const r = ctx.random;
  return ctx.people.person({
    sex,
    birthDate,
    precision: ctx.people.precision(0.97),
    culture: ctx.names.cultureFor(home.provinceCode),
    namingProvince: home.provinceCode,
    pinProvince: r.chance(0.95) ? pinProvinceFor(ctx, birthDate, home) : undefined,
    documentsBy: registeredOn,
    residence: ctx.places.residence(home, registeredOn),
  });
}
