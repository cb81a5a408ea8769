import { DecisionIssuerKind } from '../../contracts/v1/code-lists/decision-issuer-kind.enum.js';
import { EventType } from '../../contracts/v1/code-lists/event-type.enum.js';
import { Role } from '../../contracts/v1/code-lists/role.enum.js';
import { Sex } from '../../contracts/v1/code-lists/sex.enum.js';
import type { Party } from '../../contracts/v1/common/party.contract.js';
import type { DecisionDetails } from '../../contracts/v1/details/decision-details.contract.js';
import type { AdminUnit } from '../../src/admin-units/admin-unit.model.js';
import { lowerKind } from './place.factory.js';
import { addDays, addYears, maxDate, minDate, yearOf } from './calendar-date.util.js';
import { authorityLevelFor } from './jurisdiction.policy.js';
import {
  earlierRegisterRef,
  resident,
  type BuiltRecord,
  type RecordContext,
  type RecordFrame,
} from './record-builder.context.js';

type PartyShape = 'SPOUSES' | 'SUBJECT' | 'DECLARATION' | 'ADOPTION' | 'PARENTAGE' | 'GUARDIANSHIP';

interface DecisionSpec {
  readonly issuer: DecisionIssuerKind;
  readonly parties: PartyShape;
  /** Court case-type suffix of the number ('123/2025/QĐST-HNGĐ'), or an authority's ('QĐ-CTN'). */
  readonly suffixes: readonly string[];
  readonly summaries: readonly string[];
  readonly affects: EventType;
}

const COURT = DecisionIssuerKind.COURT_JUDGMENT;
const AUTHORITY = DecisionIssuerKind.AUTHORITY_DECISION;
const FAMILY_CASE = ['QĐST-HNGĐ', 'HNGĐ-ST'];
const CIVIL_MATTER = ['QĐST-VDS'];

/** Ghi vào Sổ hộ tịch (Luật Hộ tịch 2014 Art. 3.2): who decides, who is named, what entry it changes. */
const DECISIONS: Readonly<Partial<Record<EventType, DecisionSpec>>> = {
  [EventType.NATIONALITY_CHANGE]: {
    issuer: AUTHORITY,
    parties: 'SUBJECT',
    suffixes: ['QĐ-CTN'],
    summaries: ['Cho thôi quốc tịch Việt Nam', 'Cho trở lại quốc tịch Việt Nam'],
    affects: EventType.BIRTH,
  },
  [EventType.PARENTAGE_DETERMINATION]: {
    issuer: COURT,
    parties: 'PARENTAGE',
    suffixes: FAMILY_CASE,
    summaries: ['Xác định cha cho con', 'Xác định mẹ cho con'],
    affects: EventType.BIRTH,
  },
  [EventType.SEX_REDETERMINATION]: {
    issuer: AUTHORITY,
    parties: 'SUBJECT',
    suffixes: ['GCN-BV'],
    summaries: ['Xác định lại giới tính'],
    affects: EventType.BIRTH,
  },
  [EventType.ADOPTION]: {
    issuer: AUTHORITY,
    parties: 'ADOPTION',
    suffixes: ['QĐ-UBND'],
    summaries: ['Cho người nước ngoài nhận trẻ em Việt Nam làm con nuôi'],
    affects: EventType.BIRTH,
  },
  [EventType.ADOPTION_TERMINATION]: {
    issuer: COURT,
    parties: 'ADOPTION',
    suffixes: FAMILY_CASE,
    summaries: ['Chấm dứt việc nuôi con nuôi'],
    affects: EventType.BIRTH,
  },
  [EventType.DIVORCE]: {
    issuer: COURT,
    parties: 'SPOUSES',
    suffixes: FAMILY_CASE,
    summaries: ['Công nhận thuận tình ly hôn', 'Xử cho ly hôn'],
    affects: EventType.MARRIAGE,
  },
  [EventType.MARRIAGE_ANNULMENT]: {
    issuer: COURT,
    parties: 'SPOUSES',
    suffixes: ['HNGĐ-ST'],
    summaries: ['Hủy việc kết hôn trái pháp luật'],
    affects: EventType.MARRIAGE,
  },
  [EventType.MARRIAGE_RECOGNITION]: {
    issuer: COURT,
    parties: 'SPOUSES',
    suffixes: ['QĐST-HNGĐ'],
    summaries: ['Công nhận quan hệ hôn nhân'],
    affects: EventType.MARRIAGE,
  },
  [EventType.GUARDIANSHIP_RECOGNITION]: {
    issuer: COURT,
    parties: 'GUARDIANSHIP',
    suffixes: CIVIL_MATTER,
    summaries: ['Công nhận việc giám hộ'],
    affects: EventType.GUARDIANSHIP,
  },
  [EventType.DECLARATION_MISSING]: {
    issuer: COURT,
    parties: 'DECLARATION',
    suffixes: CIVIL_MATTER,
    summaries: ['Tuyên bố một người mất tích'],
    affects: EventType.BIRTH,
  },
  [EventType.DECLARATION_DEAD]: {
    issuer: COURT,
    parties: 'DECLARATION',
    suffixes: CIVIL_MATTER,
    summaries: ['Tuyên bố một người là đã chết'],
    affects: EventType.BIRTH,
  },
  [EventType.DECLARATION_LEGAL_CAPACITY]: {
    issuer: COURT,
    parties: 'DECLARATION',
    suffixes: CIVIL_MATTER,
    summaries: [
      'Tuyên bố một người mất năng lực hành vi dân sự',
      'Tuyên bố một người bị hạn chế năng lực hành vi dân sự',
    ],
    affects: EventType.BIRTH,
  },
  [EventType.DECLARATION_CANCELLATION]: {
    issuer: COURT,
    parties: 'DECLARATION',
    suffixes: CIVIL_MATTER,
    summaries: [
      'Hủy bỏ quyết định tuyên bố một người mất tích',
      'Hủy bỏ quyết định tuyên bố một người là đã chết',
    ],
    affects: EventType.BIRTH,
  },
};

