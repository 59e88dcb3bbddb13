/**
 * Table → design matrix, as R's `model.matrix` with treatment contrasts and `na.omit`:
 *
 * - numeric columns enter as they are (booleans are factors, not 0/1);
 * - string and boolean columns, and numeric columns listed in `factors`, are factors with
 *   treatment (dummy) coding, one column `name[level]` per non-reference level;
 * - levels are the values present in the kept rows, sorted: strings by UTF-16 code units (R's
 *   `factor()` in the C locale; `'Z' < 'a'`), numbers numerically, `false` before `true`;
 *   the reference level is the first, unless `reference` names another;
 * - without an intercept, the first factor gets a column for every level (as R does);
 * - rows with a missing value in any used column are dropped (listwise deletion) and counted
 *   per column, or reported as an `InputError` with `missing: 'error'`;
 * - a factor left with a single level has no contrast to estimate: it gets no columns and is
 *   reported in `droppedTerms` (not an error, so subgroup analyses can reuse one spec).
 *
 * Rank deficiency is not handled here: the OLS estimator detects collinear columns itself.
 *
 * Memory: when no row is dropped, a numeric column stored as a `Float64Array` enters the matrix
 * as that array itself (no copy; treat the columns as read-only); the columns this module
 * writes (intercept, dummies, numbers of the kept rows) share one column-major buffer.
 */
import type { ColumnTable } from 'arquero';
import { formatRows, InputError } from '../errors.js';
import type { DesignMatrix } from '../stats/estimate.js';
import { rejectUnknownKeys } from '../stats/option-keys.js';
import {
  asTable,
  columnValues,
  describeValue,
  isMissing,
  numericValue,
  requireColumns,
  stringValue,
  type TableInput,
  typedColumn,
} from './columns.js';

/** Which columns make the matrix, and how. */
export interface ModelSpec {
  /** Predictor columns, in the order their matrix columns should appear. */
  readonly columns: readonly string[];
  /** Add an `(Intercept)` column of ones first. Default true. */
  readonly intercept?: boolean;
  /** Reference level per factor column, e.g. `{ arm: 'control' }`. Default: the first sorted level. */
  readonly reference?: Readonly<Record<string, string>>;
  /** `'drop'` (default): listwise deletion, counted in `dropped`; `'error'`: throw an `InputError`. */
  readonly missing?: 'drop' | 'error';
  /** Numeric columns to treat as factors (codes such as a decile or a region number). */
  readonly factors?: readonly string[];
}

/** One term of the model and the matrix columns it produced. */
export interface ModelTerm {
  /** Table column name, or `(Intercept)`. */
  readonly name: string;
  readonly kind: 'intercept' | 'numeric' | 'factor';
  /** Indices into `matrix.names`/`matrix.columns`. */
  readonly columns: readonly number[];
  /** Factor levels present in the kept rows, sorted. */
  readonly levels?: readonly string[];
  /** The factor's reference level (absent for a fully coded factor). */
  readonly reference?: string;
}

/** A term that produced no columns. */
export interface DroppedTerm {
  readonly term: string;
  readonly reason: 'single-level';
  /** The one level left. */
  readonly level: string;
}

/** Rows removed for missing values. */
export interface DroppedRows {
  /** Rows dropped (a row missing in several columns counts once). */
  readonly total: number;
  /** Per column: rows with a missing value in that column (0 for complete columns). */
  readonly byColumn: Readonly<Record<string, number>>;
}

/** The result of {@link modelMatrix}. */
export interface ModelMatrix {
  readonly matrix: DesignMatrix;
  readonly terms: readonly ModelTerm[];
  /** For each matrix row, its 0-based row index in the input table. */
  readonly rows: Int32Array;
  readonly dropped: DroppedRows;
  /** Reference level used per treatment-coded factor. */
  readonly reference: Readonly<Record<string, string>>;
  readonly droppedTerms: readonly DroppedTerm[];
}

/** {@link ModelSpec} plus the outcome column. */
export interface ModelFrameSpec extends ModelSpec {
  /** Outcome column: numbers, or booleans as 1/0. */
  readonly outcome: string;
}

