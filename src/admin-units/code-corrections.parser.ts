import type { JsonNode } from './json-node.util.js';
import type { UnitRecord } from './unit-record.model.js';
import { vietnameseNameKey } from './vietnamese-name-key.util.js';

/**
 * A commune code that a units file gets wrong, with the code of the official list. Kept as data
 * (config/admin-units/code-corrections.json) so that each one is visible and cites its source.
 */
export interface CodeCorrection {
  readonly code: string;
  readonly correctCode: string;
  readonly fullName: string;
  readonly provinceCode: string;
  readonly node: JsonNode;
}

const COMMUNE_CODE = { pattern: /^\d{5}$/, expected: 'a 5-digit commune code' };

export function parseCodeCorrections(root: JsonNode): CodeCorrection[] {
  root.get('source').text();
  return root
    .get('corrections')
    .items()
    .map((node) => ({
      code: node.get('code').text(COMMUNE_CODE),
      correctCode: node.get('correctCode').text(COMMUNE_CODE),
      fullName: node.get('fullName').text(),
      provinceCode: node.get('provinceCode').text({ pattern: /^\d{2}$/, expected: 'a 2-digit code' }),
      node,
    }));
}

/**
 * Applies the corrections to one dated units file. A correction must describe the unit it renames
 * (same full name and province), and the corrected code must be free, or start-up stops.
 */
export function applyCodeCorrections(
  records: readonly UnitRecord[],
  corrections: readonly CodeCorrection[],
  applied: Set<CodeCorrection>,
): UnitRecord[] {
  const used = new Set(records.filter((r) => r.level === 'COMMUNE').map((r) => r.code));
  return records.map((record) => {
    const correction =
      record.level === 'COMMUNE' ? corrections.find((c) => c.code === record.code) : undefined;
    if (correction === undefined) return record;
    if (vietnameseNameKey(`${record.kind} ${record.name}`) !== vietnameseNameKey(correction.fullName)) {
      correction.node
        .get('fullName')
        .fail(`"${record.kind} ${record.name}" (the unit with code ${record.code})`);
    }
    if (record.provinceCode !== correction.provinceCode) {
      correction.node
        .get('provinceCode')
        .fail(`"${record.provinceCode}" (the unit with code ${record.code})`);
    }
    if (used.has(correction.correctCode)) {
      correction.node.get('correctCode').fail('a code not already used by another commune');
    }
    applied.add(correction);
    return { ...record, code: correction.correctCode };
  });
}
