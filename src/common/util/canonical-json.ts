import { createHash } from 'node:crypto';

/** Keys sorted at every level: the serialisation fingerprints are taken of (one definition, in contracts/). */
export { sortedJson as canonicalJson } from '../../../contracts/v1/constraints/sorted-json.util.js';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
