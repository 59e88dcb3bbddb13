/**
 * The effect per month: for each month m, the raw intention-to-treat difference in the share of
 * clients with the event by month m, and the covariate-adjusted effect from a linear probability
 * model — as in a pilot report's Figure 2b.
 */

import { requireColumns, stringColumn, type TableInput } from '../data/columns.js';
import { followupPattern, followupWarning } from '../data/followup-pattern.js';
import { type ExperimentIntake, experimentRoles } from '../data/intake.js';
import { type DocumentConvertible, type HtmlConvertible, withDisplay } from '../display.js';
import { formatRows, InputError } from '../errors.js';
import { olsCumulativeClusterSeries } from '../estimate/cluster-series.js';
import type { ClusterSeType } from '../estimate/cluster-vcov.js';
import { olsPrepare } from '../estimate/ols.js';
import type { SeType } from '../estimate/vcov.js';
import { formatEstimate, formatNumber, formatPercent, formatPp } from '../format.js';
import {
  chooseShareInterval,
  newcombeDifference,
  SHARE_INTERVALS,
  type ShareInterval,
  SMALL_EXPECTED_COUNT,
  smallestExpectedCount,
} from '../outcomes/newcombe.js';
import type { Estimate } from '../stats/estimate.js';
import { gather, indices } from '../stats/gather.js';
import { type PAdjustMethod, pAdjust } from '../stats/multiplicity.js';
import type { MvnormOptions } from '../stats/mvnorm.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { diffInProportions } from '../stats/proportions.js';
import { checkStarLevels, restar, type StarLevels, starLevelsText } from '../stats/stars.js';
import { type Document, documentMarkdown, tableFromRows, tidyEstimate } from '../table/index.js';
import {
  type AdjustedFit,
  type AdjustedFitOptions,
  fitAdjustedMonths,
  fitAdjustedSample,
} from './adjusted-fit.js';
import { type ArmContrastSeries, type ArmsSeriesSpec, armContrastSeries } from './arm-contrasts.js';
import {
  COMPARISON_KEYS,
  type Comparison,
  type ComparisonSpec,
  comparisonSample,
  type Exclusion,
  subsetComparison,
} from './comparison.js';
import { ipcwMonths } from './effect-series-ipcw.js';
import { prefixSeries } from './effect-series-prefix.js';
import { monthList } from './months.js';
import { handleRareLevels } from './rare-levels.js';
import { type Adjustment, noVariation, seriesDesign, stripEstimate } from './series-design.js';
import {
  checkClustersRandomised,
  designRaw,
  type Groupings,
  groupingWords,
  readGroupings,
  sampleGroups,
  seriesSe,
} from './series-groupings.js';
import { putShared, type SeriesShare, shareKey, siblingsOf, takeShared } from './series-share.js';
import {
  blockedRawJointCovariance,
  clusterSeriesJointCovariance,
  type SeriesBand,
  seriesJointCovariance,
  supTBand,
} from './simultaneous-band.js';

export type { Adjustment };

