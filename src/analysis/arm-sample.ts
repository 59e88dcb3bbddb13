/**
 * The two-arm sample of a table-level analysis whose outcome is any column (participation, job
 * quality, a complier outcome): which rows are in the two arms, their treatment indicator,
 * covariate columns, and what was left out and why. The event-month analyses use
 * `comparisonSample` (which also needs follow-up); this is the same sample without it.
 *
 * Internal to `src/analysis/` (not part of the public API).
 */
import type { ColumnTable } from 'arquero';
import {
  asTable,
  describeValue,
  numericValue,
  requireColumns,
  stringColumn,
  type TableInput,
} from '../data/columns.js';
import { modelMatrix } from '../data/model-matrix.js';
import { formatRows, InputError } from '../errors.js';

/** Rows left out of an analysis, by reason; never silent. */
export interface Exclusion {
  readonly reason: string;
  readonly count: number;
}

/** Arm column, arm labels and (optional) covariates of a two-arm analysis. */
export interface ArmSampleSpec {
  /** Arm column (default `arm`). */
  readonly arm?: string;
  /** Label of the treated arm (default `experiment`). */
  readonly treatment?: string;
  /** Label of the control arm (default `control`). */
  readonly control?: string;
  /** Covariates for adjustment: numbers as-is, strings as factors with dummies. */
  readonly covariates?: readonly string[];
  /** Reference level per factor covariate (default: first level in sorted order, as R). */
  readonly reference?: Readonly<Record<string, string>>;
  /** Numeric covariates to treat as factors (e.g. an office code). */
  readonly factors?: readonly string[];
  /** Rows with a missing covariate: `'drop'` (default, reported) or `'error'`. */
  readonly missing?: 'drop' | 'error';
}

/** The rows of the two arms (with complete covariates), aligned row by row. */
export interface ArmSample {
  readonly table: ColumnTable;
  /** 0-based table row of each analysed client. */
  readonly rows: Int32Array;
  /** 1 for the treated arm, 0 for control. */
  readonly treated: Float64Array;
  /** Covariate columns (factor dummies expanded), without intercept. */
  readonly covariateNames: readonly string[];
  readonly covariates: readonly Float64Array[];
  readonly excluded: readonly Exclusion[];
  readonly labels: { readonly arm: string; readonly treatment: string; readonly control: string };
}

/**
 * Resolved arm labels (defaults `arm`, `experiment`, `control`), checked to differ.
 *
 * @example
 * armLabels({ treatment: 'intensive', control: 'basic' }); // { arm: 'arm', treatment: 'intensive', control: 'basic' }
 */
export function armLabels(spec: ArmSampleSpec): {
  arm: string;
  treatment: string;
  control: string;
} {
  const arm = spec.arm ?? 'arm';
  const treatment = spec.treatment ?? 'experiment';
  const control = spec.control ?? 'control';
  if (treatment === control) {
    throw new InputError(
      `treatment and control must be different arm labels, both are '${treatment}'`,
      { code: 'invalid-option', value: treatment },
    );
  }
  return { arm, treatment, control };
}

/**
 * Throws `unknown-arm` when a label does not occur in the arm column, listing the labels present.
 *
 * @example
 * checkArmsPresent(['experiment', 'experiment'], 'arm', ['experiment', 'control']); // throws: arm 'control' does not occur …
 */
export function checkArmsPresent(
  arms: readonly (string | null)[],
  column: string,
  wanted: readonly string[],
): void {
  const labels = new Set(arms.filter((a): a is string => a !== null));
  for (const label of wanted) {
    if (!labels.has(label)) {
      throw new InputError(
        `arm '${label}' does not occur in column '${column}'; labels present: ${
          [...labels].sort().join(', ') || '(none)'
        }`,
        { code: 'unknown-arm', column, value: label },
      );
    }
  }
}

/** Restrictions of {@link armSample} beyond the arms and covariates. */
export interface ArmSampleOptions {
  /** 1 = the row belongs to the analysis (a subgroup); rows outside are not reported. */
  readonly subset?: Uint8Array;
  /** Rows to leave out (after the arm check, before covariates), reported with `reason`. */
  readonly exclude?: { readonly reason: string; readonly rows: Uint8Array };
}

/**
 * Builds the two-arm sample: rows whose arm is the treatment or control label and whose
 * covariates are complete. Throws an `InputError` for an unknown column or an arm label absent
 * from the data (`unknown-arm`, listing the labels present).
 *
 * @example
 * const s = armSample(table, { covariates: ['age'] });
 * s.treated.length; // clients analysed
 */
