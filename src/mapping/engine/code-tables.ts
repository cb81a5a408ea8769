import { ETHNICITIES } from '../../../contracts/v1/code-lists/ethnicity.code-list.js';

/**
 * Built-in code tables (a mapping may also declare its own under codeTables). Keys are compared
 * after codeKey(): NFC, lower case, no accents, no spaces or hyphens, so 'Nữ', 'NU', 'nữ' and
 * 'Khơ Me', 'Khơ-me', 'KHMER' each meet one entry.
 */
export function codeKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s\-'’_.]/g, '');
}

function table(entries: ReadonlyArray<readonly [string, string]>): ReadonlyMap<string, string> {
  return new Map(entries.map(([k, v]) => [codeKey(k), v]));
}

/** 1/0 is the common legacy pair (1 Nam, 0 Nữ); a source that writes 2 for Nữ declares its own table. */
const SEX = table([
  ['Nam', 'MALE'],
  ['Trai', 'MALE'],
  ['M', 'MALE'],
  ['Male', 'MALE'],
  ['1', 'MALE'],
  ['Nữ', 'FEMALE'],
  ['Gái', 'FEMALE'],
  ['F', 'FEMALE'],
  ['Female', 'FEMALE'],
  ['0', 'FEMALE'],
]);

/** Names, variants and codes with or without the leading zero ('1', '01' and 'Kinh' are all 01). */
const ETHNICITY = table(
  ETHNICITIES.flatMap((e) => [
    [e.code, e.code] as const,
    [String(Number(e.code)), e.code] as const,
    [e.name, e.code] as const,
    ...e.variants.map((v) => [v, e.code] as const),
  ]),
);

export const BUILT_IN_CODE_TABLES: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  ['sex', SEX],
  ['ethnicity', ETHNICITY],
]);

/** A mapping's own table, keyed the same way. */
export function buildCodeTable(
  entries: ReadonlyArray<readonly [string, string]>,
): ReadonlyMap<string, string> {
  return table(entries);
}
