/**
 * The effect per month with several arms (issue #14): at each month one model with every arm,
 * y ~ arm dummies [+ covariates] (or Lin's interacted model), and each contrast between two arms
 * from the joint covariance of the arm coefficients; next to it the raw difference in shares of
 * each pair; multiplicity across the contrasts of a month. `effectSeries` dispatches here when
 * its spec has `arms`.
 */
import type { TableInput } from '../data/columns.js';
import { followupPattern, followupWarning } from '../data/followup-pattern.js';
import type { ExperimentIntake } from '../data/intake.js';
import { type AllKeys, rejectUnknownKeys } from '../data/spec-reader.js';
import { type DocumentConvertible, displayResult, type HtmlConvertible } from '../display.js';
import { InputError } from '../errors.js';
import { type ClusterSeType, clusterContrastWeights } from '../estimate/cluster-vcov.js';
import { olsPrepare } from '../estimate/ols.js';
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
import type { Estimate } from '../stats/estimate.js';
import { diffInProportions } from '../stats/proportions.js';
import { checkLevel, checkOneOf } from '../stats/validate.js';
import { type Document, tableFromRows, tidyEstimate } from '../table/index.js';
import type { Exclusion } from './comparison.js';
import { outcomeAt, resolveMonths, type SeriesDesignInfo, sampleAt } from './effect-series.js';
import { type Adjustment, noVariation, stripEstimate } from './series-design.js';
import {
  designRaw,
  type Groupings,
  groupingWords,
  sampleGroups,
  seriesSe,
} from './series-groupings.js';
import {
  type ArmPair,
  adjustWithinFamily,
  armCoefficients,
  armContrasts,
  armTerm,
  clusteredArmContrasts,
  contrastVectors,
  type ResolvedArms,
  resolveArms,
  type SeveralArmsSample,
  type SeveralArmsSampleSpec,
  severalArmsDesign,
  severalArmsSample,
} from './several-arms.js';

/** Options of the several-arm {@link effectSeries}: the arms and contrasts, months and inference. */
export interface ArmsSeriesSpec extends SeveralArmsSampleSpec {
  /** Event-month column: 1-based month of the first event, empty if none. */
  readonly event: string;
  /** Months to estimate: a last month (1…M) or a list. Default: 1 … the largest follow-up. */
  readonly months?: number | readonly number[];
  /**
   * `'ols'` (default with covariates): y ~ arm dummies + covariates; `'lin'`: each arm dummy
   * interacted with the centred covariates (estimatr's `lm_lin` with a factor treatment);
   * `'none'` (default without covariates): raw contrasts only.
   */
  readonly adjustment?: Adjustment;
  /**
   * Standard errors of the adjusted contrasts: without `clusters` an HC type or `'classical'`
   * (default `'HC2'`); with `clusters` `'CR2'` (default; each contrast on its own Satterthwaite
   * df), `'stata'` or `'CR0'` (S − 1 df).
   */
  readonly se?: SeType | ClusterSeType;
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /**
   * Interval of the raw differences, as in the two-arm series (default `'auto'`); with clusters
   * or blocks the raw contrast is the pair's clustered / blocked difference in means instead.
   */
  readonly rawInterval?: ShareInterval;
}

/** One arm at one month. */
export interface ArmMonthCount {
  readonly arm: string;
  /** Clients of the arm observed at least `month` months. */
  readonly n: number;
  /** Of them, clients with the event by `month`. */
  readonly events: number;
  readonly share: number;
}

/** One contrast `first − second` at one month. */
export interface ContrastEffect {
  /** `first − second`. */
  readonly contrast: string;
  readonly first: string;
  readonly second: string;
  /** Difference in shares between the two arms: unpooled (Neyman) SE, z test (or Newcombe's interval). */
  readonly raw: Estimate;
  /**
   * Covariate-adjusted: β̂_first − β̂_second of the month's model with every arm, SE √(c'V̂c)
   * (absent with `adjustment: 'none'`, or when not estimable).
   */
  readonly adjusted?: Estimate;
  /** p-values adjusted across the month's contrasts, when asked for (raw and adjusted separately). */
  readonly pAdjusted?: { readonly raw: number; readonly adjusted?: number };
  /** Why the adjusted contrast is absent at this month although asked for. */
  readonly adjustedNotEstimable?: string;
  /** The smallest expected count of the pair's 2 × 2 table is below 5. */
  readonly fewEvents?: true;
}

