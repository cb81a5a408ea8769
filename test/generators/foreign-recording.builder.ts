import { EventType } from '../../contracts/v1/code-lists/event-type.enum.js';
import { ForeignEventKind } from '../../contracts/v1/code-lists/foreign-event-kind.enum.js';
import { VIETNAM } from '../../contracts/v1/code-lists/nationality.code-list.js';
import { Role } from '../../contracts/v1/code-lists/role.enum.js';
import { Sex } from '../../contracts/v1/code-lists/sex.enum.js';
import type { Party } from '../../contracts/v1/common/party.contract.js';
import type { Person } from '../../contracts/v1/common/person.contract.js';
import type { ForeignRecordingDetails } from '../../contracts/v1/details/foreign-recording-details.contract.js';
import type { AdminUnit } from '../../src/admin-units/admin-unit.model.js';
import { addDays, minDate } from './calendar-date.util.js';
import { FOREIGN_NAMING, type ForeignNaming } from './foreign-names.data.js';
import { authorityLevelFor } from './jurisdiction.policy.js';
import {
  resident,
  type BuiltRecord,
  type RecordContext,
  type RecordFrame,
} from './record-builder.context.js';
import { WeightedTable } from './weighted-table.util.js';

const KINDS = new WeightedTable<ForeignEventKind>([
  [ForeignEventKind.BIRTH, 35],
  [ForeignEventKind.MARRIAGE, 30],
  [ForeignEventKind.DIVORCE, 12],
  [ForeignEventKind.DEATH, 6],
  [ForeignEventKind.CIVIL_STATUS_CHANGE, 5],
  [ForeignEventKind.ADOPTION, 3],
  [ForeignEventKind.PARENTAGE, 3],
  [ForeignEventKind.MARRIAGE_ANNULMENT, 3],
  [ForeignEventKind.GUARDIANSHIP, 3],
]);
/** Where Vietnamese citizens' events abroad mostly happen (marriage migration, labour, study). */
const COUNTRY_WEIGHT: Readonly<Record<string, number>> = {
  KR: 30,
  JP: 20,
  TW: 20,
  US: 10,
  CN: 8,
  AU: 6,
  DE: 6,
};
const COUNTRIES = new WeightedTable<ForeignNaming>(
  FOREIGN_NAMING.map((n) => [n, COUNTRY_WEIGHT[n.country] ?? 1]),
);
const DECIDED_BY_COURT = new Set<ForeignEventKind>([
  ForeignEventKind.DIVORCE,
  ForeignEventKind.MARRIAGE_ANNULMENT,
  ForeignEventKind.ADOPTION,
  ForeignEventKind.PARENTAGE,
]);
const WITH_SPOUSE = new Set<ForeignEventKind>([
  ForeignEventKind.MARRIAGE,
  ForeignEventKind.DIVORCE,
  ForeignEventKind.MARRIAGE_ANNULMENT,
]);

/** Ghi chú: a Vietnamese citizen's birth, marriage, divorce... already registered or decided abroad. */
export function buildForeignRecording(ctx: RecordContext, frame: RecordFrame): BuiltRecord {
  const r = ctx.random;
  const { registeredOn } = frame;
  const level = authorityLevelFor(
    {
      eventType: EventType.FOREIGN_RECORDING,
      registeredOn,
      reorganisationDate: ctx.settings.reorganisationDate,
    },
    r,
  );
  const authority = ctx.authorities.pick(registeredOn, level, r);
  const home = ctx.units.communeWithin(authority.unit, registeredOn, r);
  const kind = KINDS.pick(r);
  const naming = COUNTRIES.pick(r);
  const eventDate = addDays(registeredOn, -r.int(30, 5 * 365));
  const subject = subjectOf(ctx, kind, naming, home, eventDate, registeredOn);
  const parties: Party[] = [{ role: Role.SUBJECT, person: subject }];
  if (WITH_SPOUSE.has(kind)) {
    const spouseSex = subject.sex === Sex.FEMALE ? Sex.MALE : Sex.FEMALE;
    const spouseBorn = ctx.people.birthDateAged(eventDate, r.int(22, 50));
    parties.push({
      role: spouseSex === Sex.MALE ? Role.HUSBAND : Role.WIFE,
      person: ctx.people.foreigner(spouseSex, spouseBorn, naming, registeredOn),
    });
  }
  const foreignRecording: ForeignRecordingDetails = {
    foreignEventKind: kind,
    foreignAuthority: DECIDED_BY_COURT.has(kind) ? naming.court : naming.authority,
    country: naming.country,
  };
  if (r.chance(0.8)) foreignRecording.documentNumber = `${naming.country}-${r.digits(7)}`;
  if (r.chance(0.8)) foreignRecording.documentDate = minDate(addDays(eventDate, r.int(0, 60)), registeredOn);
  const record = ctx.envelope.record({
    eventType: EventType.FOREIGN_RECORDING,
    registrationKind: frame.registrationKind,
    authority,
    registeredOn,
    occurredOn: eventDate,
    parties,
    details: { foreignRecording },
  });
  return { record, authority, timeliness: 'NOT_APPLICABLE' };
}

function subjectOf(
  ctx: RecordContext,
  kind: ForeignEventKind,
  naming: ForeignNaming,
  home: AdminUnit,
  eventDate: string,
  registeredOn: string,
): Person {
  const r = ctx.random;
  if (kind === ForeignEventKind.BIRTH) {
    // Born abroad to a Vietnamese parent: the place of birth is the country, often a second nationality.
    const child = ctx.people.person({
      sex: r.chance(0.5) ? Sex.MALE : Sex.FEMALE,
      birthDate: eventDate,
      culture: ctx.names.cultureFor(home.provinceCode),
      namingProvince: home.provinceCode,
      pinProvince: r.chance(0.3) ? home.provinceCode : undefined,
      placeOfBirth: { country: naming.country },
      residence: r.chance(0.5) ? { country: naming.country } : ctx.places.residence(home, registeredOn),
    });
    if (r.chance(0.4)) child.nationalities = [VIETNAM, naming.country];
    return child;
  }
  const age =
    kind === ForeignEventKind.DEATH
      ? Math.round(r.triangular(30, 60, 90))
      : Math.round(r.triangular(20, 30, 55));
  const sex = WITH_SPOUSE.has(kind) && r.chance(0.8) ? Sex.FEMALE : undefined;
  const person = resident(ctx, { sex, age, on: eventDate, home, registeredOn });
  return r.chance(0.4) ? { ...person, residence: { country: naming.country } } : person;
}
