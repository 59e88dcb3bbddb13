/** The CSV writer of the table model: cells that are safe to open in a spreadsheet. */
import { type Column, publishedCell, type Table } from './model.js';

/**
 * Characters that make a spreadsheet read a cell as a formula (or that it strips before doing
 * so): = + - @ tab CR, the minus sign U+2212 and the full-width ＝ ＋ － ＠.
 */
const FORMULA_START = /^[=+\-@\t\r\u2212\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * One CSV cell, safe to open in a spreadsheet. Numbers stay numbers (finite numbers as JavaScript
 * writes them, with an ASCII minus: `-0.063`; NaN and ±Infinity as empty); `null`/`undefined` are
 * empty; booleans `true`/`false`; everything else as text, where a text starting with `=`, `+`,
 * `-`, `−`, `@`, a tab or a carriage return (or a full-width ＝＋－＠) gets a leading `'` so a
 * spreadsheet shows it instead of evaluating it (OWASP's advice on CSV injection). Cells with a
 * separator, quote or line break are quoted, quotes doubled (RFC 4180).
 *
 * @example
 * csvSafe(-0.063) // "-0.063"
 * csvSafe('−7.2 pp') // "'−7.2 pp"
 * csvSafe('=HYPERLINK("x")') // "\"'=HYPERLINK(\"\"x\"\")\""
 */
export function csvSafe(value: unknown, separator = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  if (text.includes(separator) || /["\r\n]/.test(text)) text = `"${text.replaceAll('"', '""')}"`;
  return text;
}

/** Options of {@link toCsv}. */
export interface CsvWriteOptions {
  /** Columns in order (default: the keys of the first row, then new keys as they appear). */
  readonly columns?: readonly string[];
  /** Field separator (default ","; ";" for Dutch-locale spreadsheets). */
  readonly separator?: string;
  /** Line ending (default "\r\n", as RFC 4180). */
  readonly newline?: string;
}

/**
 * Rows as CSV with a header line, every cell through {@link csvSafe}.
 *
 * @example
 * toCsv([{ month: 24, effect: -0.063, label: '−6.3 pp**' }]);
 * // "month,effect,label\r\n24,-0.063,'−6.3 pp**\r\n"
 */
export function toCsv(
  rows: readonly Readonly<Record<string, unknown>>[],
  options: CsvWriteOptions = {},
): string {
  const separator = options.separator ?? ',';
  const newline = options.newline ?? '\r\n';
  let columns = options.columns;
  if (!columns) {
    const seen = new Set<string>();
    for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
    columns = [...seen];
  }
  const lines = [columns.map((c) => csvSafe(c, separator)).join(separator)];
  for (const r of rows) lines.push(columns.map((c) => csvSafe(r[c], separator)).join(separator));
  return `${lines.join(newline)}${newline}`;
}

/**
 * A table as wide CSV: one line per row, one field per column but the display-only ones,
 * numbers in full, suppressed cells as their text ("< 10", "x"), every cell through
 * {@link csvSafe}. The header holds the column ids.
 *
 * @example
 * csvOfTable(tableFromRows([{ arm: '=SUM(A1)', n: 3 }])) // "arm,n\r\n'=SUM(A1),3\r\n"
 */
export function csvOfTable(table: Table, options: Omit<CsvWriteOptions, 'columns'> = {}): string {
  const columns: readonly Column[] = table.columns.filter((c) => !c.displayOnly);
  const rows = table.rows.map((_, i) =>
    Object.fromEntries(columns.map((c) => [c.id, publishedCell(table, i, c.id)])),
  );
  return toCsv(rows, { ...options, columns: columns.map((c) => c.id) });
}
