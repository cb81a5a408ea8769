import type { AdminUnitKind, AdminUnitLevel } from './admin-unit.model.js';

/** A unit as one data file lists it, before validity periods are worked out. */
export interface UnitRecord {
  readonly code: string;
  readonly level: AdminUnitLevel;
  readonly kind: AdminUnitKind;
  readonly name: string;
  readonly provinceCode: string;
  readonly districtCode?: string;
}