const HOSPITALS = [
  'Bệnh viện Nhi Trung ương',
  'Bệnh viện Hữu nghị Việt Đức',
  'Bệnh viện Nhi Đồng 1',
  'Bệnh viện Chợ Rẫy',
];

/** A judgment or decision written into the register some weeks or months after it took effect. */
export function buildDecision(ctx: RecordContext, frame: RecordFrame): BuiltRecord {
  const r = ctx.random;
  const spec = DECISIONS[frame.eventType];
  if (spec === undefined) throw new RangeError(`${frame.eventType} is not a recorded decision`);
  const { registeredOn } = frame;
  const level = authorityLevelFor(
    { eventType: frame.eventType, registeredOn, reorganisationDate: ctx.settings.reorganisationDate },
    r,
  );
  const authority = ctx.authorities.pick(registeredOn, level, r);
  const home = ctx.units.communeWithin(authority.unit, registeredOn, r);
  const decidedOn = addDays(registeredOn, -r.int(10, 365));
  const parties = partiesOf(ctx, spec.parties, home, decidedOn, registeredOn);
  const affectedOn = affectedDate(ctx, spec, parties, decidedOn);
  const decision: DecisionDetails = {
    issuerKind: spec.issuer,
    issuerName: issuerName(ctx, frame.eventType, spec, home, decidedOn),
    decisionNumber: decisionNumber(ctx, spec, decidedOn),
    decidedOn,
  };
  // A judgment takes effect after the appeal period; it is written into the register after that.
  if (spec.issuer === COURT) decision.effectiveOn = minDate(addDays(decidedOn, r.int(15, 45)), registeredOn);
  else if (r.chance(0.5)) decision.effectiveOn = decidedOn;
  if (r.chance(0.6)) decision.summary = r.pick(spec.summaries);
  decision.affectedRegisterRef = earlierRegisterRef(ctx, spec.affects, affectedOn, home);
  const record = ctx.envelope.record({
    eventType: frame.eventType,
    registrationKind: frame.registrationKind,
    authority,
    registeredOn,
    occurredOn: decidedOn,
    parties,
    details: { decision },
  });
  return { record, authority, timeliness: 'NOT_APPLICABLE' };
}

