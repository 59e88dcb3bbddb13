/**
 * Disclosure control for published tables (CSV that is safe to open in a spreadsheet is the
 * table model's CSV writer, `table/csv.ts`, re-exported here).
 *
 * Primary suppression: a count c with 0 < c < threshold (default 10) is not published; it is
 * shown as "< 10". Zeros are published (set `suppressZeros` to treat them as small counts).
 *
 * Secondary suppression, as statistical offices do it for additive tables: a published total
 * together with the published parts of the sum would give a suppressed cell back by subtraction.
 * So for every additive relation `total = part₁ + … + partₖ` (a group and its sub-categories,
 * a column and its total row, …) the relation must hold either no suppressed cell or at least two.
 * The algorithm repeats until nothing changes: for each relation with exactly one suppressed cell,
 * it also suppresses the smallest published non-zero cell of that relation (parts before the
 * total when equal, then in the order given), shown as "x". Zeros are not chosen as secondary
 * cells (they are usually structural, and a suppressed zero protects little). A newly suppressed
 * cell can leave another relation with one suppressed cell, hence the loop; it ends because each
 * pass suppresses at least one more cell or stops.
 *
 * This guarantees that no single relation reveals a suppressed cell. It is the classic
 * "at least two per relation" heuristic, not an optimal pattern (τ-ARGUS's modular or hypercube
 * methods) and not an interval audit: combinations of relations can sometimes narrow a
 * suppressed value, and published estimates derived from a count (a share with its denominator,
 * a difference of shares) can reveal it. Review what else you publish next to the table.
 */

import type { ParticipationTable } from '../analysis/participation.js';
import { formatCount, NUMBER_STYLES, type NumberStyle } from '../format.js';
import { type Language, type Texts, textOf } from '../language.js';
import { type Document, jsonOfDocument } from '../table/index.js';
import type { Cell, SuppressionMark, Table } from '../table/model.js';

/** Whether a cell is published, suppressed as small (primary) or to protect one (secondary). */
export type CellStatus = 'published' | 'primary' | 'secondary';

/** Options of the disclosure control. */
export interface DisclosureOptions {
  /** Counts below this are suppressed (default 10; 0 turns disclosure control off). */
  readonly threshold?: number;
  /** Treat zeros as small counts (default false: zeros are published). */
  readonly suppressZeros?: boolean;
}

/** `total = parts[0] + parts[1] + …`, over cell keys. */
export interface AdditiveRelation {
  readonly total: string;
  readonly parts: readonly string[];
}

/** The outcome of {@link suppressCells}. */
export interface CellSuppression {
  readonly threshold: number;
  /** Keys suppressed as small counts, in input order. */
  readonly primary: readonly string[];
  /** Keys suppressed to protect a primary cell, in the order they were chosen. */
  readonly secondary: readonly string[];
  status(key: string): CellStatus;
  /** `"< 10"` for a primary cell, `"x"` for a secondary one, else `published`. */
  text(key: string, published: string): string;
  /** The sentence to print under a table with suppressed cells ('' when none). */
  readonly note: string;
}

/**
 * The one test of a small count: 0 < n < threshold (default 10), zeros too with `suppressZeros`;
 * never with threshold 0. Every table, note and chart uses it.
 *
 * @example
 * isSmallCount(4) // true
 * isSmallCount(0) // false
 * isSmallCount(4, { threshold: 0 }) // false
 */
export function isSmallCount(n: number, options: DisclosureOptions = {}): boolean {
  const threshold = options.threshold ?? 10;
  return threshold > 0 && n < threshold && (n > 0 || (options.suppressZeros === true && n === 0));
}

/** The text shown for a suppressed cell: "< 10" (primary) or "x" (secondary). */
export function suppressedText(status: CellStatus, threshold: number): string | null {
  if (status === 'primary') return `< ${threshold}`;
  if (status === 'secondary') return 'x';
  return null;
}

const DISCLOSURE_NOTE: Texts<{ base: (t: number) => string; secondary: string }> = {
  en: {
    base: (t) =>
      `Disclosure control: counts below ${t} are not published and shown as "< ${t}", together with the percentages derived from them.`,
    secondary:
      '"x" marks a cell suppressed because a total would otherwise reveal such a count (secondary suppression).',
  },
  nl: {
    base: (t) =>
      `Onthullingscontrole: aantallen onder ${t} worden niet gepubliceerd en als "< ${t}" getoond, net als de percentages die eruit volgen.`,
    secondary:
      '"x" markeert een cel die is onderdrukt omdat een totaal anders zo\'n aantal zou onthullen (secundaire onderdrukking).',
  },
};

