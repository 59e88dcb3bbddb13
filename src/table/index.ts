/**
 * The one result-table model and its sibling writers (entry of `src/table/`):
 * - `model.ts`: the {@link Table} (id, title, typed columns, rows of plain cells, notes,
 *   suppression marks); `Section` is the same type under the name `analyze` uses;
 * - `format-cell.ts`: the one {@link formatCell}, on the primitives of `src/format.ts`;
 * - writers: Markdown (`markdown.ts`), HTML (`html.ts`), terminal text (`text.ts`), CSV
 *   (`csv.ts`, formula-safe), JSON (`json.ts`); `sections.ts` writes a list of sections;
 * - `document.ts`: the document model (heading, paragraph, list, table, figure, note) with its
 *   Markdown, HTML and text writers, behind every result's `toMarkdown()`, `toHTML()` and display;
 * - `tidy.ts`: tidy column names for estimates.
 *
 * This folder imports nothing of ours but `src/format.ts` (and types), so results in every
 * layer can build their tables and documents with it.
 */
export {
  type CsvWriteOptions,
  csvOfTable,
  csvSafe,
  toCsv,
} from './csv.js';
export {
  type Block,
  blockHtml,
  blockTable,
  type Document,
  type DocumentHtmlOptions,
  type DocumentTextOptions,
  documentHtml,
  documentMarkdown,
  documentText,
  type FigureBlock,
  type HeadingBlock,
  type ListBlock,
  type ModelTableBlock,
  type NoteBlock,
  type ParagraphBlock,
  type RowsTableBlock,
  type TableBlock,
  type TableColumn,
} from './document.js';
export { type CellFormat, formatCell } from './format-cell.js';
export { type HtmlTableOptions, htmlOfTable } from './html.js';
export { escapeHtml, inlineHtml, inlineText } from './inline.js';
export { jsonOfDocument, jsonOfTable, renderJson, type TableJson } from './json.js';
export { type MarkdownTableOptions, markdownEscape, markdownOfTable } from './markdown.js';
export {
  type Cell,
  type Column,
  type ColumnType,
  columnType,
  type FromRowsOptions,
  LONG_KEYS,
  type LongKey,
  publishedCell,
  rightAligned,
  type Section,
  type SectionColumn,
  type SuppressionMark,
  suppressionText,
  type Table,
  type TableStars,
  tableFromRows,
  tableLegend,
} from './model.js';
export {
  CSV_COLUMNS,
  OUTPUT_FORMATS,
  type OutputFormat,
  type RenderMarkdownOptions,
  type RenderTableOptions,
  renderCsv,
  renderMarkdown,
  renderTable,
} from './sections.js';
export { type TextTableOptions, textOfTable } from './text.js';
export { TIDY_ESTIMATE_COLUMNS, type TidyEstimateColumn, tidyEstimate } from './tidy.js';
