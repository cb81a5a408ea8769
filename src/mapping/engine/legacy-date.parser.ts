import { parsePartialDate } from '../../../contracts/v1/partial-date.js';
import { parseVietnameseNumber } from './vietnamese-number-words.js';

/**
 * Dates as legacy registers write them, to the contract's partial-date form ('YYYY', 'YYYY-MM',
 * 'YYYY-MM-DD'). A mapping lists the formats a column uses; they are tried in order.
 *   dd/MM/yyyy, d-M-yy, yyyyMMdd, MM/yyyy, yyyy ... : tokens d dd M MM yy yyyy, any other character literal
 *   iso   : 2017-03-05, 2017-03, 2017, and 2017-03-05T00:00:00(.000)(Z) as drivers hand out datetimes
 *   words : free text 'ngày 05 tháng 3 năm 2017', 'tháng 3 năm 2017', 'năm 2017' (accents optional)
 *   spelled : in words, as birth certificates write it: 'Ngày năm, tháng ba, năm hai nghìn không trăm mười bảy'
 */
export type DateParseResult =
  | { readonly ok: true; readonly value: string; readonly precision: 'YEAR' | 'MONTH' | 'DAY' }
  | { readonly ok: false; readonly reason: 'UNREADABLE' | 'IMPOSSIBLE' | 'PARTIAL_NOT_ALLOWED' };

export interface DateParseOptions {
  readonly pivot: number;
  readonly partial: boolean;
}

interface CompiledFormat {
  readonly name: string;
  readonly match: (text: string) => DateParts | undefined;
}

interface DateParts {
  readonly year: number;
  /** Whether the year was written with two digits (then the pivot decides the century). */
  readonly shortYear: boolean;
  readonly month?: number;
  readonly day?: number;
}

const TOKENS: ReadonlyArray<{
  token: string;
  pattern: string;
  part: 'year' | 'shortYear' | 'month' | 'day';
}> = [
  { token: 'yyyy', pattern: '(\\d{4})', part: 'year' },
  { token: 'yy', pattern: '(\\d{2})', part: 'shortYear' },
  { token: 'MM', pattern: '(\\d{2})', part: 'month' },
  { token: 'M', pattern: '(\\d{1,2})', part: 'month' },
  { token: 'dd', pattern: '(\\d{2})', part: 'day' },
  { token: 'd', pattern: '(\\d{1,2})', part: 'day' },
];

function escapeLiteral(char: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(char) ? `\\${char}` : char;
}

/** Throws a plain Error naming the problem; the loader adds the file and the field. */
export function compileDateFormat(format: string): CompiledFormat {
  if (format === 'iso') return { name: format, match: matchIso };
  if (format === 'words') return { name: format, match: matchWords };
  if (format === 'spelled') return { name: format, match: matchSpelled };
  const parts: Array<'year' | 'shortYear' | 'month' | 'day'> = [];
  let pattern = '';
  for (let i = 0; i < format.length;) {
    const token = TOKENS.find((t) => format.startsWith(t.token, i));
    if (token) {
      parts.push(token.part);
      pattern += token.pattern;
      i += token.token.length;
    } else {
      if (/[a-zA-Z]/.test(format[i]))
        throw new Error(`unknown letter '${format[i]}' in date format '${format}'`);
      pattern += escapeLiteral(format[i]);
      i++;
    }
  }
  const has = (p: string): boolean => parts.includes(p as never);
  if (!has('year') && !has('shortYear')) throw new Error(`date format '${format}' has no year (yyyy or yy)`);
  if (has('day') && !has('month')) throw new Error(`date format '${format}' has a day but no month`);
  if (new Set(parts).size !== parts.length) throw new Error(`date format '${format}' repeats a part`);
  const regex = new RegExp(`^${pattern}$`);
  return {
    name: format,
    match: (text) => {
      const m = regex.exec(text);
      if (!m) return undefined;
      const values: Partial<Record<'year' | 'shortYear' | 'month' | 'day', number>> = {};
      parts.forEach((part, index) => (values[part] = Number(m[index + 1])));
      return {
        year: values.year ?? values.shortYear ?? 0,
        shortYear: values.year === undefined,
        month: values.month,
        day: values.day,
      };
    },
  };
}

