/**
 * Any result as a table in Markdown, HTML or CSV: every table-like result has `toTable()`, and
 * these three functions turn its rows into the format at the edge.
 */
import type { ColumnTable } from 'arquero';
import { markdownTable } from '../format.js';
import { type CsvWriteOptions, toCsv } from './disclosure.js';
import { blockHtml } from './html.js';

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
 * A result's table as Markdown (the same cells as `markdownTable`).
 *
 * @example
 * tableMarkdown(sampleRatioTest({ a: 50, b: 50 }, { a: 0.5, b: 0.5 }))
 */
export function tableMarkdown(value: Tabular): string {
  return markdownTable(rowsOf(value));
}

/**
 * A result's table as an HTML `<table>` (text escaped, numbers right-aligned), for a page or a
 * notebook cell.
 *
 * @example
 * tableHtml(effectSeries(clients, { event: 'month_bijstand', months: 24 })) // "<table>…"
 */
export function tableHtml(value: Tabular, caption?: string): string {
  return blockHtml({ kind: 'table', rows: rowsOf(value), ...(caption ? { caption } : {}) });
}

/**
 * A result's table as CSV that is safe to open in a spreadsheet (see `toCsv`).
 *
 * @example
 * tableCsv([{ arm: '=SUM(A1)', n: 3 }]) // "arm,n\r\n'=SUM(A1),3\r\n"
 */
export function tableCsv(value: Tabular, options: CsvWriteOptions = {}): string {
  return toCsv(rowsOf(value), options);
}
