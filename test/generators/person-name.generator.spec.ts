import { Sex } from '../../contracts/v1/code-lists/sex.enum.js';
import { KINH_FAMILY_NAMES, KINH_GIVEN_NAMES, KINH_MIDDLE_NAMES } from './kinh-names.data.js';
import { MINORITY_NAMING, type MinorityCulture } from './minority-names.data.js';
import { FOREIGN_NAMING } from './foreign-names.data.js';
import { PersonNameGenerator, type GeneratedName, type NameRequest } from './person-name.generator.js';
import { SeededRandom } from './seeded-random.util.js';

const HA_NOI = '01';
const HO_CHI_MINH_CITY = '79';

function names(count: number, request: Partial<NameRequest> & { seed?: number }): GeneratedName[] {
  const generator = new PersonNameGenerator(new SeededRandom(request.seed ?? 1));
  return Array.from({ length: count }, (_, i) =>
    generator.name({
      sex: request.sex ?? (i % 2 === 0 ? Sex.MALE : Sex.FEMALE),
      birthYear: request.birthYear ?? 1990,
      culture: request.culture ?? 'KINH',
      provinceCode: request.provinceCode ?? HA_NOI,
      familyName: request.familyName,
    }),
  );
}

const share = (list: readonly GeneratedName[], test: (name: GeneratedName) => boolean): number =>
  list.filter(test).length / list.length;

describe('PersonNameGenerator', () => {
  it('gives Kinh family names their real shares: Nguyễn about 38%, Trần 11%, Lê 9.5%', () => {
    const list = names(10_000, {});
    expect(share(list, (n) => n.familyName === 'Nguyễn')).toBeGreaterThan(0.35);
    expect(share(list, (n) => n.familyName === 'Nguyễn')).toBeLessThan(0.41);
    expect(share(list, (n) => n.familyName === 'Trần')).toBeGreaterThan(0.09);
    expect(share(list, (n) => n.familyName === 'Lê')).toBeGreaterThan(0.08);
  });

  it('writes the family name first and fills the parts consistently', () => {
    for (const name of names(2_000, {})) {
      const parts = [name.familyName, name.middleName, name.givenName].filter((p) => p !== undefined);
      expect(name.fullName).toBe(parts.join(' '));
    }
  });

  it('gives most older women the middle name Thị, fewer young ones, and some no middle name or two', () => {
    const older = names(5_000, { sex: Sex.FEMALE, birthYear: 1970 });
    const young = names(5_000, { sex: Sex.FEMALE, birthYear: 2025 });
    const thi = (n: GeneratedName): boolean => n.middleName?.split(' ')[0] === 'Thị';
    expect(share(older, thi)).toBeGreaterThan(0.5);
    expect(share(young, thi)).toBeLessThan(share(older, thi));
    expect(share(young, (n) => n.middleName === undefined)).toBeGreaterThan(0.01);
    expect(share(young, (n) => (n.middleName ?? '').includes(' '))).toBeGreaterThan(0.05);
  });

  it('gives men Văn far more than women, and women Thị never', () => {
    const men = names(5_000, { sex: Sex.MALE, birthYear: 1970 });
    expect(share(men, (n) => n.middleName?.startsWith('Văn') ?? false)).toBeGreaterThan(0.4);
    expect(men.some((n) => n.middleName?.includes('Thị'))).toBe(false);
  });

  it('spells Huỳnh and Võ in the south, Hoàng and Vũ in the north', () => {
    const count = (list: GeneratedName[], family: string): number =>
      list.filter((n) => n.familyName === family).length;
    const north = names(20_000, { provinceCode: HA_NOI });
    const south = names(20_000, { provinceCode: HO_CHI_MINH_CITY });
    expect(count(north, 'Hoàng')).toBeGreaterThan(3 * count(north, 'Huỳnh'));
    expect(count(south, 'Huỳnh')).toBeGreaterThan(3 * count(south, 'Hoàng'));
    expect(count(south, 'Võ')).toBeGreaterThan(3 * count(south, 'Vũ'));
  });

  it('keeps a family name given by the caller (a child takes the father’s)', () => {
    expect(
      names(100, { familyName: 'Đặng' }).every(
        (n) => n.familyName === 'Đặng' && n.fullName.startsWith('Đặng '),
      ),
    ).toBe(true);
  });

  it('names minorities in their own way, with their ethnicity code', () => {
    const generator = new PersonNameGenerator(new SeededRandom(3));
    const hmong = Array.from({ length: 500 }, () =>
      generator.name({ sex: Sex.MALE, birthYear: 1990, culture: 'HMONG', provinceCode: '02' }),
    );
    expect(share(hmong, (n) => n.middleName === 'A')).toBeGreaterThan(0.5);
    const ede = generator.name({ sex: Sex.FEMALE, birthYear: 1990, culture: 'EDE', provinceCode: '66' });
    expect(ede.fullName).toMatch(/^H'\S+ \S+$/);
    expect(ede.fullName.endsWith(ede.familyName ?? '?')).toBe(true);
    expect(generator.ethnicityOf('HMONG')).toBe('08');
    expect(generator.ethnicityOf('THAI')).toBe('03');
    expect(generator.ethnicityOf('KINH')).toBe('01');
  });

  it('draws minority cultures far more often in the north-western mountains than in Hà Nội', () => {
    const generator = new PersonNameGenerator(new SeededRandom(4));
    const minorities = (province: string): number =>
      Array.from({ length: 5_000 }, () => generator.cultureFor(province)).filter((c) => c !== 'KINH').length /
      5_000;
    expect(minorities('02')).toBeGreaterThan(0.4);
    expect(minorities(HA_NOI)).toBeLessThan(0.05);
  });

  it('holds only NFC text in every name table', () => {
    const tables = [
      ...KINH_FAMILY_NAMES.map(([n]) => n),
      ...KINH_MIDDLE_NAMES.MALE.map(([n]) => n),
      ...KINH_MIDDLE_NAMES.FEMALE.map(([n]) => n),
      ...KINH_GIVEN_NAMES.MALE.map(([n]) => n),
      ...KINH_GIVEN_NAMES.FEMALE.map(([n]) => n),
      ...Object.keys(MINORITY_NAMING).flatMap((culture) => {
        const naming = MINORITY_NAMING[culture as MinorityCulture];
        return [
          ...naming.familyNames.map(([n]) => n),
          ...naming.givenNames.MALE,
          ...naming.givenNames.FEMALE,
        ];
      }),
      ...FOREIGN_NAMING.flatMap((n) => [...n.familyNames, ...n.givenNames.MALE, ...n.givenNames.FEMALE]),
    ];
    expect(tables.filter((name) => name !== name.normalize('NFC'))).toEqual([]);
    expect(KINH_GIVEN_NAMES.MALE.length).toBeGreaterThanOrEqual(75);
    expect(KINH_GIVEN_NAMES.FEMALE.length).toBeGreaterThanOrEqual(75);
  });
});