/**
 * The note under a table: what "< 10" and "x" mean, in English or Dutch.
 *
 * @example
 * disclosureNote(10, false, 'nl') // 'Onthullingscontrole: aantallen onder 10 worden niet gepubliceerd …'
 */
export function disclosureNote(threshold: number, secondary = true, lang: Language = 'en'): string {
  if (threshold <= 0) return '';
  const t = textOf(DISCLOSURE_NOTE, lang);
  return secondary ? `${t.base(threshold)} ${t.secondary}` : t.base(threshold);
}

/**
 * Primary and secondary suppression over named cells and the additive relations between them
 * (see the module comment for the algorithm).
 *
 * @example
 * // control column of Table 2: 240 = 232 + 0 + 8, and 8 = 0 + 8
 * const s = suppressCells(
 *   { all: 240, notAssessed: 232, noConversation: 0, conversation: 8, uwv: 0, threeWay: 8 },
 *   [
 *     { total: 'all', parts: ['notAssessed', 'noConversation', 'conversation'] },
 *     { total: 'conversation', parts: ['uwv', 'threeWay'] },
 *   ],
 * );
 * s.status('threeWay'); // 'primary'
 * s.status('notAssessed'); // 'secondary': 240 − 232 − 0 would reveal the 8
 */
export function suppressCells(
  cells: Readonly<Record<string, number>> | ReadonlyMap<string, number>,
  relations: readonly AdditiveRelation[] = [],
  options: DisclosureOptions = {},
): CellSuppression {
  const threshold = options.threshold ?? 10;
  if (!(threshold >= 0) || !Number.isFinite(threshold)) {
    throw new RangeError(`disclosure threshold must be a number ≥ 0, got ${threshold}`);
  }
  const values = new Map<string, number>(
    cells instanceof Map ? cells : Object.entries(cells as Readonly<Record<string, number>>),
  );
  for (const r of relations) {
    for (const k of [r.total, ...r.parts]) {
      if (!values.has(k)) throw new RangeError(`relation names an unknown cell '${k}'`);
    }
  }
  const status = new Map<string, CellStatus>();
  const primary: string[] = [];
  const secondary: string[] = [];
  if (threshold > 0) {
    for (const [k, v] of values) {
      const small = v < threshold && (v > 0 || (options.suppressZeros === true && v === 0));
      if (small) {
        status.set(k, 'primary');
        primary.push(k);
      }
    }
    let changed = primary.length > 0;
    while (changed) {
      changed = false;
      for (const r of relations) {
        const members = [...r.parts, r.total];
        const hidden = members.filter((k) => status.has(k)).length;
        if (hidden !== 1) continue;
        let best: string | null = null;
        for (const k of members) {
          if (status.has(k)) continue;
          const v = values.get(k)!;
          if (!(v > 0)) continue;
          if (best === null || v < values.get(best)!) best = k;
        }
        if (best === null) continue; // only zeros left: nothing can be revealed beyond "< t"
        status.set(best, 'secondary');
        secondary.push(best);
        changed = true;
      }
    }
  }
  const get = (key: string): CellStatus => status.get(key) ?? 'published';
  return {
    threshold,
    primary,
    secondary,
    status: get,
    text: (key, published) => suppressedText(get(key), threshold) ?? published,
    note: primary.length > 0 ? disclosureNote(threshold, secondary.length > 0) : '',
  };
}

/** A two-way table of counts with the additive relations among its rows and columns. */
export interface CountTable {
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  /** `counts[i][j]`: row i, column j. */
  readonly counts: readonly (readonly number[])[];
  /** Relations among rows, applied in every column (e.g. a group and its sub-categories). */
  readonly rowRelations?: readonly AdditiveRelation[];
  /** Relations among columns, applied in every row (e.g. a total column). */
  readonly columnRelations?: readonly AdditiveRelation[];
}

