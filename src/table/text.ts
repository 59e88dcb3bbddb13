/** The terminal writer of the table model: aligned columns. */
import { formatCell } from './format-cell.js';
import { publishedCell, rightAligned, type Table } from './model.js';

/** Options of {@link textOfTable}. */
export interface TextTableOptions {
  /** Narrowest column (default 3, so a rule is never shorter than "---"). */
  readonly minWidth?: number;
  /** Header alignment: as its column (default) or always left. */
  readonly headerAlign?: 'column' | 'left';
}

const width = (text: string) => [...text].length;

/**
 * A table as aligned plain text: header, a rule of dashes, one line per row; numbers
 * right-aligned, two spaces between columns, trailing spaces trimmed.
 *
 * @example
 * textOfTable(tableFromRows([{ arm: 'experiment', n: 978 }]));
 * // "arm           n\n----------  ---\nexperiment  978"
 */
export function textOfTable(table: Table, options: TextTableOptions = {}): string {
  const columns = table.columns.filter((c) => !c.csvOnly);
  const right = columns.map(rightAligned);
  const cells = table.rows.map((_, i) =>
    columns.map((c) => formatCell(publishedCell(table, i, c.id), c.format)),
  );
  const header = columns.map((c) => c.label);
  const widths = columns.map((_, j) =>
    Math.max(options.minWidth ?? 3, width(header[j]!), ...cells.map((r) => width(r[j]!))),
  );
  const line = (values: readonly string[], isHeader: boolean) =>
    values
      .map((v, j) => {
        const fill = ' '.repeat(widths[j]! - width(v));
        const alignRight = right[j] && !(isHeader && options.headerAlign === 'left');
        return alignRight ? fill + v : v + fill;
      })
      .join('  ')
      .trimEnd();
  return [
    line(header, true),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.map((r) => line(r, false)),
  ].join('\n');
}
