/** Each enum's values, collected once: they are looked up for every record of a bulk import. */
const valuesOf = new WeakMap<object, ReadonlySet<unknown>>();

/** The enum object's values (what class-validator's isEnum compares with), as a set. */
export function enumValues(enumObject: object): ReadonlySet<unknown> {
  let values = valuesOf.get(enumObject);
  if (!values) valuesOf.set(enumObject, (values = new Set(Object.values(enumObject))));
  return values;
}

/** Type guard for string enums, for rules that read a sibling field of unknown content. */
export function isEnumValue<T extends Record<string, string>>(
  enumObject: T,
  value: unknown,
): value is T[keyof T] {
  return typeof value === 'string' && enumValues(enumObject).has(value);
}
