import { Sex } from '../../contracts/v1/code-lists/sex.enum.js';
import {
  KINH_FAMILY_NAMES,
  KINH_GIVEN_NAMES,
  KINH_MIDDLE_NAMES,
  KINH_SECOND_MIDDLE_NAMES,
  REGIONAL_FAMILY_PAIRS,
} from './kinh-names.data.js';
import {
  MINORITY_NAMING,
  minorityRegionOf,
  type MinorityCulture,
  type MinorityNaming,
} from './minority-names.data.js';
import { FOREIGN_NAMING, type ForeignNaming } from './foreign-names.data.js';
import type { SeededRandom } from './seeded-random.util.js';
import { WeightedTable, type Weighted } from './weighted-table.util.js';

export type NameCulture = 'KINH' | MinorityCulture;

export const KINH_ETHNICITY = '01';

export interface GeneratedName {
  fullName: string;
  familyName?: string;
  middleName?: string;
  givenName: string;
}

export interface NameRequest {
  sex: Sex;
  birthYear: number;
  culture: NameCulture;
  /** Registering province code: picks Huỳnh over Hoàng and Võ over Vũ in the south. */
  provinceCode: string;
  /** A child takes the father's family name. */
  familyName?: string;
}

/** Born before this year: the generation in which 'Văn' and 'Thị' were near universal. */
const TRADITIONAL_BEFORE = 1995;
const TRADITIONAL_BOOST: Readonly<Record<string, number>> = { Văn: 2.5, Thị: 2 };
/** Đà Nẵng (48) and every code after it lie south of the Hải Vân pass. */
const FIRST_SOUTHERN_PROVINCE = 48;

type BySex<T> = Readonly<Record<Sex, T>>;

interface MinorityTables {
  readonly naming: MinorityNaming;
  readonly family: WeightedTable<string>;
  readonly middle: BySex<WeightedTable<string>>;
}

/**
 * Vietnamese names in NFC, family name first (except where a culture writes the clan name last),
 * with real frequencies for Kinh family names and plausible ones for the rest.
 */
export class PersonNameGenerator {
  private readonly family = new WeightedTable(KINH_FAMILY_NAMES);
  private readonly given: BySex<WeightedTable<string>> = {
    [Sex.MALE]: new WeightedTable(KINH_GIVEN_NAMES.MALE),
    [Sex.FEMALE]: new WeightedTable(KINH_GIVEN_NAMES.FEMALE),
  };
  private readonly middle: Readonly<Record<'MODERN' | 'TRADITIONAL', BySex<WeightedTable<string>>>> = {
    MODERN: {
      [Sex.MALE]: new WeightedTable(KINH_MIDDLE_NAMES.MALE),
      [Sex.FEMALE]: new WeightedTable(KINH_MIDDLE_NAMES.FEMALE),
    },
    TRADITIONAL: {
      [Sex.MALE]: new WeightedTable(boosted(KINH_MIDDLE_NAMES.MALE)),
      [Sex.FEMALE]: new WeightedTable(boosted(KINH_MIDDLE_NAMES.FEMALE)),
    },
  };
  private readonly minorities = new Map<MinorityCulture, MinorityTables>();
  private readonly cultureTables = new Map<string, WeightedTable<MinorityCulture>>();

  constructor(private readonly random: SeededRandom) {}

  /** Kinh for most people; a minority culture with the share of the province's region. */
  cultureFor(provinceCode: string): NameCulture {
    const region = minorityRegionOf(provinceCode);
    if (!this.random.chance(region.share)) return 'KINH';
    let table = this.cultureTables.get(provinceCode);
    if (table === undefined) {
      table = new WeightedTable(region.cultures);
      this.cultureTables.set(provinceCode, table);
    }
    return table.pick(this.random);
  }

  ethnicityOf(culture: NameCulture): string {
    return culture === 'KINH' ? KINH_ETHNICITY : MINORITY_NAMING[culture].ethnicity;
  }

