/**
 * The comparison sample of a two-arm analysis on a client table: which rows are in, their
 * treatment indicator, follow-up and event month, their covariate columns, and what was
 * excluded and why. Shared by the month-by-month effect series and its subgroup variants.
 */
import { asTable, numberColumn, requireColumns, type TableInput } from '../data/columns.js';
import { formatRows, InputError } from '../errors.js';
import { type ArmSample, type ArmSampleSpec, armSample, type Exclusion } from './arm-sample.js';

export type { Exclusion };

/** Column names and arm labels of a two-arm comparison with one event. */
export interface ComparisonSpec extends ArmSampleSpec {
  /** Event-month column: 1-based month of the first event, empty if none (e.g. `month_bijstand`). */
  readonly event: string;
  /** Follow-up column: months observed (default `followup_months`). */
  readonly followup?: string;
}

/** The rows that enter the comparison, as typed arrays aligned row by row. */
export interface Comparison extends ArmSample {
  readonly followup: Float64Array;
  /** Event month, NaN when no event was observed. */
  readonly eventMonth: Float64Array;
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
  const followupName = spec.followup ?? 'followup_months';
  requireColumns(table, [spec.event], 'event');
  requireColumns(table, [followupName], 'follow-up');
  const followAll = numberColumn(table, followupName, { missing: 'nan', min: 0 });
  const eventAll = numberColumn(table, spec.event, { missing: 'nan', min: 1 });

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

  const noFollowup = Uint8Array.from(followAll, (f) => (Number.isNaN(f) ? 1 : 0));
  const sample = armSample(table, spec, {
    ...(subset ? { subset } : {}),
    exclude: { reason: `missing '${followupName}'`, rows: noFollowup },
  });
  return {
    ...sample,
    followup: Float64Array.from(sample.rows, (r) => followAll[r]!),
    eventMonth: Float64Array.from(sample.rows, (r) => eventAll[r]!),
  };
}
