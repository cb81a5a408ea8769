/** Each enum's values, collected once: this runs for every record of a bulk import. */
const valuesOf = new WeakMap<object, ReadonlySet<string>>();

/** Type guard for string enums, for rules that read a sibling field of unknown content. */
export function isEnumValue<T extends Record<string, string>>(
  enumObject: T,
  value: unknown,
): value is T[keyof T] {
  if (typeof value !== 'string') return false;
  let values = valuesOf.get(enumObject);
  if (!values) valuesOf.set(enumObject, (values = new Set(Object.values<string>(enumObject))));
  return values.has(value);
}
