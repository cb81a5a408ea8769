/** Type guard for string enums, for rules that read a sibling field of unknown content. */
export function isEnumValue<T extends Record<string, string>>(
  enumObject: T,
  value: unknown,
): value is T[keyof T] {
  return typeof value === 'string' && Object.values<string>(enumObject).includes(value);
}
