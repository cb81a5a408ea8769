import type { CivilStatusRecord } from '../../contracts/v1/civil-status-record.contract.js';
import { AdminUnitLevel } from '../../contracts/v1/code-lists/admin-unit-level.enum.js';
import { EventType } from '../../contracts/v1/code-lists/event-type.enum.js';
import { IdentityDocumentType } from '../../contracts/v1/code-lists/identity-document-type.enum.js';
import { Role, SUBJECT_ROLES_BY_EVENT } from '../../contracts/v1/code-lists/role.enum.js';
import { Sex } from '../../contracts/v1/code-lists/sex.enum.js';
import type { Person } from '../../contracts/v1/common/person.contract.js';
import type { AdminUnitPicker } from './admin-unit.picker.js';
import { addDays, daysBetween } from './calendar-date.util.js';
import type { GeneratorReferenceData } from './generator-reference.loader.js';
import type { DefectKind } from './generated-record.model.js';
import type { PersonalIdIssuer } from './personal-id.issuer.js';
import type { SeededRandom } from './seeded-random.util.js';

export interface DefectContext {
  readonly random: SeededRandom;
  readonly today: string;
  readonly reference: GeneratorReferenceData;
  readonly units: AdminUnitPicker;
  readonly pins: PersonalIdIssuer;
}

export interface InjectedDefect {
  readonly record: Record<string, unknown>;
  readonly defect: DefectKind;
  readonly expectedErrorCode: string;
}

interface Defect {
  readonly applies: (record: CivilStatusRecord) => boolean;
  /** Breaks the record in place and says which code the hub must answer with. */
  readonly apply: (record: CivilStatusRecord) => string;
}

/**
 * Breaks a valid record in one realistic way: a typo in a year, a day that does not exist, a
 * personal ID number with a wrong digit, a commune code that stopped existing on 2025-07-01, a
 * district authority after districts were abolished, a field the format does not know.
 */
export class RecordDefectInjector {
  private readonly defects: Readonly<Record<DefectKind, Defect>>;
  private readonly unknownProvinceCodes: readonly string[];

