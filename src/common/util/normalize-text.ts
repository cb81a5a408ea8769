/**
 * Vietnamese text is stored in NFC: the same name typed on a Mac (NFD: "Nguyê\u0303n") and on
 * Windows (NFC: "Nguyễn") must be the same string in the register. Applied to every string of a
 * record; nothing else about the text is changed (the record keeps the name as written).
 */
export function normalizeStringsNfc<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v: unknown) => normalizeStringsNfc(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = normalizeStringsNfc(v, depth + 1);
  return out as T;
}
