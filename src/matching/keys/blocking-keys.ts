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

/** A key as stored and looked up: its hash and, for the keys that carry one, the event's tag. */
export interface BlockingKey {
  readonly hash: string;
  readonly tag?: number;
}

/**
 * A birth's G and I keys are about the child alone (given name or initials, and the birth date):
 * in one district's book a few dozen given names share a few hundred dates, so such a key is filed
 * under by hundreds of births at a million events. They carry a tag of the mother's name (keyTag), and
 * a look-up reads only events whose tag is the same, or that have none (no mother, or indexed before
 * tags). What is lost: a duplicate that only these keys found (its mother's name differs, so the
 * mother keys M miss it) and whose mother's family or given name changed its first letter (in the
 * 20,000-record evaluation set one of 4,000 true links: the mother's "H'Lan" typed "H'an").
 */
const TAGGED = ['G|BIRTH|', 'I|BIRTH|'];

/**
 * The event's tag, if its type and data have one: a 31-bit hash of the first letters of the mother's
 * canonical family and given names. Not all her initials: a dropped or mistyped middle name (Thị
 * typed 'Thj' is no longer the optional Thị) would change them; both ends rarely change at once.
 */
export function keyTag(profile: MatchProfile): number | undefined {
  const mother = profile.mother?.name;
  if (profile.eventType !== 'BIRTH' || !mother?.family || !mother.given) return undefined;
  // 1..2^31-1: 0 is "no tag" in match_key.
  return (Number(keyHash(`${mother.family[0]}${mother.given[0]}`)) % 2147483646) + 1;
}

/** Hashed keys with the tag on those that carry it (duplicate keys once). */
export function blockingKeys(keys: readonly string[], tag: number | undefined): BlockingKey[] {
  const out = new Map<string, BlockingKey>();
  for (const key of keys) {
    const hash = keyHash(key);
    // Two keys with one hash (a collision): the untagged one, which reads more, wins.
    if (out.has(hash) && out.get(hash)!.tag === undefined) continue;
    out.set(hash, tag !== undefined && TAGGED.some((t) => key.startsWith(t)) ? { hash, tag } : { hash });
  }
  return [...out.values()];
}

/** Whether an event filed under a key with tag `filed` is a candidate for a look-up with tag `wanted`. */
export function tagsAgree(wanted: number | undefined, filed: number | undefined): boolean {
  return wanted === undefined || filed === undefined || wanted === filed;
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
