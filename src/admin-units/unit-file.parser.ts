import { KINDS_BY_LEVEL, type AdminUnitKind, type AdminUnitLevel } from './admin-unit.model.js';
import type { JsonNode, TextRule } from './json-node.util.js';
import type { UnitRecord } from './unit-record.model.js';

const CODE_RULES: Readonly<Record<AdminUnitLevel, TextRule>> = {
  PROVINCE: { pattern: /^\d{2}$/, expected: 'a 2-digit province code' },
  DISTRICT: { pattern: /^\d{3}$/, expected: 'a 3-digit district code' },
  COMMUNE: { pattern: /^\d{5}$/, expected: 'a 5-digit commune code' },
};

/** units-pre-2025.json: provinces → `District[]` → `Ward[]` (null for island districts without communes). */
export function parsePre2025Units(root: JsonNode): UnitRecord[] {
  const records: UnitRecord[] = [];
  for (const province of root.items()) {
    const provinceCode = province.get('Code').text(CODE_RULES.PROVINCE);
    records.push(readPre2025(province, 'PROVINCE', provinceCode));
    for (const district of province.get('District').items()) {
      const districtCode = district.get('Code').text(CODE_RULES.DISTRICT);
      records.push(readPre2025(district, 'DISTRICT', provinceCode));
      for (const commune of district.get('Ward').items({ nullAsEmpty: true })) {
        records.push(readPre2025(commune, 'COMMUNE', provinceCode, districtCode));
      }
    }
  }
  return records;
}

/** units-YYYY-MM-DD.json: provinces → `Wards[]`, two levels, with the kind label given explicitly. */
export function parseSnapshotUnits(root: JsonNode): UnitRecord[] {
  const records: UnitRecord[] = [];
  for (const province of root.items()) {
    const provinceCode = province.get('Code').text(CODE_RULES.PROVINCE);
    records.push(readSnapshot(province, 'PROVINCE', provinceCode));
    for (const commune of province.get('Wards').items()) {
      records.push(readSnapshot(commune, 'COMMUNE', provinceCode));
    }
  }
  return records;
}

function readSnapshot(node: JsonNode, level: AdminUnitLevel, provinceCode: string): UnitRecord {
  return {
    code: node.get('Code').text(CODE_RULES[level]),
    level,
    kind: node.get('AdministrativeUnitShortName').oneOf(KINDS_BY_LEVEL[level]),
    name: node.get('Name').text(),
    provinceCode,
  };
}

/** The pre-2025 file has no kind field: the kind is the full name minus the name ('Thị trấn Ba Chẽ'). */
function readPre2025(
  node: JsonNode,
  level: AdminUnitLevel,
  provinceCode: string,
  districtCode?: string,
): UnitRecord {
  const name = node.get('Name').text();
  const fullNameNode = node.get('FullName');
  const kind = kindFromFullName(fullNameNode.text(), name, KINDS_BY_LEVEL[level]);
  if (kind === undefined) return fullNameNode.fail(`"<${KINDS_BY_LEVEL[level].join(' | ')}> ${name}"`);
  const record = { code: node.get('Code').text(CODE_RULES[level]), level, kind, name, provinceCode };
  return districtCode === undefined ? record : { ...record, districtCode };
}

function kindFromFullName(
  fullName: string,
  name: string,
  kinds: readonly AdminUnitKind[],
): AdminUnitKind | undefined {
  if (!fullName.endsWith(` ${name}`)) return undefined;
  const label = fullName.slice(0, -(name.length + 1)).toLowerCase();
  return kinds.find((kind) => kind.toLowerCase() === label);
}
