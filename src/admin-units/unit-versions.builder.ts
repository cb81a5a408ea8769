import type { AdminUnit } from './admin-unit.model.js';
import { dayBefore } from './iso-date.util.js';
import type { UnitRecord } from './unit-record.model.js';
import { vietnameseNameKey } from './vietnamese-name-key.util.js';

/** One `units-YYYY-MM-DD.json` file: the units in force from that date. */
export interface DatedUnitList {
  readonly file: string;
  readonly date: string;
  readonly records: readonly UnitRecord[];
}

export interface BuiltVersions {
  readonly versions: AdminUnit[];
  /** Differences taken as corrections rather than changes; logged at start-up. */
  readonly notes: string[];
}

/**
 * Works out validity periods by comparing the files, never from a list of known changes:
 * pre-2025 units end the day before the first dated list; a unit of a later list whose level, kind
 * or province differs from the open version starts a new version (Đồng Nai's xã that became phường
 * on 30 April 2026); an unchanged unit stays one version.
 *
 * A difference in the name alone is taken as a correction for the whole period: tone placement
 * ('Hòa'/'Hoà') is only a spelling convention, so the earlier spelling stays (it is the one of the
 * official 2025 code list); another spelling (xã 'Phó Bảng' → 'Phố Bảng', as CV 1027/CTK-CSCL has
 * it from 2025) takes the later one. Each such correction is reported in `notes`.
 */
export function buildUnitVersions(
  pre2025: readonly UnitRecord[],
  lists: readonly DatedUnitList[],
): BuiltVersions {
  const [first] = lists;
  const preEnd = first === undefined ? null : dayBefore(first.date);
  const versions: AdminUnit[] = pre2025.map((record) => toVersion(record, null, preEnd));
  const notes: string[] = [];
  let open = new Map<string, { record: UnitRecord; from: string }>();

  for (const list of lists) {
    const next = new Map<string, { record: UnitRecord; from: string }>();
    for (const record of list.records) {
      const key = `${record.level}:${record.code}`;
      const current = open.get(key);
      if (current !== undefined && sameUnit(current.record, record)) {
        next.set(key, {
          record: keepOrCorrectName(current.record, record, list.file, notes),
          from: current.from,
        });
      } else {
        if (current !== undefined)
          versions.push(toVersion(current.record, current.from, dayBefore(list.date)));
        next.set(key, { record, from: list.date });
      }
      open.delete(key);
    }
    for (const gone of open.values()) versions.push(toVersion(gone.record, gone.from, dayBefore(list.date)));
    open = next;
  }
  for (const current of open.values()) versions.push(toVersion(current.record, current.from, null));
  return { versions, notes };
}

function sameUnit(a: UnitRecord, b: UnitRecord): boolean {
  return (
    a.level === b.level &&
    a.kind === b.kind &&
    a.provinceCode === b.provinceCode &&
    a.districtCode === b.districtCode
  );
}

function keepOrCorrectName(
  earlier: UnitRecord,
  later: UnitRecord,
  file: string,
  notes: string[],
): UnitRecord {
  if (vietnameseNameKey(earlier.name) === vietnameseNameKey(later.name)) return earlier;
  notes.push(
    `${file}: ${later.code} '${earlier.kind} ${earlier.name}' → '${later.kind} ${later.name}': ` +
      'same kind and province, taken as a spelling correction for the whole period',
  );
  return later;
}

function toVersion(record: UnitRecord, validFrom: string | null, validTo: string | null): AdminUnit {
  const { code, level, name, kind, provinceCode, districtCode } = record;
  const fullName = `${kind} ${name}`;
  return Object.freeze(
    districtCode === undefined
      ? { code, level, name, fullName, kind, provinceCode, validFrom, validTo }
      : { code, level, name, fullName, kind, provinceCode, districtCode, validFrom, validTo },
  );
}
