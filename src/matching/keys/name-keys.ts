import { isCertainlyNfc } from '../../common/util/normalize-text.js';

/**
 * Matching keys for personal names. Only keys: the register keeps the name as written (DOMAIN.md §7).
 *
 * - `toned`: NFC, lower case, tone mark moved to the end of its syllable, so that tone placement does
 *   not matter ('hoà' = 'hòa', 'thuỷ' = 'thủy') while the tone itself still counts.
 * - `folded`: no marks at all, đ → d ('Nguyễn Thị Lan' → 'nguyen thi lan'): ASCII-typed names match.
 * - `canonical`: folded, regional and spelling variants merged (Huỳnh → hoang, Võ → vu, 'Vy' → 'vi'),
 *   the optional middle names Thị and Văn dropped.
 * - `sorted`: canonical tokens in alphabetical order, for name-part reordering (given name first).
 *
 * Hostile input never throws: control, zero-width and other format characters, emoji and digits are
 * dropped; a name is cut to MAX_TOKENS syllables of at most MAX_TOKEN_LENGTH letters, so a
 * 2,000-character name costs no more than a real one.
 */
export interface NameKeys {
  readonly toned: string;
  readonly folded: string;
  readonly canonical: string;
  readonly sorted: string;
  /** The first and last canonical token: the family and (Kinh order) the given name. */
  readonly family: string;
  readonly given: string;
}

export const EMPTY_NAME_KEYS: NameKeys = {
  toned: '',
  folded: '',
  canonical: '',
  sorted: '',
  family: '',
  given: '',
};

const MAX_INPUT = 400;
const MAX_TOKENS = 8;
const MAX_TOKEN_LENGTH = 24;
// Tone marks only (grave, acute, tilde, hook above, dot below); circumflex, breve, horn change the letter.
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ALL_MARKS = /\p{M}/gu;
// Anything that is neither a letter, a combining mark nor a separator-like character is a separator.
const NOT_NAME = /[^\p{L}\p{M}]+/gu;
// Control, format (zero-width space/joiner, BOM, bidi), surrogates, private-use, unassigned.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu;

/** Regional pairs and spelling variants: the token on the left counts as the one on the right. */
const VARIANTS: Readonly<Record<string, string>> = {
  huynh: 'hoang',
  vo: 'vu',
};
/** Middle names often dropped or added (Nguyễn Thị Lan = Nguyễn Lan). */
const OPTIONAL_MIDDLE = new Set(['thi', 'van']);

/**
 * Names repeat (a few family names, common given names, the same parents across a family's events):
 * keys are memoised by the name as written, up to MEMO_SIZE names (~12 MB), then the memo starts
 * afresh. Names longer than any real one are not kept. NameKeys are immutable, so sharing is safe.
 * 30,000 rather than 50,000: on the CSV bench's names (three a row) the hit rate goes 73% → 65%
 * (+~7 µs a row for the misses) for ~8 MB less heap at the moment the memo is fullest, which is
 * what a bulk import's peak RSS (target < 300 MB) is made of.
 */
const MEMO_SIZE = 30_000;
const MEMO_MAX_LENGTH = 80;
const memo = new Map<string, NameKeys>();

export function nameKeys(raw: unknown): NameKeys {
  if (typeof raw !== 'string') return EMPTY_NAME_KEYS;
  if (raw.length > MEMO_MAX_LENGTH) return computeNameKeys(raw);
  let keys = memo.get(raw);
  if (keys === undefined) {
    keys = Object.freeze(computeNameKeys(raw));
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(raw, keys);
  }
  return keys;
}

function computeNameKeys(raw: string): NameKeys {
  const tokens = tokenKeysOf(raw);
  if (tokens.length === 0) return EMPTY_NAME_KEYS;
  const folded = tokens.map((t) => t.folded).filter((t) => t.length > 0);
  const canonicalTokens = canonicalise(folded);
  return {
    toned: tokens.map((t) => t.toned).join(' '),
    folded: folded.join(' '),
    canonical: canonicalTokens.join(' '),
    sorted: [...canonicalTokens].sort().join(' '),
    family: canonicalTokens[0] ?? '',
    given: canonicalTokens[canonicalTokens.length - 1] ?? '',
  };
}

