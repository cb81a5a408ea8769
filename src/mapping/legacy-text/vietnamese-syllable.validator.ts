import { VIETNAMESE_INITIALS, VIETNAMESE_RHYMES } from './vietnamese-rhymes.table.js';
import { TONE_MARKS } from './vietnamese-letters.constant.js';

const RHYMES: ReadonlySet<string> = new Set(VIETNAMESE_RHYMES);
/** The same rhymes after ASCII folding ("uyên" -> "uyen"), for "Nguyen Van Duc". */
const FOLDED_RHYMES: ReadonlySet<string> = new Set(
  VIETNAMESE_RHYMES.map((r) => r.normalize('NFD').replace(/\p{M}/gu, '')),
);
const FRONT_VOWEL = /^[eêi]/;
const STOP_FINAL = /(c|ch|p|t|k)$/;
const SAC_OR_NANG: ReadonlySet<string> = new Set(['\u0301', '\u0323']);
const NFD_VOWEL_BASES: ReadonlySet<string> = new Set([...'aeiouy']);
const MAX_SYLLABLE_LENGTH = 8;

function isRhyme(rhyme: string, rhymes: ReadonlySet<string>): boolean {
  return rhymes.has(rhyme) || (rhyme.endsWith('k') && rhymes.has(rhyme.slice(0, -1) + 'c'));
}

/** Spelling rules that cost one test each: gh/ngh only before e ê i, g/ng/c never before them. */
function validAfterInitial(initial: string, rest: string, rhymes: ReadonlySet<string>): boolean {
  const validRhyme = (rhyme: string): boolean => isRhyme(rhyme, rhymes);
  switch (initial) {
    case 'qu':
      return rest !== '' && (validRhyme(rest) || validRhyme('u' + rest));
    case 'gi':
      return validRhyme(rest) || validRhyme('i' + rest);
    case 'gh':
    case 'ngh':
      return FRONT_VOWEL.test(rest) && validRhyme(rest);
    case 'g':
    case 'ng':
      return !FRONT_VOWEL.test(rest) && validRhyme(rest);
    case 'c':
      return !/^[eêiy]/.test(rest) && validRhyme(rest);
    default:
      return validRhyme(rest);
  }
}

interface Split {
  readonly toneless: string;
  readonly tone: string | undefined;
}

/** Separates the one permitted tone mark; undefined when there are two, or one on a consonant. */
function splitTone(word: string): Split | undefined {
  let tone: string | undefined;
  let lastBase = '';
  let kept = '';
  for (const ch of word.normalize('NFD').toLowerCase()) {
    if (!TONE_MARKS.has(ch)) {
      if (!/\p{M}/u.test(ch)) lastBase = ch;
      kept += ch;
      continue;
    }
    if (tone !== undefined || !NFD_VOWEL_BASES.has(lastBase)) return undefined;
    tone = ch;
  }
  return { toneless: kept.normalize('NFC'), tone };
}

function check(word: string): boolean {
  if (word.length === 0 || word.length > MAX_SYLLABLE_LENGTH * 3) return false;
  const split = splitTone(word);
  if (split === undefined) return false;
  const { toneless, tone } = split;
  if (toneless.length > MAX_SYLLABLE_LENGTH || !/^[a-zăâđêôơư]+$/.test(toneless)) return false;
  // "các", "Việt": a syllable closed by c/ch/p/t only takes sắc or nặng. Pure ASCII is exempt because
  // folding ("Viet", "Duc") removed the tone, it did not write a wrong one.
  const folded = /^\p{ASCII}+$/u.test(word);
  if (!folded && STOP_FINAL.test(toneless) && (tone === undefined || !SAC_OR_NANG.has(tone))) return false;
  const rhymes = folded ? FOLDED_RHYMES : RHYMES;
  if (validAfterInitial('', toneless, rhymes)) return true;
  return VIETNAMESE_INITIALS.some(
    (initial) =>
      toneless.startsWith(initial) && validAfterInitial(initial, toneless.slice(initial.length), rhymes),
  );
}

const cache = new Map<string, boolean>();
const CACHE_LIMIT = 100_000;

/**
 * True when `word` can be one Vietnamese syllable: optional initial consonant, a rhyme from the
 * Vietnamese set, at most one tone mark and that on a vowel. Case, NFC/NFD and tone placement
 * (hoà/hòa) do not matter. ASCII-folded syllables ("Nguyen") pass; scoring ignores them anyway.
 */
export function isVietnameseSyllable(word: string): boolean {
  let known = cache.get(word);
  if (known === undefined) {
    known = check(word);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, known);
  }
  return known;
}
