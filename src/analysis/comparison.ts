/**
 * The comparison sample of a two-arm analysis on a client table: which rows are in, their
 * treatment indicator, follow-up and event month, their covariate columns, and what was
 * excluded and why. Shared by the month-by-month effect series and its subgroup variants.
 */
import type { ColumnTable } from 'arquero';
import {
  asTable,
  numberColumn,
  requireColumns,
  stringColumn,
  type TableInput,
} from '../data/columns.js';
import { modelMatrix } from '../data/model-matrix.js';
import { formatRows, InputError } from '../errors.js';

/** Column names and arm labels of a two-arm comparison with one event. */
export interface ComparisonSpec {
  /** Arm column (default `arm`). */
  readonly arm?: string;
  /** Label of the treated arm (default `experiment`). */
  readonly treatment?: string;
  /** Label of the control arm (default `control`). */
  readonly control?: string;
  /** Event-month column: 1-based month of the first event, empty if none (e.g. `month_bijstand`). */
  readonly event: string;
  /** Follow-up column: months observed (default `followup_months`). */
  readonly followup?: string;
  /** Covariates for adjustment: numbers as-is, strings as factors with dummies. */
  readonly covariates?: readonly string[];
  /** Reference level per factor covariate (default: first level in sorted order, as R). */
  readonly reference?: Readonly<Record<string, string>>;
  /** Numeric covariates to treat as factors (e.g. a region code). */
  readonly factors?: readonly string[];
  /** Rows with a missing covariate: `'drop'` (default, reported) or `'error'`. */
  readonly missing?: 'drop' | 'error';
}

/** Rows left out of the analysis, by reason; never silent. */
export interface Exclusion {
  readonly reason: string;
  readonly count: number;
}

/** The rows that enter the comparison, as typed arrays aligned row by row. */
export interface Comparison {
  readonly table: ColumnTable;
  /** 0-based table row of each analysed client. */
  readonly rows: Int32Array;
  /** 1 for the treated arm, 0 for control. */
  readonly treated: Float64Array;
  readonly followup: Float64Array;
  /** Event month, NaN when no event was observed. */
  readonly eventMonth: Float64Array;
  /** Covariate columns (factor dummies expanded), without intercept. */
  readonly covariateNames: readonly string[];
  readonly covariates: readonly Float64Array[];
  readonly excluded: readonly Exclusion[];
  readonly labels: { readonly arm: string; readonly treatment: string; readonly control: string };
}

/**
 * Builds the comparison sample: rows of the two arms with a follow-up and complete covariates.
 * `subset` (1 = row belongs, by 0-based table row) restricts it to a subgroup; rows outside the
 * subset are not part of the analysis at all, so they are not reported as excluded.
 * Throws an `InputError` for an unknown column, an arm label absent from the data, or an event
 * month after the end of follow-up (rows named).
 *
 * @example
 * const c = comparisonSample(table, { event: 'month_bijstand', covariates: ['age'] });
 * c.treated.length; // clients analysed
 */
export function comparisonSample(
  data: TableInput,
  spec: ComparisonSpec,
  subset?: Uint8Array,
): Comparison {
  const table = asTable(data);
  const arm = spec.arm ?? 'arm';
  const treatment = spec.treatment ?? 'experiment';
  const control = spec.control ?? 'control';
  const followupName = spec.followup ?? 'followup_months';
  const covariates = spec.covariates ?? [];
  if (treatment === control) {
    throw new InputError(
      `treatment and control must be different arm labels, both are '${treatment}'`,
      {
        code: 'bad-option',
        value: treatment,
      },
    );
  }
  requireColumns(table, [arm], 'arm');
  requireColumns(table, [spec.event], 'event');
  requireColumns(table, [followupName], 'follow-up');
  requireColumns(table, covariates, 'covariate');

  const arms = stringColumn(table, arm);
  const followAll = numberColumn(table, followupName, { missing: 'nan', min: 0 });
  const eventAll = numberColumn(table, spec.event, { missing: 'nan', min: 1 });
  const labels = new Set(arms.filter((a): a is string => a !== null));
  for (const label of [treatment, control]) {
    if (!labels.has(label)) {
      throw new InputError(
        `arm '${label}' does not occur in column '${arm}'; labels present: ${[...labels].sort().join(', ')}`,
        { code: 'unknown-arm', column: arm, value: label },
      );
    }
  }

  const late: number[] = [];
  for (let i = 0; i < followAll.length; i++) {
    if (eventAll[i]! > followAll[i]!) late.push(i + 1);
  }
  if (late.length) {
    throw new InputError(
      `column '${spec.event}' has an event after the end of follow-up ('${followupName}') in ${formatRows(late)}`,
      { code: 'event-after-followup', column: spec.event, rows: late },
    );
  }

  // With an intercept, every factor gets R's treatment coding (one dummy per non-reference
  // level); the intercept column itself is dropped here and added back by the estimators.
  const full = modelMatrix(table, {
    columns: covariates,
    intercept: true,
    missing: spec.missing ?? 'drop',
    ...(spec.reference ? { reference: spec.reference } : {}),
    ...(spec.factors ? { factors: spec.factors } : {}),
  });
  const design = {
    ...full,
    matrix: {
      names: full.matrix.names.slice(1),
      columns: full.matrix.columns.slice(1),
      n: full.matrix.n,
    },
  };
  const hasCovariates = new Uint8Array(table.numRows());
  for (const r of design.rows) hasCovariates[r] = 1;

  let otherArm = 0;
  let noFollowup = 0;
  let noCovariates = 0;
  const keep: number[] = [];
  const designRow = new Int32Array(table.numRows()).fill(-1);
  design.rows.forEach((r, j) => {
    designRow[r] = j;
  });
  for (let i = 0; i < arms.length; i++) {
    if (subset && !subset[i]) continue;
    const a = arms[i];
    if (a !== treatment && a !== control) otherArm++;
    else if (Number.isNaN(followAll[i]!)) noFollowup++;
    else if (!hasCovariates[i]) noCovariates++;
    else keep.push(i);
  }
  const n = keep.length;
  const rows = Int32Array.from(keep);
  const treated = new Float64Array(n);
  const followup = new Float64Array(n);
  const eventMonth = new Float64Array(n);
  const covariateColumns = design.matrix.columns.map(() => new Float64Array(n));
  for (let j = 0; j < n; j++) {
    const i = rows[j]!;
    treated[j] = arms[i] === treatment ? 1 : 0;
    followup[j] = followAll[i]!;
    eventMonth[j] = eventAll[i]!;
  }
  // Column-outer copy: one tight loop per covariate column.
  design.matrix.columns.forEach((col, c) => {
    const out = covariateColumns[c]!;
    for (let j = 0; j < n; j++) out[j] = col[designRow[rows[j]!]!]!;
  });

  const excluded: Exclusion[] = [];
  if (otherArm)
    excluded.push({ reason: `arm not '${treatment}' or '${control}'`, count: otherArm });
  if (noFollowup) excluded.push({ reason: `missing '${followupName}'`, count: noFollowup });
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
    followup,
    eventMonth,
    covariateNames: design.matrix.names,
    covariates: covariateColumns,
    excluded,
    labels: { arm, treatment, control },
  };
}