function matchIso(text: string): DateParts | undefined {
  const m =
    /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$/.exec(
      text,
    );
  if (!m) return undefined;
  return {
    year: Number(m[1]),
    shortYear: false,
    month: m[2] === undefined ? undefined : Number(m[2]),
    day: m[3] === undefined ? undefined : Number(m[3]),
  };
}

/** 'Ngày 05 tháng 3 năm 2017': accents dropped first, so 'ngay 5 thang 3 nam 2017' reads too. */
function matchWords(text: string): DateParts | undefined {
  const folded = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[,.;]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const m = /^(?:ngay (\d{1,2}) )?(?:thang (\d{1,2}) )?nam (\d{4})$/.exec(folded);
  if (!m || (m[1] !== undefined && m[2] === undefined)) return undefined;
  return {
    year: Number(m[3]),
    shortYear: false,
    month: m[2] === undefined ? undefined : Number(m[2]),
    day: m[1] === undefined ? undefined : Number(m[1]),
  };
}

const MONTH_NAMES: Readonly<Record<string, number>> = { giêng: 1, chạp: 12 };

/** 'Ngày năm, tháng ba, năm hai nghìn không trăm mười bảy' → 2017-03-05 (accents required). */
function matchSpelled(text: string): DateParts | undefined {
  const plain = text
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/[,.;]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const m = /^(?:ngày (.+?) )?(?:tháng (.+?) )?năm (.+)$/.exec(plain);
  if (!m || (m[1] !== undefined && m[2] === undefined)) return undefined;
  const year = parseVietnameseNumber(m[3]);
  const month = m[2] === undefined ? undefined : (MONTH_NAMES[m[2]] ?? parseVietnameseNumber(m[2]));
  const day = m[1] === undefined ? undefined : parseVietnameseNumber(m[1]);
  if (
    year === undefined ||
    (m[2] !== undefined && month === undefined) ||
    (m[1] !== undefined && day === undefined)
  ) {
    return undefined;
  }
  return { year, shortYear: false, month, day };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export class LegacyDateParser {
  private readonly formats: readonly CompiledFormat[];

  constructor(
    formats: readonly string[],
    private readonly options: DateParseOptions,
  ) {
    this.formats = formats.map(compileDateFormat);
  }

  get description(): string {
    return this.formats.map((f) => f.name).join('|');
  }

  /** The format that read the text is reported for provenance ('date:dd/MM/yy'). */
  parse(raw: string): DateParseResult & { format?: string } {
    const text = raw.trim();
    for (const format of this.formats) {
      const parts = format.match(text);
      if (parts === undefined) continue;
      return { ...this.toPartialDate(parts), format: format.name };
    }
    return { ok: false, reason: 'UNREADABLE' };
  }

  private toPartialDate(parts: DateParts): DateParseResult {
    const year = parts.shortYear ? (parts.year <= this.options.pivot ? 2000 : 1900) + parts.year : parts.year;
    // '00/00/0000' and '31/02/2019' are typed placeholders and slips, never a date to keep.
    if (year < 1000) return { ok: false, reason: 'IMPOSSIBLE' };
    let value = pad(year, 4);
    if (parts.month !== undefined) value += `-${pad(parts.month, 2)}`;
    if (parts.day !== undefined) value += `-${pad(parts.day, 2)}`;
    const parsed = parsePartialDate(value);
    if (parsed === undefined) return { ok: false, reason: 'IMPOSSIBLE' };
    if (parsed.precision !== 'DAY' && !this.options.partial)
      return { ok: false, reason: 'PARTIAL_NOT_ALLOWED' };
    return { ok: true, value, precision: parsed.precision };
  }
}
