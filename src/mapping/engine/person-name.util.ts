/**
 * Vietnamese names are written family name first, given name last, middle name(s) between:
 * 'Nguyễn Thị Minh Anh' = Nguyễn + Thị Minh + Anh. A one-word name (some ethnic groups have no
 * family name) is only a given name. The full name stays as written (whitespace collapsed).
 */
export interface NameParts {
  readonly fullName: string;
  readonly familyName?: string;
  readonly middleName?: string;
  readonly givenName?: string;
}

export function collapseSpaces(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

export function splitFullName(fullName: string): NameParts {
  const words = collapseSpaces(fullName)
    .split(' ')
    .filter((w) => w.length > 0);
  const full = words.join(' ');
  if (words.length === 0) return { fullName: '' };
  if (words.length === 1) return { fullName: full, givenName: words[0] };
  const middle = words.slice(1, -1).join(' ');
  return {
    fullName: full,
    familyName: words[0],
    ...(middle ? { middleName: middle } : {}),
    givenName: words[words.length - 1],
  };
}

export function joinName(parts: { family?: string; middle?: string; given?: string }): NameParts {
  const family = parts.family ? collapseSpaces(parts.family) : '';
  const middle = parts.middle ? collapseSpaces(parts.middle) : '';
  const given = parts.given ? collapseSpaces(parts.given) : '';
  return {
    fullName: [family, middle, given].filter((p) => p !== '').join(' '),
    ...(family ? { familyName: family } : {}),
    ...(middle ? { middleName: middle } : {}),
    ...(given ? { givenName: given } : {}),
  };
}

const LOWER_AT_WORD_START = /(^|\s)\p{Ll}/u;

function capitaliseWords(text: string): string {
  // Most parts need nothing; the test is far cheaper than a replace with a callback.
  if (!LOWER_AT_WORD_START.test(text)) return text;
  return text.replace(
    /(^|\s)(\p{Ll})/gu,
    (_, space: string, letter: string) => space + letter.toLocaleUpperCase('vi'),
  );
}

/** Each word of each part starting with a capital, the rest untouched ('ánh' → 'Ánh', 'McKay' stays). */
export function capitaliseNameParts(parts: NameParts): NameParts {
  const out: { -readonly [K in keyof NameParts]: NameParts[K] } = {
    fullName: capitaliseWords(parts.fullName),
  };
  if (parts.familyName !== undefined) out.familyName = capitaliseWords(parts.familyName);
  if (parts.middleName !== undefined) out.middleName = capitaliseWords(parts.middleName);
  if (parts.givenName !== undefined) out.givenName = capitaliseWords(parts.givenName);
  return out;
}
