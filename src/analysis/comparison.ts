/**
 * The comparison sample of a two-arm analysis on a client table: which rows are in, their
 * treatment indicator, follow-up and event month, their covariate columns, and what was
 * excluded and why. Shared by the month-by-month effect series and its subgroup variants.
 */

import { asTable, type TableInput } from '../data/columns.js';
import { type ExperimentIntake, experimentIntake, isExperimentIntake } from '../data/intake.js';
import { survivalToWide } from '../data/survival-input.js';
import { InputError } from '../errors.js';
import { gather } from '../stats/gather.js';
import type { AllKeys } from '../stats/option-keys.js';
import { type ArmSample, type ArmSampleSpec, armSample, type Exclusion } from './arm-sample.js';
import { checkCovariates } from './covariate-checks.js';
import { type Groupings, subsetGroupings } from './series-groupings.js';

export type { Exclusion };

/** Column names and arm labels of a two-arm comparison with one event. */
export interface ComparisonSpec extends ArmSampleSpec {
  /** Event-month column: 1-based month of the first event, empty if none (e.g. `month_bijstand`). */
  readonly event: string;
  /** Follow-up column: months observed (default `followup_months`). */
  readonly followup?: string;
  /**
   * Survival-shaped input instead of follow-up + event months, as `Surv(time, status)`: the
   * observed time (months) column. With `time` and `status`, `event` names the destination (a
   * status value); the other destinations compete with it (see `survivalToWide`).
   */
  readonly time?: string;
  /** Status column of survival-shaped input: the destination reached at `time`, or censored. */
  readonly status?: string;
  /** Status value meaning censored (default `censored`; `0` too when the status is numeric). */
  readonly censored?: string;
}

/** The keys of {@link ComparisonSpec}, for the key lists of the specs that extend it. */
export const COMPARISON_KEYS: AllKeys<ComparisonSpec> = {
  event: true,
  followup: true,
  time: true,
  status: true,
  censored: true,
  arm: true,
  treatment: true,
  control: true,
  covariates: true,
  reference: true,
  factors: true,
  missing: true,
  rareLevels: true,
};

/** The rows that enter the comparison, as typed arrays aligned row by row. */
export interface Comparison extends ArmSample {
  readonly followup: Float64Array;
  /** Event month, NaN when no event was observed. */
  readonly eventMonth: Float64Array;
  /**
   * Month of a competing destination (survival-shaped input: another status value), NaN when
   * none: after it the event can no longer happen, so the outcome is known (0) at every later
   * month. Absent for the wide form, where events do not end one another.
   */
  readonly competingMonth?: Float64Array;
  /** Clusters and blocks of the design, row by row (see `series-groupings.ts`). */
  readonly groupings?: Groupings;
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
  if (spec.time !== undefined || spec.status !== undefined) {
    return survivalComparison(data, spec, subset);
  }
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
  // Every table row in the sample, in order: views of the intake's arrays (no copy).
  const rows = sample.rows;
  const all =
    rows.length === followAll.length &&
    (rows.length === 0 || rows[rows.length - 1] === rows.length - 1);
  return {
    ...sample,
    followup: all ? followAll : gather(followAll, rows),
    eventMonth: all ? eventAll : gather(eventAll, rows),
  };
}

/**
 * The comparison of survival-shaped input: converted once to the wide form, the event is the
 * destination `spec.event` and the other destinations are competing (absorbing) ones.
 */
function survivalComparison(
  data: TableInput | ExperimentIntake,
  spec: ComparisonSpec,
  subset?: Uint8Array,
): Comparison {
  if (spec.time === undefined || spec.status === undefined) {
    throw new InputError(
      `survival-shaped input needs both 'time' and 'status' (got only '${spec.time === undefined ? 'status' : 'time'}')`,
      { code: 'invalid-option' },
    );
  }
  if (isExperimentIntake(data)) {
    throw new InputError(
      "survival-shaped input ('time', 'status') is read from the table, not from an intake built on the wide form",
      { code: 'invalid-option' },
    );
  }
  const wide = survivalToWide(
    asTable(data),
    { time: spec.time, status: spec.status, ...(spec.censored ? { censored: spec.censored } : {}) },
    spec.followup ?? 'followup_months',
  );
  const column = wide.events[spec.event];
  if (column === undefined) {
    throw new InputError(
      `event '${spec.event}' is not a destination in column '${spec.status}'; destinations present: ${Object.keys(wide.events).join(', ')}`,
      { code: 'unknown-level', column: spec.status, value: spec.event },
    );
  }
  const others = Object.values(wide.events).filter((c) => c !== column);
  const { time: _t, status: _s, censored: _c, ...rest } = spec;
  const wideSpec = { ...rest, event: column, followup: wide.followup };
  const intake = experimentIntake(wide.table, wideSpec, { events: [column, ...others] });
  const base = comparisonSample(intake, wideSpec, subset);
  // A client reaches at most one destination (one status), so at most one column is set.
  const competingMonth = Float64Array.from(base.rows, (r) => {
    for (const c of others) {
      const m = intake.events[c]![r]!;
      if (!Number.isNaN(m)) return m;
    }
    return Number.NaN;
  });
  return { ...base, competingMonth };
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
  const pick = (col: Float64Array) => gather(col, keep);
  return {
    ...c,
    rows: c.rows.length ? gather(c.rows, keep, new Int32Array(keep.length)) : c.rows,
    treated: pick(c.treated),
    covariates: c.covariates.map(pick),
    followup: pick(c.followup),
    eventMonth: pick(c.eventMonth),
    ...(c.competingMonth ? { competingMonth: pick(c.competingMonth) } : {}),
    ...(c.groupings ? { groupings: subsetGroupings(c.groupings, keep) } : {}),
    excluded,
  };
}
