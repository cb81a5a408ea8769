import { countDoubleEncodedSequences } from './double-utf8.repair.js';
import { isVietnameseSyllable } from './vietnamese-syllable.validator.js';

/**
 * Words are cut at whitespace, ASCII punctuation, digits and typographic punctuation only. Latin-1
 * symbols stay inside the word on purpose: a wrong decoding of "Đức" reads "§øc", and cutting at '§'
 * would leave a fragment that might pass.
 */
const SEPARATORS = /([\s!-/:-@[-`{-~0-9\u2010-\u2027\u2030-\u205e]+)/u;
const NON_ASCII = /[^\p{ASCII}]/u;
const HAS_LETTER = /[A-Za-z]/;
/** U+FFFD, C0 controls other than tab/newline/CR, and C1 controls: no real text contains them. */
function countDamagedCharacters(text: string): number {
  let damaged = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const control =
      unit < 0x20 ? unit !== 0x09 && unit !== 0x0a && unit !== 0x0d : unit >= 0x7f && unit <= 0x9f;
    if (control || unit === 0xfffd) damaged++;
  }
  return damaged;
}

export interface TextEvidence {
  /** Words that can differ between decodings, see collectEvidence. */
  readonly evidence: number;
  readonly valid: number;
  /** Replacement characters, control characters and double-encoded UTF-8 sequences ("á»…"). */
  readonly damage: number;
}

export interface EvidenceOptions {
  /**
   * Letters whose case carries no information in this decoding (TCVN3's lower-case toned vowels, which
   * also stand for the capitals): they fit any case pattern.
   */
  readonly caseless?: ReadonlySet<string>;
}

/**
 * A syllable is written all lower case, all capitals or with one leading capital. "ThĂng" or "LéC"
 * is what a wrong single-byte table makes of a name, not how anyone typed one.
 */
function plausibleCase(word: string, caseless: ReadonlySet<string> | undefined): boolean {
  let upperSeen = false;
  let lowerSeen = false;
  let index = 0;
  for (const ch of word) {
    const first = index++ === 0;
    if (caseless?.has(ch)) continue;
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    if (lower === upper) continue;
    if (ch === upper) {
      if (lowerSeen) return false;
      if (!first) upperSeen = true;
    } else {
      if (upperSeen) return false;
      lowerSeen = true;
    }
  }
  return true;
}

/**
 * Counts the evidence a decoded text gives for its decoding. Pure-ASCII words ("Nguyen", "CMND") decode
 * identically in every candidate, so they are neutral, not votes, unless they touch a non-ASCII
 * separator: VISCII's 'Õ' is 0xA0, so Windows-1258 reads "VÕ XUÂN" as "V\u00A0 XUÂN", and the stray
 * "V" is the only sign of it.
 */
export function collectEvidence(text: string, options: EvidenceOptions = {}): TextEvidence {
  let evidence = 0;
  let valid = 0;
  const parts = text.split(SEPARATORS);
  for (let i = 0; i < parts.length; i += 2) {
    const word = parts[i];
    if (word === '') continue;
    const touchesOddSeparator = NON_ASCII.test(parts[i - 1] ?? '') || NON_ASCII.test(parts[i + 1] ?? '');
    if (!NON_ASCII.test(word) && !(touchesOddSeparator && HAS_LETTER.test(word))) continue;
    evidence++;
    if (isVietnameseSyllable(word) && plausibleCase(word, options.caseless)) valid++;
  }
  // "VÃ•" (double-encoded "VÕ") reads as the valid syllable "vã" before a bullet: the sequence itself,
  // not the word, is what gives the corruption away.
  const damage = countDamagedCharacters(text) + countDoubleEncodedSequences(text);
  return { evidence, valid, damage };
}

/** Neutral score for text that holds no evidence at all (only ASCII words, no damage). */
export const NEUTRAL_SCORE = 0.5;

/** Share of valid syllables among evidence words, each damaged character counting as one more failure. */
export function scoreEvidence(e: TextEvidence): number {
  const total = e.evidence + e.damage;
  return total === 0 ? NEUTRAL_SCORE : e.valid / total;
}
