/**
 * Jaro-Winkler similarity (0..1) of two short strings, as in record linkage (Winkler 1990): the
 * prefix bonus suits Vietnamese names, whose typing errors are rarely in the first letter.
 * Inputs are matching keys (already bounded in length by name-keys.ts).
 *
 * Both functions run for every candidate pair of a batch check: they compare UTF-16 code units and
 * work in scratch buffers reused across calls instead of allocating arrays per call (the allocation
 * and its garbage collection were a visible share of a batch's CPU).
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = scratch(0, a.length);
  const bMatched = scratch(1, b.length);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    const ca = a.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (bMatched[j] === 1 || ca !== b.charCodeAt(j)) continue;
      aMatched[i] = 1;
      bMatched[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (aMatched[i] !== 1) continue;
    while (bMatched[k] !== 1) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (
    prefix < 4 &&
    prefix < a.length &&
    prefix < b.length &&
    a.charCodeAt(prefix) === b.charCodeAt(prefix)
  )
    prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Levenshtein distance, giving up (returning max + 1) once it must exceed `max`. */
export function boundedLevenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = scratch(2, b.length + 1);
  let current = scratch(3, b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[b.length];
}

/** Scratch buffers (two for Jaro-Winkler's match flags, two for Levenshtein's rows), zeroed to `length`. */
const buffers: Int32Array[] = [
  new Int32Array(64),
  new Int32Array(64),
  new Int32Array(64),
  new Int32Array(64),
];

function scratch(slot: number, length: number): Int32Array {
  let buffer = buffers[slot];
  if (buffer.length < length) buffer = buffers[slot] = new Int32Array(Math.max(length, buffer.length * 2));
  buffer.fill(0, 0, length);
  return buffer;
}
