import { ChangeKind } from '../../contracts/v1/code-lists/change-kind.enum.js';
import { EventType } from '../../contracts/v1/code-lists/event-type.enum.js';
import { Role } from '../../contracts/v1/code-lists/role.enum.js';
import { Sex } from '../../contracts/v1/code-lists/sex.enum.js';
import type { Party } from '../../contracts/v1/common/party.contract.js';
import type { Person } from '../../contracts/v1/common/person.contract.js';
import type { CivilStatusChangeDetails } from '../../contracts/v1/details/civil-status-change-details.contract.js';
import type { FieldChange } from '../../contracts/v1/details/field-change.contract.js';
import { addDays } from './calendar-date.util.js';
import { authorityLevelFor } from './jurisdiction.policy.js';
import {
  earlierRegisterRef,
  resident,
  type BuiltRecord,
  type RecordContext,
  type RecordFrame,
} from './record-builder.context.js';
import { WeightedTable } from './weighted-table.util.js';

const KINDS = new WeightedTable<ChangeKind>([
  [ChangeKind.CORRECTION, 40],
  [ChangeKind.CHANGE, 35],
  [ChangeKind.SUPPLEMENT, 20],
  [ChangeKind.ETHNICITY_REDETERMINATION, 5],
]);
/** Tone placement written two ways (DOMAIN.md §7): the commonest correction of a name. */
const TONE_VARIANTS: Readonly<Record<string, string>> = {
  Thủy: 'Thuỷ',
  Thúy: 'Thuý',
  Hòa: 'Hoà',
  Khánh: 'Khanh',
  Hương: 'Huơng',
  Quỳnh: 'Quynh',
  Tường: 'Tuờng',
};

/** Thay đổi, cải chính, bổ sung hộ tịch, xác định lại dân tộc: always old value → new value. */
export function buildCivilStatusChange(ctx: RecordContext, frame: RecordFrame): BuiltRecord {
  const r = ctx.random;
  const { registeredOn } = frame;
  const kind = KINDS.pick(r);
  const age =
    kind === ChangeKind.ETHNICITY_REDETERMINATION ? r.int(0, 30) : Math.round(r.triangular(0, 10, 70));
  const level = authorityLevelFor(
    {
      eventType: EventType.CIVIL_STATUS_CHANGE,
      registeredOn,
      reorganisationDate: ctx.settings.reorganisationDate,
      subjectAge: age,
      ethnicityRedetermination: kind === ChangeKind.ETHNICITY_REDETERMINATION,
    },
    r,
  );
  const authority = ctx.authorities.pick(registeredOn, level, r);
  const home = ctx.units.communeWithin(authority.unit, registeredOn, r);
  const subject = resident(ctx, {
    age,
    on: registeredOn,
    home,
    registeredOn,
    pinShare: age >= 14 ? 0.95 : 0.75,
  });
  const parties: Party[] = [{ role: Role.SUBJECT, person: subject }];
  if (age < 18) {
    const mother = ctx.names.name({
      sex: Sex.FEMALE,
      birthYear: 1990,
      culture: 'KINH',
      provinceCode: home.provinceCode,
    });
    parties.push({ role: Role.REQUESTER, person: { fullName: mother.fullName }, relationship: 'Mẹ' });
  }
  const birthDate = subject.birthDate ?? registeredOn;
  const change: CivilStatusChangeDetails = {
    kind,
    ...content(ctx, kind, subject, home.provinceCode),
    affectedRegisterRef: earlierRegisterRef(ctx, EventType.BIRTH, addDays(birthDate, r.int(1, 60)), home),
  };
  const record = ctx.envelope.record({
    eventType: EventType.CIVIL_STATUS_CHANGE,
    registrationKind: frame.registrationKind,
    authority,
    registeredOn,
    parties,
    details: { civilStatusChange: change },
  });
  return { record, authority, timeliness: 'NOT_APPLICABLE' };
}

function content(
  ctx: RecordContext,
  kind: ChangeKind,
  subject: Person,
  provinceCode: string,
): { changes: FieldChange[]; reason: string; legalBasis?: string } {
  const r = ctx.random;
  switch (kind) {
    case ChangeKind.CHANGE: {
      const oldName = ctx.names.name({
        sex: subject.sex ?? Sex.MALE,
        birthYear: 2000,
        culture: 'KINH',
        provinceCode,
        familyName: subject.familyName,
      });
      return {
        changes: [{ field: 'fullName', oldValue: oldName.fullName, newValue: subject.fullName }],
        reason: r.pick([
          'Theo nguyện vọng của cha, mẹ',
          'Tên gây nhầm lẫn, ảnh hưởng đến tình cảm gia đình',
          'Thay đổi tên theo họ của cha',
        ]),
        legalBasis: 'Điều 26, 27 và 28 Bộ luật Dân sự năm 2015',
      };
    }
    case ChangeKind.CORRECTION:
      return { ...correction(ctx, subject), reason: 'Sai sót trong quá trình đăng ký hộ tịch' };
    case ChangeKind.SUPPLEMENT:
      return {
        changes: [{ field: 'hometown', newValue: subject.residence?.unit?.name ?? 'Xã Tân Lập' }],
        reason: 'Giấy khai sinh còn thiếu thông tin quê quán',
      };
    case ChangeKind.ETHNICITY_REDETERMINATION: {
      const newValue = subject.ethnicity ?? '01';
      const oldValue = newValue === '01' ? r.pick(['02', '03', '06', '07']) : '01';
      return {
        changes: [{ field: 'ethnicity', oldValue, newValue }],
        reason: 'Xác định lại dân tộc theo dân tộc của cha hoặc mẹ',
        legalBasis: 'Điều 29 Bộ luật Dân sự năm 2015',
      };
    }
  }
}

function correction(ctx: RecordContext, subject: Person): { changes: FieldChange[]; legalBasis: string } {
  const r = ctx.random;
  const given = subject.givenName ?? '';
  const misspelt = TONE_VARIANTS[given];
  if (misspelt !== undefined && r.chance(0.7)) {
    return {
      changes: [
        {
          field: 'fullName',
          oldValue: subject.fullName.replace(new RegExp(`${given}$`), misspelt),
          newValue: subject.fullName,
        },
      ],
      legalBasis: 'Giấy chứng sinh và hồ sơ học bạ',
    };
  }
  const birthDate = subject.birthDate ?? '2000-01-01';
  // Written earlier than the true date, so the old value never lies after the registration.
  const oldValue = birthDate.length === 10 ? addDays(birthDate, -r.int(1, 40)) : birthDate;
  return {
    changes: [{ field: 'birthDate', oldValue, newValue: birthDate }],
    legalBasis: 'Giấy chứng sinh số ' + String(r.int(100, 9999)),
  };
}
