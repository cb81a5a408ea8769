import { compareDates, type DateLevel, type LooseDate } from '../keys/loose-date.js';
import type { NameKeys } from '../keys/name-keys.js';
import { comparePlaces, type PlaceLevel } from '../keys/place-keys.js';
import { boundedLevenshtein, jaroWinkler } from '../keys/string-distance.js';

export type NameLevel = 'EXACT' | 'FOLDED' | 'REORDERED' | 'TYPO' | 'PARTIAL' | 'DIFFERENT' | 'MISSING';
export type AgreeLevel = 'AGREE' | 'DIFFERENT' | 'MISSING';

/** The comparison levels of each kind of field, in order from strongest agreement to missing. */
export const LEVELS = {
  name: ['EXACT', 'FOLDED', 'REORDERED', 'TYPO', 'PARTIAL', 'DIFFERENT', 'MISSING'],
  date: ['EXACT', 'SWAPPED', 'PARTIAL', 'NEAR', 'DIFFERENT', 'MISSING'],
  agree: ['AGREE', 'DIFFERENT', 'MISSING'],
  place: ['SAME_UNIT', 'SAME_PROVINCE', 'DIFFERENT', 'MISSING'],
} as const satisfies Record<string, readonly string[]>;

export type FieldKind = keyof typeof LEVELS;

/** Fields an event type's configuration may weigh, and the kind of comparison each uses. */
export const FIELD_KINDS = {
  name: 'name',
  birthDate: 'date',
  sex: 'agree',
  pin: 'agree',
  motherName: 'name',
  motherBirthDate: 'date',
  fatherName: 'name',
  occurredOn: 'date',
  place: 'place',
  registerRef: 'agree',
} as const satisfies Record<string, FieldKind>;

export type FieldName = keyof typeof FIELD_KINDS;

/** JW at or above this (on canonical keys) is a typing or OCR error of the same name. */
const TYPO_SIMILARITY = 0.93;
const PARTIAL_SIMILARITY = 0.85;
/** One edit in a name this short is another name ('An' / 'Ân' folded are equal; 'A' / 'B' are not). */
const MIN_TYPO_LENGTH = 5;

export function compareNames(a: NameKeys | undefined, b: NameKeys | undefined): NameLevel {
  if (!a?.canonical || !b?.canonical) return 'MISSING';
  if (a.toned === b.toned) return 'EXACT';
  if (a.canonical === b.canonical) return 'FOLDED';
  if (a.sorted === b.sorted) return 'REORDERED';
  if (
    (Math.min(a.canonical.length, b.canonical.length) >= MIN_TYPO_LENGTH &&
      boundedLevenshtein(a.canonical, b.canonical, 1) <= 1) ||
    jaroWinkler(a.canonical, b.canonical) >= TYPO_SIMILARITY
  )
    return 'TYPO';
  if (a.given === b.given || jaroWinkler(a.sorted, b.sorted) >= PARTIAL_SIMILARITY) return 'PARTIAL';
  return 'DIFFERENT';
}

/** Given names far apart: not a typo of one name (twins: Phúc and Lộc). */
export function givenNamesDiffer(a: NameKeys | undefined, b: NameKeys | undefined): boolean {
  if (!a?.given || !b?.given || a.given === b.given) return false;
  return jaroWinkler(a.given, b.given) < 0.8 && boundedLevenshtein(a.given, b.given, 1) > 1;
}

export function compareValues(a: string | undefined, b: string | undefined): AgreeLevel {
  if (!a || !b) return 'MISSING';
  return a === b ? 'AGREE' : 'DIFFERENT';
}

export { compareDates, comparePlaces };
export type { DateLevel, LooseDate, PlaceLevel };