/** Options of {@link effectSeries}: the comparison plus months and inference. */
export interface EffectSeriesSpec extends ComparisonSpec {
  /**
   * Months to estimate: a last month (1…M) or a strictly increasing list. Default: 1 … the
   * largest follow-up.
   */
  readonly months?: number | readonly number[];
  /**
   * `'ols'` (default when covariates are given): y on treatment + covariates;
   * `'lin'`: Lin (2013), treatment interacted with centred covariates; `'none'`: raw only.
   */
  readonly adjustment?: Adjustment;
  /**
   * Standard errors of the adjusted effect: `'HC2'` (default), `'HC0'`, `'HC1'`, `'HC3'`,
   * `'classical'`; with `clusters`: `'CR2'` (default), `'stata'` or `'CR0'`.
   */
  readonly se?: SeType | ClusterSeType;
  /**
   * Cluster column, the unit of randomisation (office, caseworker): the adjusted effect gets
   * cluster-robust SEs (CR2 with the Bell–McCaffrey / Pustejovsky–Tipton Satterthwaite df by
   * default, as `lm_robust(clusters =)`), the raw effect is the clustered difference in means
   * (`difference_in_means(clusters =)`). Not with IPCW or the sup-t band (refused).
   */
  readonly clusters?: string;
  /**
   * Block (stratum) column the arms were randomised within (risk decile, office): the adjusted
   * effect includes block fixed effects (as `lm_robust(fixed_effects = ~block)`; adjustment
   * `'ols'` by default, also without covariates), the raw effect is the blocked difference in
   * means (`difference_in_means(blocks =)`). Not with IPCW (refused).
   */
  readonly blocks?: string;
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Multiple-testing adjustment of the p-values across months (`'holm'`, `'BH'`, `'bonferroni'`). */
  readonly pAdjust?: Exclude<PAdjustMethod, 'none'>;
  /**
   * `'sup-t'`: add a simultaneous confidence band over the months (`series.band`, per month
   * `bandCi`, and `series.jointCovariance`), for the adjusted effect (the raw one without
   * covariates). Its level is `level`.
   */
  readonly band?: 'sup-t';
  /**
   * Interval and test of the raw difference: `'auto'` (default) uses Newcombe's hybrid score
   * interval in months whose smallest expected count is below 5 (or whose Wald SE is 0) and
   * the unpooled Wald interval otherwise; `'wald'` or `'newcombe'` for every month.
   */
  readonly rawInterval?: ShareInterval;
  /** Precision and seed of the band's critical value (see `mvnormCriticalValue`). */
  readonly bandOptions?: MvnormOptions;
  /**
   * Significance levels of the stars (default the reports' † 0.20, * 0.10, ** 0.05); the table's
   * legend states them and the tests behind them.
   */
  readonly stars?: StarLevels;
  /**
   * How clients observed less than m months enter month m (docs/methods.md, "Censoring"):
   * `'complete-followup'` (default; the reports' method, valid when the follow-up is a potential
   * follow-up set by the start date): only clients observed at least m months;
   * `'ipcw'`: every client whose status at m is known, weighted by the inverse probability of
   * censoring (Kaplan–Meier of the censoring time within arm), with the Kaplan–Meier /
   * Aalen–Johansen difference as the raw column — valid for an observation end that follows
   * from the event (survival-shaped follow-up) as well. Survival-shaped input (`time`, `status`)
   * defaults to `'ipcw'`.
   */
  readonly censoring?: Censoring;
  /**
   * IPCW only: columns whose combinations stratify the censoring model, Ĝ estimated within
   * arm × stratum (e.g. `['office']` when offices close their files at different speeds). The raw
   * column is then the IPCW-weighted difference in shares (weighted OLS on treatment, HC2).
   * Default none: Ĝ within arm.
   */
  readonly censoringStrata?: readonly string[];
}

/** The clusters and blocks an {@link EffectSeries} was estimated with. */
export interface SeriesDesignInfo {
  readonly clusters?: { readonly column: string; readonly count: number };
  readonly blocks?: { readonly column: string; readonly count: number };
  /** Standard errors of the adjusted effect with clusters. */
  readonly se?: ClusterSeType;
}

/** Every key {@link effectSeries} accepts. */
export const EFFECT_SERIES_KEYS: AllKeys<EffectSeriesSpec> = {
  ...COMPARISON_KEYS,
  months: true,
  adjustment: true,
  se: true,
  level: true,
  pAdjust: true,
  band: true,
  rawInterval: true,
  bandOptions: true,
  censoring: true,
  censoringStrata: true,
  clusters: true,
  blocks: true,
  stars: true,
};

/** The censoring rules of {@link effectSeries}. */
export type Censoring = 'complete-followup' | 'ipcw';

/** One month of an {@link EffectSeries}. */
export interface MonthEffect {
  readonly month: number;
  /**
   * Clients in month m's sample, by arm: observed at least `month` months (complete follow-up),
   * or with their status at `month` known (IPCW).
   */
  readonly nTreated: number;
  readonly nControl: number;
  /** Clients with the event by `month`, by arm (among those counted in n). */
  readonly eventsTreated: number;
  readonly eventsControl: number;
  /** Share with the event by `month`: events / n, or the Kaplan–Meier / Aalen–Johansen incidence (IPCW). */
  readonly shareTreated: number;
  readonly shareControl: number;
  /**
   * Treatment − control difference in shares, unpooled (Neyman) SE, z test; with IPCW the
   * difference in Kaplan–Meier (Aalen–Johansen) cumulative incidence, z test.
   */
  readonly raw: Estimate;
  /** Covariate-adjusted effect (absent with `adjustment: 'none'`). */
  readonly adjusted?: Estimate;
  /** Multiplicity-adjusted p-values across the months, when asked for. */
  readonly pAdjusted?: { readonly raw: number; readonly adjusted?: number };
  /** The simultaneous (sup-t) interval of the band's estimate, with `band: 'sup-t'`. */
  readonly bandCi?: readonly [number, number];
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
  readonly censoring: Censoring;
  /**
   * Warnings about the data and the method: with complete follow-up, a follow-up that looks
   * survival-shaped (see `followupPattern`), which would bias it.
   */
  readonly warnings: readonly string[];
  readonly method: string;
  /** What was done to make the months estimable (rare levels pooled or dropped), in words. */
  readonly notes: readonly string[];
  /** The simultaneous band, with `band: 'sup-t'`. */
  readonly band?: SeriesBand;
  /** Joint covariance of the band's monthly estimates (months × months), with `band: 'sup-t'`. */
  readonly jointCovariance?: readonly (readonly number[])[];
  /** The clusters and blocks of the design (column and count), when given. */
  readonly design?: SeriesDesignInfo;
  /** The levels of the estimates' stars (`spec.stars`, default the reports' 20 / 10 / 5 %). */
  readonly stars: StarLevels;
  /** One row per month, flat, for a table or CSV. */
  toTable(): Record<string, number | string>[];
  toMarkdown(): string;
}

