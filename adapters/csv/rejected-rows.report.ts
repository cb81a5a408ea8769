/**
 * The rejected-rows report: one line per refused row with its row number, fields, reasons and the
 * original values, so an officer can fix the values in a spreadsheet and upload the file again (the
 * extra columns are ignored by the mapping). UTF-8 with a BOM: Excel then opens it right, and an
 * upload starting with a BOM is read as UTF-8 whatever the source's mapping says.
 */
export interface RejectedRowLine {
  readonly rowNumber: number;
  readonly fields: readonly string[];
  readonly codes: readonly string[];
  readonly messages: readonly string[];
  readonly original: Readonly<Record<string, string>>;
}

export const REPORT_COLUMNS = ['so_dong', 'truong', 'ma_loi', 'ly_do'] as const;

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or CR before one) gets a leading
 * apostrophe (OWASP "CSV injection"): '=HYPERLINK(...)' is shown, never evaluated.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function reportHeader(columns: readonly string[]): string {
  return `\ufeff${[...REPORT_COLUMNS, ...columns].map(csvCell).join(',')}\r\n`;
}

export function reportLine(line: RejectedRowLine, columns: readonly string[]): string {
  const cells = [
    String(line.rowNumber),
    line.fields.join(' | '),
    line.codes.join(' | '),
    line.messages.join(' | '),
    ...columns.map((c) => line.original[c] ?? ''),
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}