/** The outcome of {@link suppressTable}. */
export interface TableSuppression {
  readonly threshold: number;
  status(row: string, column: string): CellStatus;
  /** `"< 10"`, `"x"` or `published`. */
  text(row: string, column: string, published: string): string;
  readonly primary: readonly { readonly row: string; readonly column: string }[];
  readonly secondary: readonly { readonly row: string; readonly column: string }[];
  readonly note: string;
}

const SEP = '\u0000';

/**
 * Disclosure control of a two-way table: primary suppression of small counts, and secondary
 * suppression so that no row or column relation (a total and its parts) reveals one.
 *
 * @example
 * const s = suppressTable({
 *   rows: ['all', 'a', 'b'],
 *   columns: ['treatment', 'control'],
 *   counts: [[100, 40], [96, 33], [4, 7]],
 *   rowRelations: [{ total: 'all', parts: ['a', 'b'] }],
 * });
 * s.text('b', 'control', '7'); // "< 10"
 * s.text('a', 'control', '33'); // "x"
 */
export function suppressTable(
  table: CountTable,
  options: DisclosureOptions = {},
): TableSuppression {
  const key = (row: string, column: string): string => `${row}${SEP}${column}`;
  const cells = new Map<string, number>();
  table.rows.forEach((row, i) => {
    const line = table.counts[i];
    if (!line || line.length !== table.columns.length) {
      throw new RangeError(`row '${row}' needs ${table.columns.length} counts`);
    }
    table.columns.forEach((column, j) => {
      cells.set(key(row, column), line[j]!);
    });
  });
  const relations: AdditiveRelation[] = [];
  for (const r of table.rowRelations ?? []) {
    for (const column of table.columns) {
      relations.push({ total: key(r.total, column), parts: r.parts.map((p) => key(p, column)) });
    }
  }
  for (const r of table.columnRelations ?? []) {
    for (const row of table.rows) {
      relations.push({ total: key(row, r.total), parts: r.parts.map((p) => key(row, p)) });
    }
  }
  const s = suppressCells(cells, relations, options);
  const split = (k: string) => {
    const [row, column] = k.split(SEP) as [string, string];
    return { row, column };
  };
  return {
    threshold: s.threshold,
    status: (row, column) => s.status(key(row, column)),
    text: (row, column, published) => s.text(key(row, column), published),
    primary: s.primary.map(split),
    secondary: s.secondary.map(split),
    note: s.note,
  };
}

/** The row key of the arm totals in {@link protectParticipation}. */
export const PARTICIPATION_TOTAL = '(all)';
/** The row key of the clients who received the service in {@link protectParticipation}. */
export const PARTICIPATION_RECEIVED = '(received)';

/**
 * Disclosure control of a participation table (Table 2): rows are the categories plus the arm
 * totals (`(all)`, the n in the header), columns the two arms; relations: the arm total is the
 * sum of the top-level categories, and each group the sum of its sub-categories (each declared
 * only where it holds in both arms). With `received` (the analysis' received-service counts), a
 * row `(received)` is added with its relation: it is the sum of the received categories.
 *
 * @example
 * const s = protectParticipation(result.participation);
 * s.text('three_way_conversation', 'control', '3 % (8)'); // "< 10"
 */
export function protectParticipation(
  table: Pick<ParticipationTable, 'n' | 'rows'> & Partial<Pick<ParticipationTable, 'received'>>,
  options: DisclosureOptions = {},
  withReceived = false,
): TableSuppression {
  const received = withReceived ? table.received : undefined;
  const rows = [
    PARTICIPATION_TOTAL,
    ...table.rows.map((r) => r.category),
    ...(received ? [PARTICIPATION_RECEIVED] : []),
  ];
  const counts = [
    [table.n.treatment, table.n.control],
    ...table.rows.map((r) => [r.treatment.count, r.control.count]),
    ...(received ? [[received.treatment.count, received.control.count]] : []),
  ];
  // A relation is declared only where it holds in both arms: a group with rows of its own (its
  // count exceeds the sum of its sub-categories) has an unpublished remainder, and reveals nothing.
  const rowRelations: AdditiveRelation[] = [];
  const relation = (
    total: string,
    totals: { treatment: number; control: number },
    parts: typeof table.rows,
  ) => {
    const sum = (arm: 'treatment' | 'control') => parts.reduce((s, r) => s + r[arm].count, 0);
    if (sum('treatment') === totals.treatment && sum('control') === totals.control) {
      rowRelations.push({ total, parts: parts.map((r) => r.category) });
    }
  };
  relation(
    PARTICIPATION_TOTAL,
    table.n,
    table.rows.filter((r) => r.depth === 0),
  );
  for (const g of table.rows.filter((r) => r.group)) {
    relation(
      g.category,
      { treatment: g.treatment.count, control: g.control.count },
      table.rows.filter((r) => r.parent === g.category),
    );
  }
  if (received) {
    const parents = new Map(table.rows.map((r) => [r.category, r]));
    relation(
      PARTICIPATION_RECEIVED,
      { treatment: received.treatment.count, control: received.control.count },
      table.rows.filter((r) => r.received && !(r.parent && parents.get(r.parent)?.received)),
    );
  }
  return suppressTable({ rows, columns: ['treatment', 'control'], counts, rowRelations }, options);
}

