/**
 * JSON with object keys sorted at every level, so equal content always serialises alike. Written
 * directly, without an intermediate sorted copy. Members holding undefined are dropped, as
 * JSON.stringify drops them.
 */
export function sortedJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : sortedJson(v))).join(',')}]`;
  const o = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(o).sort()) {
    if (o[key] !== undefined) parts.push(`${JSON.stringify(key)}:${sortedJson(o[key])}`);
  }
  return `{${parts.join(',')}}`;
}
