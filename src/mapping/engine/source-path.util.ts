/**
 * Reads a field of a source row: a CSV column ('hotenks'), an SQL column, or a nested XML element
 * ('NguoiDuocKS.HoTen', 'Con[1].Ten'). XML parsed with attributes keeps an element's text under
 * '#text'; a repeated element is a list, of which the first is read unless an index is given.
 */
export function readSourcePath(values: unknown, path: string): unknown {
  let node: unknown = values;
  for (const step of path.split('.')) {
    const m = /^(.*?)(?:\[(\d+)\])?$/.exec(step);
    const key = m?.[1] ?? step;
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
    if (m?.[2] !== undefined) node = Array.isArray(node) ? (node as unknown[])[Number(m[2])] : undefined;
    else if (Array.isArray(node)) node = (node as unknown[])[0];
  }
  if (typeof node === 'object' && node !== null && !Array.isArray(node) && Object.hasOwn(node, '#text')) {
    return (node as Record<string, unknown>)['#text'];
  }
  return node;
}
