/**
 * The yearly model review of the risk scan: one call on two years of data gives every number of
 * the review (discrimination, capture and gains, calibration, drift, subgroups, weekly
 * re-scoring), the methods, and the flags for numbers outside the configured thresholds.
 * The review writes itself from one document (`review-document.ts`): `toMarkdown()`, `toHTML()`
 * and its notebook display; the HTML page with charts is in `src/report/scan-review-html.ts`;
 * `effectmeting review` writes the page, the Markdown and a JSON file.
 */
import type { ColumnTable } from 'arquero';
import {
  asTable,
  numberColumn,
  requireColumns,
  stringColumn,
  type TableInput,
} from '../data/columns.js';
import { type DocumentConvertible, type HtmlConvertible, withDisplay } from '../display.js';
import { InputError } from '../errors.js';
import type { Coefficient } from '../estimate/inference.js';
import { formatGeneral } from '../format.js';
import { type Language, parseLanguage } from '../language.js';
import { normalQuantile } from '../stats/distributions.js';
import type { Estimate } from '../stats/estimate.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { proportionInterval } from '../stats/proportion-interval.js';
import { type DiffInProportionsResult, diffInProportions } from '../stats/proportions.js';
import { type AucResult, type AucTestResult, aucOfOrder, aucPairedTestOfOrders } from './auc.js';
import { type CalibrationResult, calibrationOfOrder } from './calibration.js';
import {
  DEFAULT_REVIEW_CONFIG,
  type ReviewConfig,
  type ReviewConfigInput,
  resolveReviewConfig,
} from './config.js';
import { aucChange, captureChange, featureStability, type PsiResult, psiNumeric } from './drift.js';
import { type FairnessResult, fairnessMetricsOfOrder } from './fairness.js';
import { type Capture, type GainsRow, gainsTableOfOrder } from './gains.js';
import {
  fitScan,
  outcomeColumn,
  type ScanModel,
  type SeparationReport,
  scanModelFromCoefficients,
  scoreClients,
} from './model.js';
import { type ReviewFlag, reviewFlags, reviewVerdict, type VerdictRow } from './review-checks.js';
import { scanReviewDocument, scanReviewMarkdown } from './review-document.js';
import { type SubgroupResult, subgroupChecksOfOrder } from './subgroups.js';
import { orderDescending } from './util.js';
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
  /** Capture in the top 10 % and 20 % with Wilson intervals over the cases. */
  readonly top10: Capture;
  readonly top20: Capture;
  /** Wilson interval of the observed rate. */
  readonly observedRateCi: readonly [number, number];
  /** O/E × exp(±z/√O): the observed count as Poisson, the expected count fixed. */
  readonly observedExpectedCi: readonly [number, number];
  /** mean (p − y)² ± z·sd/√n. */
  readonly brierCi: readonly [number, number];
  readonly gains: readonly GainsRow[];
  readonly auc: AucResult;
  readonly calibration: Omit<CalibrationResult, 'method'>;
  /**
   * How the year's scores relate to its outcomes: `in-sample` (the scan was fitted on this year:
   * its calibration is perfect by construction), `out-of-sample` (fitted on another year) or
   * `external` (coefficients or scores from elsewhere).
   */
  readonly sample: 'in-sample' | 'out-of-sample' | 'external';
}

/** The clients the review evaluates on, and why. */
export interface EvaluationSample {
  readonly serviceColumn: string | null;
  readonly untreatedValues: readonly string[];
  /** Clients kept and left out (received the service) per year. */
  readonly current: { readonly kept: number; readonly excluded: number };
  readonly previous: { readonly kept: number; readonly excluded: number };
  /** One sentence for the report. */
  readonly statement: string;
}

