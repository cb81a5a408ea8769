/**
 * Keys whose values are personal data (names, ID numbers, addresses, dates of birth) or secrets.
 * Logs never carry them: pino redacts these paths, and `maskPersonalData` scrubs ad-hoc objects.
 */
export const PERSONAL_KEYS = [
  'fullName',
  'familyName',
  'middleName',
  'givenName',
  'personalIdNumber',
  'number',
  'birthDate',
  'birthDateInWords',
  'address',
  'residence',
  'placeOfBirth',
  'hometown',
  'password',
  'apiKey',
  'authorization',
  'payload',
  'record',
] as const;

const PERSONAL = new Set<string>(PERSONAL_KEYS);
export const MASK = '[đã che]';

export function maskPersonalData(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskPersonalData(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = PERSONAL.has(k) ? MASK : maskPersonalData(v, depth + 1);
  }
  return out;
}

/** pino `redact` paths: the keys at any of the first levels, and the request's credentials. */
export const PINO_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  ...PERSONAL_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];
