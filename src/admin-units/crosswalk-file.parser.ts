import type { JsonNode, TextRule } from './json-node.util.js';
import type { LinkExtent } from './unit-lineage.model.js';

/** One old unit → new unit pair of the 2025 reorganisation. */
export interface CrosswalkPair {
  readonly oldCode: string;
  readonly newCode: string;
  /** Only crosswalk-new-to-old.json says whether the old unit went in whole or in part. */
  readonly extent?: LinkExtent;
  /** The fields the codes were read from, to name them in an error. */
  readonly oldNode: JsonNode;
  readonly newNode: JsonNode;
}

const PROVINCE: TextRule = { pattern: /^\d{2}$/, expected: 'a 2-digit province code' };
const DISTRICT: TextRule = { pattern: /^\d{3}$/, expected: 'a 3-digit district code' };
const COMMUNE: TextRule = { pattern: /^\d{5}$/, expected: 'a 5-digit commune code' };
// Island districts without communes (Côn Đảo, Lý Sơn ...) appear whole as old units of a đặc khu.
const DISTRICT_OR_COMMUNE: TextRule = { pattern: /^(\d{3}|\d{5})$/, expected: 'a 3- or 5-digit code' };
const EXTENTS: readonly LinkExtent[] = ['full', 'partial'];

/** crosswalk-new-to-old.json: `data[]` new provinces with `merges[]`, `level2s[]` new communes with `merges[]`. */
export function parseNewToOld(root: JsonNode): CrosswalkPair[] {
  const pairs: CrosswalkPair[] = [];
  const read = (newNode: JsonNode, newRule: TextRule, merges: JsonNode, oldRule: TextRule): void => {
    const newCode = newNode.text(newRule);
    for (const merge of merges.items()) {
      const oldNode = merge.get('old_id');
      const extent = merge.get('type').oneOf(EXTENTS);
      pairs.push({ oldCode: oldNode.text(oldRule), newCode, extent, oldNode, newNode });
    }
  };
  for (const province of root.get('data').items()) {
    read(province.get('level1_id'), PROVINCE, province.get('merges'), PROVINCE);
    for (const commune of province.get('level2s').items()) {
      read(commune.get('level2_id'), COMMUNE, commune.get('merges'), DISTRICT_OR_COMMUNE);
    }
  }
  return pairs;
}

/** crosswalk-old-to-new.json: `data[]` old provinces, `level3s[]` old communes, `level2s[]` (rare) old districts, each with `splits[]`. */
export function parseOldToNew(root: JsonNode): CrosswalkPair[] {
  const pairs: CrosswalkPair[] = [];
  const read = (oldNode: JsonNode, oldRule: TextRule, splits: JsonNode, newRule: TextRule): void => {
    const oldCode = oldNode.text(oldRule);
    for (const split of splits.items()) {
      const newNode = split.get('new_id');
      pairs.push({ oldCode, newCode: newNode.text(newRule), oldNode, newNode });
    }
  };
  for (const province of root.get('data').items()) {
    read(province.get('level1_id'), PROVINCE, province.get('splits'), PROVINCE);
    for (const district of province.get('level2s').items({ nullAsEmpty: true })) {
      read(district.get('level2_id'), DISTRICT, district.get('splits'), COMMUNE);
    }
    for (const commune of province.get('level3s').items()) {
      read(commune.get('level3_id'), COMMUNE, commune.get('splits'), COMMUNE);
    }
  }
  return pairs;
}
