import { isValidOn, type AdminUnit } from '../../src/admin-units/admin-unit.model.js';
import { addDays } from './calendar-date.util.js';
import type { GeneratorReferenceData } from './generator-reference.loader.js';
import type { SeededRandom } from './seeded-random.util.js';

/**
 * A stretch of time in which no unit changes: within it, the units valid on one day are valid on
 * every day. Built from the validity periods in the data (2025-07-01, 2026-04-30 today), so a
 * later units file adds an epoch without code changes.
 */
interface Epoch {
  readonly from: string | null;
  readonly to: string | null;
  readonly communes: readonly AdminUnit[];
  readonly districts: readonly AdminUnit[];
  readonly provinces: readonly AdminUnit[];
  /** Every province of the epoch, in scope or not. */
  readonly allProvinces: readonly AdminUnit[];
  readonly provinceByCode: ReadonlyMap<string, AdminUnit>;
  readonly districtByCode: ReadonlyMap<string, AdminUnit>;
  readonly communesByParent: ReadonlyMap<string, readonly AdminUnit[]>;
  readonly communesByCurrentProvince: ReadonlyMap<string, readonly AdminUnit[]>;
  readonly provincesByCurrentProvince: ReadonlyMap<string, readonly AdminUnit[]>;
  /** Province code of this epoch → today's province code it rolled into. */
  readonly currentProvince: ReadonlyMap<string, string>;
}

/**
 * Picks real units valid on a date, limited to those whose province rolls up to the bound
 * province (today's code) when there is one: a source of province P may submit records of P and,
 * before 2025-07-01, of P's predecessors.
 */
export class AdminUnitPicker {
  private readonly epochs: Epoch[] = [];
  private readonly predecessorCache = new Map<string, readonly AdminUnit[]>();
  readonly goneCommunes: readonly AdminUnit[];
  readonly formerDistricts: readonly AdminUnit[];

  constructor(
    private readonly reference: GeneratorReferenceData,
    readonly today: string,
    readonly boundProvince?: string,
  ) {
    if (boundProvince !== undefined && !reference.units.resolveAt(boundProvince, 'PROVINCE', today)) {
      throw new RangeError(`provinceCode ${boundProvince} is not a province on ${today}`);
    }
    this.buildEpochs();
    const first = this.epochs[0];
    if (first === undefined) throw new RangeError(`no administrative units are valid on ${today}`);
    const reorganisation = reference.reorganisationDate;
    this.goneCommunes = first.communes.filter((unit) =>
      reference.units.versions(unit.code).every((v) => v.validTo !== null && v.validTo < reorganisation),
    );
    this.formerDistricts = first.districts;
  }

  commune(date: string, random: SeededRandom): AdminUnit {
    return random.pick(this.epochAt(date).communes);
  }

  district(date: string, random: SeededRandom): AdminUnit | undefined {
    const { districts } = this.epochAt(date);
    return districts.length === 0 ? undefined : random.pick(districts);
  }

  province(date: string, random: SeededRandom): AdminUnit {
    return random.pick(this.epochAt(date).provinces);
  }

  /** A commune of the district or province (of that date); the commune itself for a commune. */
  communeWithin(parent: AdminUnit, date: string, random: SeededRandom): AdminUnit {
    if (parent.level === 'COMMUNE') return parent;
    const key = parent.level === 'DISTRICT' ? `D:${parent.code}` : `P:${parent.code}`;
    const communes = this.epochAt(date).communesByParent.get(key);
    return communes && communes.length > 0 ? random.pick(communes) : this.commune(date, random);
  }

  /** A commune valid on `date` in the same province of today as `unit`. */
  communeNear(unit: AdminUnit, date: string, random: SeededRandom): AdminUnit {
    const current = this.currentProvinceOf(unit);
    const communes = this.epochAt(date).communesByCurrentProvince.get(current);
    return communes && communes.length > 0 ? random.pick(communes) : this.commune(date, random);
  }

  /**
   * The same place on an earlier date: the unit itself if still valid, else one of the units it was
   * made from (a child born in 2025-05 in Xã A, registered late in the commune that absorbed A).
   */
  communeOn(home: AdminUnit, date: string, random: SeededRandom): AdminUnit {
    if (isValidOn(home, date)) return home;
    let candidates: readonly AdminUnit[] = [home];
    for (let step = 0; step < 3; step += 1) {
      candidates = candidates.flatMap((unit) => this.predecessors(unit));
      const valid = candidates.filter((unit) => isValidOn(unit, date));
      if (valid.length > 0) return random.pick(valid);
      if (candidates.length === 0) break;
    }
    return this.communeNear(home, date, random);
  }

  /** The province the unit belonged to, in the unit's own time. */
  provinceOf(unit: AdminUnit): AdminUnit {
    const province = this.epochOfUnit(unit).provinceByCode.get(unit.provinceCode);
    if (province === undefined) throw new RangeError(`no province ${unit.provinceCode} for ${unit.code}`);
    return province;
  }

