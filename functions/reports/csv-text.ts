/*
 * CSV as RFC 4180 writes it: a header row, CRLF after every row, and a field quoted (its quotes doubled) when it
 * holds a comma, a quote, a CR or an LF. Hand-written: those rules are the whole of the format, and the
 * project's CSV library (csv-parse) only reads; the verifier reads these files back with it.
 */

/**
 * Spreadsheet programs run a cell that starts with = + - or @ as a formula (CSV injection: a file name such as
 * =HYPERLINK(...) from an agency would execute on the reviewer's machine). Such a cell gets a leading
 * apostrophe, which spreadsheets show as text and do not evaluate. Tab and CR are treated the same, as OWASP
 * advises, since some programs strip them before deciding. The apostrophe is part of the CSV value;
 * report.json keeps every value unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One field as written: neutralised, then quoted when RFC 4180 requires it. */
export function csvField(value: string): string {
  const cell = neutraliseFormula(value);
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

export interface CsvColumn<T> {
  readonly header: string;
  readonly value: (row: T) => string | number | boolean | undefined;
}

/** The header row and one row per item, every row ended by CRLF. */
export function csvText<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  const line = (cells: readonly string[]) => `${cells.map(csvField).join(',')}\r\n`;
  const cellOf = (value: string | number | boolean | undefined) => (value === undefined ? '' : String(value));
  return [
    line(columns.map((column) => column.header)),
    ...rows.map((row) => line(columns.map((column) => cellOf(column.value(row))))),
  ].join('');
}
