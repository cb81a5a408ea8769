import type { LooseDate } from './loose-date.js';
import type { MatchProfile, PersonProfile } from './match-profile.js';
import { EMPTY_NAME_KEYS, type NameKeys } from './name-keys.js';

/**
 * The stored form of a match profile (match_profile.profile): only what cannot be derived cheaply.
 * A name keeps its toned and canonical keys; the folded, sorted, family and given keys are rebuilt on
 * read. Half the JSON of the full profile, which is what a batch check mostly spends its time parsing.
 */
interface StoredPerson {
  readonly n: readonly [string, string, string];
  readonly s?: string;
  readonly b?: LooseDate;
  readonly p?: string;
}

export interface StoredProfile {
  readonly v: 1;
  readonly t: string;
  readonly r?: 1;
  readonly s: readonly (StoredPerson | null)[];
  readonly m?: StoredPerson;
  readonly f?: StoredPerson;
  readonly o?: LooseDate;
  readonly pl: readonly [readonly string[], readonly string[]];
  readonly ref?: string;
}

export function encodeProfile(p: MatchProfile): StoredProfile {
  return {
    v: 1,
    t: p.eventType,
    ...(p.reRegistration ? { r: 1 as const } : {}),
    s: p.subjects.map((s) => (s === undefined ? null : encodePerson(s))),
    ...(p.mother ? { m: encodePerson(p.mother) } : {}),
    ...(p.father ? { f: encodePerson(p.father) } : {}),
    ...(p.occurred ? { o: p.occurred } : {}),
    pl: [p.place.units, p.place.provinces],
    ...(p.registerRef ? { ref: p.registerRef } : {}),
  };
}

/** Rows are our own, but still checked before use: anything malformed gives undefined. */
export function decodeProfile(value: unknown): MatchProfile | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const s = value as Partial<StoredProfile>;
  if (s.v !== 1 || typeof s.t !== 'string' || !Array.isArray(s.s) || !Array.isArray(s.pl)) return undefined;
  return {
    eventType: s.t,
    reRegistration: s.r === 1,
    subjects: (s.s as readonly (StoredPerson | null)[]).map((p) =>
      p === null || typeof p !== 'object' ? undefined : decodePerson(p),
    ),
    ...(s.m ? { mother: decodePerson(s.m) } : {}),
    ...(s.f ? { father: decodePerson(s.f) } : {}),
    ...(s.o ? { occurred: s.o } : {}),
    place: { units: s.pl[0] ?? [], provinces: s.pl[1] ?? [] },
    ...(s.ref ? { registerRef: s.ref } : {}),
  };
}

function encodePerson(p: PersonProfile): StoredPerson {
  return {
    n: [p.name.toned, p.name.folded, p.name.canonical],
    ...(p.sex ? { s: p.sex } : {}),
    ...(p.birth ? { b: p.birth } : {}),
    ...(p.pin ? { p: p.pin } : {}),
  };
}

function decodePerson(p: StoredPerson): PersonProfile {
  return {
    name: nameKeysOf(p.n),
    ...(p.s ? { sex: p.s } : {}),
    ...(p.b ? { birth: p.b } : {}),
    ...(p.p ? { pin: p.p } : {}),
  };
}

function nameKeysOf(n: readonly [string, string, string] | undefined): NameKeys {
  if (!Array.isArray(n) || !n[2]) return EMPTY_NAME_KEYS;
  const [toned, folded, canonical] = n;
  return { toned, folded, canonical, ...partsOf(canonical) };
}

type NameParts = Pick<NameKeys, 'sorted' | 'family' | 'given'>;

/**
 * A batch check decodes candidates, and canonical names repeat: their sorted, family and given keys
 * are memoised (bounded, then started afresh) instead of split and sorted each time. 10,000: since
 * births' child-only keys are tagged a CSV row decodes ~1–5 candidates, not dozens, and the memo's
 * heap counts in a bulk import's peak RSS.
 */
const PARTS_MEMO_SIZE = 10_000;
const partsMemo = new Map<string, NameParts>();

function partsOf(canonical: string): NameParts {
  let parts = partsMemo.get(canonical);
  if (parts === undefined) {
    const tokens = canonical.split(' ');
    parts = {
      sorted: tokens.length > 1 ? [...tokens].sort().join(' ') : canonical,
      family: tokens[0] ?? '',
      given: tokens[tokens.length - 1] ?? '',
    };
    if (partsMemo.size >= PARTS_MEMO_SIZE) partsMemo.clear();
    if (canonical.length <= 80) partsMemo.set(canonical, parts);
  }
  return parts;
}
