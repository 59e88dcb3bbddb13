/**
 * The effect per month: for each month m, the raw intention-to-treat difference in the share of
 * clients with the event by month m, and the covariate-adjusted effect from a linear probability
 * model — as in a pilot report's Figure 2b.
 */
import type { TableInput } from '../data/columns.js';
import { type ExperimentIntake, experimentRoles } from '../data/intake.js';
import { type DocumentConvertible, type HtmlConvertible, withDisplay } from '../display.js';
import { InputError } from '../errors.js';
import type { SeType } from '../estimate/vcov.js';
import { formatEstimate, formatNumber, formatPercent } from '../format.js';
import {
  chooseShareInterval,
  newcombeDifference,
  SHARE_INTERVALS,
  type ShareInterval,
  SMALL_EXPECTED_COUNT,
  smallestExpectedCount,
} from '../outcomes/newcombe.js';
import type { DesignMatrix, Estimate } from '../stats/estimate.js';
import { type PAdjustMethod, pAdjust } from '../stats/multiplicity.js';
import { diffInProportions } from '../stats/proportions.js';
import { type Document, documentMarkdown, tableFromRows, tidyEstimate } from '../table/index.js';
import { fitAdjustedMonths } from './adjusted-fit.js';
import {
  type Comparison,
  type ComparisonSpec,
  comparisonSample,
  type Exclusion,
  subsetComparison,
} from './comparison.js';
import { handleRareLevels } from './rare-levels.js';

/** How the adjusted effect is estimated. */
export type Adjustment = 'ols' | 'lin' | 'none';

/** Options of {@link effectSeries}: the comparison plus months and inference. */
export interface EffectSeriesSpec extends ComparisonSpec {
  /** Months to estimate: a last month (1…M) or a list. Default: 1 … the largest follow-up. */
  readonly months?: number | readonly number[];
  /**
   * `'ols'` (default when covariates are given): y on treatment + covariates;
   * `'lin'`: Lin (2013), treatment interacted with centred covariates; `'none'`: raw only.
   */
  readonly adjustment?: Adjustment;
  /** Standard errors of the adjusted effect (default `'HC2'`). */
  readonly se?: SeType;
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Multiple-testing adjustment of the p-values across months (`'holm'`, `'BH'`, `'bonferroni'`). */
  readonly pAdjust?: Exclude<PAdjustMethod, 'none'>;
  /**
   * Interval and test of the raw difference: `'auto'` (default) uses Newcombe's hybrid score
   * interval in months whose smallest expected count is below 5 (or whose Wald SE is 0) and
   * the unpooled Wald interval otherwise; `'wald'` or `'newcombe'` for every month.
   */
  readonly rawInterval?: ShareInterval;
}

/** One month of an {@link EffectSeries}. */
export interface MonthEffect {
  readonly month: number;
  /** Clients observed at least `month` months (complete follow-up), by arm. */
  readonly nTreated: number;
  readonly nControl: number;
  /** Clients with the event by `month`, by arm. */
  readonly eventsTreated: number;
  readonly eventsControl: number;
  readonly shareTreated: number;
  readonly shareControl: number;
  /** Treatment − control difference in shares, unpooled (Neyman) SE, z test. */
  readonly raw: Estimate;
  /** Covariate-adjusted effect (absent with `adjustment: 'none'`). */
  readonly adjusted?: Estimate;
  /** Multiplicity-adjusted p-values across the months, when asked for. */
  readonly pAdjusted?: { readonly raw: number; readonly adjusted?: number };
  /** Why the adjusted effect of this month is absent although asked for ("not estimable: …"). */
  readonly adjustedNotEstimable?: string;
  /**
   * True when the month has too few events (or non-events) for large-sample tests: the smallest
   * expected count of its 2 × 2 table is below 5 (`SMALL_EXPECTED_COUNT`).
   */
  readonly fewEvents?: true;
}