/** One month of an {@link ArmContrastSeries}. */
export interface ArmContrastMonth {
  readonly month: number;
  /** Per arm, in the order of `arms`. */
  readonly arms: readonly ArmMonthCount[];
  /** Per contrast, in the order of `contrasts`. */
  readonly contrasts: readonly ContrastEffect[];
}

/** The result of the several-arm {@link effectSeries}. */
export interface ArmContrastSeries extends HtmlConvertible, DocumentConvertible {
  readonly kind: 'arm-contrasts';
  readonly event: string;
  readonly arms: readonly string[];
  readonly reference: string;
  readonly contrasts: readonly ArmPair[];
  readonly months: readonly ArmContrastMonth[];
  readonly covariates: readonly string[];
  /** Covariate columns dropped as aliased in at least one month. */
  readonly aliased: readonly string[];
  readonly adjustment: Adjustment;
  readonly se: SeType | ClusterSeType;
  readonly level: number;
  /** The clusters and blocks of the design (column and count), when given. */
  readonly design?: SeriesDesignInfo;
  readonly excluded: readonly Exclusion[];
  /** The multiplicity adjustment, when asked for. */
  readonly pAdjust?: 'holm' | 'BH' | 'bonferroni';
  /** The family of the adjustment, in words (absent without `pAdjust`). */
  readonly family?: string;
  readonly warnings: readonly string[];
  readonly method: string;
  /** One row per month and contrast, flat, for a table or CSV. */
  toTable(): Record<string, number | string>[];
  toMarkdown(): string;
}

const ARM_CONTRAST_SERIES_KEYS: AllKeys<ArmsSeriesSpec> = {
  event: true,
  months: true,
  adjustment: true,
  se: true,
  level: true,
  rawInterval: true,
  arm: true,
  covariates: true,
  covariateReference: true,
  factors: true,
  missing: true,
  followup: true,
  arms: true,
  reference: true,
  contrasts: true,
  pAdjust: true,
  clusters: true,
  blocks: true,
};

/**
 * The several-arm effect per month (complete follow-up): at month m the clients observed at
 * least m months, y_i = 1 if their event month ≤ m. One OLS model per month with every arm,
 *
 *   y = α + Σ_{a ≠ ref} β_a·1{arm = a} [+ γ'x]   (Lin: + Σ_a δ_a'·1{arm = a}·(x − x̄)),
 *
 * HC2 by default; the contrast a − b is c'β̂ with c = e_a − e_b (β_ref = 0), SE √(c'V̂c) from the
 * joint covariance V̂ of the arm coefficients, t test on n − k df: for a contrast with the
 * reference it is β̂_a itself; between two other arms it is the linear hypothesis β_a − β_b = 0,
 * as in R. The raw contrast is the difference in shares of the two arms (unpooled SE, z test;
 * Newcombe's interval where an expected count is below 5, as the two-arm series). With
 * `pAdjust`, p-values are adjusted across the contrasts of each month (the family), raw and
 * adjusted estimates separately.
 *
 * @example
 * const s = armContrastSeries(table, {
 *   arms: ['service', 'control_enforcement', 'control_none'], reference: 'control_none',
 *   contrasts: 'all-pairs', event: 'month_job', months: 12, covariates: ['age'], pAdjust: 'holm',
 * });
 * s.months[11].contrasts[2].adjusted; // control_enforcement − control_none at month 12
 */