/**
 * Primary suppression on row objects: in each of `columns`, a count below the threshold becomes
 * the string "< 10". Only primary: with totals among the rows, use {@link suppressTable}, which
 * also applies secondary suppression.
 *
 * @example
 * suppressSmallCounts([{ decile: 1, n: 7 }, { decile: 2, n: 120 }], ['n']);
 * // [{ decile: 1, n: '< 10' }, { decile: 2, n: 120 }]
 */
export function suppressSmallCounts<R extends Readonly<Record<string, unknown>>>(
  rows: readonly R[],
  columns: readonly (keyof R & string)[],
  options: DisclosureOptions = {},
): Record<string, unknown>[] {
  const threshold = options.threshold ?? 10;
  return rows.map((row) => {
    const out: Record<string, unknown> = { ...row };
    for (const c of columns) {
      const v = row[c];
      if (typeof v !== 'number' || threshold <= 0) continue;
      if (v < threshold && (v > 0 || (options.suppressZeros === true && v === 0))) {
        out[c] = `< ${threshold}`;
      }
    }
    return out;
  });
}

/**
 * Primary suppression on a table of the model: in each of `columns`, a count below the threshold
 * is marked `primary`, so every writer shows "< 10" instead of the number (and the CSV and JSON
 * never hold it). The table's rows stay as they are. Only primary: with totals among the rows,
 * use {@link suppressTable}.
 *
 * @example
 * markSmallCounts(tableFromRows([{ decile: 1, n: 7 }]), ['n']).suppressed // [{ n: 'primary' }]
 */
export function markSmallCounts(
  table: Table,
  columns: readonly string[],
  options: DisclosureOptions = {},
): Table {
  const threshold = options.threshold ?? 10;
  if (threshold <= 0) return table;
  const suppressed = table.rows.map((row, i) => {
    const marks: Record<string, SuppressionMark> = { ...(table.suppressed?.[i] ?? {}) };
    for (const c of columns) {
      const v = row[c];
      if (typeof v !== 'number') continue;
      if (v < threshold && (v > 0 || (options.suppressZeros === true && v === 0))) {
        marks[c] = 'primary';
      }
    }
    return marks;
  });
  return { ...table, suppressed, threshold };
}

/** A count a table publishes, or lets a reader compute, for {@link protectTable}. */
export interface ProtectedCount {
  /** The count's name: a column id, or a name for a count that is not a column. */
  readonly id: string;
  /**
   * Its value in row i (default: the row's cell `id`). A count that is not a column is what a
   * reader can compute, e.g. events = round(share × n).
   */
  readonly value?: (row: Readonly<Record<string, Cell>>, i: number) => number | null;
  /** Columns that reveal the count: suppressed with it (shares, intervals, differences, tests). */
  readonly reveals?: readonly string[];
  /** The count summed over the rows is published (e.g. the rows of the file in a note). */
  readonly total?: number;
}

/** How a table's cells relate to counts (see {@link protectTable}). */
export interface TableProtection {
  readonly counts: readonly ProtectedCount[];
  /** Additive relations among the counts of one row (total = parts, by count id). */
  readonly relations?: readonly AdditiveRelation[];
  /** Additive relations among rows (by row index), applied to every count: a total row and its parts. */
  readonly rowRelations?: readonly { readonly total: number; readonly parts: readonly number[] }[];
}

