/**
 * Any result as a table in Markdown, HTML or CSV: every table-like result has `toTable()`, and
 * these functions make its rows a table of the one model (`tableFromRows`) and write it.
 */
import type { ColumnTable } from 'arquero';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { type CsvWriteOptions, csvOfTable } from '../table/csv.js';
import { htmlOfTable } from '../table/html.js';
import { markdownOfTable } from '../table/markdown.js';
import { type Table, tableFromRows } from '../table/model.js';

/** Plain rows, or a result whose `toTable()` gives rows or an arquero table. */
export type Tabular =
  | readonly Readonly<Record<string, unknown>>[]
  | { toTable(): readonly Readonly<Record<string, unknown>>[] | ColumnTable };

/**
 * The rows of a result (`toTable()`), or the rows themselves.
 *
 * @example
 * rowsOf(effectSeries(clients, { event: 'month_bijstand', months: 24 })).length // 24
 */
export function rowsOf(value: Tabular): readonly Readonly<Record<string, unknown>>[] {
  if (Array.isArray(value)) return value as readonly Readonly<Record<string, unknown>>[];
  const table = (value as { toTable(): unknown }).toTable();
  if (Array.isArray(table)) return table as readonly Readonly<Record<string, unknown>>[];
  return (table as ColumnTable).objects() as Readonly<Record<string, unknown>>[];
}

/**
 * A result's rows as a table of the model (one column per key, numbers in the general format).
 *
 * @example
 * tableOf([{ arm: 'control', n: 240 }]).columns.map((c) => c.id) // ['arm', 'n']
 */
export function tableOf(value: Tabular): Table {
  return tableFromRows(rowsOf(value));
}

/**
 * A result's table as Markdown.
 *
 * @example
 * tableMarkdown(sampleRatioTest({ a: 50, b: 50 }, { a: 0.5, b: 0.5 }))
 */
export function tableMarkdown(value: Tabular): string {
  return markdownOfTable(tableOf(value));
}

/**
 * A result's table as an HTML `<table>` (text escaped, numbers right-aligned), for a page or a
 * notebook cell.
 *
 * @example
 * tableHtml(effectSeries(clients, { event: 'month_bijstand', months: 24 })) // "<div class=\"table\">…"
 */
export function tableHtml(value: Tabular, caption?: string): string {
  return htmlOfTable(tableOf(value), caption ? { caption } : {});
}

const TABLE_CSV_KEYS: AllKeys<CsvWriteOptions> = { columns: true, separator: true, newline: true };

/**
 * A result's table as CSV that is safe to open in a spreadsheet (see `toCsv`).
 *
 * @example
 * tableCsv([{ arm: '=SUM(A1)', n: 3 }]) // "arm,n\r\n'=SUM(A1),3\r\n"
 */
export function tableCsv(value: Tabular, options: CsvWriteOptions = {}): string {
  rejectUnknownKeys(options, TABLE_CSV_KEYS, 'tableCsv');
  const rows = rowsOf(value);
  return csvOfTable(tableFromRows(rows, { columns: options.columns ?? unionKeys(rows) }), options);
}

function unionKeys(rows: readonly Readonly<Record<string, unknown>>[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}
