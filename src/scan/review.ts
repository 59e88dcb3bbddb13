/**
 * The yearly model review of the risk scan: one call on two years of data gives every number of
 * the review (discrimination, capture and gains, calibration, drift, subgroups, weekly
 * re-scoring), the methods, and the flags for numbers outside the configured thresholds.
 * The review writes itself from one document (`review-document.ts`): `toMarkdown()`, `toHTML()`
 * and its notebook display; the HTML page with charts is in `src/report/scan-review-html.ts`;
 * `effectmeting review` writes the page, the Markdown and a JSON file.
 */
import { asTable, numberColumn, requireColumns, type TableInput } from '../data/columns.js';
import { type DocumentConvertible, type HtmlConvertible, withDisplay } from '../display.js';
import { InputError } from '../errors.js';
import type { Coefficient } from '../estimate/inference.js';
import { formatNumber, formatPercent, formatPp } from '../format.js';
import type { Estimate } from '../stats/estimate.js';
import { type DiffInProportionsResult, diffInProportions } from '../stats/proportions.js';
import { type AucResult, auc } from './auc.js';
import { type CalibrationResult, calibration } from './calibration.js';
import { type ReviewConfig, type ReviewConfigInput, resolveReviewConfig } from './config.js';
import { aucChange, captureChange, featureStability, type PsiResult, psiNumeric } from './drift.js';
import { type GainsRow, gainsTable } from './gains.js';
import {
  fitScan,
  outcomeColumn,
  type ScanModel,
  scanModelFromCoefficients,
  scoreClients,
} from './model.js';
import { scanReviewDocument, scanReviewMarkdown } from './review-document.js';
import { type SubgroupResult, subgroupChecks } from './subgroups.js';
import { weeklyRescore } from './weekly.js';

/** The metrics of one year. */
export interface YearMetrics {
  readonly label: string;
  readonly n: number;
  readonly cases: number;
  readonly observedRate: number;
  readonly meanPredicted: number;
  /** Lowest score in the top 10 % of the ranking (the top-decile threshold). */
  readonly topDecileThreshold: number;
  /** Share of clients with a score below `riskCutoff`. */
  readonly shareBelowCutoff: number;
  readonly riskCutoff: number;
  readonly capture10: number;
  readonly capture20: number;
  readonly gains: readonly GainsRow[];
  readonly auc: AucResult;
  readonly calibration: Omit<CalibrationResult, 'method'>;
}

/** A number outside its threshold. */
export interface ReviewFlag {
  /** The threshold key, e.g. `captureTop10Min`. */
  readonly threshold: string;
  /** What was measured, e.g. "capture in the top 10 % (2024)". */
  readonly metric: string;
  readonly value: number;
  /** The bound it crossed, as text ("≥ 55 %", "[0.8, 1.2]"). */
  readonly bound: string;
  readonly message: string;
}

/**
 * Everything the review reports; it writes itself as Markdown (`toMarkdown()`), as an HTML
 * fragment (`toHTML()`) and in a notebook from its document ({@link scanReviewDocument}).
 */
export interface ScanReview extends HtmlConvertible, DocumentConvertible {
  readonly title: string;
  readonly config: ReviewConfig;
  /** How the scores were obtained. */
  readonly scoring: string;
  readonly model: ScanModel | null;
  /** Coefficients with SEs when the scan was fitted here. */
  readonly coefficients: readonly Coefficient[] | null;
  readonly current: YearMetrics;
  readonly previous: YearMetrics;
  readonly drift: {
    readonly features: readonly PsiResult[];
    readonly score: PsiResult;
    readonly capture10: Estimate;
    readonly capture20: Estimate;
    readonly auc: Estimate;
    /** Change in the observed rate (current − previous), two-proportion z test. */
    readonly observedRate: DiffInProportionsResult;
  };
  /** Subgroup checks on the current year. */
  readonly subgroups: readonly SubgroupResult[];
  /** Weekly re-scoring of the current year at the previous year's top-decile threshold. */
  readonly weekly: {
    readonly weeks: number;
    readonly threshold: number;
    readonly atStart: number;
    readonly ever: number;
    readonly perWeek: readonly {
      readonly week: number;
      readonly onWw: number;
      readonly inTopDecile: number;
      readonly enteredThisWeek: number;
    }[];
    readonly method: string;
  } | null;
  readonly flags: readonly ReviewFlag[];
  readonly methods: readonly { readonly topic: string; readonly text: string }[];
  readonly warnings: readonly string[];
  /** The review as Markdown, charts not linked ({@link scanReviewMarkdown} links them). */
  toMarkdown(): string;
}

