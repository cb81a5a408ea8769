import type { AdminUnit } from './admin-unit.model.js';

/**
 * How much of the old unit went into (or came from) the linked unit, as the crosswalk says:
 * 'partial' means the old unit was split and only a piece of it is on this side.
 */
export type LinkExtent = 'full' | 'partial';

export interface UnitLink {
  readonly unit: AdminUnit;
  readonly extent: LinkExtent;
}

export interface UnitRollUp {
  /** The unit as it was on the date asked about. */
  readonly source: AdminUnit;
  /** Units in force on the target date that the source became (several when it was split). */
  readonly current: readonly AdminUnit[];
  /**
   * False when some step was a split (or the trail ends): the record cannot be placed in one
   * current unit from the data alone, so keep `source` and flag the record (never guess).
   */
  readonly exact: boolean;
}