export function armContrastSeries(
  data: TableInput | ExperimentIntake,
  spec: ArmsSeriesSpec,
): ArmContrastSeries {
  rejectUnknownKeys(spec, ARM_CONTRAST_SERIES_KEYS, 'effectSeries (several arms)');
  const fn = 'effectSeries';
  const resolved = resolveArms(spec, fn);
  const level = checkLevel(spec.level, fn);
  const ses = seriesSe(spec.se, spec.clusters !== undefined);
  const clusterSe = ses.cluster;
  const se = ses.hc;
  const rawInterval = checkOneOf(spec.rawInterval ?? 'auto', SHARE_INTERVALS, 'rawInterval', {
    fn,
  });
  const sample = severalArmsSample(data, spec, spec.event);
  const groupings = sample.groupings;
  if (groupings && spec.rawInterval !== undefined && spec.rawInterval !== 'auto') {
    throw new InputError(
      `rawInterval '${spec.rawInterval}' does not apply with clusters or blocks: the raw contrast is then the pair's difference in means under the design (estimatr's difference_in_means)`,
      { code: 'invalid-option', value: spec.rawInterval },
    );
  }
  const adjustment = checkOneOf(
    spec.adjustment ??
      (sample.covariateNames.length > 0 || groupings?.blocks !== undefined ? 'ols' : 'none'),
    ['ols', 'lin', 'none'] as const,
    'adjustment',
    { fn },
  );
  if (adjustment === 'lin' && sample.covariateNames.length === 0) {
    throw new InputError("adjustment 'lin' needs covariates; none were given", {
      code: 'invalid-option',
      value: 'lin',
    });
  }
  if (sample.rows.length === 0) {
    throw new InputError('no clients left to analyse (empty data or subgroup)', { code: 'empty' });
  }
  const followup = sample.followup!;
  const eventMonth = sample.eventMonth!;
  const months = resolveMonths(spec.months, followup);
  const followupColumn = spec.followup ?? 'followup_months';
  const pattern = followupPattern(followup, eventMonth);
  const warnings = pattern.survivalShaped
    ? [followupWarning(pattern, followupColumn, spec.event)]
    : [];
  const counts = months.map((m) => armCounts(sample, m));
  counts.forEach((arms, i) => {
    const empty = arms.find((a) => a.n === 0);
    if (empty) {
      throw new InputError(
        `no client of arm '${empty.arm}' is observed for ${months[i]} months or more; the contrasts at month ${months[i]} cannot be estimated (choose fewer months)`,
        { code: 'beyond-followup', column: followupColumn, value: String(months[i]) },
      );
    }
  });

  const aliased = new Set<string>();
  const fitted = new Map<number, Estimate[]>();
  const notEstimable = new Map<number, string>();
  const methodOf = (df: number) =>
    `OLS with every arm, ${clusterSe ? `${clusterSe} cluster-robust SE` : se === 'classical' ? 'classical SE' : `${se} robust SE`}, contrast c'β̂ with SE √(c'V̂c), t test on ${df} df`;
  const blockPrefix = groupings?.blocks ? `${groupings.blocks.column}[` : undefined;
  // Months whose samples are equal (same size of nested samples) share one prepared design.
  const bySize = new Map<number, number[]>();
  counts.forEach((arms, i) => {
    const size = arms.reduce((s, a) => s + a.n, 0);
    bySize.set(size, [...(bySize.get(size) ?? []), i]);
  });
  for (const members of adjustment === 'none' ? [] : bySize.values()) {
    const first = months[members[0]!]!;
    const index = sampleAt(followup, first);
    const at = `at month ${first} (clients observed at least ${first} months)`;
    const design = severalArmsDesign(sample, index, resolved.reference, adjustment);
    if (design.n <= design.columns.length) {
      const reason = `${design.n} clients ${at} for ${design.columns.length} model columns; the model needs more clients than columns`;
      for (const i of members) notEstimable.set(i, reason);
      continue;
    }
    const prepared = olsPrepare(design);
    const terms = resolved.arms
      .filter((a) => a !== resolved.reference)
      .map((a) => armTerm(sample.armColumn, a));
    const lost = terms.filter((t) => prepared.aliased.includes(t));
    for (const a of prepared.aliased) {
      if (!terms.includes(a) && !(blockPrefix && a.startsWith(blockPrefix))) aliased.add(a);
    }
    if (lost.length) {
      const reason = `${lost.join(', ')} collinear with the covariates ${at} (a covariate that separates the arms)`;
      for (const i of members) notEstimable.set(i, reason);
      continue;
    }
    if (groupings?.clusters && clusterSe) {
      const clusters = sampleGroups(groupings.clusters, index);
      const vectors = contrastVectors(prepared, resolved, sample.armColumn);
      const weights = clusterContrastWeights(prepared, clusters, clusterSe, vectors, {
        labels: clusters.labels,
      });
      for (const i of members) {
        const y = outcomeAt(eventMonth, index, months[i]!);
        fitted.set(
          i,
          clusteredArmContrasts(prepared, y, vectors, weights, clusters.index, level, methodOf),
        );
      }
      continue;
    }
    for (const i of members) {
      const y = outcomeAt(eventMonth, index, months[i]!);
      const coefficients = withTableRow(sample, index, at, se, () =>
        armCoefficients(prepared, y, terms, se),
      );
      fitted.set(
        i,
        armContrasts(
          coefficients,
          terms,
          resolved,
          sample.armColumn,
          level,
          methodOf(coefficients.df),
        ),
      );
    }
  }

  const results = months.map((month, i): ArmContrastMonth => {
    const arms = counts[i]!;
    const n = arms.reduce((s, a) => s + a.n, 0);
    const events = arms.reduce((s, a) => s + a.events, 0);
    const constant = events === 0 || events === n;
    const model = fitted.get(i);
    const contrasts = resolved.pairs.map((p, c): ContrastEffect => {
      const a = arms[resolved.arms.indexOf(p.first)]!;
      const b = arms[resolved.arms.indexOf(p.second)]!;
      const t = { successes: a.events, n: a.n };
      const k = { successes: b.events, n: b.n };
      const pairEvents = a.events + b.events;
      const pairConstant = pairEvents === 0 || pairEvents === a.n + b.n;
      const raw = pairConstant
        ? noVariation(month, a.n + b.n, Number.POSITIVE_INFINITY, level, pairEvents === 0)
        : groupings
          ? pairDesignRaw(sample, groupings, p, month, level)
          : chooseShareInterval(rawInterval, t, k) === 'newcombe'
            ? newcombeDifference(t, k, { level })
            : stripEstimate(diffInProportions(t, k, { level }));
      const few = smallestExpectedCount(t, k) < SMALL_EXPECTED_COUNT;
      let estimate = model?.[c];
      let reason = notEstimable.get(i);
      if (estimate && constant) estimate = noVariation(month, n, estimate.df, level, events === 0);
      else if (estimate && !(estimate.stdError > 0 && Number.isFinite(estimate.stdError))) {
        reason = `the model predicts the outcome exactly at month ${month} (every residual is 0, so the standard error is 0): a covariate separates the outcome`;
        estimate = undefined;
      }
      return {
        contrast: p.label,
        first: p.first,
        second: p.second,
        raw,
        ...(estimate ? { adjusted: stripEstimate(estimate) } : {}),
        ...(!estimate && reason ? { adjustedNotEstimable: reason } : {}),
        ...(few ? { fewEvents: true as const } : {}),
      };
    });
    return {
      month,
      arms,
      contrasts: spec.pAdjust ? withPAdjusted(contrasts, spec.pAdjust) : contrasts,
    };
  });

  const family = spec.pAdjust
    ? `the ${resolved.pairs.length} contrasts within each month (raw and adjusted estimates adjusted separately; not across months)`
    : undefined;
  const method = describe(
    resolved,
    sample,
    adjustment,
    se,
    rawInterval,
    spec.pAdjust,
    family,
    clusterSe,
  );
  const design: SeriesDesignInfo | undefined = groupings
    ? {
        ...(groupings.clusters
          ? {
              clusters: {
                column: groupings.clusters.column,
                count: sampleGroups(groupings.clusters).count,
              },
            }
          : {}),
        ...(groupings.blocks
          ? {
              blocks: {
                column: groupings.blocks.column,
                count: sampleGroups(groupings.blocks).count,
              },
            }
          : {}),
        ...(clusterSe ? { se: clusterSe } : {}),
      }
    : undefined;
  const base: Omit<ArmContrastSeries, 'toTable' | 'toMarkdown' | 'toHTML' | 'toDocument'> = {
    kind: 'arm-contrasts',
    event: spec.event,
    arms: resolved.arms,
    reference: resolved.reference,
    contrasts: resolved.pairs,
    months: results,
    covariates: adjustment === 'none' ? [] : sample.covariateNames,
    aliased: [...aliased],
    adjustment,
    se: clusterSe ?? se,
    level,
    ...(design ? { design } : {}),
    excluded: sample.excluded,
    ...(spec.pAdjust ? { pAdjust: spec.pAdjust, family: family! } : {}),
    warnings,
    method,
  };
  // Display methods from `base` alone: inline closures would hold this scope's arrays.
  return displayResult(base, contrastRows, contrastDocument);
}

