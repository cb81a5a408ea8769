import { swapInvariantKey, type LooseDate } from './loose-date.js';
import type { MatchProfile, PersonProfile } from './match-profile.js';

/**
 * Blocking: the keys under which an event is filed and looked up, so that a check reads a handful of
 * candidates through an index instead of scanning the register. Several passes, each robust to
 * different corruptions (DOMAIN.md §7), so that one error never hides a duplicate:
 *  - P: personal ID number;
 *  - N: canonical name in sorted order + birth year (typos in the date; year only), not for births;
 *  - G: canonical given name + birth date, day/month-swap invariant (typos in the family name);
 *  - I: initials of the canonical name + birth date (a typo inside any name part);
 *  - M: a birth's mother + the child's birth date, and + both birth years (the child's name mistyped);
 *  - D, DI: a death's deceased (name, or initials) + the date of death (birth date partial or unknown).
 * A marriage also looks up, for each spouse, the divorces, annulments and deaths that may end an
 * earlier marriage (the undissolved-marriage rule).
 */
export function indexKeys(profile: MatchProfile): string[] {
  const keys = new Set<string>();
  const type = profile.eventType;
  for (const subject of profile.subjects) {
    // A birth is not filed by name and year: 'Nguyễn Thị Anh' born in 2018 is a block of thousands
    // at 10 million events. Its mother keys find what that key would (typos, year-only dates).
    if (subject !== undefined) personKeys(type, subject, keys, type !== 'BIRTH');
  }
  const child = profile.subjects[0];
  const mother = profile.mother?.name.sorted;
  const childDate = swapInvariantKey(child?.birth);
  const childYear = yearOf(child?.birth);
  const motherYear = yearOf(profile.mother?.birth);
  if (type === 'BIRTH' && mother) {
    if (childDate) keys.add(`M|${type}|${mother}|${childDate}`);
    if (childYear && motherYear) keys.add(`M|${type}|${mother}|${motherYear}|${childYear}`);
  }
  const deathDate = swapInvariantKey(profile.occurred);
  if (type === 'DEATH' && child?.name.sorted && deathDate) {
    keys.add(`D|${type}|${child.name.sorted}|${deathDate}`);
    keys.add(`DI|${type}|${initials(child.name.sorted)}|${deathDate}`);
  }
  return [...keys];
}

const MARRIAGE_ENDINGS = ['MARRIAGE', 'DIVORCE', 'MARRIAGE_ANNULMENT', 'DEATH'];

/** The keys a check reads: its own, plus for a marriage those of the events that end a marriage. */
export function lookupKeys(profile: MatchProfile, own: readonly string[] = indexKeys(profile)): string[] {
  if (profile.eventType !== 'MARRIAGE') return [...own];
  const keys = new Set(own);
  if (profile.eventType === 'MARRIAGE') {
    for (const spouse of profile.subjects) {
      if (spouse === undefined) continue;
      // The same person is found by ID number or by name and birth year: enough for the rule.
      for (const type of MARRIAGE_ENDINGS) {
        if (spouse.pin) keys.add(`P|${type}|${spouse.pin}`);
        const year = yearOf(spouse.birth);
        if (spouse.name.sorted && year) keys.add(`N|${type}|${spouse.name.sorted}|${year}`);
      }
    }
  }
  return [...keys];
}

function personKeys(type: string, person: PersonProfile, keys: Set<string>, byNameAndYear = true): void {
  if (person.pin) keys.add(`P|${type}|${person.pin}`);
  const { sorted, given } = person.name;
  const year = yearOf(person.birth);
  const date = swapInvariantKey(person.birth);
  if (byNameAndYear && sorted && year) keys.add(`N|${type}|${sorted}|${year}`);
  if (given && date) keys.add(`G|${type}|${given}|${date}`);
  if (sorted && date) keys.add(`I|${type}|${initials(sorted)}|${date}`);
}

function yearOf(d: LooseDate | undefined): string | undefined {
  return d === undefined ? undefined : String(d.y);
}

function initials(sorted: string): string {
  return sorted
    .split(' ')
    .map((t) => t[0])
    .sort()
    .join('');
}

/**
 * Keys are stored as 53-bit hashes in a bigint column: a third of the index of the text keys at
 * 10 million events, and computed in JavaScript without a crypto call per key (cyrb53). At 60
 * million keys a few hundred collide; a collision only adds a candidate, which scoring then rejects.
 */
export function keyHash(key: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const ch = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return String(4294967296 * (2097151 & h2) + (h1 >>> 0));
}