/**
 * Effect per month with several arms (`arms` in the spec; see `armContrastSeries`, issue #14):
 * one model per month with every arm, each contrast between two arms from its joint variance
 * (c'β̂, SE √(c'V̂c)), raw differences in shares per pair, multiplicity across the contrasts of
 * a month. Returns an `ArmContrastSeries` (the two-arm result is unchanged).
 *
 * @example
 * const a = effectSeries(table, { arms: ['service', 'control_enforcement', 'control_none'], reference: 'control_none', contrasts: 'all-pairs', event: 'month_job', months: 12 });
 * a.months[11].contrasts[0].raw.estimate; // service − control_enforcement at month 12
 */
export function effectSeries(
  data: TableInput | ExperimentIntake,
  spec: ArmsSeriesSpec,
): ArmContrastSeries;
/**
 * Effect per month. With complete follow-up (the default): at month m the sample is the clients
 * observed at least m months, y_i = 1 if their event month ≤ m. The raw effect is the difference
 * in shares (unpooled SE); the adjusted effect is the treatment coefficient of an OLS linear
 * probability model y ~ 1 + T + covariates (or Lin's interacted model), HC2 by default, t test on
 * n − k df.
 *
 * With `censoring: 'ipcw'`: every client whose status at m is known (event by m, a competing
 * destination by m, or observed ≥ m) with weight wᵢ = 1/Ĝ_arm(min(Tᵢ, m)⁻), Ĝ the Kaplan–Meier
 * of the censoring time in the client's arm (Robins & Rotnitzky 1992); the adjusted effect is the
 * weighted OLS / Lin coefficient with the HC2 sandwich treating the weights as known (estimatr's
 * `lm_robust(weights =)`; usually conservative, as estimating Ĝ lowers the variance), the raw
 * effect the difference of the arms' Kaplan–Meier (Aalen–Johansen) cumulative incidences. The
 * estimand is the intention-to-treat difference in P(event by m) had nobody been censored,
 * under censoring independent of the event within arm. Without censoring before m both rules
 * give the same numbers. Survival-shaped input: `time` and `status` columns (see
 * `survivalToWide`), `event` the destination.
 *
 * The design X is shared by every month with the same sample, so X'X, its factorisation and the
 * HC2 leverages are computed once per distinct sample (once overall without censoring), and each
 * month costs O(k²) after them (see `olsCumulativeSeries`). The clients are sorted by follow-up
 * once, so every month's sample is a prefix of one design (views, no copy) and its X'X a sum of
 * segment cross products (`prefixCrossProducts`); with IPCW likewise for the known clients and
 * X'WX (`ipcwPrefix`). The results equal fitting each month with `ols`.
 *
 * @example
 * const s = effectSeries(table, { event: 'month_bijstand', months: 24, covariates: ['age', 'gender'] });
 * s.months[23].adjusted.estimate; // effect at month 24
 * const r = effectSeries(trial, { time: 'time', status: 'status', event: 'recurrence', arm: 'rx', treatment: 'Lev+5FU', control: 'Obs', months: 24 });
 * r.months[23].raw.estimate; // Aalen–Johansen difference at month 24 (IPCW by default for time/status)
 */
export function effectSeries(
  data: TableInput | ExperimentIntake,
  spec: EffectSeriesSpec,
): EffectSeries;
export function effectSeries(
  data: TableInput | ExperimentIntake,
  spec: EffectSeriesSpec | ArmsSeriesSpec,
): EffectSeries | ArmContrastSeries {
  // Several arms (issue #14): one model with every arm, contrasts from its joint variance.
  if ('arms' in spec && spec.arms !== undefined) return armContrastSeries(data, spec);
  rejectUnknownKeys(spec as EffectSeriesSpec, EFFECT_SERIES_KEYS, 'effectSeries');
  return seriesOf(comparisonSample(data, spec as EffectSeriesSpec), spec as EffectSeriesSpec);
}

