import type { CrosswalkPair } from './crosswalk-file.parser.js';
import type { LinkExtent } from './unit-lineage.model.js';

export interface CrosswalkEntry {
  readonly code: string;
  readonly extent: LinkExtent;
}

export interface CrosswalkInput {
  readonly newToOld: readonly CrosswalkPair[];
  readonly oldToNew: readonly CrosswalkPair[];
  /** Codes of pre-2025 units and of the units in force on the reorganisation date. */
  readonly oldCodes: ReadonlySet<string>;
  readonly newCodes: ReadonlySet<string>;
  readonly newFile: string;
}

/** Old ↔ new links of the 2025 reorganisation, by code (levels never share a code length). */
export class Crosswalk {
  private constructor(
    private readonly into: ReadonlyMap<string, readonly CrosswalkEntry[]>,
    private readonly from: ReadonlyMap<string, readonly CrosswalkEntry[]>,
  ) {}

  /**
   * Both files must list the same pairs: the new-to-old file is the one with the extent, the
   * old-to-new file is the one organised by old unit, and a pair in one only means a broken file.
   * A new code not in the units file is a broken reference and stops start-up; an old code not in
   * the pre-2025 list is history the list does not reach (a commune merged before the list was
   * taken): it is skipped and reported in `warnings`.
   */
  static build(input: CrosswalkInput): { crosswalk: Crosswalk; warnings: string[] } {
    const warnings: string[] = [];
    const extents = new Map<string, LinkExtent>();
    for (const pair of input.newToOld) {
      if (!input.newCodes.has(pair.newCode)) pair.newNode.fail(`a code listed in ${input.newFile}`);
      if (pair.extent !== undefined) extents.set(`${pair.oldCode}>${pair.newCode}`, pair.extent);
    }
    const inOldToNew = new Set<string>();
    for (const pair of input.oldToNew) {
      const key = `${pair.oldCode}>${pair.newCode}`;
      if (!extents.has(key)) pair.newNode.fail(`a pair also listed in the new-to-old crosswalk`);
      inOldToNew.add(key);
    }
    const into = new Map<string, CrosswalkEntry[]>();
    const from = new Map<string, CrosswalkEntry[]>();
    for (const pair of input.newToOld) {
      const key = `${pair.oldCode}>${pair.newCode}`;
      const extent = extents.get(key);
      if (!inOldToNew.has(key) || extent === undefined) {
        pair.oldNode.fail(`a pair also listed in the old-to-new crosswalk`);
      }
      if (!input.oldCodes.has(pair.oldCode)) {
        warnings.push(
          `crosswalk: old unit ${pair.oldCode} → ${pair.newCode} is not in the pre-2025 list; skipped`,
        );
        continue;
      }
      append(into, pair.oldCode, { code: pair.newCode, extent });
      append(from, pair.newCode, { code: pair.oldCode, extent });
    }
    warnings.push(...uncovered(input.newCodes, from, 'new unit', 'no old unit'));
    // Districts are linked through their communes; only island districts appear themselves.
    const oldUnits = new Set([...input.oldCodes].filter((code) => code.length !== 3));
    warnings.push(...uncovered(oldUnits, into, 'old unit', 'no new unit'));
    return { crosswalk: new Crosswalk(into, from), warnings };
  }

  successorsOf(oldCode: string): readonly CrosswalkEntry[] {
    return this.into.get(oldCode) ?? [];
  }

  predecessorsOf(newCode: string): readonly CrosswalkEntry[] {
    return this.from.get(newCode) ?? [];
  }
}

function uncovered(
  codes: ReadonlySet<string>,
  links: ReadonlyMap<string, unknown>,
  what: string,
  missing: string,
): string[] {
  return [...codes]
    .filter((code) => !links.has(code))
    .map((code) => `crosswalk: ${what} ${code} has ${missing}`);
}

function append(map: Map<string, CrosswalkEntry[]>, key: string, entry: CrosswalkEntry): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [entry]);
  else if (!list.some((e) => e.code === entry.code)) list.push(entry);
}
