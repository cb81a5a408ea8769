import type { AdminUnitLevel } from './admin-unit.model.js';
import type { AuthorityKind } from './registering-authority.model.js';

/**
 * Codes of the authorities derived from administrative units, one prefix per level:
 * UBND-X-<commune code> (UBND xã/phường/thị trấn/đặc khu), UBND-H-<district code> (UBND cấp huyện,
 * until 2025-06-30), STP-<province code> (Sở Tư pháp). Embassies (DSQ-<ISO2>), consulates
 * (TLSQ-<ISO2>-<CITY>) and the Ministry (BTP) come from config/authorities/authorities.json.
 */
const UNIT_AUTHORITIES: Readonly<
  Record<AdminUnitLevel, { prefix: string; kind: AuthorityKind; title: string }>
> = {
  COMMUNE: { prefix: 'UBND-X-', kind: 'COMMUNE_PEOPLES_COMMITTEE', title: 'Ủy ban nhân dân' },
  DISTRICT: { prefix: 'UBND-H-', kind: 'DISTRICT_PEOPLES_COMMITTEE', title: 'Ủy ban nhân dân' },
  PROVINCE: { prefix: 'STP-', kind: 'PROVINCE_JUSTICE_DEPARTMENT', title: 'Sở Tư pháp' },
};
const LEVELS: readonly AdminUnitLevel[] = ['COMMUNE', 'DISTRICT', 'PROVINCE'];

export interface UnitAuthorityCode {
  readonly unitCode: string;
  readonly level: AdminUnitLevel;
  readonly kind: AuthorityKind;
  /** Put before the unit's kind and name: 'Sở Tư pháp' + ' tỉnh Đồng Tháp'. */
  readonly title: string;
}

export function parseUnitAuthorityCode(code: string): UnitAuthorityCode | undefined {
  const level = LEVELS.find((l) => code.startsWith(UNIT_AUTHORITIES[l].prefix));
  if (level === undefined) return undefined;
  const { prefix, kind, title } = UNIT_AUTHORITIES[level];
  return { unitCode: code.slice(prefix.length), level, kind, title };
}

export function unitAuthorityCode(level: AdminUnitLevel, unitCode: string): string {
  return `${UNIT_AUTHORITIES[level].prefix}${unitCode}`;
}

export function authorityVersionId(code: string, validFrom: string | null): string {
  return `${code}@${validFrom ?? '-'}`;
}