/**
 * {@link effectSeries} (two arms) on an intake with the work shared between the events of
 * `share` (`series-share.ts`): each sample's fit serves every event, the same numbers as alone.
 *
 * @example
 * const share = createSeriesShare(intake, ['month_bijstand', 'month_work']);
 * const work = effectSeriesShared(intake, { event: 'month_work', months: 24 }, share);
 */
export function effectSeriesShared(
  intake: ExperimentIntake,
  spec: EffectSeriesSpec,
  share: SeriesShare,
): EffectSeries {
  rejectUnknownKeys(spec, EFFECT_SERIES_KEYS, 'effectSeries');
  return seriesOf(comparisonSample(intake, spec), spec, '', share);
}

/**
 * {@link effectSeries} on a comparison sample already built (the subgroup analysis reuses it);
 * `context` (e.g. " in subgroup gender = 'man'") goes into a rare-level error.
 */
export function seriesOf(
  sample: Comparison,
  spec: EffectSeriesSpec,
  context = '',
  share?: SeriesShare,
): EffectSeries {
  const level = spec.level ?? 0.95;
  checkStarLevels(spec.stars);
  const groupings =
    sample.groupings ??
    (spec.clusters !== undefined || spec.blocks !== undefined
      ? readGroupings(sample.table, sample.rows, spec)
      : undefined);
  if (groupings) checkClustersRandomised(groupings, sample.treated);
  const input = groupings ? { ...sample, groupings } : sample;
  const ses = seriesSe(spec.se, groupings?.clusters !== undefined);
  // With clusters `se` is only the HC type the rare-level checks see (HC0: none apply).
  const se = ses.hc;
  const clusterSe = ses.cluster;
  const adjustment: Adjustment =
    spec.adjustment ??
    (input.covariateNames.length > 0 || groupings?.blocks !== undefined ? 'ols' : 'none');
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
  const censoring = checkCensoring(
    spec.censoring ?? (spec.time !== undefined ? 'ipcw' : 'complete-followup'),
  );
  // Survival input: its time column is what the user knows as the follow-up.
  const followupColumn = spec.time ?? experimentRoles(spec).followup;
  if (spec.censoringStrata !== undefined && censoring !== 'ipcw') {
    throw new InputError("censoringStrata applies to censoring: 'ipcw' only", {
      code: 'invalid-option',
    });
  }
  if (censoring === 'ipcw' && groupings) {
    throw new InputError(
      `censoring 'ipcw' with ${groupings.clusters ? 'clusters' : 'blocks'} is not available: the IPCW variance treats clients as independent and its weights are estimated within arm, not within ${groupings.clusters ? 'cluster' : 'block'}; use censoring: 'complete-followup' (the reports' method)`,
      {
        code: 'invalid-option',
        value: 'ipcw',
        column: (groupings.clusters ?? groupings.blocks)!.column,
      },
    );
  }
  if (groupings && spec.rawInterval !== undefined && spec.rawInterval !== 'auto') {
    throw new InputError(
      `rawInterval '${spec.rawInterval}' does not apply with clusters or blocks: the raw effect is then the design's difference in means (estimatr's difference_in_means)`,
      { code: 'invalid-option', value: spec.rawInterval },
    );
  }
  if (censoring === 'ipcw') {
    const strata =
      spec.censoringStrata && spec.censoringStrata.length > 0
        ? censoringStrata(comparison, spec.censoringStrata)
        : undefined;
    const ipcw = ipcwMonths(comparison, months, {
      adjustment,
      se,
      level,
      followup: followupColumn,
      ...(strata ? { strata } : {}),
    });
    return finish(
      comparison,
      spec,
      ipcw.months,
      ipcw.aliased,
      adjustment,
      se,
      level,
      censoring,
      [],
      notes,
      rawInterval,
    );
  }
  const pattern = followupPattern(comparison.followup, censoredEventMonths(comparison));
  const warnings = pattern.survivalShaped
    ? [followupWarning(pattern, followupColumn, spec.event)]
    : [];
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
    // Without clusters and blocks every month's sample is a prefix of the clients sorted by
    // follow-up: views of one design, X'X from group sums (see effect-series-prefix.ts).
    const prefix = groupings ? undefined : prefixSeries(comparison, adjustment, term, counts);
    for (const members of groups.values()) {
      const first = counts[members[0]!]!;
      if (first.nTreated === 0 || first.nControl === 0) continue; // reported per month below
      // Cumulative 0/1 outcomes: one pass over X for the whole group (olsCumulativeSeries).
      const distinct = members.map((i) => months[i]!); // increasing, as months is
      const options = {
        se,
        level,
        rareLevels,
        lin: adjustment === 'lin',
        design: (c: Comparison) => seriesDesign(c, indices(c.treated.length), adjustment, term),
        ...(clusterSe ? { cluster: clusterSe } : {}),
      };
      const fit = prefix
        ? sharedFit(
            prefix.sample(first.nTreated + first.nControl),
            distinct,
            { ...options, ...prefix.options },
            spec,
            `${context}\u0000${clusterSe ?? ''}`,
            share,
          )
        : fitAdjustedMonths(
            comparison,
            sampleAt(comparison.followup, months[members[0]!]!),
            distinct,
            options,
          );
      for (const a of fit.aliased) aliased.add(a);
      if (fit.note) notes.push(fit.note);
      for (const i of members) {
        if (fit.estimates) adjustedByMonth.set(i, fit.estimates[distinct.indexOf(months[i]!)]!);
        else notEstimable.set(i, fit.reason!);
      }
    }
  }

  // Clustered, unblocked raw effect: the coefficient of T in y ~ 1 + T with CR2, i.e. the
  // clustered difference in means, from the cluster kernel once per distinct sample.
  const clusteredRaw =
    groupings?.clusters && !groupings.blocks
      ? clusteredRawByMonth(comparison, months, counts, level)
      : undefined;
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
      : groupings
        ? stripEstimate(
            clusteredRaw?.get(month) ?? designMonthRaw(comparison, groupings, month, level),
          )
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

  return finish(
    comparison,
    spec,
    results,
    [...aliased],
    adjustment,
    se,
    level,
    censoring,
    warnings,
    notes,
    rawInterval,
    groupings ? { groupings, ...(clusterSe ? { clusterSe } : {}) } : undefined,
  );
}