/** The result of {@link modelFrame}: the matrix and the outcome on the same rows. */
export interface ModelFrame extends ModelMatrix {
  readonly outcome: string;
  /** Outcome for each matrix row. */
  readonly y: Float64Array;
}

/**
 * Builds the design matrix of `spec.columns` (see the module notes for coding and missing
 * values). Throws an `InputError` for a missing column (`missing-column`), a column mixing
 * numbers and text or holding other values (`wrong-type`), a reference level that is not among
 * the levels (`unknown-level`), an invalid spec (`invalid-option`), and, with `missing: 'error'`,
 * missing values (`missing-value`, naming columns and rows).
 *
 * @example
 * const { matrix, dropped } = modelMatrix(table, { columns: ['arm', 'age'], reference: { arm: 'control' } });
 * matrix.names; // ['(Intercept)', 'arm[experiment]', 'age']
 */
export function modelMatrix(input: TableInput, spec: ModelSpec): ModelMatrix {
  rejectUnknownKeys(
    spec,
    { columns: true, intercept: true, reference: true, missing: true, factors: true },
    'modelMatrix',
  );
  return build(asTable(input), spec, undefined).model;
}

/**
 * Like {@link modelMatrix}, but also reads the outcome and drops rows missing in the outcome or
 * any predictor, so that `y[i]` belongs to matrix row `i`. The outcome appears in
 * `dropped.byColumn` too.
 *
 * @example
 * const { matrix, y } = modelFrame(table, { outcome: 'employed', columns: ['arm', 'age'] });
 */
export function modelFrame(input: TableInput, spec: ModelFrameSpec): ModelFrame {
  rejectUnknownKeys(
    spec,
    {
      outcome: true,
      columns: true,
      intercept: true,
      reference: true,
      missing: true,
      factors: true,
    },
    'modelFrame',
  );
  const { model, y } = build(asTable(input), spec, spec.outcome);
  return { ...model, outcome: spec.outcome, y: y ?? new Float64Array(0) };
}

/** A column read once: numeric values, or factor labels (with numeric sort keys when coded). */
type Column =
  | { readonly kind: 'numeric'; readonly name: string; readonly values: Float64Array }
  | {
      readonly kind: 'factor';
      readonly name: string;
      readonly labels: readonly (string | null)[];
      readonly numericOrder: boolean;
    };

