/**
 * The two-arm sample of a table-level analysis whose outcome is any column (participation, job
 * quality, a complier outcome): which rows are in the two arms, their treatment indicator,
 * covariate columns, and what was left out and why. The event-month analyses use
 * `comparisonSample` (which also needs follow-up); this is the same sample without it.
 *
 * Internal to `src/analysis/` (not part of the public API).
 */
import type { ColumnTable } from 'arquero';
import { describeValue, numericValue, requireColumns, type TableInput } from '../data/columns.js';
import {
  type Exclusion,
  type ExperimentIntake,
  experimentIntake,
  type IntakeRowsOptions,
  intakeRows,
  isExperimentIntake,
} from '../data/intake.js';
import { formatRows, InputError } from '../errors.js';
import { gather } from '../stats/gather.js';

import type { RareLevels } from './rare-levels.js';

export type { Exclusion };

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
  /**
   * A factor level held by a single client (with Lin: a single client of an arm) gives that
   * client leverage 1, where HC2/HC3 are undefined: `'error'` (default) stops naming the column,
   * level and row; `'pool'` merges the level into the factor's most common level; `'drop'`
   * leaves its clients out (reported in `excluded`). See docs/methods.md.
   */
  readonly rareLevels?: RareLevels;
}

/** A factor covariate of a two-arm sample: its levels and the sample columns coding them. */
export interface SampleFactor {
  /** The table column. */
  readonly column: string;
  /** Its reference level (all dummies 0). */
  readonly reference: string;
  /** The non-reference levels, one per entry of `columns`. */
  readonly levels: readonly string[];
  /** Indices into `ArmSample.covariates` of the dummies of `levels`. */
  readonly columns: readonly number[];
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
  /** The treatment-coded factors among the covariates (for rare-level checks; none if absent). */
  readonly factors?: readonly SampleFactor[];
  readonly excluded: readonly Exclusion[];
  readonly labels: { readonly arm: string; readonly treatment: string; readonly control: string };
}

/** Restrictions of {@link armSample} beyond the arms and covariates. */
export type ArmSampleOptions = IntakeRowsOptions;

/**
 * Builds the two-arm sample: rows whose arm is the treatment or control label and whose
 * covariates are complete. Works from the experiment intake (built here from the table and
 * spec, or passed in already built). Throws an `InputError` for an unknown column or an arm
 * label absent from the data (`unknown-arm`, listing the labels present).
 *
 * @example
 * const s = armSample(table, { covariates: ['age'] });
 * s.treated.length; // clients analysed
 */
export function armSample(
  data: TableInput | ColumnTable | ExperimentIntake,
  spec: ArmSampleSpec,
  options: ArmSampleOptions = {},
): ArmSample {
  const intake = isExperimentIntake(data) ? data : experimentIntake(data, spec);
  const { arm, treatment, control } = intake.roles;
  const { rows, excluded } = intakeRows(intake, options);
  const n = rows.length;
  const treated = new Float64Array(n);
  const design = new Int32Array(n);
  let identity = true;
  for (let j = 0; j < n; j++) {
    const i = rows[j]!;
    treated[j] = intake.arms[i] === treatment ? 1 : 0;
    const d = intake.designRow[i]!;
    design[j] = d;
    if (d !== j) identity = false;
  }
  // Sample row j is design row j (every row in, e.g. two arms and complete covariates): the
  // covariates are views of the intake's columns; otherwise one gather per column.
  const source = intake.covariates.matrix.columns.slice(1);
  const columns = source.map((col) => (identity ? col.subarray(0, n) : gather(col, design)));
  return {
    table: intake.table,
    rows,
    treated,
    covariateNames: intake.covariates.matrix.names.slice(1),
    covariates: columns,
    factors: sampleFactors(intake),
    excluded,
    labels: { arm, treatment, control },
  };
}

/** The treatment-coded factors of the intake's covariate matrix, by sample column (matrix − 1). */
function sampleFactors(intake: ExperimentIntake): SampleFactor[] {
  const { terms, matrix } = intake.covariates;
  return terms
    .filter((t) => t.kind === 'factor' && t.reference !== undefined && t.columns.length > 0)
    .map((t) => ({
      column: t.name,
      reference: t.reference!,
      levels: t.columns.map((j) => levelOf(matrix.names[j]!, t.name)),
      columns: t.columns.map((j) => j - 1),
    }));
}

/** The level in a dummy's name `column[level]`. */
function levelOf(name: string, column: string): string {
  return name.slice(column.length + 1, -1);
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
