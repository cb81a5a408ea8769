/**
 * One pass over a record for the rules that look at fields wherever they are: date fields, unit
 * references and text with broken characters. A field collected keeps its path as segments; the
 * text ('parties[0].person.birthDate') is written only for an error: on bulk intake this walk runs
 * for every record, and a valid one needs none.
 */
export interface UnitRefLike {
  code: string;
  level?: string;
  asOf: string;
}

/** Where a field is: keys and array indexes from the record's root. */
export type FieldPath = ReadonlyArray<string | number>;

export interface RecordScan {
  /** Date fields that cannot lie in the future, with their paths. */
  pastDates: Array<[path: FieldPath, value: string]>;
  unitRefs: Array<[path: FieldPath, ref: UnitRefLike]>;
  /** Paths of strings holding U+FFFD or a C0 control character other than tab and line breaks. */
  brokenText: FieldPath[];
}

/** validUntil and effectiveOn legitimately lie in the future; these do not. */
const PAST_DATE_KEYS = new Set([
  'occurredOn',
  'registeredOn',
  'birthDate',
  'issuedOn',
  'decidedOn',
  'asOf',
  'establishedOn',
  'documentDate',
]);

// eslint-disable-next-line no-control-regex
const BROKEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/;
const MAX_DEPTH = 16;

/** The path as errors name it: 'parties[0].person.birthDate'. */
export function pathText(segments: FieldPath): string {
  let out = '';
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : out ? `.${s}` : s;
  return out;
}

function isUnitRef(o: Record<string, unknown>): boolean {
  return typeof o.code === 'string' && typeof o.asOf === 'string';
}

export function scanRecord(record: unknown): RecordScan {
  const scan: RecordScan = { pastDates: [], unitRefs: [], brokenText: [] };
  const segments: Array<string | number> = [];
  const visit = (value: unknown, key: string | number | undefined): void => {
    if (typeof value === 'string') {
      if (BROKEN.test(value)) scan.brokenText.push(segments.slice());
      if (typeof key === 'string' && PAST_DATE_KEYS.has(key)) scan.pastDates.push([segments.slice(), value]);
      return;
    }
    if (value === null || typeof value !== 'object' || segments.length > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        segments.push(i);
        visit(value[i], i);
        segments.pop();
      }
      return;
    }
    const o = value as Record<string, unknown>;
    if (isUnitRef(o)) scan.unitRefs.push([segments.slice(), o as unknown as UnitRefLike]);
    for (const k in o) {
      segments.push(k);
      visit(o[k], k);
      segments.pop();
    }
  };
  visit(record, undefined);
  return scan;
}
