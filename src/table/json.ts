/** The JSON writer of the table model. */
import { blockTable, type Document } from './document.js';
import { type Column, publishedCell, type Table, type TableStars, tableLegend } from './model.js';

/**
 * JSON with every number: non-finite numbers (the infinite df of a z test) are written as the
 * strings "Infinity", "-Infinity" and "NaN", which plain JSON cannot hold.
 *
 * @example
 * renderJson({ df: Infinity }) // '{\n  "df": "Infinity"\n}\n'
 */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(
    value,
    (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v),
    2,
  )}\n`;
}

/** The JSON shape of a table: its metadata, and rows of full numbers (suppressed cells as text). */
export interface TableJson {
  readonly id: string;
  readonly title: string;
  readonly columns: readonly Pick<Column, 'id' | 'label' | 'format' | 'type' | 'unit'>[];
  readonly rows: readonly Readonly<Record<string, string | number | boolean | null>>[];
  readonly notes: readonly string[];
  /** What the stars mean (levels, test, the legend as printed), for a table with stars. */
  readonly stars?: TableStars & { readonly legend: string };
}

/**
 * A table as a plain object for JSON: every column but the display-only ones, numbers in full.
 *
 * @example
 * renderJson(jsonOfTable(table))
 */
export function jsonOfTable(table: Table): TableJson {
  const columns = table.columns.filter((c) => !c.displayOnly);
  return {
    id: table.id,
    title: table.title,
    columns: columns.map(({ id, label, format, type, unit }) => ({
      id,
      label,
      format,
      ...(type ? { type } : {}),
      ...(unit ? { unit } : {}),
    })),
    rows: table.rows.map((_, i) =>
      Object.fromEntries(columns.map((c) => [c.id, publishedCell(table, i, c.id)])),
    ),
    notes: table.notes ?? [],
    ...(table.stars ? { stars: { ...table.stars, legend: tableLegend(table)! } } : {}),
  };
}

/**
 * The tables of a document as plain objects for JSON (suppressed cells as their text): what a
 * report publishes, for the JSON beside its Markdown and HTML.
 *
 * @example
 * renderJson({ tables: jsonOfDocument(document) })
 */
export function jsonOfDocument(document: Document): TableJson[] {
  return document.flatMap((b) => (b.kind === 'table' ? [jsonOfTable(blockTable(b))] : []));
}