  name(request: NameRequest): GeneratedName {
    return request.culture === 'KINH' ? this.kinhName(request) : this.minorityName(request.culture, request);
  }

  foreignName(sex: Sex, naming: ForeignNaming = this.random.pick(FOREIGN_NAMING)): GeneratedName {
    const familyName = this.random.pick(naming.familyNames);
    const givenName = this.random.pick(naming.givenNames[sex]);
    const fullName =
      naming.order === 'FAMILY_FIRST' ? `${familyName} ${givenName}` : `${givenName} ${familyName}`;
    return { fullName, familyName, givenName };
  }

  private kinhName(request: NameRequest): GeneratedName {
    const familyName =
      request.familyName ?? this.regional(this.family.pick(this.random), request.provinceCode);
    const given = this.given[request.sex].pick(this.random);
    const middleName = this.kinhMiddle(request.sex, request.birthYear, given);
    return compose(familyName, middleName, given);
  }

  /**
   * Mostly one middle name; sometimes none (legal, and commoner than records suggest), sometimes two
   * ('Nguyễn Thị Minh Anh'), more often among the young.
   */
  private kinhMiddle(sex: Sex, birthYear: number, given: string): string | undefined {
    const traditional = birthYear < TRADITIONAL_BEFORE;
    const draw = this.random.next();
    if (draw < 0.03) return undefined;
    const first = this.middle[traditional ? 'TRADITIONAL' : 'MODERN'][sex].pick(this.random);
    if (draw > (traditional ? 0.96 : 0.85)) {
      const second = this.random.pick(KINH_SECOND_MIDDLE_NAMES[sex]);
      if (second !== first && second !== given) return `${first} ${second}`;
    }
    return first === given ? undefined : first;
  }

  private regional(familyName: string, provinceCode: string): string {
    const south = Number(provinceCode) >= FIRST_SOUTHERN_PROVINCE;
    for (const [northern, southern] of REGIONAL_FAMILY_PAIRS) {
      if (south && familyName === northern && this.random.chance(0.8)) return southern;
      if (!south && familyName === southern && this.random.chance(0.85)) return northern;
    }
    return familyName;
  }

  private minorityName(culture: MinorityCulture, request: NameRequest): GeneratedName {
    const tables = this.minorityTables(culture);
    const { naming } = tables;
    const familyName = request.familyName ?? tables.family.pick(this.random);
    const middle = tables.middle[request.sex].pick(this.random) || undefined;
    const given = `${naming.givenPrefix?.[request.sex] ?? ''}${this.random.pick(naming.givenNames[request.sex])}`;
    if (naming.order === 'GIVEN_FIRST') {
      return { fullName: `${given} ${familyName}`, familyName, givenName: given };
    }
    return compose(familyName, middle, given);
  }

  private minorityTables(culture: MinorityCulture): MinorityTables {
    let tables = this.minorities.get(culture);
    if (tables === undefined) {
      const naming = MINORITY_NAMING[culture];
      tables = {
        naming,
        family: new WeightedTable(naming.familyNames),
        middle: {
          [Sex.MALE]: new WeightedTable(naming.middleNames.MALE),
          [Sex.FEMALE]: new WeightedTable(naming.middleNames.FEMALE),
        },
      };
      this.minorities.set(culture, tables);
    }
    return tables;
  }
}

function compose(familyName: string, middleName: string | undefined, givenName: string): GeneratedName {
  return middleName === undefined
    ? { fullName: `${familyName} ${givenName}`, familyName, givenName }
    : { fullName: `${familyName} ${middleName} ${givenName}`, familyName, middleName, givenName };
}

function boosted(entries: readonly Weighted<string>[]): Weighted<string>[] {
  return entries.map(([name, weight]) => [name, weight * (TRADITIONAL_BOOST[name] ?? 1)]);
}
