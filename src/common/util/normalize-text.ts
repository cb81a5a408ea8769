/**
 * Vietnamese text is stored in NFC: the same name typed on a Mac (NFD: "Nguyê\u0303n") and on
 * Windows (NFC: "Nguyễn") must be the same string in the register. Applied to every string of a
 * record; nothing else about the text is changed (the record keeps the name as written). Objects are
 * copied only where a string actually changed, so already-NFC input (the usual case) costs no copy.
 */
export function normalizeStringsNfc<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
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