function build(
  table: ColumnTable,
  spec: ModelSpec,
  outcome: string | undefined,
): { model: ModelMatrix; y: Float64Array | undefined } {
  checkSpec(spec, outcome);
  const all = outcome === undefined ? spec.columns : [outcome, ...spec.columns];
  requireColumns(table, all);
  const forced = new Set(spec.factors ?? []);
  const columns = spec.columns.map((name) => readColumn(table, name, forced.has(name)));
  const y = outcome === undefined ? undefined : readOutcome(table, outcome);

  // Listwise deletion: count missing per column, keep complete rows.
  const n = table.numRows();
  const keep = new Uint8Array(n).fill(1);
  const byColumn: Record<string, number> = {};
  const missingRows: [string, number[]][] = [];
  const mark = (name: string, rows: number[]) => {
    for (const r of rows) keep[r - 1] = 0;
    byColumn[name] = rows.length;
    if (rows.length) missingRows.push([name, rows]);
  };
  if (outcome !== undefined && y) mark(outcome, nanRows(y));
  for (const c of columns) {
    if (c.kind === 'numeric') mark(c.name, nanRows(c.values));
    else {
      const rows: number[] = [];
      for (let i = 0; i < n; i++) if (c.labels[i] === null) rows.push(i + 1);
      mark(c.name, rows);
    }
  }
  if (missingRows.length && spec.missing === 'error') throw missingError(missingRows);
  let m = 0;
  for (let i = 0; i < n; i++) m += keep[i]!;
  const rows = new Int32Array(m);
  for (let i = 0, r = 0; i < n; i++) if (keep[i]) rows[r++] = i;
  // Every row kept: numeric columns are the table's own arrays (read-only views, no copy).
  const complete = m === n;

  // The columns this function writes (intercept, dummies, numbers of a subset) share one
  // buffer, column-major, filled in one pass per column.
  const intercept = spec.intercept ?? true;
  const levelsOf = columns.map((c) => (c.kind === 'factor' ? sortedLevels(c, rows) : undefined));
  let written = intercept ? 1 : 0;
  let fullCoded = intercept;
  columns.forEach((c, j) => {
    if (c.kind === 'numeric') written += complete ? 0 : 1;
    else {
      const count = levelsOf[j]!.length;
      if (count >= 2) {
        written += fullCoded ? count - 1 : count;
        fullCoded = true;
      }
    }
  });
  const buffer = new Float64Array(written * m);
  let used = 0;
  const take = () => buffer.subarray(m * used, m * ++used);

  const names: string[] = [];
  const matrixColumns: Float64Array[] = [];
  const terms: ModelTerm[] = [];
  const reference: Record<string, string> = {};
  const droppedTerms: DroppedTerm[] = [];
  if (intercept) {
    terms.push({ name: '(Intercept)', kind: 'intercept', columns: [0] });
    names.push('(Intercept)');
    matrixColumns.push(take().fill(1));
  }
  let fullCodingDone = intercept; // without an intercept the first factor is fully coded
  columns.forEach((c, ci) => {
    if (c.kind === 'numeric') {
      let col = c.values;
      if (!complete) {
        col = take();
        for (let r = 0; r < m; r++) col[r] = c.values[rows[r]!]!;
      }
      terms.push({ name: c.name, kind: 'numeric', columns: [names.length] });
      names.push(c.name);
      matrixColumns.push(col);
      return;
    }
    const levels = levelsOf[ci]!;
    const wanted = spec.reference?.[c.name];
    if (wanted !== undefined && !levels.includes(wanted)) {
      throw new InputError(
        `reference level '${wanted}' for column '${c.name}' is not among its levels${
          m < n ? ' (after dropping rows with missing values)' : ''
        }: ${levels.join(', ') || '(none)'}`,
        { code: 'unknown-level', column: c.name, value: wanted },
      );
    }
    if (levels.length < 2) {
      if (levels.length === 1) {
        droppedTerms.push({ term: c.name, reason: 'single-level', level: levels[0] as string });
      }
      terms.push({ name: c.name, kind: 'factor', columns: [], levels });
      return;
    }
    const full = !fullCodingDone;
    fullCodingDone = true;
    const ref = full ? undefined : (wanted ?? (levels[0] as string));
    const coded = levels.filter((l) => l !== ref);
    const index = new Map(coded.map((l, k) => [l, k]));
    const dummies = coded.map(() => take());
    for (let r = 0; r < m; r++) {
      const k = index.get(c.labels[rows[r]!] as string);
      if (k !== undefined) dummies[k]![r] = 1;
    }
    const first = names.length;
    coded.forEach((l, k) => {
      names.push(`${c.name}[${l}]`);
      matrixColumns.push(dummies[k] as Float64Array);
    });
    terms.push({
      name: c.name,
      kind: 'factor',
      columns: coded.map((_, k) => first + k),
      levels,
      ...(ref === undefined ? {} : { reference: ref }),
    });
    if (ref !== undefined) reference[c.name] = ref;
  });

  let yKept: Float64Array | undefined;
  if (y) {
    yKept = new Float64Array(m);
    for (let r = 0; r < m; r++) yKept[r] = y[rows[r] as number] as number;
  }
  return {
    model: {
      matrix: { names, columns: matrixColumns, n: m },
      terms,
      rows,
      dropped: { total: n - m, byColumn },
      reference,
      droppedTerms,
    },
    y: yKept,
  };
}

