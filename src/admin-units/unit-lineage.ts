import type { AdminUnitCatalogue } from './admin-unit.catalogue.js';
import { isValidOn, type AdminUnit } from './admin-unit.model.js';
import { dayBefore } from './iso-date.util.js';
import type { LinkExtent, UnitLink } from './unit-lineage.model.js';

/**
 * What a unit version came from and went into. Across the 2025 reorganisation the crosswalk says;
 * after it, a code that changes (xã → phường) links its own consecutive versions.
 */
export class UnitLineage {
  private readonly lastOldDay: string;
  /**
   * rollUp's answers per unit version, for the `today` they were computed for. Reference data does
   * not change under a running lineage, and bulk intake rolls the same few thousand units up for
   * every record (matching's place keys, jurisdiction), each walk allocating its sets and arrays.
   */
  private readonly rolled = new Map<
    AdminUnit,
    { today: string; current: readonly AdminUnit[]; exact: boolean }
  >();

  constructor(private readonly catalogue: AdminUnitCatalogue) {
    this.lastOldDay = dayBefore(catalogue.reorganisationDate);
  }

  predecessorsOf(unit: AdminUnit): UnitLink[] {
    if (unit.validFrom === null) return [];
    if (unit.validFrom === this.catalogue.reorganisationDate) {
      return this.links(this.catalogue.crosswalk.predecessorsOf(unit.code), this.lastOldDay);
    }
    const previous = this.catalogue.at(unit.code, dayBefore(unit.validFrom));
    return previous?.level === unit.level ? [{ unit: previous, extent: 'full' }] : [];
  }

  successorsOf(unit: AdminUnit): UnitLink[] {
    if (unit.validTo === null) return [];
    if (unit.validTo < this.catalogue.reorganisationDate) return this.crossReorganisation(unit);
    const versions = this.catalogue.versions(unit.code);
    const next = versions[versions.indexOf(unit) + 1];
    const continues = next?.validFrom != null && dayBefore(next.validFrom) === unit.validTo;
    return continues && next.level === unit.level ? [{ unit: next, extent: 'full' }] : [];
  }

  /** Follows successors until units in force on `today`; inexact once any step splits or ends. */
  rollUp(unit: AdminUnit, today: string): { current: AdminUnit[]; exact: boolean } {
    let known = this.rolled.get(unit);
    if (known?.today !== today) {
      known = { today, ...this.walk(unit, today) };
      this.rolled.set(unit, known);
    }
    // A copy of the list: the caller may keep or change it.
    return { current: [...known.current], exact: known.exact };
  }

  private walk(unit: AdminUnit, today: string): { current: AdminUnit[]; exact: boolean } {
    if (isValidOn(unit, today)) return { current: [unit], exact: true };
    const links = this.successorsOf(unit);
    let exact = links.length === 1 && links[0]?.extent === 'full';
    const current = new Set<AdminUnit>();
    for (const link of links) {
      const next = this.walk(link.unit, today);
      exact &&= next.exact;
      next.current.forEach((u) => current.add(u));
    }
    return { current: [...current].sort((a, b) => (a.code < b.code ? -1 : 1)), exact };
  }

  /**
   * The crosswalk has no districts (they were abolished): a district went wherever its communes
   * went, so it reaches each of those units only in part unless there is just one. Island
   * districts without communes are in the crosswalk themselves.
   */
  private crossReorganisation(unit: AdminUnit): UnitLink[] {
    const direct = this.catalogue.crosswalk.successorsOf(unit.code);
    if (unit.level !== 'DISTRICT' || direct.length > 0) {
      return this.links(direct, this.catalogue.reorganisationDate);
    }
    const reached = new Map<string, LinkExtent>();
    for (const commune of this.catalogue.allInDistrict(unit.code)) {
      for (const link of this.catalogue.crosswalk.successorsOf(commune.code)) {
        reached.set(link.code, reached.get(link.code) === 'partial' ? 'partial' : link.extent);
      }
    }
    const entries = [...reached].map(([code, extent]) => ({
      code,
      extent: reached.size === 1 ? extent : ('partial' as const),
    }));
    return this.links(entries, this.catalogue.reorganisationDate);
  }

  private links(entries: readonly { code: string; extent: LinkExtent }[], on: string): UnitLink[] {
    return entries.flatMap((entry) => {
      const unit = this.catalogue.at(entry.code, on);
      return unit === undefined ? [] : [{ unit, extent: entry.extent }];
    });
  }
}
