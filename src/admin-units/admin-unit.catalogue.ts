import { isValidOn, type AdminUnit, type AdminUnitLevel } from './admin-unit.model.js';
import type { Crosswalk } from './crosswalk.index.js';

export interface CatalogueParts {
  readonly versions: readonly AdminUnit[];
  readonly crosswalk: Crosswalk;
  /** Date of the first dated units list, the day the crosswalk leads to (2025-07-01). */
  readonly reorganisationDate: string;
  readonly warnings: readonly string[];
}

/**
 * The loaded unit versions and their indexes, built once at start-up and read-only after.
 * Every code maps to its versions sorted by `validFrom` (a code has at most three), so a lookup by
 * code and date is one map access and a short scan.
 */
export class AdminUnitCatalogue {
  readonly crosswalk: Crosswalk;
  readonly reorganisationDate: string;
  readonly warnings: readonly string[];
  readonly provinceCodesEverValid: readonly string[];
  private readonly byCode = new Map<string, AdminUnit[]>();
  private readonly byParent = new Map<string, AdminUnit[]>();
  private readonly provinces: AdminUnit[] = [];
  private readonly everything: readonly AdminUnit[];

  constructor(parts: CatalogueParts) {
    this.crosswalk = parts.crosswalk;
    this.reorganisationDate = parts.reorganisationDate;
    this.warnings = Object.freeze([...parts.warnings]);
    this.everything = Object.freeze([...parts.versions]);
    for (const unit of parts.versions) {
      push(this.byCode, unit.code, unit);
      if (unit.level === 'PROVINCE') this.provinces.push(unit);
      else push(this.byParent, parentKey(unit.level, unit.provinceCode), unit);
      if (unit.districtCode !== undefined) push(this.byParent, `D:${unit.districtCode}`, unit);
    }
    for (const versions of this.byCode.values()) versions.sort(byValidFrom);
    this.provinceCodesEverValid = Object.freeze([...new Set(this.provinces.map((p) => p.code))].sort());
  }

  all(): readonly AdminUnit[] {
    return this.everything;
  }

  versions(code: string): readonly AdminUnit[] {
    return this.byCode.get(code) ?? [];
  }

  at(code: string, on: string): AdminUnit | undefined {
    return this.byCode.get(code)?.find((unit) => isValidOn(unit, on));
  }

  allProvinces(): readonly AdminUnit[] {
    return this.provinces;
  }

  /** Every version, of any date, of the districts or communes whose province code is this one. */
  allInProvince(provinceCode: string, level: 'DISTRICT' | 'COMMUNE'): readonly AdminUnit[] {
    return this.byParent.get(parentKey(level, provinceCode)) ?? [];
  }

  allInDistrict(districtCode: string): readonly AdminUnit[] {
    return this.byParent.get(`D:${districtCode}`) ?? [];
  }

  counts(on: string): Readonly<Record<AdminUnitLevel, number>> {
    const counts = { PROVINCE: 0, DISTRICT: 0, COMMUNE: 0 };
    for (const unit of this.everything) if (isValidOn(unit, on)) counts[unit.level] += 1;
    return counts;
  }
}

function parentKey(level: AdminUnitLevel, provinceCode: string): string {
  return `${level === 'DISTRICT' ? 'PD' : 'PC'}:${provinceCode}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function byValidFrom(a: AdminUnit, b: AdminUnit): number {
  if (a.validFrom === b.validFrom) return 0;
  if (a.validFrom === null) return -1;
  if (b.validFrom === null) return 1;
  return a.validFrom < b.validFrom ? -1 : 1;
}