/** The scan refitted on the current year, next to the scan under review. */
export interface RefitComparison {
  /** The refit's metrics on the current year (in-sample: optimistic). */
  readonly metrics: YearMetrics;
  /** Paired DeLong test on the current year's clients: refit − the scan under review. */
  readonly comparison: AucTestResult;
  readonly separation: SeparationReport;
  readonly coefficients: readonly Coefficient[];
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
  /** Fairness of the selection (national top 10 %) per group, current year. */
  readonly fairness: readonly FairnessResult[];
  /** Which clients were evaluated (the service changes the outcome of those it reaches). */
  readonly evaluation: EvaluationSample;
  /** Separated or rare levels in the fit on the previous year (null when nothing was fitted). */
  readonly separation: SeparationReport | null;
  /** The scan refitted on the current year (null with external scores or `refit: false`). */
  readonly refit: RefitComparison | null;
  /** The data are synthetic (the report says so on every page and chart). */
  readonly synthetic: boolean;
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
  /** The verdict table: each check, its figure with interval, threshold and status. */
  readonly verdict: readonly VerdictRow[];
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
  /**
   * Called before each of the review's long steps (`SCAN_REVIEW_STEPS` of them) with its label (the
   * CLI's progress bar); default none.
   */
  readonly onStep?: (label: string) => void;
  /**
   * Language of the result's `toMarkdown()`, `toHTML()` and display (default `en`), as
   * `scanReviewDocument`'s `lang`; the review's data (and its JSON) are the same in both.
   */
  readonly lang?: Language;
}

/** The number of times `scanReview` calls `onStep`. */
export const SCAN_REVIEW_STEPS = 5;

function labelFrom(name: string | undefined, fallback: string): string {
  const m = name === undefined ? null : /(19|20)\d{2}/.exec(name);
  return m ? m[0] : fallback;
}

/**
 * The metrics of one year from one ranking: `order` = `orderDescending(scores)`, shared by the
 * gains, the AUC's placements, the calibration deciles and the top-decile threshold.
 */
function yearMetrics(
  label: string,
  scores: Float64Array,
  y: Uint8Array,
  config: ReviewConfig,
  sample: YearMetrics['sample'],
  order: Uint32Array,
): YearMetrics {
  const level = config.level;
  const g = gainsTableOfOrder(scores, y, order, 10, { level });
  const a = aucOfOrder(scores, y, order, { level });
  const { method: _m, ...cal } = calibrationOfOrder(scores, y, order, { level });
  const z = normalQuantile(0.5 + level / 2);
  let b1 = 0;
  let b2 = 0;
  for (let i = 0; i < y.length; i++) {
    const e = (scores[i]! - y[i]!) ** 2;
    b1 += e;
    b2 += e * e;
  }
  const bn = y.length;
  const brierSe = Math.sqrt(Math.max(0, b2 / bn - (b1 / bn) ** 2) / (bn - 1));
  const oe = cal.observedExpectedRatio;
  const oeHalf = z / Math.sqrt(cal.observed);
  const n = scores.length;
  // The lowest score of the top 10 %: ascending position n − ⌈0.1n⌉, descending ⌈0.1n⌉ − 1.
  const topDecileThreshold = scores[order[Math.ceil(0.1 * n) - 1]!]!;
  let below = 0;
  for (let i = 0; i < n; i++) if (scores[i]! < config.riskCutoff) below++;
  return {
    label,
    n,
    cases: g.cases,
    observedRate: g.rate,
    meanPredicted: cal.meanPredicted,
    topDecileThreshold,
    shareBelowCutoff: below / n,
    riskCutoff: config.riskCutoff,
    capture10: g.capture10,
    capture20: g.capture20,
    top10: g.top10,
    top20: g.top20,
    observedRateCi: proportionInterval(g.cases, n, level, 'wilson'),
    observedExpectedCi: [oe * Math.exp(-oeHalf), oe * Math.exp(oeHalf)],
    brierCi: [cal.brier - z * brierSe, cal.brier + z * brierSe],
    gains: g.rows,
    auc: a,
    calibration: cal,
    sample,
  };
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
      text: `AUC (Mann–Whitney, ties count ½, direction: cases score higher) with DeLong, DeLong & Clarke-Pearson (1988) variance; ${Math.round(config.level * 100)} % Wald interval. Capture: Wilson interval on the share of the year's cases captured, conditional on the selection threshold (its own sampling variation is not included). The refit on the current year is compared with the scan under review on the same clients by the paired DeLong test (z); two years by the unpaired DeLong test with pROC's t reference on Welch–Satterthwaite df. Observed rate: Wilson interval; O/E: O/E·exp(±z/√O) (observed count Poisson); Brier: mean ± z·sd/√n.`,
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
      topic: 'Fairness',
      text: `For each level of ${config.subgroups.join(', ')} where present (current year), for the selection "national top 10 %": selection rate (demographic parity), true-positive rate = share of the group's cases selected (equal opportunity), positive predictive value = share of the group's selected who are cases (predictive parity) and false-positive rate = share of the group's non-cases selected, each with a Wilson interval and its ratio to the overall value (delta-method interval on the log ratio); a ratio outside [${config.thresholds.fairnessRatioRange.join(', ')}] is flagged, tested as the group against all other clients (z test).`,
    },
    {
      topic: 'Evaluation sample',
      text:
        config.serviceColumn === null
          ? 'All clients (no service column configured): clients the scan selected may have been helped, which lowers their outcome; where the data have a control arm or a participation column, set serviceColumn so the scan is fitted and judged on clients who did not receive the service.'
          : `Only clients with '${config.serviceColumn}' = ${config.untreatedValues.join(' or ')} (no service) are fitted and evaluated: the service changes the outcome of the clients it reaches.`,
    },
    {
      topic: 'Separation',
      text: `A factor level with no cases or only cases (quasi-complete separation: no finite maximum-likelihood coefficient) or fewer than ${config.rareLevelMinCases} of either (rare) is named; ${config.separation === 'firth' ? "the model is then fitted with Firth's penalised likelihood (Firth 1993; Heinze & Schemper 2002), which keeps every coefficient finite" : config.separation === 'pool' ? "such levels are pooled with their factor's reference level (scored as it)" : 'the maximum-likelihood fit is kept (separation: none)'}.`,
    },
    {
      topic: 'Weekly re-scoring',
      text: "The scan is re-run every week: months left until WW ends fall by 12/52 per week (scoring stops when WW ends), so a client's score rises as the end nears. Each client of the current year is re-scored for the configured number of weeks with the other features fixed, against the previous year's top-decile threshold; reported: clients in the top decile per week and the week they first enter it.",
    },
    {
      topic: 'Flags',
      text: `A number is flagged when its point estimate lies outside the configured threshold (see the config). Status: fail when the whole interval lies past the threshold, attention when only the point estimate does; Hosmer–Lemeshow is attention at most. Subgroup and fairness flags are tested (p-values of their comparisons), Holm-adjusted across all of them: fail when the adjusted p is below ${config.thresholds.findingAlpha} (a finding), attention otherwise — so many flags do not read as many findings. The previous year's calibration is not judged when the scan was fitted on it (in-sample).`,
    },
  ];
}