/**
 * `fitAdjustedSample` of a prefix sample, shared between events (see `series-share.ts`): the fit
 * another event's series left for this event and sample, else this event's fit with the other
 * events' outcomes fitted in the same pass and left for them (their reasons too, when the sample
 * cannot be fitted: a reason does not depend on the outcome).
 */
function sharedFit(
  sample: Comparison,
  months: readonly number[],
  options: AdjustedFitOptions,
  spec: EffectSeriesSpec,
  part: string,
  share: SeriesShare | undefined,
): AdjustedFit {
  if (!share?.events.includes(spec.event)) {
    return fitAdjustedSample(sample, months, options);
  }
  const keyOf = (event: string) =>
    `${shareKey({ ...spec, event }, part)}\u0000${sample.treated.length}\u0000${months.join(',')}`;
  const taken = takeShared<AdjustedFit>(share, keyOf(spec.event), sample.rows);
  if (taken) return taken;
  let others: ReturnType<typeof siblingsOf>;
  const fit = fitAdjustedSample(sample, months, {
    ...options,
    siblings: (final) => {
      others = siblingsOf(share, spec.event, final.rows, final.eventMonth);
      // The final sample must be the one given (rare-level pooling keeps the clients).
      return others && final.rows === sample.rows ? others.months : undefined;
    },
  });
  if (fit.siblingEstimates && others) {
    const { siblingEstimates, ...own } = fit;
    others.events.forEach((event, j) => {
      putShared(share, keyOf(event), sample.rows, { ...own, estimates: siblingEstimates[j]! });
    });
    return own;
  }
  if (!fit.estimates) {
    const base = siblingsOf(share, spec.event, sample.rows, sample.eventMonth);
    for (const event of base?.events ?? []) putShared(share, keyOf(event), sample.rows, fit);
  }
  return fit;
}

/**
 * The clustered difference in means of every month (estimatr's `difference_in_means(clusters =)`:
 * the CR2 coefficient of T in y ~ 1 + T with its Satterthwaite df), months with the same sample
 * fitted together by `olsCumulativeClusterSeries`. Months without variation or without both
 * arms are left to the caller.
 */
function clusteredRawByMonth(
  c: Comparison,
  months: readonly number[],
  counts: readonly MonthCount[],
  level: number,
): Map<number, Estimate> {
  const out = new Map<number, Estimate>();
  const g = c.groupings!.clusters!;
  const bySize = new Map<number, number[]>();
  months.forEach((m, i) => {
    const count = counts[i]!;
    if (count.nTreated < 2 || count.nControl < 2) return;
    const size = count.nTreated + count.nControl;
    const list = bySize.get(size) ?? [];
    list.push(m);
    bySize.set(size, list);
  });
  for (const list of bySize.values()) {
    const index = sampleAt(c.followup, list[0]!);
    const n = index.length;
    const prepared = olsPrepare({
      names: ['(Intercept)', 'treatment'],
      columns: [new Float64Array(n).fill(1), gather(c.treated, index)],
      n,
    });
    const groups = sampleGroups(g, index);
    const distinct = [...new Set(list)].sort((a, b) => a - b);
    const events = gather(c.eventMonth, index);
    const fits = olsCumulativeClusterSeries(prepared, events, distinct, 'treatment', groups, {
      se: 'CR2',
      level,
      labels: groups.labels,
    });
    distinct.forEach((m, j) => {
      out.set(m, {
        ...fits[j]!,
        method:
          'difference in means (clustered design), CR2 cluster-robust SE, Bell–McCaffrey Satterthwaite df',
      });
    });
  }
  return out;
}

