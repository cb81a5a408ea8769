/**
 * Vietnamese text is stored in NFC: the same name typed on a Mac (NFD: "Nguyê\u0303n") and on
 * Windows (NFC: "Nguyễn") must be the same string in the register. Applied to every string of a
 * record; nothing else about the text is changed (the record keeps the name as written). Objects are
 * copied only where a string actually changed, so already-NFC input (the usual case) costs no copy.
 */
export function normalizeStringsNfc<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return (isCertainlyNfc(value) ? value : value.normalize('NFC')) as T;
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const n = normalizeStringsNfc(v, depth + 1);
      if (n !== v) (out ??= value.slice())[i] = n;
    }
    return (out ?? value) as T;
  }
  let out: Record<string, unknown> | undefined;
  const source = value as Record<string, unknown>;
  for (const k in source) {
    const v = source[k];
    const n = normalizeStringsNfc(v, depth + 1);
    if (n !== v) (out ??= { ...source })[k] = n;
  }
  return (out ?? value) as T;
}

/**
 * True when every character is below U+0300 (ASCII, Latin-1, Latin Extended-A/B: đ, ơ, ư, ă, ĩ, ũ…)
 * or one of the precomposed Vietnamese letters U+1EA0–U+1EF9 (ạ…ỹ). None of them is changed by NFC
 * (each has NFC_Quick_Check=Yes and combining class 0, and no two of them compose), so such a
 * string is NFC already and ICU need not be asked: the common case for Vietnamese records, where
 * String.prototype.normalize was a visible share of bulk intake's CPU. The spec checks this claim
 * against normalize() for every character and pair of characters of the two ranges.
 * A regex test rather than a charCodeAt loop: about half the time on flat strings, and a small
 * fraction on the sliced and concatenated strings a mapping builds, which the loop read slowly.
 */
export function isCertainlyNfc(text: string): boolean {
  return !MAYBE_NOT_NFC.test(text);
}

// eslint-disable-next-line no-control-regex
const MAYBE_NOT_NFC = /[^\u0000-\u02ff\u1ea0-\u1ef9]/;