/** Rows of `table` whose `column` is one of `values` (the clients without the service). */
function untreatedRows(
  table: ColumnTable,
  column: string,
  values: readonly string[],
  name: string,
): { kept: ColumnTable; excluded: number } {
  requireColumns(table, [column], `the review (${name} year, service column)`);
  const v = stringColumn(table, column, { missing: 'error' });
  const keep = new Set(values);
  const idx: number[] = [];
  for (let i = 0; i < v.length; i++) if (keep.has(v[i]!)) idx.push(i);
  if (idx.length === 0) {
    throw new InputError(
      `column '${column}' (${name} year): no client has ${values.map((x) => `'${x}'`).join(' or ')}; the review evaluates on clients without the service (untreatedValues in the config; values found: ${[...new Set(v)].slice(0, 8).join(', ')})`,
      { code: 'unknown-level', column, value: values.join(', ') },
    );
  }
  const kept = asTable(idx.map((i) => table.object(i) as Record<string, unknown>));
  return { kept, excluded: v.length - idx.length };
}

const SCAN_REVIEW_KEYS: AllKeys<ScanReviewInput> = {
  current: true,
  previous: true,
  config: true,
  currentName: true,
  previousName: true,
  onStep: true,
  lang: true,
};

/**
 * The yearly review of the risk scan on two years of data. Scores: `config.scoreColumn` when set
 * (external scores), else `config.coefficients` when set, else a logistic scan fitted on the
 * previous year and applied to both (the current year is then an out-of-time validation; the
 * previous year's calibration is in-sample and perfect by construction, so it is not judged).
 * With a fitted model, the scan is also refitted on the current year and compared with it on
 * the same clients (paired DeLong). With `serviceColumn`, only clients who did not receive the
 * service are fitted and evaluated, since the service changes the outcome it is judged on.
 *
 * @example
 * const review = scanReview({ current: t2024, previous: t2023 });
 * review.verdict; review.current.top10.ci; review.flags;
 */
