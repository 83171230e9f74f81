import { printable } from './terminal-text.js';

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string | undefined;
}

/**
 * A plain, left-aligned table: a header row, then one line per row, columns two spaces apart, no borders, so it
 * reads well in a terminal and survives copy and paste. The last column is not padded.
 */
export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string[] {
  const cells = rows.map((row) => columns.map((column) => printable(column.value(row) ?? '')));
  const headers = columns.map((column) => column.header);
  const widths = headers.map((header, index) =>
    Math.max(header.length, ...cells.map((row) => (row[index] ?? '').length)),
  );
  const line = (values: readonly string[]) =>
    values
      .map((value, index) => (index === values.length - 1 ? value : value.padEnd(widths[index] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...cells.map(line)];
}

/** `label   value` lines, labels padded to one width; rows without a value are left out. */
export function formatFields(fields: readonly (readonly [string, string | undefined])[]): string[] {
  const shown = fields.filter((field): field is readonly [string, string] => field[1] !== undefined);
  const width = Math.max(0, ...shown.map(([label]) => label.length));
  return shown.map(([label, value]) => `${label.padEnd(width)}  ${printable(value)}`);
}

/** "1 agency", "3 agencies". */
export const countOf = (count: number, singular: string, plural = `${singular}s`) =>
  `${count} ${count === 1 ? singular : plural}`;
