/** The HTML writer of the table model: an escaped `<table>`, numbers right-aligned. */
import { type Language, numberStyleOf } from '../language.js';
import { formatCell } from './format-cell.js';
import { escapeHtml, inlineHtml } from './inline.js';
import { publishedCell, rightAligned, type Table } from './model.js';

/** Options of {@link htmlOfTable}. */
export interface HtmlTableOptions {
  /** Caption above the table (inline text). */
  readonly caption?: string;
  /** Small print under the table (inline text). */
  readonly note?: string;
  /**
   * Also align numbers with an inline `style` (for fragments shown without the report's
   * stylesheet, e.g. in a notebook); default false: the `num` class only.
   */
  readonly inlineAlign?: boolean;
  /** Language of the numbers ("1.234,5", "34,3%", "procentpunt" in Dutch); default `en`. */
  readonly lang?: Language;
}

/**
 * A table as HTML: `<div class="table"><table>` with an optional caption, header cells from
 * the labels, cells by `formatCell` (suppressed cells as "< 10" / "x"), all text escaped;
 * numeric columns carry `class="num"` (right-aligned by the report stylesheet).
 *
 * @example
 * htmlOfTable(tableFromRows([{ arm: '<b>', n: 3 }])) // '<div class="table">\n<table>…&lt;b&gt;…'
 */
export function htmlOfTable(table: Table, options: HtmlTableOptions = {}): string {
  const columns = table.columns.filter((c) => !c.csvOnly);
  const right = columns.map(rightAligned);
  const align = options.inlineAlign ? ' style="text-align:right"' : '';
  const cls = (j: number) => (right[j] ? ` class="num"${align}` : '');
  const style = numberStyleOf(options.lang);
  const head = columns
    .map((c, j) => `<th scope="col"${cls(j)}>${escapeHtml(c.label)}</th>`)
    .join('');
  const body = table.rows
    .map((_, i) => {
      const cells = columns.map(
        (c, j) =>
          `<td${cls(j)}>${inlineHtml(formatCell(publishedCell(table, i, c.id), c.format, style))}</td>`,
      );
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const caption = options.caption ? `<caption>${inlineHtml(options.caption)}</caption>` : '';
  const note = options.note ? `\n<p class="note">${inlineHtml(options.note)}</p>` : '';
  return `<div class="table">\n<table>${caption}\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>${note}\n</div>`;
}
