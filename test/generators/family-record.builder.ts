import { EventType } from '../../contracts/v1/code-lists/event-type.enum.js';
import { GuardianshipAction } from '../../contracts/v1/code-lists/guardianship-action.enum.js';
import { ParentageRecognitionKind } from '../../contracts/v1/code-lists/parentage-recognition-kind.enum.js';
import { Role } from '../../contracts/v1/code-lists/role.enum.js';
import { Sex } from '../../contracts/v1/code-lists/sex.enum.js';
import { FOREIGN_NAMING } from './foreign-names.data.js';
import { authorityLevelFor } from './jurisdiction.policy.js';
import {
  resident,
  type BuiltRecord,
  type RecordContext,
  type RecordFrame,
} from './record-builder.context.js';
import { WeightedTable } from './weighted-table.util.js';

const GUARDIANSHIP_ACTIONS = new WeightedTable<GuardianshipAction>([
  [GuardianshipAction.ESTABLISH, 70],
  [GuardianshipAction.END, 15],
  [GuardianshipAction.CHANGE, 10],
  [GuardianshipAction.SUPERVISION, 5],
]);
const GUARDIANS: readonly (readonly [string, Sex, boolean])[] = [
  ['Ông nội', Sex.MALE, true],
  ['Bà nội', Sex.FEMALE, false],
  ['Bà ngoại', Sex.FEMALE, false],
  ['Chú ruột', Sex.MALE, true],
  ['Cô ruột', Sex.FEMALE, true],
  ['Anh ruột', Sex.MALE, true],
  ['Chị ruột', Sex.FEMALE, true],
];
const RECOGNITION_KINDS = new WeightedTable<ParentageRecognitionKind>([
  [ParentageRecognitionKind.FATHER_RECOGNISES_CHILD, 80],
  [ParentageRecognitionKind.MOTHER_RECOGNISES_CHILD, 5],
  [ParentageRecognitionKind.CHILD_RECOGNISES_FATHER, 10],
  [ParentageRecognitionKind.CHILD_RECOGNISES_MOTHER, 5],
]);

/** Giám hộ: a child under 15 without parents able to care for it, or an adult who lost capacity. */
export function buildGuardianship(ctx: RecordContext, frame: RecordFrame): BuiltRecord {
  const r = ctx.random;
  const { registeredOn } = frame;
  const authority = ctx.authorities.pick(registeredOn, 'COMMUNE', r);
  const home = ctx.units.communeWithin(authority.unit, registeredOn, r);
  const culture = ctx.names.cultureFor(home.provinceCode);
  const minor = r.chance(0.8);
  const ward = resident(ctx, {
    age: minor ? r.int(0, 14) : r.int(18, 75),
    on: registeredOn,
    home,
    registeredOn,
    culture,
    pinShare: 0.8,
  });
  const [relationship, sex, sameFamily] = r.pick(GUARDIANS);
  const guardian = resident(ctx, {
    sex,
    age: r.int(25, 70),
    on: registeredOn,
    home,
    registeredOn,
    culture,
    familyName: sameFamily && ward.sex === Sex.MALE ? ward.familyName : undefined,
  });
  const record = ctx.envelope.record({
    eventType: EventType.GUARDIANSHIP,
    registrationKind: frame.registrationKind,
    authority,
    registeredOn,
    occurredOn: registeredOn,
    parties: [
      { role: Role.WARD, person: ward },
      { role: Role.GUARDIAN, person: guardian, relationship },
    ],
    details: { guardianship: { action: GUARDIANSHIP_ACTIONS.pick(r) } },
  });
  return { record, authority, timeliness: 'NOT_APPLICABLE' };
}

/** Nhận cha, mẹ, con: mostly a father recognising a young child born outside marriage. */
export function buildParentageRecognition(ctx: RecordContext, frame: RecordFrame): BuiltRecord {
  const r = ctx.random;
  const { registeredOn } = frame;
  const foreignElement = r.chance(0.03);
  const level = authorityLevelFor(
    {
      eventType: EventType.PARENTAGE_RECOGNITION,
      registeredOn,
      reorganisationDate: ctx.settings.reorganisationDate,
      foreignElement,
    },
    r,
  );
  const authority = ctx.authorities.pick(registeredOn, level, r);
  const home = ctx.units.communeWithin(authority.unit, registeredOn, r);
  const kind = RECOGNITION_KINDS.pick(r);
  const fatherSide =
    kind === ParentageRecognitionKind.FATHER_RECOGNISES_CHILD ||
    kind === ParentageRecognitionKind.CHILD_RECOGNISES_FATHER;
  const childAge = Math.round(r.triangular(0, 2, 35));
  const culture = ctx.names.cultureFor(home.provinceCode);
  const parentSex = fatherSide ? Sex.MALE : Sex.FEMALE;
  const parentAge = childAge + r.int(18, 45);
  // A foreign parent recognising a Vietnamese child: before 2025-07-01 a district matter.
  const parent = foreignElement
    ? ctx.people.foreigner(
        parentSex,
        ctx.people.birthDateAged(registeredOn, parentAge),
        r.pick(FOREIGN_NAMING),
        registeredOn,
      )
    : resident(ctx, { sex: parentSex, age: parentAge, on: registeredOn, home, registeredOn, culture });
  const child = resident(ctx, {
    age: childAge,
    on: registeredOn,
    home,
    registeredOn,
    culture,
    familyName: foreignElement ? undefined : parent.familyName,
    pinShare: 0.85,
  });
  const record = ctx.envelope.record({
    eventType: EventType.PARENTAGE_RECOGNITION,
    registrationKind: frame.registrationKind,
    authority,
    registeredOn,
    occurredOn: registeredOn,
    parties: [
      { role: Role.PARENT, person: parent, relationship: fatherSide ? 'Cha' : 'Mẹ' },
      { role: Role.RECOGNISED_CHILD, person: child, relationship: 'Con' },
    ],
    details: { parentageRecognition: { kind } },
  });
  return { record, authority, timeliness: 'NOT_APPLICABLE' };
}