/** The result of {@link effectSeries}. */
export interface EffectSeries extends HtmlConvertible, DocumentConvertible {
  readonly event: string;
  readonly arms: { readonly treatment: string; readonly control: string };
  readonly months: readonly MonthEffect[];
  readonly covariates: readonly string[];
  /** Covariate columns dropped as aliased in at least one month (constant or collinear there). */
  readonly aliased: readonly string[];
  readonly adjustment: Adjustment;
  readonly level: number;
  readonly excluded: readonly Exclusion[];
  readonly method: string;
  /** What was done to make the months estimable (rare levels pooled or dropped), in words. */
  readonly notes: readonly string[];
  /** One row per month, flat, for a table or CSV. */
  toTable(): Record<string, number | string>[];
  toMarkdown(): string;
}

/**
 * Effect per month with complete follow-up: at month m the sample is the clients observed at
 * least m months, y_i = 1 if their event month ≤ m. The raw effect is the difference in shares
 * (unpooled SE); the adjusted effect is the treatment coefficient of an OLS linear probability
 * model y ~ 1 + T + covariates (or Lin's interacted model), HC2 by default, t test on n − k df.
 *
 * The design X is shared by every month with the same sample, so X'X, its factorisation and the
 * HC2 leverages are computed once per distinct sample (once overall without censoring), and each
 * month costs O(n·k) (see `olsTermPrepared`). The results equal fitting each month with `ols`.
 *
 * @example
 * const s = effectSeries(table, { event: 'month_bijstand', months: 24, covariates: ['age', 'gender'] });
 * s.months[23].adjusted.estimate; // effect at month 24
 */
export function effectSeries(
  data: TableInput | ExperimentIntake,
  spec: EffectSeriesSpec,
): EffectSeries {
  return seriesOf(comparisonSample(data, spec), spec);
}

/**
 * {@link effectSeries} on a comparison sample already built (the subgroup analysis reuses it);
 * `context` (e.g. " in subgroup gender = 'man'") goes into a rare-level error.
 */
