import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AdminUnitsException } from './admin-units.exception.js';
import { authorityVersionId } from './authority-code.util.js';
import { isIsoDate } from './iso-date.util.js';
import { JsonNode } from './json-node.util.js';
import type { AuthorityKind, AuthorityVersion } from './registering-authority.model.js';

export const AUTHORITIES_FILE = 'authorities.json';

const LISTED_KINDS: readonly AuthorityKind[] = ['EMBASSY', 'MINISTRY'];
const EMBASSY_CODE = /^(?:DSQ-([A-Z]{2})|TLSQ-([A-Z]{2})-[A-Z0-9]+(?:-[A-Z0-9]+)*)$/;
const MINISTRY_CODE = { pattern: /^[A-Z]{2,10}$/, expected: 'a code of capital letters, e.g. BTP' };
const DATE = { pattern: /^\d{4}-\d{2}-\d{2}$/, expected: 'a date YYYY-MM-DD or null' };
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** The authorities that are not administrative units: embassies, consulates, the Ministry. */
export class ListedAuthorities {
  private readonly byCode = new Map<string, AuthorityVersion[]>();

  constructor(versions: readonly AuthorityVersion[]) {
    for (const version of versions) {
      const list = this.byCode.get(version.code) ?? [];
      list.push(version);
      this.byCode.set(version.code, list);
    }
  }

  versions(code: string): readonly AuthorityVersion[] {
    return this.byCode.get(code) ?? [];
  }

  all(): AuthorityVersion[] {
    return [...this.byCode.values()].flat();
  }
}

export async function loadListedAuthorities(dir: string): Promise<ListedAuthorities> {
  const file = join(dir, AUTHORITIES_FILE);
  const text = await readFile(file, 'utf8').catch((cause: unknown) => {
    throw new AdminUnitsException('ADMIN_UNITS.DATA_INVALID', `${file}: cannot be read`, { cause });
  });
  return new ListedAuthorities(parseAuthorities(JsonNode.parse(text, file)));
}

export function parseAuthorities(root: JsonNode): AuthorityVersion[] {
  const versions = root.get('authorities').items().map(readAuthority);
  const lastEnd = new Map<string, { validTo: string | null; node: JsonNode }>();
  for (const { version, node } of versions) {
    const before = lastEnd.get(version.code);
    if (
      before !== undefined &&
      (before.validTo === null || version.validFrom === null || version.validFrom <= before.validTo)
    ) {
      node.get('validFrom').fail(`a date after the previous version of ${version.code} ends`);
    }
    lastEnd.set(version.code, { validTo: version.validTo, node });
  }
  return versions.map((v) => v.version);
}

function readAuthority(node: JsonNode): { version: AuthorityVersion; node: JsonNode } {
  const kind = node.get('kind').oneOf(LISTED_KINDS);
  const codeNode = node.get('code');
  const name = node.get('name').text();
  const validFrom = readDate(node.get('validFrom'));
  const validTo = readDate(node.get('validTo'));
  if (validFrom !== null && validTo !== null && validTo < validFrom)
    node.get('validTo').fail(`a date not before ${validFrom}`);
  const base = { kind, name, validFrom, validTo };
  if (kind === 'MINISTRY') {
    const code = codeNode.text(MINISTRY_CODE);
    return { version: Object.freeze({ id: authorityVersionId(code, validFrom), code, ...base }), node };
  }
  const countryCode = readCountryCode(node.get('countryCode'));
  const code = codeNode.text({ pattern: EMBASSY_CODE, expected: 'DSQ-<ISO2> or TLSQ-<ISO2>-<CITY>' });
  const match = EMBASSY_CODE.exec(code);
  if ((match?.[1] ?? match?.[2]) !== countryCode) codeNode.fail(`a code for country ${countryCode}`);
  return {
    version: Object.freeze({ id: authorityVersionId(code, validFrom), code, ...base, countryCode }),
    node,
  };
}

function readDate(node: JsonNode): string | null {
  if (node.value === null) return null;
  const date = node.text(DATE);
  if (!isIsoDate(date)) node.fail('a real calendar date');
  return date;
}

/**
 * ISO 3166-1 alpha-2 as ICU knows it: an unknown code names itself ('QQ'), an alias is
 * canonicalised to another code ('UK' → 'GB'), and 'ZZ' means "unknown region".
 */
function readCountryCode(node: JsonNode): string {
  const code = node.text({ pattern: /^[A-Z]{2}$/, expected: 'an ISO 3166-1 alpha-2 country code' });
  const canonical = Intl.getCanonicalLocales(`und-${code}`)[0];
  if (code === 'ZZ' || canonical !== `und-${code}` || regionNames.of(code) === code) {
    node.fail('an ISO 3166-1 alpha-2 country code');
  }
  return code;
}