/** The numbers of a {@link ScanReview}, without its writers (what its document is built from). */
export type ScanReviewData = Omit<ScanReview, 'toMarkdown' | 'toHTML' | 'toDocument'>;

/** Input of {@link scanReview}. */
export interface ScanReviewInput {
  readonly current: TableInput;
  readonly previous: TableInput;
  readonly config?: ReviewConfigInput | ReviewConfig;
  /** Used for labels when the config has none (e.g. file names). */
  readonly currentName?: string;
  readonly previousName?: string;
}

function labelFrom(name: string | undefined, fallback: string): string {
  const m = name === undefined ? null : /(19|20)\d{2}/.exec(name);
  return m ? m[0] : fallback;
}

function yearMetrics(
  label: string,
  scores: Float64Array,
  y: Uint8Array,
  config: ReviewConfig,
): YearMetrics {
  const g = gainsTable(scores, y);
  const a = auc(scores, y, { level: config.level });
  const { method: _m, ...cal } = calibration(scores, y, { level: config.level });
  const sorted = Float64Array.from(scores).sort();
  const n = scores.length;
  const topIndex = n - Math.ceil(0.1 * n);
  let below = 0;
  for (let i = 0; i < n; i++) if (scores[i]! < config.riskCutoff) below++;
  return {
    label,
    n,
    cases: g.cases,
    observedRate: g.rate,
    meanPredicted: cal.meanPredicted,
    topDecileThreshold: sorted[topIndex]!,
    shareBelowCutoff: below / n,
    riskCutoff: config.riskCutoff,
    capture10: g.capture10,
    capture20: g.capture20,
    gains: g.rows,
    auc: a,
    calibration: cal,
  };
}

const pct = (x: number) => formatPercent(x, 1);

