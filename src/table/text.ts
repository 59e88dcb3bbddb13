/** The terminal writer of the table model: aligned columns, folded to a width when asked. */
import { type Language, numberStyleOf } from '../language.js';
import { formatCell } from './format-cell.js';
import { publishedCell, rightAligned, type Table } from './model.js';

/** Options of {@link textOfTable}. */
export interface TextTableOptions {
  /** Narrowest column (default 3, so a rule is never shorter than "---"). */
  readonly minWidth?: number;
  /** Header alignment: as its column (default) or always left. */
  readonly headerAlign?: 'column' | 'left';
  /**
   * The width to fit (a terminal's columns). A table wider than this is folded into blocks of
   * whole columns, each repeating the leading label columns, one block under the other; no cell
   * is ever cut. Default: no limit (files and pipes get the one wide table).
   */
  readonly width?: number;
  /** Bold header and dim rule (ANSI escapes), for a colour terminal only. Default false. */
  readonly color?: boolean;
  /** Language of the numbers ("1.234,5", "34,3%", "procentpunt" in Dutch); default `en`. */
  readonly lang?: Language;
}

const width = (text: string) => [...text].length;

/** ANSI bold and dim, for terminal rendering only. */
export const ANSI = {
  bold: (text: string) => `\u001b[1m${text}\u001b[22m`,
  dim: (text: string) => `\u001b[2m${text}\u001b[22m`,
} as const;

/**
 * The column groups of a table folded to `limit` characters: each group starts with the leading
 * label columns (`keys`) and takes the next columns while they fit, at least one each.
 */
function foldColumns(widths: readonly number[], keys: number, limit: number): number[][] {
  const keyIndex = Array.from({ length: keys }, (_, j) => j);
  // The width of a line of the columns so far: widths plus two spaces between columns.
  const keyWidth = keyIndex.reduce((s, j) => s + widths[j]!, 0) + 2 * Math.max(0, keys - 1);
  const groups: number[][] = [];
  let group: number[] = [];
  let used = keyWidth;
  for (let j = keys; j < widths.length; j++) {
    const next = used + (keys + group.length > 0 ? 2 : 0) + widths[j]!;
    if (group.length > 0 && next > limit) {
      groups.push([...keyIndex, ...group]);
      group = [j];
      used = keyWidth + (keys > 0 ? 2 : 0) + widths[j]!;
    } else {
      group.push(j);
      used = next;
    }
  }
  if (group.length > 0 || groups.length === 0) groups.push([...keyIndex, ...group]);
  return groups;
}

/**
 * A table as aligned plain text: header, a rule of dashes, one line per row; numbers
 * right-aligned, two spaces between columns, trailing spaces trimmed. With `width`, a wider
 * table is folded into blocks of whole columns (the leading text columns repeated in each).
 *
 * @example
 * textOfTable(tableFromRows([{ arm: 'experiment', n: 978 }]));
 * // "arm           n\n----------  ---\nexperiment  978"
 */
export function textOfTable(table: Table, options: TextTableOptions = {}): string {
  const columns = table.columns.filter((c) => !c.csvOnly);
  const right = columns.map(rightAligned);
  const style = numberStyleOf(options.lang);
  const cells = table.rows.map((_, i) =>
    columns.map((c) => formatCell(publishedCell(table, i, c.id), c.format, style)),
  );
  const header = columns.map((c) => c.label);
  const widths = columns.map((_, j) =>
    Math.max(options.minWidth ?? 3, width(header[j]!), ...cells.map((r) => width(r[j]!))),
  );
  const paint = options.color ? ANSI : { bold: (t: string) => t, dim: (t: string) => t };
  const block = (group: readonly number[]): string => {
    const line = (values: readonly string[], isHeader: boolean) =>
      group
        .map((j) => {
          const v = values[j]!;
          const fill = ' '.repeat(widths[j]! - width(v));
          const alignRight = right[j] && !(isHeader && options.headerAlign === 'left');
          return alignRight ? fill + v : v + fill;
        })
        .join('  ')
        .trimEnd();
    return [
      paint.bold(line(header, true)),
      paint.dim(group.map((j) => '-'.repeat(widths[j]!)).join('  ')),
      ...cells.map((r) => line(r, false)),
    ].join('\n');
  };
  const all = columns.map((_, j) => j);
  const total = widths.reduce((s, w) => s + w, 0) + 2 * Math.max(0, widths.length - 1);
  if (options.width === undefined || total <= options.width || columns.length < 2) {
    return block(all);
  }
  // The leading label columns (the first, then text or key columns such as month) label the
  // rows: repeated in every block, up to half the width.
  let keys = 0;
  let keyWidth = 0;
  while (
    keys < columns.length - 1 &&
    (keys === 0 || !right[keys] || columns[keys]!.key !== undefined) &&
    keyWidth + widths[keys]! + 2 <= options.width / 2
  ) {
    keyWidth += widths[keys]! + 2;
    keys++;
  }
  return foldColumns(widths, keys, options.width).map(block).join('\n\n');
}