/**
 * The raw contrast first − second of one month under the design: the pair's clients observed at
 * least `month` months, the clustered / blocked difference in means of y = 1{event ≤ month}
 * (estimatr's `difference_in_means(clusters =, blocks =)` on the two arms; see `designRaw`).
 */
function pairDesignRaw(
  s: SeveralArmsSample,
  g: Groupings,
  pair: ArmPair,
  month: number,
  level: number,
): Estimate {
  const first = s.arms.indexOf(pair.first);
  const second = s.arms.indexOf(pair.second);
  const followup = s.followup!;
  const keep: number[] = [];
  for (let i = 0; i < followup.length; i++) {
    const a = s.armIndex[i]!;
    if (followup[i]! >= month && (a === first || a === second)) keep.push(i);
  }
  const index = Int32Array.from(keep);
  const treated = Float64Array.from(s.armIndex, (a) => (a === first ? 1 : 0));
  const y = Float64Array.from(index, (i) => (s.eventMonth![i]! <= month ? 1 : 0));
  const raw = designRaw(g, treated, index, y, level, month);
  return stripEstimate(raw.estimate);
}

/** Per arm: clients observed at least `month` months and those with the event by then. */
function armCounts(s: SeveralArmsSample, month: number): ArmMonthCount[] {
  const n = new Array<number>(s.arms.length).fill(0);
  const e = new Array<number>(s.arms.length).fill(0);
  const followup = s.followup!;
  const event = s.eventMonth!;
  for (let i = 0; i < followup.length; i++) {
    if (!(followup[i]! >= month)) continue;
    const a = s.armIndex[i]!;
    n[a]! += 1;
    if (event[i]! <= month) e[a]! += 1;
  }
  return s.arms.map((arm, a) => ({ arm, n: n[a]!, events: e[a]!, share: e[a]! / n[a]! }));
}

