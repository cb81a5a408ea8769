import { IdentityDocumentType } from '../../contracts/v1/code-lists/identity-document-type.enum.js';
import { VIETNAM } from '../../contracts/v1/code-lists/nationality.code-list.js';
import { Sex } from '../../contracts/v1/code-lists/sex.enum.js';
import type { IdentityDocument } from '../../contracts/v1/common/identity-document.contract.js';
import type { Person } from '../../contracts/v1/common/person.contract.js';
import type { Place } from '../../contracts/v1/common/place.contract.js';
import type { ForeignNaming } from './foreign-names.data.js';
import { addYears, birthDateForAge, maxDate, minDate, yearOf } from './calendar-date.util.js';
import { dateInWords } from './date-in-words.util.js';
import type { PersonalIdIssuer } from './personal-id.issuer.js';
import type { NameCulture, PersonNameGenerator } from './person-name.generator.js';
import type { SeededRandom } from './seeded-random.util.js';

export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR';

export interface PersonSpec {
  sex: Sex;
  /** The true date of birth; `precision` says how much of it the record writes. */
  birthDate: string;
  precision?: DatePrecision;
  culture: NameCulture;
  /** Registering province code (of that date): the regional spelling of family names. */
  namingProvince: string;
  familyName?: string;
  /** Province code (valid at birth) for the personal ID number; absent: the person has none. */
  pinProvince?: string;
  /** Latest day an identity card can have been issued (the registration date). */
  documentsBy?: string;
  /** 9-digit CMND only, for those who died before the personal ID number existed for them. */
  oldIdentityCard?: boolean;
  inWords?: boolean;
  placeOfBirth?: Place;
  hometown?: Place;
  residence?: Place;
}

/** CCCD cards from 2016; since 2024-07-01 the thẻ căn cước is issued by the Ministry itself. */
const CCCD_FROM = '2016-01-01';
const CAN_CUOC_FROM = '2024-07-01';
const CCCD_MIN_AGE = 14;

/** People as the standard format writes them, with consistent names, dates and ID numbers. */
export class PersonFactory {
  constructor(
    private readonly random: SeededRandom,
    private readonly names: PersonNameGenerator,
    private readonly pins: PersonalIdIssuer,
  ) {}

  /** Someone `age` years old on `on` (age drawn by the caller). */
  birthDateAged(on: string, age: number): string {
    return birthDateForAge(on, Math.max(0, Math.round(age)), this.random.int(0, 364));
  }

  /** Full date mostly; year only or year and month now and then (allowed for parents and the old). */
  precision(fullShare: number): DatePrecision {
    const draw = this.random.next();
    if (draw < fullShare) return 'DAY';
    return draw < fullShare + (1 - fullShare) * 0.8 ? 'YEAR' : 'MONTH';
  }

  person(spec: PersonSpec): Person {
    const birthYear = yearOf(spec.birthDate);
    const name = this.names.name({
      sex: spec.sex,
      birthYear,
      culture: spec.culture,
      provinceCode: spec.namingProvince,
      familyName: spec.familyName,
    });
    const pin =
      spec.pinProvince === undefined ? undefined : this.pins.issue(spec.pinProvince, spec.sex, birthYear);
    const documents = this.documents(spec, pin);
    // Assigned field by field: spreading the name object was the slowest line of the generator.
    const person: Person = { fullName: name.fullName };
    if (name.familyName !== undefined) person.familyName = name.familyName;
    if (name.middleName !== undefined) person.middleName = name.middleName;
    person.givenName = name.givenName;
    person.sex = spec.sex;
    person.birthDate = written(spec.birthDate, spec.precision ?? 'DAY');
    if (spec.inWords) person.birthDateInWords = dateInWords(spec.birthDate);
    if (spec.placeOfBirth) person.placeOfBirth = spec.placeOfBirth;
    if (spec.hometown) person.hometown = spec.hometown;
    person.ethnicity = this.names.ethnicityOf(spec.culture);
    person.nationality = VIETNAM;
    if (pin !== undefined) person.personalIdNumber = pin;
    if (documents.length > 0) person.identityDocuments = documents;
    if (spec.residence) person.residence = spec.residence;
    return person;
  }

  /** A foreign national as the passport writes them: no ethnicity, no personal ID number. */
  foreigner(sex: Sex, birthDate: string, naming: ForeignNaming, issuedBy: string): Person {
    const letter = String.fromCharCode(65 + this.random.int(0, 25));
    return {
      ...this.names.foreignName(sex, naming),
      sex,
      birthDate,
      nationality: naming.country,
      identityDocuments: [
        {
          type: IdentityDocumentType.PASSPORT,
          number: `${letter}${this.random.digits(8)}`,
          issuedOn: this.random.dateBetween(
            minDate(maxDate(addYears(birthDate, 18), addYears(issuedBy, -9)), issuedBy),
            issuedBy,
          ),
        },
      ],
      residence: { country: naming.country },
    };
  }

  private documents(spec: PersonSpec, pin: string | undefined): IdentityDocument[] {
    if (spec.documentsBy === undefined) return [];
    const earliest = maxDate(addYears(spec.birthDate, CCCD_MIN_AGE), CCCD_FROM);
    if (pin !== undefined && earliest <= spec.documentsBy && this.random.chance(0.5)) {
      const issuedOn = this.random.dateBetween(earliest, spec.documentsBy);
      const issuer =
        issuedOn >= CAN_CUOC_FROM ? 'Bộ Công an' : 'Cục Cảnh sát quản lý hành chính về trật tự xã hội';
      return [{ type: IdentityDocumentType.CCCD, number: pin, issuer, issuedOn }];
    }
    const cmndFrom = maxDate(addYears(spec.birthDate, CCCD_MIN_AGE), '1980-01-01');
    const cmndTo = minDate(spec.documentsBy, '2015-12-31');
    if (spec.oldIdentityCard && cmndFrom <= cmndTo) {
      return [
        {
          type: IdentityDocumentType.CMND,
          number: this.random.digits(9),
          issuedOn: this.random.dateBetween(cmndFrom, cmndTo),
        },
      ];
    }
    return [];
  }
}

export function written(date: string, precision: DatePrecision): string {
  if (precision === 'YEAR') return date.slice(0, 4);
  return precision === 'MONTH' ? date.slice(0, 7) : date;
}