function flags(r: Omit<ScanReviewData, 'flags' | 'methods' | 'title'>): ReviewFlag[] {
  const t = r.config.thresholds;
  const out: ReviewFlag[] = [];
  const add = (threshold: string, metric: string, value: number, bound: string, message: string) =>
    out.push({ threshold, metric, value, bound, message });
  for (const y of [r.current, r.previous]) {
    if (y.capture10 < t.captureTop10Min)
      add(
        'captureTop10Min',
        `capture in the top 10 % (${y.label})`,
        y.capture10,
        `≥ ${pct(t.captureTop10Min)}`,
        `${y.label}: the top 10 % captures ${pct(y.capture10)} of the cases, below ${pct(t.captureTop10Min)}`,
      );
    if (y.capture20 < t.captureTop20Min)
      add(
        'captureTop20Min',
        `capture in the top 20 % (${y.label})`,
        y.capture20,
        `≥ ${pct(t.captureTop20Min)}`,
        `${y.label}: the top 20 % captures ${pct(y.capture20)} of the cases, below ${pct(t.captureTop20Min)}`,
      );
    if (y.auc.estimate < t.aucMin)
      add(
        'aucMin',
        `AUC (${y.label})`,
        y.auc.estimate,
        `≥ ${t.aucMin}`,
        `${y.label}: AUC ${y.auc.estimate.toFixed(3)} is below ${t.aucMin}`,
      );
    const c = y.calibration;
    const [slo, shi] = t.calibrationSlopeRange;
    if (c.slope.estimate < slo || c.slope.estimate > shi)
      add(
        'calibrationSlopeRange',
        `calibration slope (${y.label})`,
        c.slope.estimate,
        `[${slo}, ${shi}]`,
        `${y.label}: calibration slope ${c.slope.estimate.toFixed(3)} outside [${slo}, ${shi}]`,
      );
    if (Math.abs(c.intercept.estimate) > t.calibrationInterceptMaxAbs)
      add(
        'calibrationInterceptMaxAbs',
        `calibration intercept (${y.label})`,
        c.intercept.estimate,
        `|a| ≤ ${t.calibrationInterceptMaxAbs}`,
        `${y.label}: calibration intercept ${formatNumber(c.intercept.estimate, 3)} (log-odds): the scan ${c.intercept.estimate > 0 ? 'under' : 'over'}estimates the risk on average`,
      );
    const [olo, ohi] = t.observedExpectedRange;
    if (c.observedExpectedRatio < olo || c.observedExpectedRatio > ohi)
      add(
        'observedExpectedRange',
        `observed/expected (${y.label})`,
        c.observedExpectedRatio,
        `[${olo}, ${ohi}]`,
        `${y.label}: observed/expected cases ${c.observedExpectedRatio.toFixed(3)} outside [${olo}, ${ohi}]`,
      );
    if (c.hosmerLemeshow.pValue < t.hosmerLemeshowPMin)
      add(
        'hosmerLemeshowPMin',
        `Hosmer–Lemeshow p (${y.label})`,
        c.hosmerLemeshow.pValue,
        `≥ ${t.hosmerLemeshowPMin}`,
        `${y.label}: Hosmer–Lemeshow Ĉ = ${c.hosmerLemeshow.statistic.toFixed(1)} on ${c.hosmerLemeshow.df} df, p = ${c.hosmerLemeshow.pValue.toPrecision(2)}: predicted and observed rates differ across deciles`,
      );
  }
  for (const f of r.drift.features) {
    if (f.psi > t.psiFeatureMax)
      add(
        'psiFeatureMax',
        `PSI of ${f.variable}`,
        f.psi,
        `≤ ${t.psiFeatureMax}`,
        `feature ${f.variable} shifted: PSI ${f.psi.toFixed(3)} (${f.level})`,
      );
  }
  if (r.drift.score.psi > t.psiScoreMax)
    add(
      'psiScoreMax',
      'PSI of the score',
      r.drift.score.psi,
      `≤ ${t.psiScoreMax}`,
      `the score distribution shifted: PSI ${r.drift.score.psi.toFixed(3)} (${r.drift.score.level})`,
    );
  if (-r.drift.capture10.estimate > t.captureDropMax)
    add(
      'captureDropMax',
      'change in capture in the top 10 %',
      r.drift.capture10.estimate,
      `≥ −${formatPp(t.captureDropMax)}`,
      `capture in the top 10 % fell by ${formatPp(-r.drift.capture10.estimate)} (p = ${r.drift.capture10.pValue.toPrecision(2)})`,
    );
  if (-r.drift.auc.estimate > t.aucDropMax)
    add(
      'aucDropMax',
      'change in AUC',
      r.drift.auc.estimate,
      `≥ −${t.aucDropMax}`,
      `AUC fell by ${(-r.drift.auc.estimate).toFixed(3)} (p = ${r.drift.auc.pValue.toPrecision(2)})`,
    );
  for (const s of r.subgroups) {
    for (const row of s.rows) {
      if (row.cases < t.subgroupMinCases) continue;
      const where = `${s.variable} = ${row.group}`;
      if (
        row.captureDifference &&
        Math.abs(row.captureDifference.estimate) > t.subgroupCaptureGapMax
      )
        add(
          'subgroupCaptureGapMax',
          `capture gap, ${where}`,
          row.captureDifference.estimate,
          `|gap| ≤ ${formatPp(t.subgroupCaptureGapMax)}`,
          `${where}: capture ${pct(row.capture!)} vs ${pct(s.rows.find((x) => x.group === s.reference)!.capture!)} for ${s.reference} (${formatPp(row.captureDifference.estimate)}, p = ${row.captureDifference.pValue.toPrecision(2)})`,
        );
      if (row.aucDifference && Math.abs(row.aucDifference.estimate) > t.subgroupAucGapMax)
        add(
          'subgroupAucGapMax',
          `AUC gap, ${where}`,
          row.aucDifference.estimate,
          `|gap| ≤ ${t.subgroupAucGapMax}`,
          `${where}: AUC ${row.auc!.estimate.toFixed(3)}, ${row.aucDifference.estimate > 0 ? '+' : '−'}${Math.abs(row.aucDifference.estimate).toFixed(3)} vs ${s.reference} (p = ${row.aucDifference.pValue.toPrecision(2)})`,
        );
      const [lo, hi] = t.subgroupObservedExpectedRange;
      if (row.observedExpectedRatio < lo || row.observedExpectedRatio > hi)
        add(
          'subgroupObservedExpectedRange',
          `observed/expected, ${where}`,
          row.observedExpectedRatio,
          `[${lo}, ${hi}]`,
          `${where}: observed/expected ${row.observedExpectedRatio.toFixed(2)} (${row.cases} cases, ${row.meanPredicted < row.observedRate ? 'risk underestimated' : 'risk overestimated'})`,
        );
    }
  }
  return out;
}