/** The raw effect of month `month` under the design's clusters and blocks. */
function designMonthRaw(c: Comparison, g: Groupings, month: number, level: number): Estimate {
  const index = sampleAt(c.followup, month);
  const y = outcomeAt(c.eventMonth, index, month);
  return designRaw(g, c.treated, index, y, level, month).estimate;
}

/** The series result from its months: p-value adjustment, method text, display. */
function finish(
  comparison: Comparison,
  spec: EffectSeriesSpec,
  results: readonly MonthEffect[],
  aliased: readonly string[],
  adjustment: Adjustment,
  se: SeType,
  level: number,
  censoring: Censoring,
  warnings: readonly string[],
  notes: readonly string[],
  rawInterval: ShareInterval,
  design?: { readonly groupings: Groupings; readonly clusterSe?: ClusterSeType },
): EffectSeries {
  const starLevels = checkStarLevels(spec.stars);
  const withAdjusted = spec.pAdjust ? addAdjustedP(results, spec.pAdjust) : results;
  const method = describe(
    adjustment,
    se,
    comparison.covariateNames.length,
    spec.pAdjust,
    censoring,
    comparison.competingMonth !== undefined,
    spec.censoringStrata ?? [],
    rawInterval,
    design,
    starLevels,
  );
  const g = design?.groupings;
  const designInfo: SeriesDesignInfo | undefined = g
    ? {
        ...(g.clusters
          ? { clusters: { column: g.clusters.column, count: sampleGroups(g.clusters).count } }
          : {}),
        ...(g.blocks
          ? { blocks: { column: g.blocks.column, count: sampleGroups(g.blocks).count } }
          : {}),
        ...(design?.clusterSe ? { se: design.clusterSe } : {}),
      }
    : undefined;
  const blockPrefix = g?.blocks ? `${g.blocks.column}[` : undefined;
  const shownAliased = blockPrefix ? aliased.filter((a) => !a.startsWith(blockPrefix)) : aliased;
  if (spec.band !== undefined) {
    if (spec.band !== 'sup-t') {
      throw new InputError(`band: expected 'sup-t', got '${String(spec.band)}'`, {
        code: 'invalid-option',
        value: String(spec.band),
      });
    }
    if (censoring !== 'complete-followup') {
      throw new InputError(
        "band 'sup-t' needs censoring 'complete-followup': the cross-month covariance of the IPCW estimates is not implemented",
        { code: 'invalid-option', value: censoring },
      );
    }
    const which = adjustment === 'none' ? 'raw' : 'adjusted';
    if (g?.blocks && g.clusters && which === 'raw') {
      throw new InputError(
        `band 'sup-t' with clusters and blocks needs the adjusted effect (block fixed effects): adjustment 'none' gives the block-clustered difference in means, whose cross-month covariance is not implemented`,
        { code: 'invalid-option', value: 'sup-t', column: g.blocks.column },
      );
    }
    const term = 'treatment';
    const months = results.map((m) => m.month);
    const designOf =
      which === 'raw'
        ? undefined
        : (index: Int32Array) => seriesDesign(comparison, index, adjustment, term);
    // With clusters: the stacked cluster scores (the raw effect is then T's coefficient in
    // y ~ 1 + T with CR2, the clustered difference in means).
    const v =
      g?.blocks && which === 'raw'
        ? blockedRawJointCovariance(comparison, months, g.blocks)
        : g?.clusters && design?.clusterSe
          ? clusterSeriesJointCovariance(
              comparison,
              months,
              designOf ?? ((index: Int32Array) => seriesDesign(comparison, index, 'none', term)),
              g.clusters,
              which === 'raw' ? 'CR2' : design.clusterSe,
              term,
            )
          : seriesJointCovariance(comparison, months, designOf, which === 'raw' ? 'HC0' : se, term);
    const band = supTBand(v, months, level, which, spec.bandOptions);
    const q = months.length;
    const withBand = withAdjusted.map((m): MonthEffect => {
      const e = which === 'raw' ? m.raw : m.adjusted!;
      const half = e.stdError > 0 ? band.criticalValue * e.stdError : 0;
      return { ...m, bandCi: [e.estimate - half, e.estimate + half] };
    });
    return makeSeries({
      event: spec.event,
      arms: { treatment: comparison.labels.treatment, control: comparison.labels.control },
      months: withBand,
      covariates: comparison.covariateNames,
      aliased: shownAliased,
      adjustment,
      level,
      excluded: comparison.excluded,
      censoring,
      warnings,
      notes,
      method: `${method}; ${band.method}`,
      band,
      jointCovariance: Array.from({ length: q }, (_, m) =>
        Array.from(v.subarray(m * q, (m + 1) * q)),
      ),
      ...(designInfo ? { design: designInfo } : {}),
      stars: starLevels,
    });
  }
  return makeSeries({
    event: spec.event,
    arms: { treatment: comparison.labels.treatment, control: comparison.labels.control },
    months: withAdjusted,
    covariates: comparison.covariateNames,
    aliased: shownAliased,
    adjustment,
    level,
    excluded: comparison.excluded,
    censoring,
    warnings,
    notes,
    method,
    ...(designInfo ? { design: designInfo } : {}),
    stars: starLevels,
  });
}