/** Runs a fit, turning a leverage-one error (design position) into one naming the table row. */
function withTableRow<T>(
  s: SeveralArmsSample,
  index: Int32Array,
  at: string,
  se: SeType,
  run: () => T,
): T {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof InputError) || e.code !== 'leverage-one' || !e.rows?.length) throw e;
    const row = s.rows[index[e.rows[0]! - 1]!]! + 1;
    throw new InputError(
      `the client in row ${row} has leverage 1 ${at} (a combination of arm and covariate values no other client has), so ${se} standard errors are undefined; use se: 'HC1' or remove the covariate that singles it out`,
      { code: 'leverage-one', rows: [row] },
    );
  }
}

function withPAdjusted(
  contrasts: readonly ContrastEffect[],
  method: 'holm' | 'BH' | 'bonferroni',
): ContrastEffect[] {
  const raw = adjustWithinFamily(
    contrasts.map((c) => c.raw.pValue),
    method,
  );
  const model = adjustWithinFamily(
    contrasts.map((c) => c.adjusted?.pValue),
    method,
  );
  return contrasts.map((c, i) => ({
    ...c,
    pAdjusted: {
      raw: raw[i]!,
      ...(model[i] === undefined ? {} : { adjusted: model[i]! }),
    },
  }));
}

function describe(
  resolved: ResolvedArms,
  sample: SeveralArmsSample,
  adjustment: Adjustment,
  se: SeType,
  rawInterval: ShareInterval,
  correction: string | undefined,
  family: string | undefined,
  clusterSe: ClusterSeType | undefined,
): string {
  const k = sample.covariateNames.length;
  const g = sample.groupings;
  const words = g ? groupingWords(g, clusterSe) : undefined;
  const model =
    adjustment === 'lin'
      ? `y ~ arm dummies + centred covariates + each arm dummy × the ${k} centred covariate columns (Lin 2013, as estimatr's lm_lin with a factor treatment)`
      : `y ~ arm dummies + ${k} covariate columns`;
  const blocks = words?.blocks ?? '';
  const wald = 'unpooled (Neyman) SE, z test';
  const newcombe = "Newcombe's (1998) hybrid score interval and the test inverting it";
  const raw =
    rawInterval === 'auto'
      ? `${wald}; ${newcombe} where an expected count is below ${SMALL_EXPECTED_COUNT}`
      : rawInterval === 'wald'
        ? wald
        : newcombe;
  const seText = clusterSe
    ? words!.adjusted.replace(
        /t test on the Satterthwaite df \(Pustejovsky–Tipton\), as lm_robust\(clusters =\) and clubSandwich's coef_test\(…, "CR2"\)/,
        'each contrast a t test on its own Satterthwaite df (Pustejovsky–Tipton), as clubSandwich\'s linear_contrast(…, "CR2", test = "Satterthwaite")',
      )
    : se === 'classical'
      ? 'classical SE'
      : `${se} robust SE`;
  const dfText = clusterSe
    ? clusterSe === 'CR2'
      ? 'the contrast’s Satterthwaite df'
      : 'S − 1 df'
    : 'n − k df';
  const tail = correction ? `; p-values adjusted (${correction}) across ${family}` : '';
  const adjusted =
    adjustment === 'none'
      ? 'no covariate adjustment'
      : `adjusted: one OLS linear probability model per month with every arm, ${model}${blocks}, reference arm '${resolved.reference}', ${seText}; contrast a − b = β_a − β_b with SE √(c'Vc) from the joint covariance of the arm coefficients (a linear hypothesis), t test on ${dfText}`;
  const rawText = words
    ? `${words.raw.replace('treatment − control', 'first − second').replace("estimatr's difference_in_means", "estimatr's difference_in_means on the pair's two arms")}`
    : `raw: difference in shares between the two arms (first − second), ${raw}`;
  return `complete follow-up: at month m, clients observed at least m months; outcome = event by month m; ${rawText}; ${adjusted}; two-sided tests, stars † p < 0.20, * p < 0.10, ** p < 0.05${tail}`;
}

