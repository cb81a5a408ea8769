import { beforeAll, describe, expect, it } from '@jest/globals';
import { AdminUnitService } from '../../admin-units/admin-unit.service.js';
import { loadAdminUnitCatalogue } from '../../admin-units/admin-units.loader.js';
import { resolveAdminUnitsOptions } from '../../admin-units/admin-units.options.js';
import { FixedClock } from '../../common/clock.js';
import { comparePlaces, PlaceKeyResolver } from './place-keys.js';

const TODAY = '2026-11-20';

describe('PlaceKeyResolver (administrative-unit crosswalk)', () => {
  let units: AdminUnitService;
  let places: PlaceKeyResolver;

  beforeAll(async () => {
    const catalogue = await loadAdminUnitCatalogue(resolveAdminUnitsOptions().unitsDir);
    units = new AdminUnitService(catalogue, new FixedClock(new Date(`${TODAY}T03:00:00Z`)));
    places = new PlaceKeyResolver(units);
  });

  it('an old commune matches its successor (Phường Trúc Bạch 2020 → Phường Ba Đình today)', () => {
    const successor = units.rollUp('00004', '2020-01-01')!.current[0];
    expect(successor.fullName).toBe('Phường Ba Đình');
    const old = places.keysOf([{ code: '00004', asOf: '2020-01-01' }]);
    const current = places.keysOf([{ code: successor.code, asOf: TODAY }]);
    expect(comparePlaces(old, current)).toBe('SAME_UNIT');
  });

  it('a split commune matches each of its successors', () => {
    const split = places.keysOf([{ code: '00007', asOf: '2020-01-01' }]);
    expect(split.units).toEqual(['00008', '00025']);
    expect(comparePlaces(split, places.keysOf([{ code: '00025', asOf: TODAY }]))).toBe('SAME_UNIT');
  });

  it('another commune of the same province, and one elsewhere', () => {
    const baDinh = places.keysOf([{ code: '00004', asOf: '2020-01-01' }]);
    const otherHanoi = units.listCommunes('01', TODAY).find((u) => !baDinh.units.includes(u.code))!;
    expect(comparePlaces(baDinh, places.keysOf([{ code: otherHanoi.code, asOf: TODAY }]))).toBe(
      'SAME_PROVINCE',
    );
    const elsewhere = units.listCommunes('79', TODAY)[0];
    expect(comparePlaces(baDinh, places.keysOf([{ code: elsewhere.code, asOf: TODAY }]))).toBe('DIFFERENT');
  });

  it('unknown codes, bad dates and future dates are missing, never a crash', () => {
    expect(places.keysOf([{ code: '99999', asOf: '2020-01-01' }]).units).toEqual([]);
    expect(places.keysOf([{ code: 'x', asOf: '2020-01-01' }]).units).toEqual([]);
    expect(places.keysOf([{ code: '00004', asOf: '00/00/0000' }]).units).toEqual([]);
    expect(places.keysOf([{ code: '00004', asOf: '2099-01-01' }]).units).toEqual([]);
    expect(comparePlaces(places.keysOf([]), places.keysOf([{ code: '00004', asOf: '2020-01-01' }]))).toBe(
      'MISSING',
    );
  });
});
