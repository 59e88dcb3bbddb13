/** The Markdown writer of the table model: a GitHub pipe table. */
import { pipeTable } from '../format.js';
import { type Language, numberStyleOf } from '../language.js';
import { formatCell } from './format-cell.js';
import { publishedCell, rightAligned, type Table } from './model.js';

/** Options of {@link markdownOfTable}. */
export interface MarkdownTableOptions {
  /**
   * What to escape in cells and headers: `'pipes'` (default) only `|`, so the significance
   * stars stay as written ("−6.3 pp**"); `'markdown'` also `*` and line breaks.
   */
  readonly escape?: 'pipes' | 'markdown';
  /** Write the rule without spaces (`|---:|---|`); default false (`| ---: | --- |`). */
  readonly compactRule?: boolean;
  /** Language of the numbers ("1.234,5", "34,3%", "procentpunt" in Dutch); default `en`. */
  readonly lang?: Language;
}

/**
 * Escapes text for a Markdown table cell.
 *
 * @example
 * markdownEscape('a | b', 'pipes') // "a \\| b"
 */
export function markdownEscape(text: string, what: 'pipes' | 'markdown' = 'pipes'): string {
  const pipes = text.replaceAll('|', '\\|');
  return what === 'markdown' ? pipes.replaceAll('*', '\\*').replaceAll('\n', ' ') : pipes;
}

/**
 * A table as a Markdown pipe table (its displayed columns; numbers right-aligned, cells by
 * `formatCell`, suppressed cells as "< 10" / "x"). Title and notes are the document's business.
 *
 * @example
 * markdownOfTable(tableFromRows([{ arm: 'control', n: 240 }]));
 * // "| arm | n |\n| --- | ---: |\n| control | 240 |"
 */
export function markdownOfTable(table: Table, options: MarkdownTableOptions = {}): string {
  const columns = table.columns.filter((c) => !c.csvOnly);
  const esc = (text: string) => markdownEscape(text, options.escape);
  const style = numberStyleOf(options.lang);
  return pipeTable(
    columns.map((c) => esc(c.label)),
    columns.map(rightAligned),
    table.rows.map((_, i) =>
      columns.map((c) => esc(formatCell(publishedCell(table, i, c.id), c.format, style))),
    ),
    options.compactRule === true,
  );
}
