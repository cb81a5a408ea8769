import { partialDateBounds } from '../../../contracts/v1/partial-date.js';
import type { RecordError } from '../record-error.js';
import { pathText, type RecordScan } from './record-scan.js';
import type { RuleContext, RuleRecord } from './rule-context.js';

/** Roles whose date of birth must be a full date outside historical records (Luật Hộ tịch Art. 14). */
const FULL_BIRTH_DATE_ROLES = new Set(['CHILD', 'ADOPTED_CHILD']);

export function checkDatesNotInFuture(scan: RecordScan, ctx: RuleContext): RecordError[] {
  const errors: RecordError[] = [];
  for (const [path, value] of scan.pastDates) {
    const bounds = partialDateBounds(value);
    if (bounds && bounds.earliest > ctx.today) {
      errors.push({
        path: pathText(path),
        code: 'RULE.DATE_IN_FUTURE',
        message: `Ngày ${value} ở tương lai (hôm nay là ${ctx.today}).`,
      });
    }
  }
  return errors;
}

/** Partial dates are for digitised historical books and for people such as parents known by year. */
export function checkPartialDatesAllowed(record: RuleRecord): RecordError[] {
  if (record.historical) return [];
  const errors: RecordError[] = [];
  if (record.occurredOn !== undefined && !isFull(record.occurredOn)) {
    errors.push({
      path: 'occurredOn',
      code: 'RULE.PARTIAL_DATE_NOT_ALLOWED',
      message: 'Ngày xảy ra sự kiện phải đủ ngày, tháng, năm (chỉ hồ sơ số hóa sổ cũ mới được ghi thiếu).',
    });
  }
  record.parties.forEach((party, i) => {
    const birthDate = party.person.birthDate;
    if (birthDate !== undefined && FULL_BIRTH_DATE_ROLES.has(party.role) && !isFull(birthDate)) {
      errors.push({
        path: `parties[${i}].person.birthDate`,
        code: 'RULE.PARTIAL_DATE_NOT_ALLOWED',
        message: 'Ngày sinh của trẻ phải đủ ngày, tháng, năm.',
      });
    }
  });
  return errors;
}

/** Registration cannot precede the event; a birth date and the birth event must agree. */
export function checkEventChronology(record: RuleRecord, subjectRoles: readonly string[]): RecordError[] {
  const errors: RecordError[] = [];
  const event = record.occurredOn ? partialDateBounds(record.occurredOn) : undefined;
  const registeredOn = record.registerRef.registeredOn;
  if (event && registeredOn < event.earliest) {
    errors.push({
      path: 'registerRef.registeredOn',
      code: 'RULE.REGISTERED_BEFORE_EVENT',
      message: `Ngày đăng ký ${registeredOn} trước ngày xảy ra sự kiện ${record.occurredOn ?? ''}.`,
    });
  }
  record.parties.forEach((party, i) => {
    const birth = party.person.birthDate ? partialDateBounds(party.person.birthDate) : undefined;
    if (!birth) return;
    const path = `parties[${i}].person.birthDate`;
    if (record.eventType === 'BIRTH' && party.role === 'CHILD') {
      if (record.occurredOn && party.person.birthDate !== record.occurredOn && isFull(record.occurredOn)) {
        errors.push({
          path,
          code: 'RULE.BIRTH_DATE_MISMATCH',
          message: `Ngày sinh của trẻ (${party.person.birthDate}) khác ngày sự kiện khai sinh (${record.occurredOn}).`,
        });
      }
      if (registeredOn < birth.earliest) {
        errors.push({
          path: 'registerRef.registeredOn',
          code: 'RULE.REGISTERED_BEFORE_EVENT',
          message: `Ngày đăng ký ${registeredOn} trước ngày sinh của trẻ.`,
        });
      }
      return;
    }
    if (event && subjectRoles.includes(party.role) && birth.earliest > event.latest) {
      const code = record.eventType === 'DEATH' ? 'RULE.DEATH_BEFORE_BIRTH' : 'RULE.EVENT_BEFORE_BIRTH';
      const what = record.eventType === 'DEATH' ? 'Ngày chết' : 'Ngày xảy ra sự kiện';
      errors.push({
        path,
        code,
        message: `${what} (${record.occurredOn ?? ''}) trước ngày sinh (${party.person.birthDate ?? ''}).`,
      });
    }
  });
  return errors;
}

function isFull(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date);
}
