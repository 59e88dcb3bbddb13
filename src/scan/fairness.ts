/**
 * Fairness of the scan's selection across groups (gender, age band, municipality, migration
 * background): per group the selection rate (demographic parity), the true-positive rate (equal
 * opportunity: the share of the group's cases selected), the positive predictive value
 * (predictive parity: the share of the group's selected who are cases) and the false-positive
 * rate (the share of the group's non-cases selected), each with a Wilson interval and its ratio
 * to the overall value with a delta-method interval. The selection is the national top
 * `fraction` of the ranking (ties at the boundary split as in `captureAt`).
 */

import { InputError } from '../errors.js';
import { normalQuantile } from '../stats/distributions.js';
import { type Estimate, estimateFromSe } from '../stats/estimate.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { proportionInterval } from '../stats/proportion-interval.js';
import { checkFraction, checkLevel } from '../stats/validate.js';
import { selectionWeightsOfOrder } from './subgroups.js';
import { checkOutcome, checkScores, type NumericInput, requireBothClasses } from './util.js';

/** The four rates of a selection. */
export type FairnessMetricName =
  | 'selectionRate'
  | 'truePositiveRate'
  | 'positivePredictiveValue'
  | 'falsePositiveRate';

/** The metrics in report order, with their plain names and the criterion each one checks. */
export const FAIRNESS_METRICS: readonly {
  readonly name: FairnessMetricName;
  readonly label: string;
  readonly criterion: string;
}[] = [
  { name: 'selectionRate', label: 'selection rate', criterion: 'demographic parity' },
  { name: 'truePositiveRate', label: 'true-positive rate', criterion: 'equal opportunity' },
  {
    name: 'positivePredictiveValue',
    label: 'positive predictive value',
    criterion: 'predictive parity',
  },
  {
    name: 'falsePositiveRate',
    label: 'false-positive rate',
    criterion: 'equal false-positive rates',
  },
];

/** One rate of one group. */
export interface FairnessMetric {
  /** x / n: x the (tie-weighted) count, n the denominator (clients, cases, selected, non-cases). */
  readonly value: number;
  readonly count: number;
  readonly denominator: number;
  /** Wilson interval of the rate. */
  readonly ci: readonly [number, number];
  /** value / overall value; null when the overall value is 0. */
  readonly ratio: number | null;
  /** Delta-method interval of the ratio (null when the rate is 0 or 1 or undefined). */
  readonly ratioCi: readonly [number, number] | null;
  /**
   * The group against all other clients: difference of the two rates (unpooled SE, z test);
   * ratio = 1 exactly when this difference is 0. Null when either side has no denominator.
   */
  readonly versusRest: Estimate | null;
}

/** The fairness metrics of one group. */
export interface FairnessRow {
  readonly group: string;
  readonly n: number;
  readonly cases: number;
  /** Clients of the group selected (tie-weighted). */
  readonly selected: number;
  readonly metrics: Readonly<Record<FairnessMetricName, FairnessMetric>>;
}

/** {@link fairnessMetrics}'s result for one grouping. */
export interface FairnessResult {
  readonly variable: string;
  readonly fraction: number;
  readonly level: number;
  /** The rates over all clients. */
  readonly overall: Readonly<Record<FairnessMetricName, number>>;
  readonly rows: readonly FairnessRow[];
  readonly method: string;
}

interface Counts {
  n: number;
  cases: number;
  selected: number;
  selectedCases: number;
}

/** (count, denominator) of each metric from the four counts. */
function fractions(c: Counts): Record<FairnessMetricName, [number, number]> {
  return {
    selectionRate: [c.selected, c.n],
    truePositiveRate: [c.selectedCases, c.cases],
    positivePredictiveValue: [c.selectedCases, c.selected],
    falsePositiveRate: [c.selected - c.selectedCases, c.n - c.cases],
  };
}

function metric(
  [x, d]: [number, number],
  [xr, dr]: [number, number],
  level: number,
  z: number,
): FairnessMetric {
  const value = d > 0 ? x / d : Number.NaN;
  const rest = dr > 0 ? xr / dr : Number.NaN;
  const total = d + dr;
  const overall = total > 0 ? (x + xr) / total : Number.NaN;
  const ratio = overall > 0 && d > 0 ? value / overall : null;
  const vg = d > 0 ? (value * (1 - value)) / d : Number.NaN;
  const vr = dr > 0 ? (rest * (1 - rest)) / dr : Number.NaN;
  let ratioCi: [number, number] | null = null;
  if (ratio !== null && value > 0 && value < 1 && Number.isFinite(vr)) {
    // log r = log p_g − log(a·p_g + b·p_rest), a = d/(d + dr), b = dr/(d + dr); p_g ⟂ p_rest.
    const a = d / total;
    const b = dr / total;
    const dg = 1 / value - a / overall;
    const dRest = -b / overall;
    const se = Math.sqrt(dg * dg * vg + dRest * dRest * vr);
    ratioCi = [ratio * Math.exp(-z * se), ratio * Math.exp(z * se)];
  }
  const versusRest =
    d > 0 && dr > 0
      ? estimateFromSe(
          value - rest,
          Math.sqrt(vg + vr),
          Number.POSITIVE_INFINITY,
          level,
          total,
          'group minus all other clients, unpooled SE, z test',
        )
      : null;
  return {
    value,
    count: x,
    denominator: d,
    ci: d > 0 ? proportionInterval(x, d, level, 'wilson') : [Number.NaN, Number.NaN],
    ratio,
    ratioCi,
    versusRest,
  };
}