  /** The district a pre-2025 commune lay in; undefined from 2025-07-01. */
  districtOf(unit: AdminUnit): AdminUnit | undefined {
    return unit.districtCode === undefined
      ? undefined
      : this.epochOfUnit(unit).districtByCode.get(unit.districtCode);
  }

  /** Today's province code for a unit of any date (its province rolled up). */
  currentProvinceOf(unit: AdminUnit): string {
    const epoch = this.epochOfUnit(unit);
    const current = epoch.currentProvince.get(unit.provinceCode);
    if (current === undefined) throw new RangeError(`province ${unit.provinceCode} has no successor today`);
    return current;
  }

  /** Province codes valid on `date` that roll up to today's province `current`. */
  provincesOn(date: string, current: string): readonly AdminUnit[] {
    return this.epochAt(date).provincesByCurrentProvince.get(current) ?? [];
  }

  /** Every province valid on `date`, bound or not: people are born all over the country. */
  allProvincesOn(date: string): readonly AdminUnit[] {
    return this.epochAt(date).allProvinces;
  }

  private epochIndexOf(date: string): number {
    const index = this.epochs.findIndex(
      (e) => (e.from === null || e.from <= date) && (e.to === null || date <= e.to),
    );
    if (index < 0) throw new RangeError(`${date} is after today (${this.today}) or before the data`);
    return index;
  }

  private epochOfUnit(unit: AdminUnit): Epoch {
    return this.epochAt(unit.validFrom ?? unit.validTo ?? this.today);
  }

  private epochAt(date: string): Epoch {
    return this.epochs[this.epochIndexOf(date)];
  }

  private predecessors(unit: AdminUnit): readonly AdminUnit[] {
    const key = `${unit.code}@${unit.validFrom ?? '-'}`;
    let list = this.predecessorCache.get(key);
    if (list === undefined) {
      list =
        unit.validFrom === null
          ? []
          : this.reference.units.predecessors(unit.code, unit.validFrom).map((l) => l.unit);
      list = list.filter((u) => u.level === 'COMMUNE');
      this.predecessorCache.set(key, list);
    }
    return list;
  }

  private buildEpochs(): void {
    const all = this.reference.units.allVersions();
    const starts = new Set<string>();
    for (const unit of all) {
      if (unit.validFrom !== null) starts.add(unit.validFrom);
      if (unit.validTo !== null) starts.add(addDays(unit.validTo, 1));
    }
    const boundaries = [...starts].sort();
    const ranges: [string | null, string | null][] = [];
    let from: string | null = null;
    for (const start of boundaries) {
      ranges.push([from, addDays(start, -1)]);
      from = start;
    }
    ranges.push([from, null]);
    for (const [rangeFrom, rangeTo] of ranges) {
      if (rangeFrom !== null && rangeFrom > this.today) break;
      // Any day of the epoch will do; the first is used unless the epoch has no start.
      const probe = rangeFrom ?? (rangeTo !== null && rangeTo < this.today ? rangeTo : this.today);
      this.epochs.push(this.buildEpoch(rangeFrom, rangeTo, probe, all));
    }
  }

  private buildEpoch(
    from: string | null,
    to: string | null,
    probe: string,
    all: readonly AdminUnit[],
  ): Epoch {
    const valid = all.filter((unit) => isValidOn(unit, probe));
    const currentProvince = new Map<string, string>();
    for (const province of valid.filter((u) => u.level === 'PROVINCE')) {
      const [current] = this.reference.units.currentProvinceCodesFor(province.code, probe, this.today);
      if (current !== undefined) currentProvince.set(province.code, current);
    }
    const inScope = (unit: AdminUnit): boolean => {
      const current = currentProvince.get(unit.provinceCode);
      return current !== undefined && (this.boundProvince === undefined || current === this.boundProvince);
    };
    const scoped = valid.filter(inScope);
    const communes = scoped.filter((u) => u.level === 'COMMUNE');
    const communesByParent = new Map<string, AdminUnit[]>();
    const communesByCurrentProvince = new Map<string, AdminUnit[]>();
    for (const commune of communes) {
      push(communesByParent, `P:${commune.provinceCode}`, commune);
      if (commune.districtCode !== undefined) push(communesByParent, `D:${commune.districtCode}`, commune);
      push(communesByCurrentProvince, currentProvince.get(commune.provinceCode) ?? '', commune);
    }
    const allProvinces = valid.filter((u) => u.level === 'PROVINCE');
    const provincesByCurrentProvince = new Map<string, AdminUnit[]>();
    for (const province of allProvinces) {
      push(provincesByCurrentProvince, currentProvince.get(province.code) ?? '', province);
    }
    const districts = valid.filter((u) => u.level === 'DISTRICT');
    return {
      from,
      to,
      communes,
      districts: districts.filter(inScope),
      provinces: scoped.filter((u) => u.level === 'PROVINCE'),
      allProvinces,
      provinceByCode: new Map(allProvinces.map((p) => [p.code, p])),
      districtByCode: new Map(districts.map((d) => [d.code, d])),
      communesByParent,
      communesByCurrentProvince,
      provincesByCurrentProvince,
      currentProvince,
    };
  }
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
