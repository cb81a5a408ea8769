import type { AdminUnitService } from '../../admin-units/admin-unit.service.js';
import { levelOfCode } from '../../admin-units/admin-unit.model.js';

/** An administrative unit as a record names it: a code that means something only on its date. */
export interface UnitOnDate {
  readonly code: string;
  readonly asOf: string;
}

/** Where an event happened, as today's units: old communes become their successors (crosswalk). */
export interface PlaceKeys {
  /** Today's communes (or districts/provinces when that is all the record says). */
  readonly units: readonly string[];
  /** Today's provinces. */
  readonly provinces: readonly string[];
}

export type PlaceLevel = 'SAME_UNIT' | 'SAME_PROVINCE' | 'DIFFERENT' | 'MISSING';

export const NO_PLACE: PlaceKeys = { units: [], provinces: [] };

/**
 * Rolls units up to the ones in force today through the administrative-unit lineage, so that a birth
 * registered in 2019 at Xã Tân Lập and its digitised copy naming the 2025 successor compare equal.
 * Results are cached per code and date: there are ~13,000 units and few distinct dates per code.
 */
export class PlaceKeyResolver {
  /** Code → date → keys, each with sorted, distinct, frozen lists (shared by every profile). */
  private readonly cache = new Map<string, Map<string, PlaceKeys>>();
  private cached = 0;

  constructor(private readonly units: Pick<AdminUnitService, 'rollUp'>) {}

  keysOf(places: readonly UnitOnDate[]): PlaceKeys {
    if (places.length === 0) return NO_PLACE;
    const first = this.keysOfOne(places[0]);
    // Usually every place of an event rolls up into the first one's units (a birth in the commune
    // that registers it): its keys are the union, and no sets need building.
    let i = 1;
    while (i < places.length && covers(first, this.keysOfOne(places[i]))) i++;
    if (i === places.length) return first;
    const units = new Set<string>();
    const provinces = new Set<string>();
    for (const place of places) {
      const keys = this.keysOfOne(place);
      keys.units.forEach((u) => units.add(u));
      keys.provinces.forEach((p) => provinces.add(p));
    }
    return { units: [...units].sort(), provinces: [...provinces].sort() };
  }

  private keysOfOne(place: UnitOnDate): PlaceKeys {
    let byDate = this.cache.get(place.code);
    let keys = byDate?.get(place.asOf);
    if (keys === undefined) {
      const rolled = this.rollUp(place);
      keys = Object.freeze({
        units: Object.freeze([...new Set(rolled.units)].sort()),
        provinces: Object.freeze([...new Set(rolled.provinces)].sort()),
      });
      if (this.cached >= 200_000) {
        this.cache.clear();
        this.cached = 0;
        byDate = undefined;
      }
      if (byDate === undefined) this.cache.set(place.code, (byDate = new Map<string, PlaceKeys>()));
      byDate.set(place.asOf, keys);
      this.cached++;
    }
    return keys;
  }

  private rollUp(place: UnitOnDate): PlaceKeys {
    if (levelOfCode(place.code) === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(place.asOf)) return NO_PLACE;
    try {
      const rolled = this.units.rollUp(place.code, place.asOf);
      if (rolled === undefined) return NO_PLACE;
      return {
        units: rolled.current.map((u) => u.code),
        provinces: [...new Set(rolled.current.map((u) => u.provinceCode))],
      };
    } catch {
      // A date after "today" or a malformed one: the place cannot be placed, which is "missing".
      return NO_PLACE;
    }
  }
}

/** Whether every unit and province of `b` is among `a`'s. */
function covers(a: PlaceKeys, b: PlaceKeys): boolean {
  return (
    a === b ||
    (b.units.every((u) => a.units.includes(u)) && b.provinces.every((p) => a.provinces.includes(p)))
  );
}

export function comparePlaces(a: PlaceKeys, b: PlaceKeys): PlaceLevel {
  if (a.units.length === 0 || b.units.length === 0) return 'MISSING';
  if (a.units.some((u) => b.units.includes(u))) return 'SAME_UNIT';
  if (a.provinces.some((p) => b.provinces.includes(p))) return 'SAME_PROVINCE';
  return 'DIFFERENT';
}