export function seriesOf(input: Comparison, spec: EffectSeriesSpec, context = ''): EffectSeries {
  const level = spec.level ?? 0.95;
  const se = spec.se ?? 'HC2';
  const adjustment: Adjustment =
    spec.adjustment ?? (input.covariateNames.length > 0 ? 'ols' : 'none');
  if (adjustment === 'lin' && input.covariateNames.length === 0) {
    throw new InputError("adjustment 'lin' needs covariates; none were given", {
      code: 'invalid-option',
      value: 'lin',
    });
  }
  const rareLevels = spec.rareLevels ?? 'error';
  const rawInterval = spec.rawInterval ?? 'auto';
  if (!SHARE_INTERVALS.includes(rawInterval)) {
    throw new InputError(
      `rawInterval: expected one of ${SHARE_INTERVALS.join(', ')}; got "${String(rawInterval)}"`,
      { code: 'invalid-option', value: String(rawInterval) },
    );
  }
  const notes: string[] = [];
  let comparison = input;
  if (adjustment !== 'none') {
    const lin = adjustment === 'lin';
    const handled = handleRareLevels(input, rareLevels, se, lin, subsetComparison, context);
    comparison = handled.sample;
    if (handled.note) notes.push(handled.note);
  }
  const months = resolveMonths(spec.months, comparison.followup);
  if (comparison.treated.length === 0) {
    throw new InputError('no clients left to analyse (empty data or subgroup)', { code: 'empty' });
  }
  const aliased = new Set<string>();
  const term = 'treatment';
  const counts = monthCounts(comparison, months);

  // Months whose samples are the same (nested samples of equal size are identical) share one
  // prepared design, and their outcomes are fitted together in one pass over X.
  const adjustedByMonth = new Map<number, Estimate>();
  const notEstimable = new Map<number, string>();
  if (adjustment !== 'none') {
    const groups = new Map<number, number[]>();
    counts.forEach((count, i) => {
      const size = count.nTreated + count.nControl;
      const list = groups.get(size) ?? [];
      list.push(i);
      groups.set(size, list);
    });
    for (const members of groups.values()) {
      const first = counts[members[0]!]!;
      if (first.nTreated === 0 || first.nControl === 0) continue; // reported per month below
      const index = sampleAt(comparison.followup, months[members[0]!]!);
      // Cumulative 0/1 outcomes: one pass over X for the whole group (olsCumulativeSeries).
      const distinct = [...new Set(members.map((i) => months[i]!))].sort((a, b) => a - b);
      const fit = fitAdjustedMonths(comparison, index, distinct, {
        se,
        level,
        rareLevels,
        lin: adjustment === 'lin',
        design: (c) => buildDesign(c, identity(c.treated.length), adjustment, term),
      });
      for (const a of fit.aliased) aliased.add(a);
      if (fit.note) notes.push(fit.note);
      for (const i of members) {
        if (fit.estimates) adjustedByMonth.set(i, fit.estimates[distinct.indexOf(months[i]!)]!);
        else notEstimable.set(i, fit.reason!);
      }
    }
  }

  const results = months.map((month, i): MonthEffect => {
    const count = counts[i]!;
    if (count.nTreated === 0 || count.nControl === 0) {
      const which = count.nTreated === 0 ? comparison.labels.treatment : comparison.labels.control;
      throw new InputError(
        `no client of arm '${which}' is observed for ${month} months or more; the effect at month ${month} cannot be estimated (choose fewer months)`,
        {
          code: 'beyond-followup',
          column: experimentRoles(spec).followup,
          value: String(month),
        },
      );
    }
    const n = count.nTreated + count.nControl;
    const events = count.eventsTreated + count.eventsControl;
    // Early months often have no event yet (or late months everyone's): both shares are 0 (or 1),
    // the difference is exactly 0 in every arm and model, and there is nothing to test.
    const constant = events === 0 || events === n;
    const t = { successes: count.eventsTreated, n: count.nTreated };
    const k = { successes: count.eventsControl, n: count.nControl };
    const fewEvents = smallestExpectedCount(t, k) < SMALL_EXPECTED_COUNT;
    const raw = constant
      ? noVariation(month, n, Number.POSITIVE_INFINITY, level, events === 0)
      : chooseShareInterval(rawInterval, t, k) === 'newcombe'
        ? newcombeDifference(t, k, { level })
        : stripEstimate(diffInProportions(t, k, { level }));
    let fitted = adjustedByMonth.get(i);
    // Residuals all 0 with events in both states: the covariates predict the outcome exactly
    // (a covariate separating it), so the SE is 0 and a test would claim p = 0; not estimable.
    if (fitted && !constant && !(fitted.stdError > 0 && Number.isFinite(fitted.stdError))) {
      notEstimable.set(
        i,
        `the covariates predict the outcome exactly at month ${month} (every residual is 0, so the standard error is 0): a covariate separates the outcome`,
      );
      fitted = undefined;
    }
    const adjusted =
      fitted && constant ? noVariation(month, n, fitted.df, level, events === 0) : fitted;
    return {
      month,
      ...count,
      shareTreated: count.eventsTreated / count.nTreated,
      shareControl: count.eventsControl / count.nControl,
      raw,
      ...(adjusted ? { adjusted: stripEstimate(adjusted) } : {}),
      ...(notEstimable.has(i) ? { adjustedNotEstimable: notEstimable.get(i)! } : {}),
      ...(fewEvents ? { fewEvents: true as const } : {}),
    };
  });

  const withAdjusted = spec.pAdjust ? addAdjustedP(results, spec.pAdjust) : results;
  const method = describe(
    adjustment,
    se,
    comparison.covariateNames.length,
    spec.pAdjust,
    rawInterval,
  );
  return makeSeries({
    event: spec.event,
    arms: { treatment: comparison.labels.treatment, control: comparison.labels.control },
    months: withAdjusted,
    covariates: comparison.covariateNames,
    aliased: [...aliased],
    adjustment,
    level,
    excluded: comparison.excluded,
    method,
    notes,
  });
}

