/**
 * Output formats of `effectmeting analyze`: a result is a list of sections (a titled table with
 * notes), rendered as aligned plain text for a terminal, Markdown, or long-format CSV whose cells
 * are safe to open in a spreadsheet. (JSON is the result object itself, see `analyze.ts`.)
 */
import { toCsv } from './disclosure.js';

/** A table cell: numbers unformatted (fractions stay fractions). */
export type Cell = string | number | boolean | null;

/** How a number is shown in `table` and `md` (CSV and JSON keep the full number). */
export type CellFormat =
  | 'text'
  | 'int'
  | 'percent'
  /** A signed difference in percentage points (+1.2 pp, −6.3 pp). */
  | 'pp'
  /** An unsigned size in percentage points (a standard error). */
  | 'points'
  | 'p'
  | 'number'
  | 'stat';

/** The key columns of the long CSV; every section row maps onto them. */
export const LONG_KEYS = ['event', 'subgroup', 'level', 'arm', 'month'] as const;
export type LongKey = (typeof LONG_KEYS)[number];

/** A column of a section. */
export interface SectionColumn {
  readonly id: string;
  readonly label: string;
  readonly format: CellFormat;
  /** This column identifies the row in the long CSV (event, subgroup, level, arm, month). */
  readonly key?: LongKey;
  /** Long CSV: the measure this column holds (default: `id`). */
  readonly measure?: string;
  /** Long CSV: the arm this column belongs to (for per-arm columns such as `share_control`). */
  readonly arm?: string;
  /**
   * Long CSV: this column qualifies the measures of its row (e.g. `adjusted` or `p < 0.1`): its
   * value is prefixed to their measure names (`adjusted.p < 0.1.first`) instead of being a line.
   */
  readonly qualifier?: boolean;
  /** Shown in `table` and `md` only (e.g. a formatted interval whose bounds have columns). */
  readonly displayOnly?: boolean;
  /** Written to the CSV only (e.g. the bounds behind a formatted interval). */
  readonly csvOnly?: boolean;
}

/** A titled table with notes. */
export interface Section {
  /** Short machine name, the `section` column of the long CSV. */
  readonly id: string;
  readonly title: string;
  readonly columns: readonly SectionColumn[];
  readonly rows: readonly Readonly<Record<string, Cell>>[];
  /** Key values shared by every row (e.g. the event of an effect table), for the long CSV. */
  readonly keys?: Readonly<Partial<Record<LongKey, Cell>>>;
  readonly notes?: readonly string[];
}

/** The output formats. */
export type OutputFormat = 'table' | 'md' | 'json' | 'csv';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'md', 'json', 'csv'];

const MINUS = '\u2212';

/** A number as shown in `table` and `md`. */
export function formatCell(value: Cell, format: CellFormat): string {
  if (value === null || value === '') return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (Number.isNaN(value)) return '';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : `${MINUS}∞`;
  const signed = (text: string) => text.replace(/^-/, MINUS);
  switch (format) {
    case 'int':
      return signed(Math.round(value).toLocaleString('en-US'));
    case 'percent':
      return signed(`${(value * 100).toFixed(1)} %`);
    case 'pp':
      return value === 0
        ? '0.0 pp'
        : signed(`${value > 0 ? '+' : ''}${(value * 100).toFixed(1)} pp`);
    case 'points':
      return signed(`${(value * 100).toFixed(1)} pp`);
    case 'p':
      return value < 0.001 ? '< 0.001' : value.toFixed(3);
    case 'stat':
      return signed(value.toFixed(2));
    case 'number':
      return signed(Number.isInteger(value) ? String(value) : value.toPrecision(4));
    default:
      return String(value);
  }
}

const rightAligned = (format: CellFormat) => format !== 'text';

const shown = (s: Section) => s.columns.filter((c) => !c.csvOnly);