const CENSORING: readonly Censoring[] = ['complete-followup', 'ipcw'];

/**
 * Stratum index per comparison row from the combination of `columns` (read as labels); a
 * missing value is a `missing-value` error naming the column and the (1-based) table rows.
 */
function censoringStrata(
  c: Comparison,
  columns: readonly string[],
): { ids: Int32Array; count: number; columns: readonly string[] } {
  requireColumns(c.table, columns, 'censoring stratum');
  const values = columns.map((name) => stringColumn(c.table, name));
  const keys = new Map<string, number>();
  const ids = new Int32Array(c.rows.length);
  columns.forEach((name, k) => {
    const missing: number[] = [];
    for (const r of c.rows) if (values[k]![r] === null) missing.push(r + 1);
    if (missing.length) {
      throw new InputError(
        `censoring stratum column '${name}' has missing values in ${formatRows(missing)}`,
        { code: 'missing-value', column: name, rows: missing },
      );
    }
  });
  c.rows.forEach((r, j) => {
    const key = JSON.stringify(values.map((v) => v[r]));
    let id = keys.get(key);
    if (id === undefined) {
      id = keys.size;
      keys.set(key, id);
    }
    ids[j] = id;
  });
  return { ids, count: keys.size, columns };
}

function checkCensoring(value: string): Censoring {
  if (!(CENSORING as readonly string[]).includes(value)) {
    throw new InputError(
      `censoring must be one of ${CENSORING.map((c) => `'${c}'`).join(', ')}, got '${value}'`,
      { code: 'invalid-option', value },
    );
  }
  return value as Censoring;
}

/**
 * Event months as the follow-up check sees them: with competing destinations (survival input)
 * a competing destination also ends the follow-up at its month, so it counts as an event there.
 */
function censoredEventMonths(c: Comparison): Float64Array {
  const k = c.competingMonth;
  if (!k) return c.eventMonth;
  return c.eventMonth.map((e, i) => (Number.isNaN(e) ? k[i]! : e));
}