  constructor(
    private readonly ctx: DefectContext,
    private readonly allowed: readonly DefectKind[],
  ) {
    const ever = new Set(ctx.reference.units.provinceCodesEverValid());
    this.unknownProvinceCodes = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0')).filter(
      (c) => !ever.has(c),
    );
    this.defects = this.catalogue();
  }

  inject(record: CivilStatusRecord): InjectedDefect | undefined {
    const applicable = this.allowed.filter((kind) => this.defects[kind].applies(record));
    if (applicable.length === 0) return undefined;
    const defect = this.ctx.random.pick(applicable);
    const expectedErrorCode = this.defects[defect].apply(record);
    return { record: { ...record }, defect, expectedErrorCode };
  }

  private catalogue(): Record<DefectKind, Defect> {
    const { random: r, today, reference } = this.ctx;
    const reorganisation = reference.reorganisationDate;
    const hasOccurred = (rec: CivilStatusRecord): boolean =>
      rec.occurredOn !== undefined && rec.occurredOn < today;
    return {
      FUTURE_DATE: {
        applies: () => true,
        apply: (rec) => {
          // A mistyped year ('2062' for '2026'), or an entry dated ahead as some offices do.
          if (rec.occurredOn !== undefined && r.chance(0.7))
            this.moveEvent(rec, addDays(today, r.int(1, 400)));
          else rec.registerRef.registeredOn = addDays(today, r.int(1, 60));
          return 'RULE.DATE_IN_FUTURE';
        },
      },
      IMPOSSIBLE_DATE: {
        applies: () => true,
        apply: (rec) => {
          const bad = (date: string): string =>
            `${date.slice(0, 4)}-${r.pick(['02-30', '02-31', '04-31', '06-31', '09-31', '11-31'])}`;
          if (rec.occurredOn !== undefined && r.chance(0.5)) {
            rec.occurredOn = bad(rec.occurredOn);
            return 'STRUCTURE.IS_PARTIAL_DATE';
          }
          rec.registerRef.registeredOn = bad(rec.registerRef.registeredOn);
          return 'STRUCTURE.IS_FULL_DATE';
        },
      },
      DEATH_BEFORE_BIRTH: {
        applies: (rec) => rec.eventType === EventType.DEATH && hasOccurred(rec),
        apply: (rec) => {
          this.bornAfterEvent(rec);
          return 'RULE.DEATH_BEFORE_BIRTH';
        },
      },
      EVENT_BEFORE_BIRTH: {
        applies: (rec) =>
          rec.eventType !== EventType.DEATH &&
          rec.eventType !== EventType.BIRTH &&
          hasOccurred(rec) &&
          this.subject(rec) !== undefined,
        apply: (rec) => {
          this.bornAfterEvent(rec);
          return 'RULE.EVENT_BEFORE_BIRTH';
        },
      },
      REGISTERED_BEFORE_EVENT: {
        applies: (rec) => rec.occurredOn !== undefined && rec.registerRef.registeredOn < today,
        apply: (rec) => {
          const registeredOn = rec.registerRef.registeredOn;
          this.moveEvent(
            rec,
            addDays(registeredOn, r.int(1, Math.min(60, daysBetween(registeredOn, today)))),
          );
          return 'RULE.REGISTERED_BEFORE_EVENT';
        },
      },
      PIN_SEX_DIGIT: this.pinDefect('RULE.PIN_SEX_MISMATCH', (pin) =>
        replaceAt(pin, 3, String(Number(pin[3]) ^ 1)),
      ),
      PIN_CENTURY_DIGIT: this.pinDefect('RULE.PIN_CENTURY_MISMATCH', (pin) => {
        const digit = Number(pin[3]);
        return replaceAt(pin, 3, String(digit < 2 ? digit + 2 : digit - 2));
      }),
      PIN_YEAR_DIGITS: this.pinDefect('RULE.PIN_YEAR_MISMATCH', (pin) => {
        const year = (Number(pin.slice(4, 6)) + r.int(1, 9)) % 100;
        return `${pin.slice(0, 4)}${String(year).padStart(2, '0')}${pin.slice(6)}`;
      }),
      PIN_UNKNOWN_PROVINCE: this.pinDefect(
        'RULE.PIN_PROVINCE_PREFIX',
        (pin) => `0${r.pick(this.unknownProvinceCodes)}${pin.slice(3)}`,
      ),
      UNIT_NOT_VALID_ON_DATE: {
        applies: () => today >= reorganisation && this.ctx.units.goneCommunes.length > 0,
        apply: (rec) => {
          const registeredOn = rec.registerRef.registeredOn;
          const asOf = registeredOn >= reorganisation ? registeredOn : r.dateBetween(reorganisation, today);
          // A pre-2025 commune code that no longer exists, or a district, meant on a date after the merger.
          const districts = this.ctx.units.formerDistricts;
          const unit =
            r.chance(0.25) && districts.length > 0 ? r.pick(districts) : r.pick(this.ctx.units.goneCommunes);
          const person = (rec.parties.find((p) => p.person.residence?.unit !== undefined) ?? rec.parties[0])
            ?.person;
          if (person !== undefined) {
            const ref = { code: unit.code, level: AdminUnitLevel[unit.level], name: unit.fullName, asOf };
            person.residence = { unit: ref, address: person.residence?.address ?? 'Thôn 1' };
          }
          return 'RULE.UNIT_NOT_VALID_ON_DATE';
        },
      },
      UNKNOWN_AUTHORITY: {
        applies: () => true,
        apply: (rec) => {
          rec.registerRef.authorityCode = `UBND-X-${this.unusedCommuneCode()}`;
          return 'RULE.AUTHORITY_UNKNOWN';
        },
      },
      AUTHORITY_NOT_VALID_ON_DATE: {
        applies: (rec) =>
          rec.registerRef.registeredOn >= reorganisation && this.ctx.units.formerDistricts.length > 0,
        apply: (rec) => {
          // A district People's Committee still registering after 2025-06-30, as an old template would.
          const district = r.pick(this.ctx.units.formerDistricts);
          const code = `UBND-H-${district.code}`;
          rec.registerRef.authorityCode = code;
          rec.registerRef.authorityName =
            reference.authorities.resolve(code, addDays(reorganisation, -1))?.name ?? district.fullName;
          return 'RULE.AUTHORITY_NOT_COMPETENT_ON_DATE';
        },
      },
      OUTSIDE_SOURCE_PROVINCE: {
        applies: () => this.ctx.units.boundProvince !== undefined,
        apply: (rec) => {
          // A neighbouring province's record sent by this province's source.
          const registeredOn = rec.registerRef.registeredOn;
          const bound = this.ctx.units.boundProvince;
          const others = this.ctx.units
            .allProvincesOn(registeredOn)
            .filter((p) => this.ctx.units.currentProvinceOf(p) !== bound);
          const commune = r.pick(reference.units.listCommunes(r.pick(others).code, registeredOn));
          const code = `UBND-X-${commune.code}`;
          rec.registerRef.authorityCode = code;
          rec.registerRef.authorityName =
            reference.authorities.resolve(code, registeredOn)?.name ?? commune.fullName;
          return 'AUTH.OUTSIDE_SOURCE_PROVINCE';
        },
      },
      UNKNOWN_FIELD: {
        applies: () => true,
        apply: (rec) => {
          const draw = r.next();
          if (draw < 0.4) Reflect.set(rec, 'maHoSo', `HS-${r.digits(8)}`);
          else if (draw < 0.8)
            Reflect.set(
              rec.parties[0]?.person ?? rec,
              'ngheNghiep',
              r.pick(['Nông dân', 'Công nhân', 'Tự do']),
            );
          else Reflect.set(rec.registerRef, 'nguoiKy', rec.signer?.name ?? 'Nguyễn Văn A');
          return 'STRUCTURE.UNKNOWN_FIELD';
        },
      },
      WRONG_TYPE: {
        applies: () => true,
        apply: (rec) => {
          const person = rec.parties[0]?.person;
          if (rec.birth?.plurality !== undefined && r.chance(0.3)) {
            Reflect.set(rec.birth, 'plurality', String(rec.birth.plurality));
            return 'STRUCTURE.IS_INT';
          }
          if (person?.sex !== undefined && r.chance(0.5)) {
            Reflect.set(person, 'sex', person.sex === Sex.MALE ? 'Nam' : 'Nữ');
            return 'STRUCTURE.IS_ENUM';
          }
          Reflect.set(rec.registerRef, 'entryNumber', Number(rec.registerRef.entryNumber));
          return 'STRUCTURE.IS_STRING';
        },
      },
      BROKEN_CHARACTER: {
        applies: (rec) => rec.parties.length > 0,
        apply: (rec) => {
          // What a decoder leaves for a byte it cannot read: TCVN3 or VNI text decoded as something else.
          const person = rec.parties[0]?.person;
          if (person !== undefined) {
            const name = person.fullName;
            const at = name.search(/[^\x20-\x7e]/);
            const index = at >= 0 ? at : name.length - 1;
            person.fullName = `${name.slice(0, index)}\uFFFD${name.slice(index + 1)}`;
          }
          return 'RULE.BROKEN_CHARACTER';
        },
      },
      OVERLONG_NAME: {
        applies: (rec) => rec.parties.length > 0,
        apply: (rec) => {
          const person = rec.parties[0]?.person;
          if (person !== undefined) {
            // A legacy export that glued name, address and notes into one column.
            let text = person.fullName;
            while (text.length <= 200)
              text += `, ${person.residence?.address ?? 'thôn Đông'}, ghi chú: đã kiểm tra hồ sơ gốc`;
            person.fullName = text;
          }
          return 'STRUCTURE.MAX_LENGTH';
        },
      },
    };
  }

  private pinDefect(code: string, mutate: (pin: string) => string): Defect {
    const holders = (rec: CivilStatusRecord): Person[] =>
      rec.parties
        .map((p) => p.person)
        .filter((p) => p.personalIdNumber !== undefined && p.sex !== undefined && p.birthDate !== undefined);
    return {
      applies: (rec) => holders(rec).length > 0,
      apply: (rec) => {
        const person = this.ctx.random.pick(holders(rec));
        const old = person.personalIdNumber ?? '';
        const pin = mutate(old);
        this.ctx.pins.reserve(pin);
        person.personalIdNumber = pin;
        for (const document of person.identityDocuments ?? []) {
          if (document.type === IdentityDocumentType.CCCD && document.number === old) document.number = pin;
        }
        return code;
      },
    };
  }

  /** The event (and a child's birth date, which must equal it) moved to another day. */
  private moveEvent(record: CivilStatusRecord, date: string): void {
    record.occurredOn = date;
    if (record.eventType !== EventType.BIRTH) return;
    const child = record.parties.find((p) => p.role === Role.CHILD);
    if (child !== undefined) child.person.birthDate = date;
  }

  /** The person concerned born after the event; their number goes, or it would fail on its year too. */
  private bornAfterEvent(record: CivilStatusRecord): void {
    const person = this.subject(record);
    const occurredOn = record.occurredOn;
    if (person === undefined || occurredOn === undefined) return;
    person.birthDate = addDays(
      occurredOn,
      this.ctx.random.int(1, Math.min(3650, daysBetween(occurredOn, this.ctx.today))),
    );
    delete person.personalIdNumber;
    delete person.identityDocuments;
  }

  private subject(record: CivilStatusRecord): Person | undefined {
    const roles: readonly string[] = SUBJECT_ROLES_BY_EVENT[record.eventType];
    return record.parties.find((p) => roles.includes(p.role))?.person;
  }

  /** Commune codes run to about 32,300; nothing above 40,000 has ever existed. */
  private unusedCommuneCode(): string {
    for (;;) {
      const code = String(this.ctx.random.int(40_000, 99_999));
      if (this.ctx.reference.units.versions(code).length === 0) return code;
    }
  }
}

function replaceAt(text: string, index: number, replacement: string): string {
  return text.slice(0, index) + replacement + text.slice(index + 1);
}
