/** One field that a change alters: its path in the standard record and its values before and after. */
export interface FieldDifference {
  path: string;
  before: unknown;
  after: unknown;
}

/**
 * The field-by-field differences between two standard records, leaves only, in a stable order
 * (paths as the validation errors write them: `parties[0].person.fullName`). An object or array
 * present on one side only counts as its leaves; an absent leaf is `null` on that side.
 */
export function diffRecords(before: unknown, after: unknown): FieldDifference[] {
  const a = leaves(before);
  const b = leaves(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort(comparePaths);
  const out: FieldDifference[] = [];
  for (const path of paths) {
    const x = a.has(path) ? a.get(path) : null;
    const y = b.has(path) ? b.get(path) : null;
    if (!sameLeaf(x, y)) out.push({ path, before: x, after: y });
  }
  return out;
}

function leaves(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) {
    if (value.length === 0 && prefix) out.set(prefix, []);
    value.forEach((v, i) => leaves(v, `${prefix}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0 && prefix) out.set(prefix, {});
    for (const [k, v] of entries) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out.set(prefix, value ?? null);
  return out;
}

function sameLeaf(x: unknown, y: unknown): boolean {
  if (typeof x === 'object' || typeof y === 'object') return JSON.stringify(x) === JSON.stringify(y);
  return x === y;
}

/** Orders `parties[2]` before `parties[10]`, otherwise by text. */
function comparePaths(p: string, q: string): number {
  const key = (s: string) => s.replace(/\[(\d+)\]/g, (_, n: string) => `[${n.padStart(6, '0')}]`);
  const [a, b] = [key(p), key(q)];
  return a < b ? -1 : a > b ? 1 : 0;
}
