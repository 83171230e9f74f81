export type ColumnAlignment = 'left' | 'right';

export interface Column {
  readonly heading: string;
  readonly align: ColumnAlignment;
}

/** A plain-text table for terminal output: columns padded to their widest cell, a rule under the heading. */
export function renderTextTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string[] {
  const widths = columns.map((column, index) =>
    Math.max(column.heading.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const renderRow = (cells: readonly string[]) =>
    columns
      .map((column, index) => {
        const cell = cells[index] ?? '';
        const width = widths[index] ?? 0;
        return column.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [
    renderRow(columns.map((column) => column.heading)),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map(renderRow),
  ];
}
