import type { CivilStatusRecord } from '../../contracts/v1/civil-status-record.contract.js';
import type { EventType } from '../../contracts/v1/code-lists/event-type.enum.js';
import type { Timeliness } from './record-builder.context.js';

/** One realistic way a source gets a record wrong; each maps to one error code of the hub. */
export type DefectKind =
  | 'FUTURE_DATE'
  | 'IMPOSSIBLE_DATE'
  | 'DEATH_BEFORE_BIRTH'
  | 'EVENT_BEFORE_BIRTH'
  | 'REGISTERED_BEFORE_EVENT'
  | 'PIN_SEX_DIGIT'
  | 'PIN_CENTURY_DIGIT'
  | 'PIN_YEAR_DIGITS'
  | 'PIN_UNKNOWN_PROVINCE'
  | 'UNIT_NOT_VALID_ON_DATE'
  | 'UNKNOWN_AUTHORITY'
  | 'AUTHORITY_NOT_VALID_ON_DATE'
  | 'UNKNOWN_FIELD'
  | 'WRONG_TYPE'
  | 'OVERLONG_NAME'
  | 'BROKEN_CHARACTER'
  | 'OUTSIDE_SOURCE_PROVINCE';

export const DEFECT_KINDS: readonly DefectKind[] = [
  'FUTURE_DATE',
  'IMPOSSIBLE_DATE',
  'DEATH_BEFORE_BIRTH',
  'EVENT_BEFORE_BIRTH',
  'REGISTERED_BEFORE_EVENT',
  'PIN_SEX_DIGIT',
  'PIN_CENTURY_DIGIT',
  'PIN_YEAR_DIGITS',
  'PIN_UNKNOWN_PROVINCE',
  'UNIT_NOT_VALID_ON_DATE',
  'UNKNOWN_AUTHORITY',
  'AUTHORITY_NOT_VALID_ON_DATE',
  'UNKNOWN_FIELD',
  'WRONG_TYPE',
  'OVERLONG_NAME',
  'BROKEN_CHARACTER',
  'OUTSIDE_SOURCE_PROVINCE',
];

interface GeneratedRecordBase {
  readonly eventType: EventType;
  readonly sourceRecordId: string;
  /** Today's province code of the registering authority: bind the submitting source to it. */
  readonly provinceCode: string;
  /** On time or late as generated (for an invalid record: before it was broken). */
  readonly timeliness: Timeliness;
}

export interface ValidGeneratedRecord extends GeneratedRecordBase {
  readonly expectValid: true;
  /** A plain JSON-ready object; the hub must accept it. */
  readonly record: CivilStatusRecord;
}

export interface InvalidGeneratedRecord extends GeneratedRecordBase {
  readonly expectValid: false;
  /** A plain JSON-ready object broken in one way; it may not match the contract's types. */
  readonly record: Record<string, unknown>;
  readonly defect: DefectKind;
  /** The error code the hub must report among its errors, e.g. 'RULE.DATE_IN_FUTURE'. */
  readonly expectedErrorCode: string;
}

export type GeneratedRecord = ValidGeneratedRecord | InvalidGeneratedRecord;