type Base = Omit<ArmContrastSeries, 'toTable' | 'toMarkdown' | 'toHTML' | 'toDocument'>;

function contrastRows(base: Base): Record<string, number | string>[] {
  return base.months.flatMap((m) =>
    m.contrasts.map((c) => {
      const a = m.arms.find((x) => x.arm === c.first)!;
      const b = m.arms.find((x) => x.arm === c.second)!;
      const row: Record<string, number | string> = {
        month: m.month,
        contrast: c.contrast,
        first: c.first,
        second: c.second,
        n_first: a.n,
        n_second: b.n,
        events_first: a.events,
        events_second: b.events,
        share_first: a.share,
        share_second: b.share,
        ...tidyEstimate(c.raw, 'raw'),
        ...(c.adjusted ? tidyEstimate(c.adjusted, 'adjusted') : {}),
        ...(c.adjustedNotEstimable ? { adjusted_not_estimable: c.adjustedNotEstimable } : {}),
      };
      if (c.pAdjusted) {
        row.raw_p_adjusted = c.pAdjusted.raw;
        if (c.pAdjusted.adjusted !== undefined) row.adjusted_p_adjusted = c.pAdjusted.adjusted;
      }
      return row;
    }),
  );
}

function contrastDocument(base: Base): Document {
  const modelled = base.adjustment !== 'none';
  const adj = base.pAdjust;
  const rows = base.months.flatMap((m) =>
    m.contrasts.map((c) => {
      const a = m.arms.find((x) => x.arm === c.first)!;
      const b = m.arms.find((x) => x.arm === c.second)!;
      return {
        month: m.month,
        contrast: c.contrast,
        first: `${formatPercent(a.share)} (${a.events}/${a.n})`,
        second: `${formatPercent(b.share)} (${b.events}/${b.n})`,
        raw: formatEstimate(c.raw),
        'raw p': formatNumber(c.raw.pValue, 3),
        ...(adj ? { [`raw p (${adj})`]: formatNumber(c.pAdjusted!.raw, 3) } : {}),
        ...(modelled
          ? c.adjusted
            ? {
                adjusted: formatEstimate(c.adjusted),
                'adjusted p': formatNumber(c.adjusted.pValue, 3),
                ...(adj
                  ? {
                      [`adjusted p (${adj})`]:
                        c.pAdjusted?.adjusted === undefined
                          ? ''
                          : formatNumber(c.pAdjusted.adjusted, 3),
                    }
                  : {}),
              }
            : {
                adjusted: 'not estimable',
                'adjusted p': '',
                ...(adj ? { [`adjusted p (${adj})`]: '' } : {}),
              }
          : {}),
      };
    }),
  );
  const few = base.months.filter((m) => m.contrasts.some((c) => c.fewEvents)).map((m) => m.month);
  const reasons = new Map<string, number[]>();
  for (const m of base.months) {
    for (const c of m.contrasts) {
      if (!c.adjustedNotEstimable) continue;
      const list = reasons.get(c.adjustedNotEstimable) ?? [];
      if (!list.includes(m.month)) list.push(m.month);
      reasons.set(c.adjustedNotEstimable, list);
    }
  }
  const notes = [
    ...(few.length
      ? [
          `Few events at month${few.length > 1 ? 's' : ''} ${few.join(', ')}: an expected count below ${SMALL_EXPECTED_COUNT} in a pair of arms (the raw interval there is Newcombe's unless rawInterval says otherwise).`,
        ]
      : []),
    ...[...reasons].map(
      ([reason, ms]) =>
        `Adjusted contrasts not estimable at month${ms.length > 1 ? 's' : ''} ${ms.join(', ')}: ${reason}.`,
    ),
  ];
  return [
    {
      kind: 'table',
      table: tableFromRows(rows, {
        id: 'arm_contrasts',
        title: `${base.event}: contrasts between arms`,
      }),
    },
    {
      kind: 'paragraph',
      text: `Columns first and second: the share with the event (events/clients) of the contrast's first and second arm. ${base.method}.`,
    },
    ...(base.family
      ? [{ kind: 'note' as const, text: `Multiplicity: ${base.pAdjust} across ${base.family}.` }]
      : []),
    ...base.warnings.map((text) => ({ kind: 'note' as const, text: `Warning: ${text}.` })),
    ...notes.map((text) => ({ kind: 'note' as const, text })),
    ...(base.excluded.length
      ? [
          {
            kind: 'note' as const,
            text: `Left out: ${base.excluded.map((e) => `${e.reason}: ${e.count}`).join('; ')}.`,
          },
        ]
      : []),
  ];
}