/** {@link monthList} with the longest follow-up of the comparison's clients. */
export function resolveMonths(
  months: number | readonly number[] | undefined,
  followup: Float64Array,
): number[] {
  let max = 0;
  if (months === undefined) for (const f of followup) if (f > max) max = f;
  return monthList(months, max);
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
  const q = months.length; // strictly increasing (monthList)
  // Number of months ≤ x (upper bound).
  const upTo = (x: number) => {
    let lo = 0;
    let hi = q;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (months[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Number of months < x (lower bound).
  const below = (x: number) => {
    let lo = 0;
    let hi = q;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (months[mid]! < x) lo = mid + 1;
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
  const perMonth: MonthCount[] = [];
  const run = [0, 0, 0, 0];
  for (let j = 0; j < q; j++) {
    run[0]! += observed[1]![j]!;
    run[1]! += observed[0]![j]!;
    run[2]! += events[1]![j]!;
    run[3]! += events[0]![j]!;
    perMonth.push({
      nTreated: run[0]!,
      nControl: run[1]!,
      eventsTreated: run[2]!,
      eventsControl: run[3]!,
    });
  }
  return perMonth;
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
  censoring: Censoring,
  competing: boolean,
  strata: readonly string[],
  rawInterval: ShareInterval,
  design: { readonly groupings: Groupings; readonly clusterSe?: ClusterSeType } | undefined,
  levels: StarLevels,
): string {
  const ipcw = censoring === 'ipcw';
  const newcombe = "Newcombe's (1998) hybrid score interval and the test inverting it";
  const wald = 'unpooled (Neyman) SE, z test';
  const shares = `raw: difference in shares (treatment − control), ${
    rawInterval === 'auto'
      ? `${wald}; ${newcombe} in months with an expected count below ${SMALL_EXPECTED_COUNT}`
      : rawInterval === 'wald'
        ? wald
        : newcombe
  }`;
  const within = strata.length ? `within arm × ${strata.join(' × ')}` : 'within arm';
  const sample = ipcw
    ? `IPCW: at month m, every client whose status at m is known (event by m, or observed at least m months), weighted 1/Ĝ(min(T, m)⁻) with Ĝ the Kaplan–Meier of the censoring time ${within}; outcome = event by month m`
    : 'complete follow-up: at month m, clients observed at least m months; outcome = event by month m';
  const raw =
    ipcw && strata.length
      ? `raw: IPCW-weighted difference in shares (weighted OLS on treatment, ${se} SE, weights treated as known)`
      : ipcw
        ? `raw: difference in ${competing ? 'Aalen–Johansen (IJ SE; other destinations compete)' : 'Kaplan–Meier (Greenwood SE)'} cumulative incidence (treatment − control), z test`
        : shares;
  const model = ipcw ? 'weighted OLS' : 'OLS';
  const weights = ipcw ? ' (weights treated as known)' : '';
  const adjusted =
    adjustment === 'ols'
      ? `adjusted: ${model} linear probability model on treatment + ${covariates} covariate columns, ${se} SE${weights}, t test on n − k df`
      : adjustment === 'lin'
        ? `adjusted: Lin (2013) ${model} with treatment × centred covariates (${covariates} columns), ${se} SE${weights}, t test on n − k df`
        : 'no covariate adjustment';
  const tail = correction ? `; p-values also adjusted across months (${correction})` : '';
  if (design) {
    const words = groupingWords(design.groupings, design.clusterSe);
    const seText = design.clusterSe
      ? words.adjusted
      : `${se} SE, t test on n − k df (k counts the block dummies)`;
    const cov = covariates > 0 ? ` + ${covariates} covariate columns` : '';
    const adj =
      adjustment === 'ols'
        ? `adjusted: OLS linear probability model on treatment${words.blocks}${cov}, ${seText}`
        : adjustment === 'lin'
          ? `adjusted: Lin (2013) OLS with treatment × centred covariates (${covariates} columns)${words.blocks}, ${seText}`
          : 'no covariate adjustment';
    return `${sample}; ${words.raw}; ${adj}; two-sided tests, stars ${starLevelsText(levels)}${tail}`;
  }
  return `${sample}; ${raw}; ${adjusted}; two-sided tests, stars ${starLevelsText(levels)}${tail}`;
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

/** The tests behind the stars of an effect series' table, for its legend. */
const SERIES_TESTS =
  'two-sided, pointwise (each month on its own); the tests are named in the method below';

function makeSeries(
  marked: Omit<EffectSeries, 'toTable' | 'toMarkdown' | 'toHTML' | 'toDocument'>,
): EffectSeries {
  // The kernels mark stars at the reports' levels; the series' own levels decide.
  const base = {
    ...marked,
    months: marked.months.map((m) => ({
      ...m,
      raw: restar(m.raw, marked.stars),
      ...(m.adjusted ? { adjusted: restar(m.adjusted, marked.stars) } : {}),
    })),
  };
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
      if (m.bandCi) {
        row.band_ci_lower = m.bandCi[0];
        row.band_ci_upper = m.bandCi[1];
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
      ...(m.bandCi && base.band
        ? {
            [`simultaneous ${formatPercent(base.band.level, 0)} CI`]: `[${formatPp(m.bandCi[0])}, ${formatPp(m.bandCi[1])}]`,
          }
        : {}),
    }));
    return [
      {
        kind: 'table',
        table: {
          ...tableFromRows(rows, { id: 'effects', title: base.event }),
          stars: { levels: base.stars, test: SERIES_TESTS },
        },
      },
      { kind: 'paragraph', text: `${base.method}.` },
      ...base.warnings.map((text) => ({ kind: 'note' as const, text: `Warning: ${text}.` })),
      ...notEstimableNotes(base.months).map((text) => ({ kind: 'note' as const, text })),
      ...base.notes.map((text) => ({ kind: 'note' as const, text: `${text}.` })),
    ];
  };
  return withDisplay(
    { ...base, toTable, toMarkdown: () => documentMarkdown(document()) },
    document,
  );
}