/** Sections as aligned plain text for a terminal. */
export function renderTable(title: string, sections: readonly Section[]): string {
  const out: string[] = [title, '='.repeat(Math.min(title.length, 100)), ''];
  for (const s of sections) {
    out.push(s.title, '-'.repeat(Math.min(s.title.length, 100)));
    if (s.rows.length > 0) {
      const columns = shown(s);
      const cells = s.rows.map((row) =>
        columns.map((c) => formatCell(row[c.id] ?? null, c.format)),
      );
      const widths = columns.map((c, j) =>
        Math.max(c.label.length, ...cells.map((r) => r[j]!.length)),
      );
      const line = (values: readonly string[], header: boolean) =>
        values
          .map((v, j) =>
            !header && rightAligned(columns[j]!.format)
              ? v.padStart(widths[j]!)
              : v.padEnd(widths[j]!),
          )
          .join('  ')
          .trimEnd();
      out.push(
        line(
          columns.map((c) => c.label),
          true,
        ),
      );
      out.push(widths.map((w) => '-'.repeat(w)).join('  '));
      for (const r of cells) out.push(line(r, false));
    }
    for (const note of s.notes ?? []) out.push(note);
    out.push('');
  }
  return `${out.join('\n')}`;
}

const mdEscape = (text: string) =>
  text.replaceAll('|', '\\|').replaceAll('*', '\\*').replaceAll('\n', ' ');

/** Sections as Markdown: a heading, a table and the notes each. */
export function renderMarkdown(title: string, sections: readonly Section[]): string {
  const out: string[] = [`# ${title}`, ''];
  for (const s of sections) {
    out.push(`## ${s.title}`, '');
    if (s.rows.length > 0) {
      const columns = shown(s);
      out.push(`| ${columns.map((c) => mdEscape(c.label)).join(' | ')} |`);
      out.push(`| ${columns.map((c) => (rightAligned(c.format) ? '---:' : '---')).join(' | ')} |`);
      for (const row of s.rows) {
        out.push(
          `| ${columns.map((c) => mdEscape(formatCell(row[c.id] ?? null, c.format))).join(' | ')} |`,
        );
      }
      out.push('');
    }
    for (const note of s.notes ?? []) out.push(`${mdEscape(note)}  `);
    if ((s.notes ?? []).length > 0) out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The columns of the long CSV. */
export const CSV_COLUMNS = ['section', ...LONG_KEYS, 'measure', 'value'] as const;

/**
 * Sections as one long CSV: one line per number (or text) with its section, the keys that
 * identify it (event, subgroup, level, arm, month; empty when they do not apply), the measure
 * and the value. Numbers are written in full; text cells that a spreadsheet would read as a
 * formula get a leading `'` (see `toCsv`). Notes are not part of the CSV.
 */
export function renderCsv(sections: readonly Section[]): string {
  const rows: Record<string, Cell>[] = [];
  for (const s of sections) {
    const keyColumns = s.columns.filter((c) => c.key !== undefined);
    const qualifiers = s.columns.filter((c) => c.qualifier);
    for (const row of s.rows) {
      const keys: Record<string, Cell> = { section: s.id };
      for (const k of LONG_KEYS) keys[k] = s.keys?.[k] ?? null;
      for (const c of keyColumns) keys[c.key!] = row[c.id] ?? null;
      const prefix = qualifiers
        .map((c) => row[c.id])
        .filter((v) => v !== null && v !== undefined && v !== '')
        .map((v) => `${String(v)}.`)
        .join('');
      for (const c of s.columns) {
        if (c.key !== undefined || c.qualifier || c.displayOnly) continue;
        const value = row[c.id];
        if (value === null || value === undefined || value === '') continue;
        rows.push({
          ...keys,
          ...(c.arm !== undefined ? { arm: c.arm } : {}),
          measure: `${prefix}${c.measure ?? c.id}`,
          value,
        });
      }
    }
  }
  return toCsv(rows, { columns: CSV_COLUMNS, newline: '\n' });
}

/**
 * JSON with every number: non-finite numbers (the infinite df of a z test) are written as the
 * strings "Infinity", "-Infinity" and "NaN", which plain JSON cannot hold.
 */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(
    value,
    (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v),
    2,
  )}\n`;
}