export function armSample(
  data: TableInput | ColumnTable,
  spec: ArmSampleSpec,
  options: ArmSampleOptions = {},
): ArmSample {
  const table = asTable(data);
  const { subset, exclude } = options;
  const { arm, treatment, control } = armLabels(spec);
  const covariates = spec.covariates ?? [];
  requireColumns(table, [arm], 'arm');
  requireColumns(table, covariates, 'covariate');
  const arms = stringColumn(table, arm);
  checkArmsPresent(arms, arm, [treatment, control]);

  // With an intercept, so that every factor gets treatment contrasts (without one, model.matrix
  // codes the first factor fully, which is aliased once the analysis adds its own intercept).
  const design = modelMatrix(table, {
    columns: covariates,
    intercept: true,
    missing: spec.missing ?? 'drop',
    ...(spec.reference ? { reference: spec.reference } : {}),
    ...(spec.factors ? { factors: spec.factors } : {}),
  });
  const designRow = new Int32Array(table.numRows()).fill(-1);
  design.rows.forEach((r, j) => {
    designRow[r] = j;
  });

  let otherArm = 0;
  let excludedByCaller = 0;
  let noCovariates = 0;
  const keep: number[] = [];
  for (let i = 0; i < arms.length; i++) {
    if (subset && !subset[i]) continue;
    const a = arms[i];
    if (a !== treatment && a !== control) otherArm++;
    else if (exclude?.rows[i]) excludedByCaller++;
    else if (designRow[i]! < 0) noCovariates++;
    else keep.push(i);
  }
  const n = keep.length;
  const rows = Int32Array.from(keep);
  const treated = new Float64Array(n);
  const source = design.matrix.columns.slice(1);
  const columns = source.map(() => new Float64Array(n));
  for (let j = 0; j < n; j++) {
    const i = rows[j]!;
    treated[j] = arms[i] === treatment ? 1 : 0;
    const d = designRow[i]!;
    source.forEach((col, c) => {
      columns[c]![j] = col[d]!;
    });
  }
  const excluded: Exclusion[] = [];
  if (otherArm)
    excluded.push({ reason: `arm not '${treatment}' or '${control}'`, count: otherArm });
  if (excludedByCaller && exclude)
    excluded.push({ reason: exclude.reason, count: excludedByCaller });
  if (noCovariates) {
    const by = Object.entries(design.dropped.byColumn)
      .filter(([, k]) => k > 0)
      .map(([c, k]) => `${c}: ${k}`)
      .join(', ');
    excluded.push({ reason: `missing covariate (${by})`, count: noCovariates });
  }
  return {
    table,
    rows,
    treated,
    covariateNames: design.matrix.names.slice(1),
    covariates: columns,
    excluded,
    labels: { arm, treatment, control },
  };
}

/**
 * A column read at the sample rows as numbers, missing as NaN. Strings are not parsed: a text
 * value is a `wrong-type` error naming the column, the (1-based table) rows and the value.
 *
 * @example
 * const y = numericAt(sample.table, 'hourly_wage', sample.rows); // NaN where missing
 */
export function numericAt(table: ColumnTable, name: string, rows: Int32Array): Float64Array {
  requireColumns(table, [name]);
  const values = table.array(name) as unknown[];
  const out = new Float64Array(rows.length);
  const bad: number[] = [];
  let first: unknown;
  for (let j = 0; j < rows.length; j++) {
    const v = numericValue(values[rows[j]!]);
    if (v === undefined) {
      if (!bad.length) first = values[rows[j]!];
      bad.push(rows[j]! + 1);
      out[j] = Number.NaN;
    } else out[j] = v ?? Number.NaN;
  }
  if (bad.length) {
    const value = describeValue(first);
    throw new InputError(
      `column '${name}' must be numeric (or boolean), but has other values in ${formatRows(bad)} (first: ${value})`,
      { code: 'wrong-type', column: name, rows: bad, value },
    );
  }
  return out;
}

/**
 * Whether every non-missing (non-NaN) value is 0 or 1.
 *
 * @example
 * isBinary(Float64Array.of(0, 1, Number.NaN)); // true
 */
export function isBinary(values: Float64Array): boolean {
  for (const v of values) if (!Number.isNaN(v) && v !== 0 && v !== 1) return false;
  return true;
}
