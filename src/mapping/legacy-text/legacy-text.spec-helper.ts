import { TCVN3_CASELESS_LETTERS } from './tcvn3.codec.js';

/** What survives a TCVN3 round trip: toned capitals come back lower case. */
export function tcvn3Expected(text: string): string {
  return [...text]
    .map((ch) => (TCVN3_CASELESS_LETTERS.has(ch.toLowerCase()) ? ch.toLowerCase() : ch))
    .join('');
}