/**
 * Fairness metrics of one grouping variable for the selection "top `fraction` of the national
 * ranking" (default 0.1). With wᵢ the probability that client i is selected (1 inside, 0
 * outside, a share for a tied block on the boundary), per group g:
 * selection rate = Σw/n_g; TPR = Σwy/cases_g; PPV = Σwy/Σw; FPR = Σw(1 − y)/(n_g − cases_g).
 * Interval of a rate x/d: Wilson at `level`. Ratio to the overall rate r = p_g/p with
 * p = a·p_g + (1 − a)·p_rest (a = the group's share of the denominator): delta method on
 * log r, Var = (1/p_g − a/p)²·V_g + ((1 − a)/p)²·V_rest, binomial V's. The test of r = 1 is the
 * z test of p_g − p_rest (they are equivalent). O(n log n).
 *
 * @example
 * fairnessMetrics(risk, bijstand, genders, { variable: 'gender' }).rows[0].metrics.truePositiveRate.ratio
 */
export function fairnessMetrics(
  scores: NumericInput,
  y: NumericInput | Uint8Array,
  labels: readonly (string | null)[],
  options: FairnessOptions = {},
): FairnessResult {
  return fairnessMetricsOfOrder(scores, y, labels, undefined, options);
}

/** Options of {@link fairnessMetrics}. */
export interface FairnessOptions {
  readonly variable?: string;
  readonly fraction?: number;
  readonly level?: number;
}

const FAIRNESS_KEYS: AllKeys<FairnessOptions> = { variable: true, fraction: true, level: true };

/**
 * {@link fairnessMetrics} with the scores' descending order given (`orderDescending(scores)`,
 * shared with the other metrics of the same scores) for the selection; `undefined` sorts here.
 *
 * @example
 * fairnessMetricsOfOrder(risk, bijstand, genders, orderDescending(risk), { variable: 'gender' })
 */
export function fairnessMetricsOfOrder(
  scores: NumericInput,
  y: NumericInput | Uint8Array,
  labels: readonly (string | null)[],
  order: Uint32Array | undefined,
  options: FairnessOptions = {},
): FairnessResult {
  rejectUnknownKeys(options, FAIRNESS_KEYS, 'fairnessMetrics');
  const level = checkLevel(options.level, 'fairnessMetrics');
  const fraction = checkFraction(options.fraction ?? 0.1, 'fraction', { fn: 'fairnessMetrics' });
  const variable = options.variable ?? 'group';
  const yy = checkOutcome(y);
  const s = checkScores(scores, yy.length);
  requireBothClasses(yy, `fairness by ${variable}`);
  if (labels.length !== yy.length) {
    throw new InputError(`fairness: ${labels.length} labels for ${yy.length} clients`, {
      code: 'length-mismatch',
      column: variable,
    });
  }
  const w = selectionWeightsOfOrder(s, fraction, order);
  const groups = new Map<string, Counts>();
  const all: Counts = { n: 0, cases: 0, selected: 0, selectedCases: 0 };
  labels.forEach((l, i) => {
    if (l === null) {
      throw new InputError(
        `column '${variable}' has a missing value in row ${i + 1}; fairness checks need every client's group`,
        { code: 'missing-value', column: variable, rows: [i + 1] },
      );
    }
    let c = groups.get(l);
    if (!c) {
      c = { n: 0, cases: 0, selected: 0, selectedCases: 0 };
      groups.set(l, c);
    }
    for (const t of [c, all]) {
      t.n += 1;
      t.cases += yy[i]!;
      t.selected += w[i]!;
      t.selectedCases += w[i]! * yy[i]!;
    }
  });
  const z = normalQuantile(0.5 + level / 2);
  const overallF = fractions(all);
  const overall = Object.fromEntries(
    FAIRNESS_METRICS.map(({ name }) => [name, overallF[name][0] / overallF[name][1]]),
  ) as Record<FairnessMetricName, number>;
  const names = [...groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = names.map((group): FairnessRow => {
    const c = groups.get(group)!;
    const rest: Counts = {
      n: all.n - c.n,
      cases: all.cases - c.cases,
      selected: all.selected - c.selected,
      selectedCases: all.selectedCases - c.selectedCases,
    };
    const fg = fractions(c);
    const fr = fractions(rest);
    const metrics = Object.fromEntries(
      FAIRNESS_METRICS.map(({ name }) => [name, metric(fg[name], fr[name], level, z)]),
    ) as Record<FairnessMetricName, FairnessMetric>;
    return { group, n: c.n, cases: c.cases, selected: c.selected, metrics };
  });
  return {
    variable,
    fraction,
    level,
    overall,
    rows,
    method: `selection = the national top ${Math.round(fraction * 100)} % of the ranking; per level of ${variable}: selection rate, true-positive rate, positive predictive value and false-positive rate with Wilson intervals; ratio to the overall rate with a delta-method interval; group against the other clients by a z test`,
  };
}