/**
 * The estimate of a month in which nobody (or everybody) had the event: every client's outcome
 * is the same, the difference is exactly 0 with no sampling variation, and the two-sided p-value
 * is 1 (as an exact test gives); stated in `method`.
 */
function noVariation(month: number, n: number, df: number, level: number, none: boolean): Estimate {
  return {
    estimate: 0,
    stdError: 0,
    ci: [0, 0],
    statistic: 0,
    df,
    pValue: 1,
    stars: '',
    n,
    level,
    method: `${none ? 'no client' : 'every client'} had the event by month ${month}: difference 0, no variation to test (p = 1)`,
  };
}

/** Keeps only the common `Estimate` fields of a richer result. */
function stripEstimate(e: Estimate): Estimate {
  const { estimate, stdError, ci, statistic, df, pValue, stars, n, level, method } = e;
  return { estimate, stdError, ci, statistic, df, pValue, stars, n, level, method };
}

export function resolveMonths(
  months: number | readonly number[] | undefined,
  followup: Float64Array,
) {
  let max = 0;
  for (const f of followup) if (f > max) max = f;
  const list =
    months === undefined
      ? Array.from({ length: Math.floor(max) }, (_, i) => i + 1)
      : typeof months === 'number'
        ? Array.from({ length: months }, (_, i) => i + 1)
        : [...months];
  if (list.length === 0) {
    throw new InputError('months is empty: give a last month (e.g. 24) or a list of months', {
      code: 'invalid-option',
    });
  }
  for (const m of list) {
    if (!Number.isInteger(m) || m < 1) {
      throw new InputError(`months must be whole numbers ≥ 1, got ${m}`, {
        code: 'invalid-option',
        value: String(m),
      });
    }
  }
  return list;
}

