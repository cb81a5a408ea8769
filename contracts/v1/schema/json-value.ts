export type Json = string | number | boolean | null | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** A JSON copy of library output (undefined properties dropped), typed without casting. */
export function toJson(value: unknown): Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value)) return value.map((element: unknown) => toJson(element));
  if (typeof value === 'object') {
    const copy: JsonObject = {};
    for (const [key, element] of Object.entries(value)) {
      if (element !== undefined) copy[key] = toJson(element);
    }
    return copy;
  }
  throw new TypeError(`not JSON data: ${typeof value}`);
}

export function toJsonObject(value: unknown): JsonObject {
  const json = toJson(value);
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new TypeError('not a JSON object');
  return json;
}

function sortValue(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortValue);
  return value !== null && typeof value === 'object' ? sortKeysDeep(value) : value;
}

/** Object keys in code-unit order at every level; array order is meaning and stays. */
export function sortKeysDeep(value: JsonObject): JsonObject {
  const sorted: JsonObject = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortValue(value[key]);
  return sorted;
}