/** The methods section: one statement per topic (also in the JSON). */
export function reviewMethods(
  config: ReviewConfig,
  scoring: string,
): { topic: string; text: string }[] {
  return [
    { topic: 'Scores', text: scoring },
    {
      topic: 'Deciles and capture',
      text: 'Clients are ranked by score, highest first. Capture in the top q = share of all cases among the first q·n clients (ties at the boundary spread evenly: the expected capture under random tie-breaking). The gains table cuts the ranking into tenths the same way; lift = capture / q. Risk deciles of individual clients: 1 + ⌊10·r/n⌋, r = number of clients with a strictly higher score (tied clients share a decile).',
    },
    {
      topic: 'Discrimination',
      text: `AUC (Mann–Whitney, ties count ½) with DeLong, DeLong & Clarke-Pearson (1988) variance; ${Math.round(config.level * 100)} % Wald interval. Capture has a binomial SE over the year's cases, treating the selection as fixed.`,
    },
    {
      topic: 'Calibration',
      text: 'Observed versus mean predicted per risk decile. Calibration intercept a from logit P(y = 1) = a + logit p (slope fixed at 1; 0 is ideal); calibration slope b from logit P(y = 1) = a′ + b·logit p (1 is ideal; below 1: predictions too extreme). Brier score = mean (p − y)², scaled against the observed rate. Hosmer–Lemeshow (1980) Ĉ over the ten risk deciles, χ² with 8 df (at these sample sizes it detects small misfit; read it with the decile table).',
    },
    {
      topic: 'Drift',
      text: "Population stability index PSI = Σ (a − e)·ln(a/e) over bins of the previous year (e) and the current year (a): categories of string features, distinct values of numeric features with at most 10 of them, otherwise the previous year's deciles; an empty bin counts as half a client. < 0.10 stable, 0.10–0.25 moderate, > 0.25 large. Changes in capture: difference of two independent proportions (unpooled SE, z test); in AUC: unpaired DeLong test; in the observed rate: two-proportion z test.",
    },
    {
      topic: 'Subgroups',
      text: `For each level of ${config.subgroups.join(', ')} (current year): the share of the group's cases in the national top 10 % (capture, binomial SE), the share of the group selected, AUC within the group (DeLong), observed/expected cases and the calibration intercept within the group. Each level is compared with a reference (the largest group unless configured) by z tests for independent groups. Subgroups with fewer than ${config.thresholds.subgroupMinCases} cases are reported but not flagged.`,
    },
    {
      topic: 'Weekly re-scoring',
      text: "The scan is re-run every week: months left until WW ends fall by 12/52 per week (scoring stops when WW ends), so a client's score rises as the end nears. Each client of the current year is re-scored for the configured number of weeks with the other features fixed, against the previous year's top-decile threshold; reported: clients in the top decile per week and the week they first enter it.",
    },
    {
      topic: 'Flags',
      text: 'A number is flagged when its point estimate lies outside the configured threshold (see the config); p-values are shown so that a flag driven by noise can be recognised.',
    },
  ];
}

/**
 * The yearly review of the risk scan on two years of data. Scores: `config.scoreColumn` when set
 * (external scores), else `config.coefficients` when set, else a logistic scan fitted on the
 * previous year and applied to both (the current year is then an out-of-time validation).
 *
 * @example
 * const review = scanReview({ current: t2024, previous: t2023 });
 * review.current.capture10; review.flags;
 */