/**
 * Disclosure control of a table of the table model, the one rule every writer and chart uses:
 * a count c with 0 < c < threshold (default 10) is suppressed (primary, "< 10"); secondary
 * suppression ("x", see {@link suppressCells}) protects it within the relations of its row, the
 * relations among rows (`rowRelations`) and, for a count with a published `total`, across all
 * rows; every column that `reveals` a
 * suppressed count is suppressed with it (marked like the count, shown "x" unless it is the
 * count itself). Marks already on the table are kept. O(rows × counts) per pass.
 *
 * @example
 * const t = tableFromRows([{ arm: 'a', n: 4, share: 0.4 }, { arm: 'b', n: 30, share: 0.6 }]);
 * const p = protectTable(t, { counts: [{ id: 'n', reveals: ['share'], total: 34 }] });
 * p.suppressed; // [{ n: 'primary', share: 'secondary' }, { n: 'secondary', share: 'secondary' }]
 */
export function protectTable(
  table: Table,
  protection: TableProtection,
  options: DisclosureOptions = {},
): Table {
  const threshold = options.threshold ?? 10;
  if (threshold <= 0) return table;
  const key = (i: number, id: string) => `${i}${SEP}${id}`;
  const cells = new Map<string, number>();
  const relations: AdditiveRelation[] = [];
  table.rows.forEach((row, i) => {
    for (const c of protection.counts) {
      const v = c.value ? c.value(row, i) : row[c.id];
      if (typeof v === 'number' && Number.isFinite(v)) cells.set(key(i, c.id), v);
    }
    for (const r of protection.relations ?? []) {
      const members = [r.total, ...r.parts].map((m) => key(i, m));
      if (members.every((m) => cells.has(m))) {
        relations.push({ total: key(i, r.total), parts: members.slice(1) });
      }
    }
  });
  for (const c of protection.counts) {
    for (const r of protection.rowRelations ?? []) {
      const members = [r.total, ...r.parts].map((i) => key(i, c.id));
      if (members.every((m) => cells.has(m))) {
        relations.push({ total: members[0]!, parts: members.slice(1) });
      }
    }
    if (c.total === undefined) continue;
    const parts = table.rows.map((_, i) => key(i, c.id)).filter((k) => cells.has(k));
    const total = `${SEP}total${SEP}${c.id}`;
    cells.set(total, c.total);
    relations.push({ total, parts });
  }
  const s = suppressCells(cells, relations, options);
  const suppressed = table.rows.map((_, i) => {
    const marks: Record<string, SuppressionMark> = { ...(table.suppressed?.[i] ?? {}) };
    for (const c of protection.counts) {
      const status = s.status(key(i, c.id));
      if (status === 'published') continue;
      if (table.columns.some((col) => col.id === c.id)) marks[c.id] ??= status;
      for (const r of c.reveals ?? []) marks[r] ??= 'secondary';
    }
    return marks;
  });
  return { ...table, suppressed, threshold };
}

/**
 * Whether a table holds a suppressed cell (and so needs the {@link disclosureNote}).
 *
 * @example
 * hasSuppressed(protectTable(t, spec)) // true
 */
export function hasSuppressed(table: Table): boolean {
  return (table.suppressed ?? []).some((m) => m !== undefined && Object.keys(m).length > 0);
}

/**
 * A count as a note may print it: "< 10" when it is small (0 < n < threshold), else grouped.
 *
 * @example
 * noteCount(7) // "< 10"
 * noteCount(1218) // "1,218"
 */
export function noteCount(
  n: number,
  options: DisclosureOptions = {},
  style: NumberStyle = NUMBER_STYLES.en,
): string {
  return isSmallCount(n, options) ? `< ${options.threshold ?? 10}` : formatCount(n, style);
}

/**
 * The JSON a report publishes under disclosure control: the threshold with its note and the
 * document's tables (suppressed cells as "< 10" / "x").
 *
 * @example
 * publishedJson(pilotDocument(result), 10) // { disclosure: { threshold: 10, note: '…' }, tables: [...] }
 */
export function publishedJson(document: Document, threshold: number) {
  return {
    disclosure: { threshold, note: disclosureNote(threshold) },
    tables: jsonOfDocument(document),
  };
}

export { type CsvWriteOptions, csvSafe, toCsv } from '../table/csv.js';