function checkSpec(spec: ModelSpec, outcome: string | undefined): void {
  const seen = new Set<string>();
  for (const name of spec.columns) {
    if (seen.has(name)) {
      throw new InputError(`column '${name}' is listed twice in the model`, {
        code: 'invalid-option',
        column: name,
      });
    }
    seen.add(name);
  }
  if (outcome !== undefined && seen.has(outcome)) {
    throw new InputError(`the outcome '${outcome}' is also listed as a predictor`, {
      code: 'invalid-option',
      column: outcome,
    });
  }
  for (const [what, names] of [
    ['reference', Object.keys(spec.reference ?? {})],
    ['factors', spec.factors ?? []],
  ] as const) {
    for (const name of names) {
      if (!seen.has(name)) {
        throw new InputError(
          `'${what}' names column '${name}', which is not among the model columns: ${spec.columns.join(', ')}`,
          { code: 'invalid-option', column: name },
        );
      }
    }
  }
  if (spec.missing !== undefined && spec.missing !== 'drop' && spec.missing !== 'error') {
    throw new InputError(`'missing' must be 'drop' or 'error', not '${String(spec.missing)}'`, {
      code: 'invalid-option',
      value: String(spec.missing),
    });
  }
}

/** Reads a predictor, deciding numeric vs factor from its non-missing values. */
function readColumn(table: ColumnTable, name: string, forceFactor: boolean): Column {
  const typed = forceFactor ? undefined : typedColumn(table, name);
  if (typed) return { kind: 'numeric', name, values: typed };
  const values = columnValues(table, name);
  let numberRow = -1;
  let textRow = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) continue;
    if (typeof v === 'number' || typeof v === 'bigint') {
      if (numberRow < 0) numberRow = i;
    } else if (typeof v === 'string' || typeof v === 'boolean') {
      if (textRow < 0) textRow = i;
    } else {
      throw new InputError(
        `column '${name}' must hold numbers, text or booleans, but row ${i + 1} has ${describeValue(v)}`,
        { code: 'wrong-type', column: name, rows: [i + 1], value: describeValue(v) },
      );
    }
  }
  if (numberRow >= 0 && textRow >= 0) {
    const value = describeValue(values[textRow]);
    throw new InputError(
      `column '${name}' mixes numbers (e.g. row ${numberRow + 1}) and text (e.g. row ${textRow + 1}: ${value}); ` +
        'make it all numbers, or all text to use it as a factor',
      { code: 'wrong-type', column: name, rows: [textRow + 1], value },
    );
  }
  if (numberRow >= 0 && !forceFactor) {
    const out = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const n = numericValue(values[i]);
      if (n === undefined) {
        const value = describeValue(values[i]);
        throw new InputError(`column '${name}' has a non-finite value in row ${i + 1}: ${value}`, {
          code: 'wrong-type',
          column: name,
          rows: [i + 1],
          value,
        });
      }
      out[i] = n ?? Number.NaN;
    }
    return { kind: 'numeric', name, values: out };
  }
  const labels = values.map((v) => stringValue(v) ?? null);
  return { kind: 'factor', name, labels, numericOrder: numberRow >= 0 };
}

function readOutcome(table: ColumnTable, name: string): Float64Array {
  const values = table.array(name) as unknown[];
  const out = new Float64Array(values.length);
  const bad: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const n = numericValue(values[i]);
    if (n === undefined) bad.push(i + 1);
    out[i] = n ?? Number.NaN;
  }
  if (bad.length) {
    const value = describeValue(values[(bad[0] as number) - 1]);
    throw new InputError(
      `outcome column '${name}' must hold numbers or booleans, but has other values in ${formatRows(bad)} (first: ${value})`,
      { code: 'wrong-type', column: name, rows: bad, value },
    );
  }
  return out;
}

/** The 1-based rows where `values` is NaN. */
function nanRows(values: Float64Array): number[] {
  const rows: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i]!)) rows.push(i + 1);
  return rows;
}

function sortedLevels(c: Extract<Column, { kind: 'factor' }>, rows: Int32Array): string[] {
  const set = new Set<string>();
  for (const r of rows) {
    const l = c.labels[r];
    if (l !== null && l !== undefined) set.add(l);
  }
  const levels = [...set];
  return c.numericOrder
    ? levels.sort((a, b) => Number(a) - Number(b))
    : levels.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function missingError(missing: readonly [string, number[]][]): InputError {
  const parts = missing.map(([name, rows]) => `column '${name}' (${formatRows(rows)})`);
  const [firstName, firstRows] = missing[0] as [string, number[]];
  return new InputError(`missing values in ${parts.join(', ')}`, {
    code: 'missing-value',
    column: firstName,
    rows: firstRows,
  });
}
