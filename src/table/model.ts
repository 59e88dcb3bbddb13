/**
 * The result-table model: a table is an id, a title, typed columns, rows of plain cells
 * (fractions stay fractions), notes, and disclosure marks per cell. Every writer (Markdown,
 * HTML, text, CSV, JSON) reads this one shape. Like `src/format.ts`, this folder imports nothing
 * of ours but the format primitives, so every layer's results can build their tables with it.
 */
import { type Language, numberStyleOf, type Texts, textOf } from '../language.js';
import { type StarLevels, starLegend, starLevelsText } from '../stats/stars.js';
import type { CellFormat } from './format-cell.js';

/** A table cell: numbers unformatted (fractions stay fractions). */
export type Cell = string | number | boolean | null;

/** What a column holds. */
export type ColumnType = 'text' | 'number' | 'boolean';

/** The key columns of the long CSV; every section row maps onto them. */
export const LONG_KEYS = ['event', 'subgroup', 'level', 'arm', 'month'] as const;
/** One of {@link LONG_KEYS}. */
export type LongKey = (typeof LONG_KEYS)[number];

/** A column of a {@link Table}. */
export interface Column {
  readonly id: string;
  /** Header text. */
  readonly label: string;
  /** How a number is shown in text, Markdown and HTML (CSV and JSON keep the full number). */
  readonly format: CellFormat;
  /** What the column holds (default: `text` for the `text` format, else `number`). */
  readonly type?: ColumnType;
  /** Unit of the values, for readers of the JSON (e.g. `fraction`, `months`, `clients`). */
  readonly unit?: string;
  /** Alignment (default: right for numbers, left for text). */
  readonly align?: 'left' | 'right';
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
  /** Shown in text, Markdown and HTML only (e.g. a formatted interval whose bounds have columns). */
  readonly displayOnly?: boolean;
  /** Written to the CSV and JSON only (e.g. the bounds behind a formatted interval). */
  readonly csvOnly?: boolean;
}

/** Disclosure control of one cell: suppressed as a small count, or to protect one. */
export type SuppressionMark = 'primary' | 'secondary';

/** What a table's stars mean: the levels of † * ** and the test that made the p-values. */
export interface TableStars {
  readonly levels: StarLevels;
  /** The test behind the p-values, in words (say "two-sided" where it is). */
  readonly test: string;
}

/** A titled table with notes: the one model of every table the library writes. */
export interface Table {
  /** Short machine name (the `section` column of the long CSV). */
  readonly id: string;
  readonly title: string;
  readonly columns: readonly Column[];
  readonly rows: readonly Readonly<Record<string, Cell>>[];
  /** Key values shared by every row (e.g. the event of an effect table), for the long CSV. */
  readonly keys?: Readonly<Partial<Record<LongKey, Cell>>>;
  readonly notes?: readonly string[];
  /**
   * Suppressed cells, parallel to `rows`: `suppressed[i][column]` marks a cell that no writer
   * publishes; it is shown as "< threshold" (primary) or "x" (secondary). See `disclosure.ts`.
   */
  readonly suppressed?: readonly (Readonly<Record<string, SuppressionMark>> | undefined)[];
  /** The disclosure threshold behind the marks (default 10). */
  readonly threshold?: number;
  /**
   * The table shows significance stars: their levels and test. Every writer prints the legend
   * ({@link tableLegend}) under the table; the JSON carries it as metadata.
   */
  readonly stars?: TableStars;
}

const STARS_WORDS: Texts<{ readonly stars: string; readonly pValues: string }> = {
  en: { stars: 'Stars', pValues: 'p-values' },
  nl: { stars: 'Sterren', pValues: 'p-waarden' },
};

/**
 * The star legend of a table with stars, or `undefined`: "Stars: † p < 0.20, * p < 0.10,
 * ** p < 0.05 (p-values: …)." — the one sentence every writer prints under it; in Dutch
 * "Sterren: † p < 0,20, … (p-waarden: …)." (the test text is the table's own, in its language).
 *
 * @example
 * tableLegend({ ...table, stars: { levels: REPORT_STAR_LEVELS, test: 'two-sided z test' } });
 * // "Stars: † p < 0.20, * p < 0.10, ** p < 0.05 (p-values: two-sided z test)."
 */
export function tableLegend(
  table: Pick<Table, 'stars'>,
  lang: Language = 'en',
): string | undefined {
  if (!table.stars) return undefined;
  if (lang === 'en') return `${starLegend(table.stars.levels, table.stars.test)}.`;
  const words = textOf(STARS_WORDS, lang);
  const levels = starLevelsText(table.stars.levels, numberStyleOf(lang).decimal);
  return `${words.stars}: ${levels} (${words.pValues}: ${table.stars.test}).`;
}

/** A column of a section: the same as {@link Column}. */
export type SectionColumn = Column;
/** A section of `effectmeting analyze`: the same as {@link Table}. */
export type Section = Table;

/** What a column holds: declared, else from its format. */
export function columnType(column: Column): ColumnType {
  return column.type ?? (column.format === 'text' ? 'text' : 'number');
}

/** Whether a column is right-aligned: declared, else numbers right and text left. */
export function rightAligned(column: Column): boolean {
  return (column.align ?? (columnType(column) === 'text' ? 'left' : 'right')) === 'right';
}

/** The text shown for a suppressed cell: "< 10" (primary) or "x" (secondary). */
export function suppressionText(mark: SuppressionMark, threshold = 10): string {
  return mark === 'primary' ? `< ${threshold}` : 'x';
}

/**
 * The value a writer publishes for a cell: the cell itself, or its suppression text.
 *
 * @example
 * publishedCell({ ...table, suppressed: [{ n: 'primary' }] }, 0, 'n') // "< 10"
 */
export function publishedCell(table: Table, row: number, column: string): Cell {
  const mark = table.suppressed?.[row]?.[column];
  if (mark) return suppressionText(mark, table.threshold);
  return table.rows[row]?.[column] ?? null;
}

/** Options of {@link tableFromRows}. */
export interface FromRowsOptions {
  readonly id?: string;
  readonly title?: string;
  /** Columns in order (default: the keys of the first row). */
  readonly columns?: readonly string[];
  readonly notes?: readonly string[];
}

/**
 * A table from plain rows: one column per key, numbers in the general format and right-aligned
 * (a column is numeric when any of its values is a number), everything else as text.
 *
 * @example
 * tableFromRows([{ arm: 'control', n: 240 }]).columns[1] // { id: 'n', label: 'n', format: 'auto', type: 'number' }
 */
export function tableFromRows(
  rows: readonly Readonly<Record<string, unknown>>[],
  options: FromRowsOptions = {},
): Table {
  const ids = options.columns ?? Object.keys(rows[0] ?? {});
  const columns: Column[] = ids.map((id) => {
    const numeric = rows.some((r) => typeof r[id] === 'number');
    return numeric
      ? { id, label: id, format: 'auto', type: 'number' }
      : { id, label: id, format: 'text' };
  });
  return {
    id: options.id ?? 'table',
    title: options.title ?? '',
    columns,
    rows: rows.map((r) => Object.fromEntries(ids.map((id) => [id, toCell(r[id])]))),
    ...(options.notes ? { notes: options.notes } : {}),
  };
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