/** A name token's two forms: the tone moved to its end, and everything folded (possibly empty). */
interface TokenKeys {
  readonly toned: string;
  readonly folded: string;
}

/**
 * The keys of the name's tokens (at most MAX_TOKENS), as nameTokens would cut them. A name whose
 * characters lie below U+0300 or among the precomposed Vietnamese letters (isCertainlyNfc) is taken
 * syllable by syllable from a memo: a name is new (a child's) far more often than its syllables are,
 * and NFC, NFD and the regexes ran for every one. That gives what the whole name would: for such
 * characters each of those steps changes a character on its own (removing a control character
 * included), so none reaches across a space.
 */
function tokenKeysOf(raw: string): TokenKeys[] {
  if (raw.length > MAX_INPUT || !isCertainlyNfc(raw)) return nameTokens(raw).map(keysOfToken);
  const out: TokenKeys[] = [];
  for (const syllable of raw.split(' ')) {
    if (syllable.length === 0) continue;
    for (const t of syllableKeys(syllable)) {
      if (out.length === MAX_TOKENS) return out;
      out.push(t);
    }
  }
  return out;
}

function keysOfToken(token: string): TokenKeys {
  return { toned: moveToneToEnd(token), folded: foldToken(token) };
}

const SYLLABLE_MEMO_SIZE = 20_000;
const syllables = new Map<string, readonly TokenKeys[]>();

function syllableKeys(syllable: string): readonly TokenKeys[] {
  let keys = syllables.get(syllable);
  if (keys === undefined) {
    keys = Object.freeze(nameTokens(syllable).map((t) => Object.freeze(keysOfToken(t))));
    if (syllables.size >= SYLLABLE_MEMO_SIZE) syllables.clear();
    if (syllable.length <= MAX_TOKEN_LENGTH) syllables.set(syllable, keys);
  }
  return keys;
}

/** NFD, lower-case syllables without invisible characters, digits, punctuation or emoji. */
export function nameTokens(raw: unknown): string[] {
  if (typeof raw !== 'string' || raw.length === 0) return [];
  return raw
    .slice(0, MAX_INPUT)
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .normalize('NFD')
    .toLowerCase()
    .split(NOT_NAME)
    .map((t) => t.replace(/^\p{M}+/u, ''))
    .filter((t) => t.length > 0)
    .slice(0, MAX_TOKENS)
    .map((t) => t.slice(0, MAX_TOKEN_LENGTH));
}

/** Every mark removed and đ → d: 'nguyễn' → 'nguyen'. Input is an NFD token. */
export function foldToken(token: string): string {
  return token.replace(ALL_MARKS, '').replace(/đ/g, 'd');
}

/** Folds a whole string the same way (for places, short texts): NFC-safe, marks and case removed. */
export function foldText(raw: string): string {
  return nameTokens(raw).map(foldToken).join(' ');
}

function moveToneToEnd(token: string): string {
  const tones = token.match(TONE_MARKS);
  return (tones === null ? token : token.replace(TONE_MARKS, '') + tones.join('')).normalize('NFC');
}

function canonicalise(folded: readonly string[]): string[] {
  const mapped = folded.map(variantOf);
  if (mapped.length <= 2) return mapped;
  const kept = mapped.filter((t, i) => i === 0 || i === mapped.length - 1 || !OPTIONAL_MIDDLE.has(t));
  return kept;
}

/**
 * i/y: a syllable of consonants + 'y' is the same as with 'i' (Vy/Vi, Mỹ/Mĩ, Kỳ/Kì, Quý/Quí); 'uy'
 * (Thúy) and 'ay' (Hay vs Hai) are rhymes of their own and stay.
 */
function variantOf(token: string): string {
  const v = VARIANTS[token];
  if (v !== undefined) return v;
  return /^[^aeiouy]*y$/.test(token) || /^qu?y$/.test(token) ? `${token.slice(0, -1)}i` : token;
}