export function scanReview(input: ScanReviewInput): ScanReview {
  const config = resolveReviewConfig(input.config ?? {});
  const current = asTable(input.current);
  const previous = asTable(input.previous);
  checkReviewInputs(current, previous, config);
  const curLabel = config.currentLabel ?? labelFrom(input.currentName, 'current');
  let prevLabel = config.previousLabel ?? labelFrom(input.previousName, 'previous');
  if (prevLabel === curLabel) prevLabel = `${prevLabel} (previous)`;
  const yCur = outcomeColumn(current, config.outcome);
  const yPrev = outcomeColumn(previous, config.outcome);
  let model: ScanModel | null = null;
  let coefficients: readonly Coefficient[] | null = null;
  let scoring: string;
  let sCur: Float64Array;
  let sPrev: Float64Array;
  const warnings: string[] = [];
  if (config.scoreColumn !== null) {
    const col = config.scoreColumn;
    requireColumns(current, [col], 'the review (score column)');
    requireColumns(previous, [col], 'the review (score column)');
    sCur = numberColumn(current, col, { min: 0, max: 1 });
    sPrev = numberColumn(previous, col, { min: 0, max: 1 });
    scoring = `external scores from column '${col}' (probabilities), used as given in both years`;
  } else {
    if (config.coefficients !== null) {
      model = scanModelFromCoefficients(config.coefficients, { outcome: config.outcome });
      scoring = `the scan in use, from the coefficients in the config (${model.terms.length} terms), applied to both years`;
    } else {
      const fit = fitScan(previous, {
        numeric: config.numericFeatures,
        factors: config.factorFeatures,
        outcome: config.outcome,
      });
      model = fit.model;
      coefficients = fit.coefficients;
      warnings.push(...fit.warnings);
      scoring = `a logistic regression (IRLS, as R's glm binomial) of '${config.outcome}' on ${[...config.numericFeatures, ...config.factorFeatures].join(', ')} (numeric linear, factors dummy-coded), fitted on ${prevLabel} (${fit.n.toLocaleString('en-US')} clients, ${fit.cases.toLocaleString('en-US')} cases) and applied unchanged to ${curLabel}: ${prevLabel} figures are in-sample, ${curLabel} figures an out-of-time validation`;
    }
    sPrev = scoreClients(model, previous);
    sCur = scoreClients(model, current);
  }
  const curM = yearMetrics(curLabel, sCur, yCur, config);
  const prevM = yearMetrics(prevLabel, sPrev, yPrev, config);
  const features = model
    ? [...model.numeric, ...model.factors.map((f) => f.feature)]
    : [...config.numericFeatures, ...config.factorFeatures].filter(
        (f) => current.columnNames().includes(f) && previous.columnNames().includes(f),
      );
  const casesOf = (m: YearMetrics) => ({ successes: m.cases, n: m.n });
  const top = (m: YearMetrics, fraction: number, capture: number) => ({
    fraction,
    selected: fraction * m.n,
    casesCaptured: capture * m.cases,
    cases: m.cases,
    capture,
    stdError: Math.sqrt((capture * (1 - capture)) / m.cases),
    lift: capture / fraction,
  });
  const drift = {
    features: featureStability(previous, current, features),
    score: psiNumeric(sPrev, sCur, 'score'),
    capture10: captureChange(top(curM, 0.1, curM.capture10), top(prevM, 0.1, prevM.capture10), {
      level: config.level,
    }),
    capture20: captureChange(top(curM, 0.2, curM.capture20), top(prevM, 0.2, prevM.capture20), {
      level: config.level,
    }),
    auc: aucChange(curM.auc, prevM.auc, { level: config.level }),
    observedRate: diffInProportions(casesOf(curM), casesOf(prevM), { level: config.level }),
  };
  const subgroupColumns = config.subgroups;
  const subgroups =
    subgroupColumns.length === 0
      ? []
      : subgroupChecks(current, sCur, {
          columns: subgroupColumns,
          outcome: config.outcome,
          references: config.subgroupReferences,
          level: config.level,
        });
  let weekly: ScanReview['weekly'] = null;
  if (config.weeklyWeeks > 0 && model !== null && model.numeric.includes('ww_months_left')) {
    const w = weeklyRescore(model, current, {
      weeks: config.weeklyWeeks,
      threshold: prevM.topDecileThreshold,
    });
    weekly = {
      weeks: w.weeks,
      threshold: w.threshold,
      atStart: w.atStart,
      ever: w.ever,
      perWeek: w.perWeek,
      method: w.method,
    };
  } else if (config.weeklyWeeks > 0) {
    warnings.push(
      'weekly re-scoring skipped: it needs a scan model with the feature ww_months_left (not external scores)',
    );
  }
  const partial = {
    config,
    scoring,
    model,
    coefficients,
    current: curM,
    previous: prevM,
    drift,
    subgroups,
    weekly,
    warnings,
  };
  const data: ScanReviewData = {
    title: `Yearly review of the risk scan (Maatwerkscan): ${curLabel} against ${prevLabel}`,
    ...partial,
    flags: flags(partial),
    methods: reviewMethods(config, scoring),
  };
  return withDisplay({ ...data, toMarkdown: () => scanReviewMarkdown(data) }, (r) =>
    scanReviewDocument(r),
  );
}

/** Throws when two tables cannot be reviewed against each other (for messages up front). */
export function checkReviewInputs(
  current: TableInput,
  previous: TableInput,
  config: ReviewConfig,
): void {
  for (const [name, t] of [
    ['current', current],
    ['previous', previous],
  ] as const) {
    const table = asTable(t);
    if (table.numRows() === 0)
      throw new InputError(`${name} year: the file has no rows`, { code: 'empty' });
    const needed =
      config.scoreColumn !== null
        ? [config.outcome, config.scoreColumn]
        : [config.outcome, ...config.numericFeatures, ...config.factorFeatures];
    requireColumns(table, needed, `the review (${name} year)`);
  }
}