function partiesOf(
  ctx: RecordContext,
  shape: PartyShape,
  home: AdminUnit,
  decidedOn: string,
  registeredOn: string,
): Party[] {
  const r = ctx.random;
  const culture = ctx.names.cultureFor(home.provinceCode);
  const person = (sex: Sex | undefined, age: number, pinShare = 0.95, familyName?: string) =>
    resident(ctx, { sex, age, on: decidedOn, home, registeredOn, culture, pinShare, familyName });
  switch (shape) {
    case 'SPOUSES': {
      const wifeAge = Math.round(r.triangular(22, 35, 70));
      return [
        { role: Role.WIFE, person: person(Sex.FEMALE, wifeAge) },
        { role: Role.HUSBAND, person: person(Sex.MALE, Math.max(20, wifeAge + r.int(-2, 8))) },
      ];
    }
    case 'SUBJECT':
      return [{ role: Role.SUBJECT, person: person(undefined, Math.round(r.triangular(0, 30, 70))) }];
    case 'DECLARATION': {
      const subject = person(undefined, Math.round(r.triangular(20, 45, 85)));
      const requester = person(subject.sex === Sex.MALE ? Sex.FEMALE : Sex.MALE, r.int(25, 70));
      return [
        { role: Role.SUBJECT, person: subject },
        { role: Role.REQUESTER, person: requester, relationship: subject.sex === Sex.MALE ? 'Vợ' : 'Chồng' },
      ];
    }
    case 'ADOPTION': {
      const parent = person(r.chance(0.6) ? Sex.FEMALE : Sex.MALE, r.int(30, 55));
      return [
        {
          role: Role.ADOPTIVE_PARENT,
          person: parent,
          relationship: parent.sex === Sex.MALE ? 'Cha nuôi' : 'Mẹ nuôi',
        },
        { role: Role.ADOPTED_CHILD, person: person(undefined, r.int(0, 12), 0.7), relationship: 'Con nuôi' },
      ];
    }
    case 'PARENTAGE': {
      const childAge = Math.round(r.triangular(0, 3, 30));
      const parent = person(r.chance(0.85) ? Sex.MALE : Sex.FEMALE, childAge + r.int(20, 45));
      return [
        { role: Role.PARENT, person: parent, relationship: parent.sex === Sex.MALE ? 'Cha' : 'Mẹ' },
        {
          role: Role.RECOGNISED_CHILD,
          person: person(undefined, childAge, 0.8, parent.familyName),
          relationship: 'Con',
        },
      ];
    }
    case 'GUARDIANSHIP':
      return [
        { role: Role.WARD, person: person(undefined, r.int(0, 14), 0.75) },
        {
          role: Role.GUARDIAN,
          person: person(undefined, r.int(30, 65)),
          relationship: r.pick(['Ông nội', 'Bà ngoại', 'Chú ruột']),
        },
      ];
  }
}

/**
 * The affected entry is older than the decision: a marriage once both spouses were of age (18 and
 * 20), a birth registered soon after the person concerned was born, a guardianship some time before.
 */
function affectedDate(
  ctx: RecordContext,
  spec: DecisionSpec,
  parties: readonly Party[],
  decidedOn: string,
): string {
  const r = ctx.random;
  const bornOn = (index: number): string => parties[index]?.person.birthDate ?? decidedOn;
  if (spec.affects === EventType.MARRIAGE) {
    const ofAge = maxDate(addYears(bornOn(0), 18), addYears(bornOn(1), 20));
    return minDate(decidedOn, maxDate(ofAge, addDays(decidedOn, -r.int(365, 20 * 365))));
  }
  if (spec.affects === EventType.GUARDIANSHIP) return addDays(decidedOn, -r.int(30, 3 * 365));
  const concerned = spec.parties === 'ADOPTION' || spec.parties === 'PARENTAGE' ? 1 : 0;
  return minDate(decidedOn, addDays(bornOn(concerned), r.int(1, 60)));
}

function issuerName(
  ctx: RecordContext,
  eventType: EventType,
  spec: DecisionSpec,
  home: AdminUnit,
  decidedOn: string,
): string {
  const r = ctx.random;
  const place = ctx.units.communeOn(home, decidedOn, r);
  const province = ctx.units.provinceOf(place);
  const provinceName = `${lowerKind(province.kind)} ${province.name}`;
  if (eventType === EventType.NATIONALITY_CHANGE) return 'Chủ tịch nước Cộng hòa xã hội chủ nghĩa Việt Nam';
  if (eventType === EventType.SEX_REDETERMINATION) return r.pick(HOSPITALS);
  if (spec.issuer === AUTHORITY) return `Ủy ban nhân dân ${provinceName}`;
  if (r.chance(0.2)) return `Tòa án nhân dân ${provinceName}`;
  // Courts were reorganised with the units on 2025-07-01: district courts became regional ones.
  const district = ctx.units.districtOf(place);
  if (district !== undefined) return `Tòa án nhân dân ${lowerKind(district.kind)} ${district.name}`;
  return `Tòa án nhân dân khu vực ${r.int(1, 12)} - ${province.name}`;
}

function decisionNumber(ctx: RecordContext, spec: DecisionSpec, decidedOn: string): string {
  const r = ctx.random;
  const suffix = r.pick(spec.suffixes);
  const number = r.int(1, 480);
  return spec.issuer === COURT ? `${number}/${yearOf(decidedOn)}/${suffix}` : `${number}/${suffix}`;
}
