import { AdminUnitsException } from './admin-units.exception.js';

/** A row of id-prefix-63-to-34.csv: personal-ID prefix (0 + old province code) → 2025 province. */
export interface IdPrefixRow {
  readonly prefix: string;
  readonly oldProvinceCode: string;
  readonly newProvinceCode: string;
  readonly line: number;
}

const COLUMNS = {
  prefix: { name: 'cccd_prefix_pre2025', pattern: /^0\d{2}$/, expected: 'a 3-digit prefix 0NN' },
  oldProvinceCode: { name: 'old_province_code', pattern: /^\d{2}$/, expected: 'a 2-digit code' },
  newProvinceCode: { name: 'new_province_code_2025', pattern: /^\d{2}$/, expected: 'a 2-digit code' },
} as const;

export function parseIdPrefixCsv(text: string, file: string): IdPrefixRow[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = splitCsvLine(lines[0] ?? '');
  const index = (column: { name: string }): number => {
    const found = header.indexOf(column.name);
    if (found < 0) fail(file, 1, column.name, 'a header with this column', header.join(','));
    return found;
  };
  const at = {
    prefix: index(COLUMNS.prefix),
    old: index(COLUMNS.oldProvinceCode),
    new: index(COLUMNS.newProvinceCode),
  };
  return lines.slice(1).map((line, i) => {
    const cells = splitCsvLine(line);
    const cell = (position: number, column: { name: string; pattern: RegExp; expected: string }): string => {
      const value = cells[position] ?? '';
      if (!column.pattern.test(value)) fail(file, i + 2, column.name, column.expected, value);
      return value;
    };
    const row = {
      prefix: cell(at.prefix, COLUMNS.prefix),
      oldProvinceCode: cell(at.old, COLUMNS.oldProvinceCode),
      newProvinceCode: cell(at.new, COLUMNS.newProvinceCode),
      line: i + 2,
    };
    if (row.prefix !== `0${row.oldProvinceCode}`)
      fail(file, row.line, COLUMNS.prefix.name, `0${row.oldProvinceCode}`, row.prefix);
    return row;
  });
}

export function failIdPrefixRow(
  file: string,
  row: IdPrefixRow,
  column: string,
  expected: string,
  got: string,
): never {
  fail(file, row.line, column, expected, got);
}

/** Enough CSV for this file: commas, and double quotes around names that may hold commas. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (char === '"' && quoted && line[i + 1] === '"') {
      current += '"';
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === ',' && !quoted) {
      cells.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  cells.push(current);
  return cells.map((cell) => cell.trim());
}

function fail(file: string, line: number, column: string, expected: string, got: string): never {
  throw new AdminUnitsException(
    'ADMIN_UNITS.DATA_INVALID',
    `${file}: line ${line}, column ${column}: expected ${expected}, got "${got}"`,
  );
}
