import type { UserPrincipal } from '../access/user-principal.js';

/**
 * Which registrations an official may see and change (issue 6, point 3):
 * - ALL: the Ministry;
 * - PROVINCE: a Sở Tư pháp, every event whose registering authority lies in its province today,
 *   which includes the pre-2025 predecessors of its communes: civil_event.province_code is today's
 *   province of the registering authority, rolled through the crosswalk when the event is written;
 * - AUTHORITY: a commune (or a mission abroad), the events it registered itself.
 */
export type Jurisdiction =
  { kind: 'ALL' } | { kind: 'PROVINCE'; provinceCode: string } | { kind: 'AUTHORITY'; authorityCode: string };

export function jurisdictionOf(user: Pick<UserPrincipal, 'authorityCode'>): Jurisdiction {
  if (user.authorityCode === 'BTP') return { kind: 'ALL' };
  const province = /^STP-(\d{2})$/.exec(user.authorityCode)?.[1];
  if (province) return { kind: 'PROVINCE', provinceCode: province };
  return { kind: 'AUTHORITY', authorityCode: user.authorityCode };
}

/**
 * A WHERE condition restricting civil_event rows (under `alias`) to the jurisdiction, with its
 * parameters numbered from `firstParam`. Every query over events that an official's request runs
 * adds it; the indexes on (province_code, …) and authority serve it.
 */
export function eventScope(
  j: Jurisdiction,
  alias: string,
  firstParam: number,
): { sql: string; params: unknown[] } {
  switch (j.kind) {
    case 'ALL':
      return { sql: 'TRUE', params: [] };
    case 'PROVINCE':
      return { sql: `${alias}.province_code = $${firstParam}`, params: [j.provinceCode] };
    case 'AUTHORITY':
      return { sql: `${alias}.authority_code = $${firstParam}`, params: [j.authorityCode] };
  }
}

/** Whether one event (its registering authority's code and today's province) is within the jurisdiction. */
export function eventWithin(
  j: Jurisdiction,
  e: { authorityCode: string; provinceCode: string | null },
): boolean {
  switch (j.kind) {
    case 'ALL':
      return true;
    case 'PROVINCE':
      return e.provinceCode === j.provinceCode;
    case 'AUTHORITY':
      return e.authorityCode === j.authorityCode;
  }
}
