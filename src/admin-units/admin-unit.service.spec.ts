import { FixedClock } from '../common/clock.js';
import { AdminUnitsException } from './admin-units.exception.js';
import { loadAdminUnitCatalogue } from './admin-units.loader.js';
import { resolveAdminUnitsOptions } from './admin-units.options.js';
import { AdminUnitService } from './admin-unit.service.js';
import type { UnitLink } from './unit-lineage.model.js';

const TODAY = '2026-11-21';
const links = (list: UnitLink[]): string[] =>
  list.map((l) => `${l.unit.code} ${l.unit.fullName} ${l.extent}`);

describe('AdminUnitService', () => {
  let units: AdminUnitService;

  beforeAll(async () => {
    const catalogue = await loadAdminUnitCatalogue(resolveAdminUnitsOptions().unitsDir);
    units = new AdminUnitService(catalogue, new FixedClock(new Date(`${TODAY}T03:00:00Z`)));
  });

  describe('resolve: a reused code means what it meant on the date', () => {
    it('82 is Tiền Giang until 2025-06-30 and Đồng Tháp from 2025-07-01', () => {
      expect(units.resolve('82', '2020-01-01')?.fullName).toBe('Tỉnh Tiền Giang');
      expect(units.resolve('82', '2025-06-30')?.fullName).toBe('Tỉnh Tiền Giang');
      expect(units.resolve('82', '2025-07-01')?.fullName).toBe('Tỉnh Đồng Tháp');
      expect(units.resolve('82', '2025-08-01')).toMatchObject({
        code: '82',
        level: 'PROVINCE',
        name: 'Đồng Tháp',
        kind: 'Tỉnh',
        provinceCode: '82',
        validFrom: '2025-07-01',
        validTo: null,
      });
    });

    it('00004 was Phường Trúc Bạch (in quận Ba Đình) and is now Phường Ba Đình', () => {
      expect(units.resolve('00004', '2020-01-01')).toEqual({
        code: '00004',
        level: 'COMMUNE',
        name: 'Trúc Bạch',
        fullName: 'Phường Trúc Bạch',
        kind: 'Phường',
        provinceCode: '01',
        districtCode: '001',
        validFrom: null,
        validTo: '2025-06-30',
      });
      const now = units.resolve('00004', '2025-08-01');
      expect(now?.fullName).toBe('Phường Ba Đình');
      expect(now?.districtCode).toBeUndefined();
      expect(units.versions('00004').map((v) => v.fullName)).toEqual(['Phường Trúc Bạch', 'Phường Ba Đình']);
    });

    it('tells levels apart by code length and knows districts ended on 2025-06-30', () => {
      expect(units.resolveAt('001', 'DISTRICT', '2020-01-01')?.fullName).toBe('Quận Ba Đình');
      expect(units.resolveAt('001', 'COMMUNE', '2020-01-01')).toBeUndefined();
      expect(units.resolve('001', '2025-07-01')).toBeUndefined();
      expect(units.resolve('1', '2020-01-01')).toBeUndefined();
    });

    it('refuses a date that is not a real YYYY-MM-DD date', () => {
      expect(() => units.resolve('82', '2025-02-30')).toThrow(AdminUnitsException);
      expect(() => units.resolve('82', '01/07/2025')).toThrow(/YYYY-MM-DD/);
    });

    it('uses the official code list where the units file disagrees (Xã Ba Chẽ is 06970)', () => {
      expect(units.resolve('06970', '2025-08-01')?.fullName).toBe('Xã Ba Chẽ');
      expect(units.resolve('06978', '2025-08-01')).toBeUndefined();
    });
  });

  describe('Đồng Nai on 30 April 2026 (derived from the data)', () => {
    it('the province became a centrally-run city', () => {
      expect(units.versions('75').map((v) => [v.fullName, v.validFrom, v.validTo])).toEqual([
        ['Tỉnh Đồng Nai', null, '2025-06-30'],
        ['Tỉnh Đồng Nai', '2025-07-01', '2026-04-29'],
        ['Thành phố Đồng Nai', '2026-04-30', null],
      ]);
    });

    it('xã Long Thành became phường Long Thành, linked version to version', () => {
      expect(units.resolve('26368', '2026-04-29')?.fullName).toBe('Xã Long Thành');
      expect(units.resolve('26368', '2026-04-30')?.fullName).toBe('Phường Long Thành');
      expect(links(units.successors('26368', '2025-08-01'))).toEqual(['26368 Phường Long Thành full']);
      expect(links(units.predecessors('26368', '2026-05-01'))).toEqual(['26368 Xã Long Thành full']);
      expect(links(units.predecessors('26368', '2025-08-01'))).toEqual([
        '26368 Thị trấn Long Thành full',
        '26392 Xã Lộc An full',
        '26395 Xã Bình Sơn full',
        '26404 Xã Long An full',
      ]);
    });

    it('keeps an unchanged commune as one version from 2025-07-01', () => {
      expect(units.versions('26068').filter((v) => v.validFrom !== null)).toHaveLength(1);
    });
  });

  describe('merged commune (Phường Trúc Bạch → Phường Ba Đình)', () => {
    it('has the new unit as its one full successor', () => {
      expect(links(units.successors('00004', '2020-01-01'))).toEqual(['00004 Phường Ba Đình full']);
      expect(units.successors('00004', '2025-08-01')).toEqual([]);
    });

    it('lists every old unit merged into the new one, full or partial', () => {
      const before = links(units.predecessors('00004', '2025-08-01'));
      expect(before).toContain('00004 Phường Trúc Bạch full');
      expect(before).toContain('00013 Phường Quán Thánh full');
      expect(before).toContain('00016 Phường Ngọc Hà partial');
      expect(units.predecessors('00004', '2020-01-01')).toEqual([]);
    });

    it('rolls up exactly', () => {
      const rollUp = units.rollUp('00004', '2020-01-01', TODAY);
      expect(rollUp?.source.fullName).toBe('Phường Trúc Bạch');
      expect(rollUp?.current.map((u) => u.fullName)).toEqual(['Phường Ba Đình']);
      expect(rollUp?.exact).toBe(true);
    });
  });

  describe('split commune (Phường Cống Vị → Ngọc Hà and Giảng Võ)', () => {
    it('has two partial successors', () => {
      expect(links(units.successors('00007', '2020-01-01'))).toEqual([
        '00008 Phường Ngọc Hà partial',
        '00025 Phường Giảng Võ partial',
      ]);
    });

    it('rolls up to both, flagged inexact, keeping the old unit as source', () => {
      const rollUp = units.rollUp('00007', '2020-01-01', TODAY);
      expect(rollUp?.source.fullName).toBe('Phường Cống Vị');
      expect(rollUp?.current.map((u) => u.code)).toEqual(['00008', '00025']);
      expect(rollUp?.exact).toBe(false);
    });

    it('answers again the same (remembered per unit version), whatever a caller did to an earlier answer', () => {
      const first = units.rollUp('00007', '2020-01-01', TODAY);
      (first?.current as unknown[] | undefined)?.splice(0); // readonly by type; JavaScript callers may still
      const again = units.rollUp('00007', '2021-06-30', TODAY);
      expect(again?.current.map((u) => u.code)).toEqual(['00008', '00025']);
      expect(again?.exact).toBe(false);
    });
  });

  describe('roll-up through every change', () => {
    it('takes an old thị trấn through the 2025 merger and the 2026 change', () => {
      expect(units.rollUp('26368', '2020-01-01', TODAY)?.current).toEqual([units.resolve('26368', TODAY)]);
      expect(units.rollUp('26392', '2020-01-01', '2025-12-01')?.current.map((u) => u.fullName)).toEqual([
        'Xã Long Thành',
      ]);
      expect(units.rollUp('26392', '2020-01-01', TODAY)).toMatchObject({ exact: true });
      expect(units.rollUp('26392', '2020-01-01', TODAY)?.current.map((u) => u.fullName)).toEqual([
        'Phường Long Thành',
      ]);
    });

    it('uses the clock for today by default', () => {
      expect(units.rollUp('26392', '2020-01-01')?.current[0]?.validFrom).toBe('2026-04-30');
    });

    it('is the unit itself while it is in force', () => {
      expect(units.rollUp('00004', '2020-01-01', '2024-01-01')).toMatchObject({ exact: true });
      expect(units.rollUp('00004', '2020-01-01', '2024-01-01')?.current[0]?.fullName).toBe(
        'Phường Trúc Bạch',
      );
    });

    it('refuses a target date before the source date', () => {
      expect(() => units.rollUp('00004', '2025-08-01', '2025-01-01')).toThrow(AdminUnitsException);
    });

    it('rolls a district up to the distinct successors of its communes, inexact', () => {
      const rollUp = units.rollUp('001', '2020-01-01', TODAY);
      expect(rollUp?.source.fullName).toBe('Quận Ba Đình');
      expect(rollUp?.current.map((u) => u.code)).toEqual([
        '00004',
        '00008',
        '00025',
        '00070',
        '00097',
        '00190',
        '00199',
        '00226',
      ]);
      expect(rollUp?.exact).toBe(false);
      expect(units.successors('001', '2020-01-01').every((l) => l.extent === 'partial')).toBe(true);
    });

    it('rolls an island district without communes to its đặc khu, exactly', () => {
      const rollUp = units.rollUp('318', '2020-01-01', TODAY);
      expect(rollUp?.current.map((u) => u.fullName)).toEqual(['Đặc khu Bạch Long Vĩ']);
      expect(rollUp?.exact).toBe(true);
      expect(links(units.predecessors('11948', '2025-08-01'))).toEqual(['318 Huyện Bạch Long Vĩ full']);
    });
  });

  describe('provinces and jurisdiction', () => {
    it('gives the province of a unit on a date', () => {
      expect(units.provinceOf('00004', '2020-01-01')?.fullName).toBe('Thành phố Hà Nội');
      expect(units.provinceOf('26368', '2026-05-01')?.fullName).toBe('Thành phố Đồng Nai');
      expect(units.provinceOf('82', '2020-01-01')?.fullName).toBe('Tỉnh Tiền Giang');
    });

    it("maps a province code of a date to today's province(s)", () => {
      expect(units.currentProvinceCodesFor('87', '2020-01-01', TODAY)).toEqual(['82']);
      expect(units.currentProvinceCodesFor('82', '2020-01-01', TODAY)).toEqual(['82']);
      expect(units.currentProvinceCodesFor('70', '2020-01-01', TODAY)).toEqual(['75']);
      expect(units.currentProvinceCodesFor('75', '2025-08-01', TODAY)).toEqual(['75']);
      expect(units.currentProvinceCodesFor('99', '2020-01-01', TODAY)).toEqual([]);
      expect(units.currentProvinceCodesFor('00004', '2020-01-01', TODAY)).toEqual([]);
    });

    it('keeps every province code ever used valid for ID-number prefixes', () => {
      expect(units.isProvinceCodeEverValid('87')).toBe(true);
      expect(units.isProvinceCodeEverValid('96')).toBe(true);
      expect(units.isProvinceCodeEverValid('03')).toBe(false);
      expect(units.isProvinceCodeEverValid('001')).toBe(false);
      expect(units.provinceCodesEverValid()).toHaveLength(63);
    });
  });

  describe('lists in Vietnamese order', () => {
    it('sorts provinces by the Vietnamese alphabet (Đ after D, ă and â after a)', () => {
      const names = units.listProvinces('2025-08-01').map((u) => u.name);
      expect(names).toHaveLength(34);
      expect(names.slice(0, 5)).toEqual(['An Giang', 'Bắc Ninh', 'Cà Mau', 'Cao Bằng', 'Cần Thơ']);
      expect(names.indexOf('Đồng Tháp')).toBeLessThan(names.indexOf('Gia Lai'));
      expect(names.indexOf('Điện Biên')).toBeGreaterThan(names.indexOf('Đắk Lắk'));
      expect(units.listProvinces('2020-01-01')).toHaveLength(63);
    });

    it('sorts numbered wards by number', () => {
      const district3 = units.listCommunes('79', '2020-01-01').filter((u) => u.districtCode === '770');
      expect(district3.map((u) => u.name)).toEqual([
        '1',
        '2',
        '3',
        '4',
        '5',
        '9',
        '11',
        '12',
        '14',
        'Võ Thị Sáu',
      ]);
    });

    it('lists the communes and districts of a province code as of the date', () => {
      expect(units.listCommunes('82', '2020-01-01').every((u) => u.districtCode !== undefined)).toBe(true);
      expect(units.listCommunes('82', '2025-08-01').every((u) => u.districtCode === undefined)).toBe(true);
      expect(units.listCommunes('01', '2025-08-01')).toHaveLength(126);
      expect(units.listDistricts('01', '2020-01-01')).toHaveLength(30);
      expect(units.listDistricts('01', '2025-08-01')).toEqual([]);
      expect(units.listCommunes('75', '2026-05-01').find((u) => u.code === '26368')?.kind).toBe('Phường');
    });

    it('stores names in NFC', () => {
      expect(units.allVersions().every((u) => u.fullName === u.fullName.normalize('NFC'))).toBe(true);
    });
  });
});