export function scanReview(input: ScanReviewInput): ScanReview {
  rejectUnknownKeys(input, SCAN_REVIEW_KEYS, 'scanReview');
  const lang = parseLanguage(input.lang, 'scanReview: lang');
  const config = resolveReviewConfig(input.config ?? {});
  let current = asTable(input.current);
  let previous = asTable(input.previous);
  checkReviewInputs(current, previous, config);
  const curLabel = config.currentLabel ?? labelFrom(input.currentName, 'current');
  let prevLabel = config.previousLabel ?? labelFrom(input.previousName, 'previous');
  if (prevLabel === curLabel) prevLabel = `${prevLabel} (previous)`;
  const warnings: string[] = [];
  let evaluation: EvaluationSample;
  if (config.serviceColumn !== null) {
    const col = config.serviceColumn;
    const c = untreatedRows(current, col, config.untreatedValues, 'current');
    const p = untreatedRows(previous, col, config.untreatedValues, 'previous');
    current = c.kept;
    previous = p.kept;
    evaluation = {
      serviceColumn: col,
      untreatedValues: config.untreatedValues,
      current: { kept: current.numRows(), excluded: c.excluded },
      previous: { kept: previous.numRows(), excluded: p.excluded },
      statement: `The service the scan selects for changes the outcome of the clients it reaches, so the scan is fitted and evaluated only on clients without it ('${col}' = ${config.untreatedValues.join(' or ')}): ${formatGeneral(current.numRows())} of ${formatGeneral(current.numRows() + c.excluded)} clients in ${curLabel} and ${formatGeneral(previous.numRows())} of ${formatGeneral(previous.numRows() + p.excluded)} in ${prevLabel}; ${formatGeneral(c.excluded + p.excluded)} clients who received it are left out.`,
    };
  } else {
    evaluation = {
      serviceColumn: null,
      untreatedValues: config.untreatedValues,
      current: { kept: current.numRows(), excluded: 0 },
      previous: { kept: previous.numRows(), excluded: 0 },
      statement: `Every client is evaluated: the data name no service or control arm (serviceColumn in the config). Clients the scan selected may have been invited and helped, which lowers their observed outcome; capture and calibration then understate how well the scan finds clients who would have flowed into bijstand without help.`,
    };
  }
  const yCur = outcomeColumn(current, config.outcome);
  const yPrev = outcomeColumn(previous, config.outcome);
  let model: ScanModel | null = null;
  let coefficients: readonly Coefficient[] | null = null;
  let separation: SeparationReport | null = null;
  let scoring: string;
  let sCur: Float64Array;
  let sPrev: Float64Array;
  let prevSample: YearMetrics['sample'] = 'external';
  const spec = {
    numeric: config.numericFeatures,
    factors: config.factorFeatures,
    outcome: config.outcome,
    separation: config.separation,
    rareLevelMinCases: config.rareLevelMinCases,
  };
  if (config.scoreColumn !== null) {
    const col = config.scoreColumn;
    requireColumns(current, [col], 'the review (score column)');
    requireColumns(previous, [col], 'the review (score column)');
    sCur = numberColumn(current, col, { min: 0, max: 1 });
    sPrev = numberColumn(previous, col, { min: 0, max: 1 });
    scoring = `external scores from column '${col}' (probabilities), used as given in both years`;
  } else {
    input.onStep?.('fitting the scan');
    if (config.coefficients !== null) {
      model = scanModelFromCoefficients(config.coefficients, { outcome: config.outcome });
      scoring = `the scan in use, from the coefficients in the config (${model.terms.length} terms), applied to both years`;
    } else {
      const fit = fitScan(previous, spec);
      model = fit.model;
      coefficients = fit.coefficients;
      separation = fit.separation;
      prevSample = 'in-sample';
      warnings.push(...fit.warnings);
      scoring = `${fit.separation.fit === 'ml' ? "a logistic regression (IRLS, as R's glm binomial)" : fit.model.source.split(' fitted on')[0]} of '${config.outcome}' on ${[...config.numericFeatures, ...config.factorFeatures].join(', ')} (numeric linear, factors dummy-coded), fitted on ${prevLabel} (${fit.n.toLocaleString('en-US')} clients, ${fit.cases.toLocaleString('en-US')} cases) and applied unchanged to ${curLabel}: ${prevLabel} figures are in-sample (calibration perfect by construction, not judged), ${curLabel} figures an out-of-sample validation`;
    }
    sPrev = scoreClients(model, previous);
    sCur = scoreClients(model, current);
  }
  if (config.scoreColumn !== null) input.onStep?.('reading the scores');
  input.onStep?.('discrimination and calibration');
  // One ranking per score vector, shared by every metric of it (gains, AUC, calibration,
  // threshold, subgroups, fairness, the paired test).
  const orderCur = orderDescending(sCur);
  const orderPrev = orderDescending(sPrev);
  const curM = yearMetrics(
    curLabel,
    sCur,
    yCur,
    config,
    prevSample === 'in-sample' ? 'out-of-sample' : 'external',
    orderCur,
  );
  const prevM = yearMetrics(prevLabel, sPrev, yPrev, config, prevSample, orderPrev);
  let refit: RefitComparison | null = null;
  input.onStep?.('refit on the current year');
  if (config.refit && config.scoreColumn === null) {
    const fit = fitScan(current, spec);
    const orderRefit = orderDescending(fit.fitted);
    const metrics = yearMetrics(
      `${curLabel} refit`,
      fit.fitted,
      yCur,
      config,
      'in-sample',
      orderRefit,
    );
    refit = {
      metrics,
      comparison: aucPairedTestOfOrders(fit.fitted, sCur, yCur, [orderRefit, orderCur], {
        level: config.level,
      }),
      separation: fit.separation,
      coefficients: fit.coefficients,
    };
  }
  const features = model
    ? [...model.numeric, ...model.factors.map((f) => f.feature)]
    : [...config.numericFeatures, ...config.factorFeatures].filter(
        (f) => current.columnNames().includes(f) && previous.columnNames().includes(f),
      );
  const casesOf = (m: YearMetrics) => ({ successes: m.cases, n: m.n });
  input.onStep?.('drift and subgroups');
  const drift = {
    features: featureStability(previous, current, features),
    score: psiNumeric(sPrev, sCur, 'score'),
    capture10: captureChange(curM.top10, prevM.top10, { level: config.level }),
    capture20: captureChange(curM.top20, prevM.top20, { level: config.level }),
    auc: aucChange(curM.auc, prevM.auc, { level: config.level }),
    observedRate: diffInProportions(casesOf(curM), casesOf(prevM), { level: config.level }),
  };
  // The standard grouping columns are used where present; a configured other column is required.
  const optional = new Set(DEFAULT_REVIEW_CONFIG.subgroups);
  const names = current.columnNames();
  const groupings = config.subgroups.filter((c) => names.includes(c) || !optional.has(c));
  const absent = config.subgroups.filter((c) => !groupings.includes(c));
  if (absent.length > 0) {
    warnings.push(
      `subgroup and fairness checks by ${absent.join(', ')} skipped: no such column in the ${curLabel} data`,
    );
  }
  const subgroups =
    groupings.length === 0
      ? []
      : subgroupChecksOfOrder(current, sCur, orderCur, {
          columns: groupings,
          outcome: config.outcome,
          references: config.subgroupReferences,
          level: config.level,
        });
  const fairness = groupings.map((c) =>
    fairnessMetricsOfOrder(sCur, yCur, stringColumn(current, c), orderCur, {
      variable: c,
      level: config.level,
    }),
  );
  let weekly: ScanReview['weekly'] = null;
  input.onStep?.('weekly re-scoring');
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
    fairness,
    evaluation,
    separation,
    refit,
    synthetic: config.synthetic,
    weekly,
    warnings,
  };
  const flags = reviewFlags(partial);
  const data: ScanReviewData = {
    title: `Yearly review of the risk scan (Maatwerkscan): ${curLabel} against ${prevLabel}`,
    ...partial,
    flags,
    verdict: reviewVerdict(partial, flags),
    methods: reviewMethods(config, scoring),
  };
  return withDisplay(
    { ...data, toMarkdown: () => scanReviewMarkdown(data, {}, { lang }) },
    (r) => scanReviewDocument(r, { lang }),
    lang,
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
