/**
 * The comparison sample of a two-arm analysis on a client table: which rows are in, their
 * treatment indicator, follow-up and event month, their covariate columns, and what was
 * excluded and why. Shared by the month-by-month effect series and its subgroup variants.
 */
import type { TableInput } from '../data/columns.js';
import { type ExperimentIntake, experimentIntake, isExperimentIntake } from '../data/intake.js';
import { InputError } from '../errors.js';
import { type ArmSample, type ArmSampleSpec, armSample, type Exclusion } from './arm-sample.js';
import { checkCovariates } from './covariate-checks.js';

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
 * Works from the experiment intake (built here, or passed in with the follow-up and the event
 * read). Throws an `InputError` for an unknown column, an arm label absent from the data, or an
 * event month after the end of follow-up (rows named).
 *
 * @example
 * const c = comparisonSample(table, { event: 'month_bijstand', covariates: ['age'] });
 * c.treated.length; // clients analysed
 */
export function comparisonSample(
  data: TableInput | ExperimentIntake,
  spec: ComparisonSpec,
  subset?: Uint8Array,
): Comparison {
  const intake = isExperimentIntake(data)
    ? data
    : experimentIntake(data, spec, { events: [spec.event] });
  const followAll = intake.followup;
  const eventAll = intake.events[spec.event];
  if (!followAll || !eventAll) {
    throw new InputError(`the intake passed in was built without the event '${spec.event}'`, {
      code: 'invalid-option',
      value: spec.event,
    });
  }
  if (!subset) checkCovariates(intake);
  const sample = armSample(intake, spec, {
    ...(subset ? { subset } : {}),
    ...(intake.missingFollowup ? { exclude: intake.missingFollowup } : {}),
  });
  return {
    ...sample,
    followup: Float64Array.from(sample.rows, (r) => followAll[r]!),
    eventMonth: Float64Array.from(sample.rows, (r) => eventAll[r]!),
  };
}

/**
 * The comparison restricted to the positions `keep` (indices into its arrays, ascending), with
 * `excluded` as its list of exclusions (default: unchanged).
 *
 * @example
 * const month12 = subsetComparison(c, sampleAt(c.followup, 12));
 */
export function subsetComparison(
  c: Comparison,
  keep: Int32Array,
  excluded: readonly Exclusion[] = c.excluded,
): Comparison {
  const pick = (col: Float64Array) => Float64Array.from(keep, (i) => col[i]!);
  return {
    ...c,
    rows: c.rows.length ? Int32Array.from(keep, (i) => c.rows[i]!) : c.rows,
    treated: pick(c.treated),
    covariates: c.covariates.map(pick),
    followup: pick(c.followup),
    eventMonth: pick(c.eventMonth),
    excluded,
  };
}
