interface Step {
  readonly key: string;
  readonly index?: number;
}

/** Paths come from mappings (a few dozen per source): each is split once, not once per row and field. */
const parsedPaths = new Map<string, readonly Step[]>();
const MAX_PARSED_PATHS = 10_000;

function stepsOf(path: string): readonly Step[] {
  let steps = parsedPaths.get(path);
  if (steps === undefined) {
    steps = path.split('.').map((step) => {
      const m = /^(.*?)(?:\[(\d+)\])?$/.exec(step);
      return m?.[2] !== undefined ? { key: m[1], index: Number(m[2]) } : { key: m?.[1] ?? step };
    });
    // Bounded all the same: a caller passing paths built from data must not grow it for ever.
    if (parsedPaths.size >= MAX_PARSED_PATHS) parsedPaths.clear();
    parsedPaths.set(path, steps);
  }
  return steps;
}

/**
 * Reads a field of a source row: a CSV column ('hotenks'), an SQL column, or a nested XML element
 * ('NguoiDuocKS.HoTen', 'Con[1].Ten'). XML parsed with attributes keeps an element's text under
 * '#text'; a repeated element is a list, of which the first is read unless an index is given.
 */
export function readSourcePath(values: unknown, path: string): unknown {
  let node: unknown = values;
  for (const { key, index } of stepsOf(path)) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
    if (index !== undefined) node = Array.isArray(node) ? (node as unknown[])[index] : undefined;
    else if (Array.isArray(node)) node = (node as unknown[])[0];
  }
  if (typeof node === 'object' && node !== null && !Array.isArray(node) && Object.hasOwn(node, '#text')) {
    return (node as Record<string, unknown>)['#text'];
  }
  return node;
}
