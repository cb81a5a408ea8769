import { EventType } from '../../contracts/v1/code-lists/event-type.enum.js';
import { MaritalStatus } from '../../contracts/v1/code-lists/marital-status.enum.js';
import { Role } from '../../contracts/v1/code-lists/role.enum.js';
import { addMonths } from './calendar-date.util.js';
import { FOREIGN_NAMING } from './foreign-names.data.js';
import {
  resident,
  type BuiltRecord,
  type RecordContext,
  type RecordFrame,
} from './record-builder.context.js';
import { WeightedTable } from './weighted-table.util.js';

const STATUSES = new WeightedTable<MaritalStatus>([
  [MaritalStatus.NEVER_MARRIED, 75],
  [MaritalStatus.DIVORCED, 14],
  [MaritalStatus.WIDOWED, 7],
  [MaritalStatus.MARRIED, 3],
  [MaritalStatus.MARRIAGE_ANNULLED, 1],
]);
const OTHER_PURPOSES = [
  'Để bổ sung hồ sơ vay vốn tại ngân hàng',
  'Để làm thủ tục chuyển nhượng quyền sử dụng đất',
  'Để bổ sung hồ sơ xin việc',
  'Để làm thủ tục đi lao động ở nước ngoài',
];
const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  KR: 'Hàn Quốc',
  JP: 'Nhật Bản',
  TW: 'Đài Loan (Trung Quốc)',
  US: 'Hoa Kỳ',
  CN: 'Trung Quốc',
  AU: 'Australia',
  DE: 'Đức',
};

/** Giấy xác nhận tình trạng hôn nhân: states the status and one purpose; valid six months. */
export function buildMaritalStatusCertificate(ctx: RecordContext, frame: RecordFrame): BuiltRecord {
  const r = ctx.random;
  const { registeredOn } = frame;
  const authority = ctx.authorities.pick(registeredOn, 'COMMUNE', r);
  const home = ctx.units.communeWithin(authority.unit, registeredOn, r);
  const subject = resident(ctx, {
    age: Math.round(r.triangular(18, 27, 65)),
    on: registeredOn,
    home,
    registeredOn,
    pinShare: 0.97,
  });
  const maritalStatus = STATUSES.pick(r);
  const record = ctx.envelope.record({
    eventType: EventType.MARITAL_STATUS_CERTIFICATE,
    registrationKind: frame.registrationKind,
    authority,
    registeredOn,
    parties: [{ role: Role.SUBJECT, person: subject }],
    details: {
      maritalStatusCertificate: {
        maritalStatus,
        purpose: purpose(ctx, maritalStatus),
        validUntil: addMonths(registeredOn, 6),
      },
    },
  });
  return { record, authority, timeliness: 'NOT_APPLICABLE' };
}

function purpose(ctx: RecordContext, status: MaritalStatus): string {
  const r = ctx.random;
  if (status === MaritalStatus.MARRIED || r.chance(0.35)) return r.pick(OTHER_PURPOSES);
  if (r.chance(0.8)) return 'Để làm thủ tục đăng ký kết hôn';
  const naming = r.pick(FOREIGN_NAMING);
  return `Để làm thủ tục kết hôn với người có quốc tịch ${COUNTRY_NAMES[naming.country] ?? naming.country} tại ${COUNTRY_NAMES[naming.country] ?? naming.country}`;
}
