/**
 * The five Vietnamese tone marks as Unicode combining characters, in the order huyền, sắc, ngã, hỏi,
 * nặng. NFD splits 'ễ' into 'e' + U+0302 (circumflex) + U+0303 (tilde): the circumflex is part of the
 * vowel letter, only the second mark is the tone.
 */
export const TONE_MARKS: ReadonlySet<string> = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);

/** Vowel letters without tone, lower case. */
export const VOWEL_LETTERS: ReadonlySet<string> = new Set([...'aăâeêioôơuưy']);

/** Every lower-case Vietnamese vowel form: 12 vowel letters x (no tone + 5 tones) = 72, all NFC. */
export const LOWER_VOWEL_FORMS: readonly string[] = [...VOWEL_LETTERS].flatMap((v) =>
  ['', ...TONE_MARKS].map((tone) => (v + tone).normalize('NFC')),
);