/** 0, 1, …, n − 1. */
function identity(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

/** Indices (into the comparison arrays) of clients observed at least `month` months. */
export function sampleAt(followup: Float64Array, month: number): Int32Array {
  let count = 0;
  for (const f of followup) if (f >= month) count++;
  const index = new Int32Array(count);
  let j = 0;
  for (let i = 0; i < followup.length; i++) if (followup[i]! >= month) index[j++] = i;
  return index;
}

export function outcomeAt(
  eventMonth: Float64Array,
  index: Int32Array,
  month: number,
): Float64Array {
  const y = new Float64Array(index.length);
  for (let j = 0; j < index.length; j++) y[j] = eventMonth[index[j]!]! <= month ? 1 : 0;
  return y;
}

interface MonthCount {
  readonly nTreated: number;
  readonly nControl: number;
  readonly eventsTreated: number;
  readonly eventsControl: number;
}

/**
 * Per month: clients observed at least m months and, among them, those with the event by m, by
 * arm. One pass over the clients: each adds 1 to the run of months it counts in (a difference
 * array over the sorted months), found by binary search.
 */
function monthCounts(c: Comparison, months: readonly number[]): MonthCount[] {
  const sorted = [...new Set(months)].sort((a, b) => a - b);
  const q = sorted.length;
  // Number of sorted months ≤ x (upper bound).
  const upTo = (x: number) => {
    let lo = 0;
    let hi = q;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Number of sorted months < x (lower bound).
  const below = (x: number) => {
    let lo = 0;
    let hi = q;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const observed = [new Float64Array(q + 1), new Float64Array(q + 1)];
  const events = [new Float64Array(q + 1), new Float64Array(q + 1)];
  for (let i = 0; i < c.followup.length; i++) {
    const arm = c.treated[i] === 1 ? 1 : 0;
    const end = upTo(c.followup[i]!); // months m ≤ followup
    observed[arm]![0]! += 1;
    observed[arm]![end]! -= 1;
    const e = c.eventMonth[i]!;
    if (!Number.isNaN(e)) {
      const start = below(e); // months m ≥ event month
      if (start < end) {
        events[arm]![start]! += 1;
        events[arm]![end]! -= 1;
      }
    }
  }
  const bySorted: MonthCount[] = [];
  const run = [0, 0, 0, 0];
  for (let j = 0; j < q; j++) {
    run[0]! += observed[1]![j]!;
    run[1]! += observed[0]![j]!;
    run[2]! += events[1]![j]!;
    run[3]! += events[0]![j]!;
    bySorted.push({
      nTreated: run[0]!,
      nControl: run[1]!,
      eventsTreated: run[2]!,
      eventsControl: run[3]!,
    });
  }
  return months.map((m) => bySorted[sorted.indexOf(m)]!);
}

/**
 * Design for one sample: (Intercept), treatment, covariates; for Lin also the covariates centred
 * on the sample mean and their products with treatment (Lin 2013).
 */
function buildDesign(
  c: Comparison,
  index: Int32Array,
  adjustment: Adjustment,
  term: string,
): DesignMatrix {
  const n = index.length;
  const pick = (col: Float64Array) => {
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) out[j] = col[index[j]!]!;
    return out;
  };
  const treated = pick(c.treated);
  const names = ['(Intercept)', term];
  const columns = [new Float64Array(n).fill(1), treated];
  const covariates = c.covariates.map(pick);
  if (adjustment === 'lin') {
    covariates.forEach((col, k) => {
      let mean = 0;
      for (const v of col) mean += v;
      mean /= n;
      const centred = col.map((v) => v - mean);
      const interacted = centred.map((v, j) => v * treated[j]!);
      names.push(c.covariateNames[k]!);
      columns.push(centred);
      names.push(`${term}:${c.covariateNames[k]}`);
      columns.push(interacted);
    });
  } else {
    covariates.forEach((col, k) => {
      names.push(c.covariateNames[k]!);
      columns.push(col);
    });
  }
  return { names, columns, n };
}

function addAdjustedP(months: readonly MonthEffect[], method: Exclude<PAdjustMethod, 'none'>) {
  const raw = pAdjust(
    months.map((m) => m.raw.pValue),
    method,
  );
  // Across the months with an adjusted estimate (a not-estimable month has no p-value).
  const withAdjusted = months.flatMap((m, i) => (m.adjusted ? [i] : []));
  const adj = withAdjusted.length
    ? pAdjust(
        withAdjusted.map((i) => months[i]!.adjusted!.pValue),
        method,
      )
    : [];
  return months.map((m, i) => {
    const j = withAdjusted.indexOf(i);
    return {
      ...m,
      pAdjusted: { raw: raw[i]!, ...(j >= 0 ? { adjusted: adj[j]! } : {}) },
    };
  });
}

function describe(
  adjustment: Adjustment,
  se: SeType,
  covariates: number,
  correction: string | undefined,
  rawInterval: ShareInterval,
): string {
  const sample =
    'complete follow-up: at month m, clients observed at least m months; outcome = event by month m';
  const newcombe = "Newcombe's (1998) hybrid score interval and the test inverting it";
  const wald = 'unpooled (Neyman) SE, z test';
  const raw = `raw: difference in shares (treatment − control), ${
    rawInterval === 'auto'
      ? `${wald}; ${newcombe} in months with an expected count below ${SMALL_EXPECTED_COUNT}`
      : rawInterval === 'wald'
        ? wald
        : newcombe
  }`;
  const adjusted =
    adjustment === 'ols'
      ? `adjusted: OLS linear probability model on treatment + ${covariates} covariate columns, ${se} SE, t test on n − k df`
      : adjustment === 'lin'
        ? `adjusted: Lin (2013) OLS with treatment × centred covariates (${covariates} columns), ${se} SE, t test on n − k df`
        : 'no covariate adjustment';
  const tail = correction ? `; p-values also adjusted across months (${correction})` : '';
  return `${sample}; ${raw}; ${adjusted}; two-sided tests, stars † p < 0.20, * p < 0.10, ** p < 0.05${tail}`;
}

/**
 * The notes of a series' months: which months have few events (see `MonthEffect.fewEvents`),
 * and "Adjusted effect not estimable at months 1, 2: <reason>." per distinct reason.
 *
 * @example
 * notEstimableNotes(series.months); // ['Adjusted effect not estimable at month 1: …']
 */
export function notEstimableNotes(months: readonly MonthEffect[]): string[] {
  const few = months.filter((m) => m.fewEvents).map((m) => m.month);
  const fewNote = few.length
    ? [
        `Few events at month${few.length > 1 ? 's' : ''} ${few.join(', ')}: an expected count below ${SMALL_EXPECTED_COUNT} in an arm, too few for large-sample tests (the raw interval there is Newcombe's unless rawInterval says otherwise; read the adjusted p-values with care).`,
      ]
    : [];
  const byReason = new Map<string, number[]>();
  for (const m of months) {
    if (!m.adjustedNotEstimable) continue;
    const list = byReason.get(m.adjustedNotEstimable) ?? [];
    list.push(m.month);
    byReason.set(m.adjustedNotEstimable, list);
  }
  return [
    ...fewNote,
    ...[...byReason].map(
      ([reason, ms]) =>
        `Adjusted effect not estimable at month${ms.length > 1 ? 's' : ''} ${ms.join(', ')}: ${reason}.`,
    ),
  ];
}

function makeSeries(
  base: Omit<EffectSeries, 'toTable' | 'toMarkdown' | 'toHTML' | 'toDocument'>,
): EffectSeries {
  const toTable = () =>
    base.months.map((m) => {
      const row: Record<string, number | string> = {
        month: m.month,
        n_treated: m.nTreated,
        n_control: m.nControl,
        share_treated: m.shareTreated,
        share_control: m.shareControl,
        ...tidyEstimate(m.raw, 'raw'),
        ...(m.adjusted ? tidyEstimate(m.adjusted, 'adjusted') : {}),
        ...(m.adjustedNotEstimable ? { adjusted_not_estimable: m.adjustedNotEstimable } : {}),
      };
      if (m.pAdjusted) {
        row.raw_p_adjusted = m.pAdjusted.raw;
        if (m.pAdjusted.adjusted !== undefined) row.adjusted_p_adjusted = m.pAdjusted.adjusted;
      }
      return row;
    });
  const document = (): Document => {
    const adjusted = base.adjustment !== 'none';
    const rows = base.months.map((m) => ({
      month: m.month,
      [base.arms.treatment]: `${formatPercent(m.shareTreated)} (${m.eventsTreated}/${m.nTreated})`,
      [base.arms.control]: `${formatPercent(m.shareControl)} (${m.eventsControl}/${m.nControl})`,
      raw: formatEstimate(m.raw),
      'raw p': formatNumber(m.raw.pValue, 3),
      ...(adjusted
        ? m.adjusted
          ? {
              adjusted: formatEstimate(m.adjusted),
              'adjusted p': formatNumber(m.adjusted.pValue, 3),
            }
          : { adjusted: 'not estimable', 'adjusted p': '' }
        : {}),
    }));
    return [
      { kind: 'table', table: tableFromRows(rows, { id: 'effects', title: base.event }) },
      { kind: 'paragraph', text: `${base.method}.` },
      ...notEstimableNotes(base.months).map((text) => ({ kind: 'note' as const, text })),
      ...base.notes.map((text) => ({ kind: 'note' as const, text: `${text}.` })),
    ];
  };
  return withDisplay(
    { ...base, toTable, toMarkdown: () => documentMarkdown(document()) },
    document,
  );
}
