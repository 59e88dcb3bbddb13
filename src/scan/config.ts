/**
 * The review's configuration: which columns, which model, and the thresholds outside which a
 * number is flagged. Read with the one spec reader (`src/data/spec-reader.ts`), like the
 * analysis plan. Every key is optional in a config file; missing keys take the defaults of
 * {@link DEFAULT_REVIEW_CONFIG} (documented in docs/scan-review.md and
 * examples/review-config.json).
 */
import { SpecError, SpecReader, show } from '../data/spec-reader.js';
import { SCAN_FEATURES, type SeparationAction } from './model.js';

/** Thresholds; a number outside them is flagged in the review. Fractions, not percentages. */
export interface ReviewThresholds {
  /** Flag capture in the top 10 % below this (default 0.55). */
  readonly captureTop10Min: number;
  /** Flag capture in the top 20 % below this (default 0.70). */
  readonly captureTop20Min: number;
  /** Flag an AUC below this (default 0.80). */
  readonly aucMin: number;
  /** Flag a calibration slope outside [lo, hi] (default [0.8, 1.2]). */
  readonly calibrationSlopeRange: readonly [number, number];
  /** Flag |calibration intercept| above this (log-odds; default 0.2). */
  readonly calibrationInterceptMaxAbs: number;
  /** Flag observed/expected cases outside [lo, hi] (default [0.9, 1.1]). */
  readonly observedExpectedRange: readonly [number, number];
  /** Flag a Hosmer–Lemeshow p-value below this (default 0.05). */
  readonly hosmerLemeshowPMin: number;
  /** Flag a feature whose PSI exceeds this (default 0.10). */
  readonly psiFeatureMax: number;
  /** Flag a score PSI above this (default 0.10). */
  readonly psiScoreMax: number;
  /** Flag a fall in capture (top 10 %) versus the previous year larger than this (default 0.05). */
  readonly captureDropMax: number;
  /** Flag a fall in AUC versus the previous year larger than this (default 0.03). */
  readonly aucDropMax: number;
  /** Flag a subgroup whose capture differs from the reference by more than this (default 0.10). */
  readonly subgroupCaptureGapMax: number;
  /** Flag a subgroup whose AUC differs from the reference by more than this (default 0.05). */
  readonly subgroupAucGapMax: number;
  /** Flag a subgroup with observed/expected outside [lo, hi] (default [0.8, 1.25]). */
  readonly subgroupObservedExpectedRange: readonly [number, number];
  /** Subgroups with fewer cases than this are reported but never flagged (default 50). */
  readonly subgroupMinCases: number;
  /**
   * Flag a group whose selection rate, true-positive rate, positive predictive value or
   * false-positive rate is outside [lo, hi] times the overall value (default [0.8, 1.25]: the
   * four-fifths rule and its inverse).
   */
  readonly fairnessRatioRange: readonly [number, number];
  /**
   * A subgroup or fairness flag counts as a finding when its Holm-adjusted p-value (across all
   * subgroup and fairness flags) is below this (default 0.05); otherwise it is "attention".
   */
  readonly findingAlpha: number;
}

/** The review configuration. */
export interface ReviewConfig {
  /** 0/1 outcome column (default `bijstand`). */
  readonly outcome: string;
  /** Numeric scan features (default the seven numeric Maatwerkscan features). */
  readonly numericFeatures: readonly string[];
  /** Categorical scan features (default `household`, `municipality`). */
  readonly factorFeatures: readonly string[];
  /**
   * Column holding scores produced elsewhere (probabilities); when set, no model is fitted and
   * both years are evaluated on this column. Default null.
   */
  readonly scoreColumn: string | null;
  /**
   * Coefficients of the scan in use (`{"(Intercept)": …, "ww_benefit": …, "municipality[Rotterdam]": …}`);
   * when set (and no `scoreColumn`), both years are scored with them. Default null: the scan is
   * fitted on the previous year.
   */
  readonly coefficients: Readonly<Record<string, number>> | null;
  /**
   * Grouping columns for the subgroup and fairness checks (default gender, age_band,
   * municipality, migration_background; a default column absent from the data is skipped with a
   * warning, a configured one is required).
   */
  readonly subgroups: readonly string[];
  /**
   * Column saying whether a client received the service the scan selects for (an arm or
   * participation column); when set, the review fits and evaluates on the clients whose value is
   * in `untreatedValues` only, since the service changes the outcome of those it reaches.
   * Default null: all clients (the report says the outcome may be affected).
   */
  readonly serviceColumn: string | null;
  /** Values of `serviceColumn` of clients who did not receive the service (default ["control"]). */
  readonly untreatedValues: readonly string[];
  /** Separated or rare factor levels in a fit: `firth` (default), `pool` or `none` (see `fitScan`). */
  readonly separation: SeparationAction;
  /** A factor level with fewer cases (or non-cases) than this is rare (default 5). */
  readonly rareLevelMinCases: number;
  /**
   * Also refit the scan on the current year and compare it with the previous year's model on the
   * same clients (paired DeLong); default true (only with a fitted model, not external scores).
   */
  readonly refit: boolean;
  /** The data are synthetic: every page and chart says so (default false; the CLI sets it for the shipped files). */
  readonly synthetic: boolean;
  /** Reference level per grouping column (default: its largest group). */
  readonly subgroupReferences: Readonly<Record<string, string>>;
  /** Confidence level of every interval (default 0.95). */
  readonly level: number;
  /** Probability whose population share is reported, as in "90 % are below 7 %" (default 0.07). */
  readonly riskCutoff: number;
  /** Weeks of weekly re-scoring (default 52; 0 turns it off). */
  readonly weeklyWeeks: number;
  /** Labels of the two years (default: the first 4-digit year in each file name, else current/previous). */
  readonly currentLabel: string | null;
  readonly previousLabel: string | null;
  readonly thresholds: ReviewThresholds;
}

export const DEFAULT_REVIEW_THRESHOLDS: ReviewThresholds = {
  captureTop10Min: 0.55,
  captureTop20Min: 0.7,
  aucMin: 0.8,
  calibrationSlopeRange: [0.8, 1.2],
  calibrationInterceptMaxAbs: 0.2,
  observedExpectedRange: [0.9, 1.1],
  hosmerLemeshowPMin: 0.05,
  psiFeatureMax: 0.1,
  psiScoreMax: 0.1,
  captureDropMax: 0.05,
  aucDropMax: 0.03,
  subgroupCaptureGapMax: 0.1,
  subgroupAucGapMax: 0.05,
  subgroupObservedExpectedRange: [0.8, 1.25],
  subgroupMinCases: 50,
  fairnessRatioRange: [0.8, 1.25],
  findingAlpha: 0.05,
};

export const DEFAULT_REVIEW_CONFIG: ReviewConfig = {
  outcome: 'bijstand',
  numericFeatures: SCAN_FEATURES.slice(0, 7),
  factorFeatures: SCAN_FEATURES.slice(7),
  scoreColumn: null,
  coefficients: null,
  subgroups: ['gender', 'age_band', 'municipality', 'migration_background'],
  subgroupReferences: {},
  serviceColumn: null,
  untreatedValues: ['control'],
  separation: 'firth',
  rareLevelMinCases: 5,
  refit: true,
  synthetic: false,
  level: 0.95,
  riskCutoff: 0.07,
  weeklyWeeks: 52,
  currentLabel: null,
  previousLabel: null,
  thresholds: DEFAULT_REVIEW_THRESHOLDS,
};

/** A config file's content: any subset of the keys, thresholds also partial. */
export type ReviewConfigInput = Partial<Omit<ReviewConfig, 'thresholds'>> & {
  readonly thresholds?: Partial<ReviewThresholds>;
};

/** Keys a config file may hold besides the settings (comments for its readers). */
const META_KEYS = ['$schema', '$comment', 'description'];

const fraction = (x: number) => x >= 0 && x <= 1;
const nonNegative = (x: number) => x >= 0 && Number.isFinite(x);

/**
 * Checks a parsed config file and merges it with the defaults. Every problem is reported at
 * once (a `SpecError`, code `invalid-option`), each naming its field; unknown keys are an error
 * with a did-you-mean (a typo must not silently fall back to a default).
 *
 * @param source what was read, named in the message (`review config analysis.json`)
 * @example
 * resolveReviewConfig({ thresholds: { captureTop10Min: 0.6 } }).thresholds.aucMin // 0.8
 */
export function resolveReviewConfig(input: unknown = {}, source = 'review config'): ReviewConfig {
  const d = DEFAULT_REVIEW_CONFIG;
  const dt = DEFAULT_REVIEW_THRESHOLDS;
  const r = new SpecReader();
  const o = r.object(input, 'config', [...Object.keys(d), ...META_KEYS]);
  if (!o) throw new SpecError(r.problems, source);
  const path = (key: string) => `config.${key}`;
  const t = r.optionalObject(o.thresholds, path('thresholds'), Object.keys(dt));
  const at = (key: keyof ReviewThresholds) => `config.thresholds.${key}`;
  const threshold = (
    key: keyof ReviewThresholds,
    ok: (x: number) => boolean,
    expected: string,
  ): number => r.number(t[key], at(key), dt[key] as number, ok, expected);
  const range = (key: keyof ReviewThresholds): readonly [number, number] =>
    r.range(t[key], at(key), dt[key] as readonly [number, number]);
  const boolean = (value: unknown, key: string, fallback: boolean): boolean => {
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    return r.fail(path(key), `expected true or false, got ${show(value)}`) ?? fallback;
  };
  const list = (key: 'numericFeatures' | 'factorFeatures' | 'subgroups'): readonly string[] =>
    o[key] === undefined ? d[key] : r.strings(o[key], path(key));
  const thresholds: ReviewThresholds = {
    captureTop10Min: threshold('captureTop10Min', fraction, 'a fraction in [0, 1]'),
    captureTop20Min: threshold('captureTop20Min', fraction, 'a fraction in [0, 1]'),
    aucMin: threshold('aucMin', fraction, 'a number in [0, 1]'),
    calibrationSlopeRange: range('calibrationSlopeRange'),
    calibrationInterceptMaxAbs: threshold(
      'calibrationInterceptMaxAbs',
      nonNegative,
      'a number ≥ 0',
    ),
    observedExpectedRange: range('observedExpectedRange'),
    hosmerLemeshowPMin: threshold('hosmerLemeshowPMin', fraction, 'a probability'),
    psiFeatureMax: threshold('psiFeatureMax', nonNegative, 'a number ≥ 0'),
    psiScoreMax: threshold('psiScoreMax', nonNegative, 'a number ≥ 0'),
    captureDropMax: threshold('captureDropMax', fraction, 'a fraction in [0, 1]'),
    aucDropMax: threshold('aucDropMax', fraction, 'a number in [0, 1]'),
    subgroupCaptureGapMax: threshold('subgroupCaptureGapMax', fraction, 'a fraction in [0, 1]'),
    subgroupAucGapMax: threshold('subgroupAucGapMax', fraction, 'a number in [0, 1]'),
    subgroupObservedExpectedRange: range('subgroupObservedExpectedRange'),
    fairnessRatioRange: range('fairnessRatioRange'),
    findingAlpha: threshold('findingAlpha', (x) => x > 0 && x < 1, 'a probability in (0, 1)'),
    subgroupMinCases: threshold(
      'subgroupMinCases',
      (x) => Number.isInteger(x) && x >= 0,
      'a whole number ≥ 0',
    ),
  };
  const config: ReviewConfig = {
    outcome: r.optionalString(o.outcome, path('outcome'), d.outcome),
    numericFeatures: list('numericFeatures'),
    factorFeatures: list('factorFeatures'),
    scoreColumn: r.nullableString(o.scoreColumn, path('scoreColumn'), d.scoreColumn),
    coefficients:
      o.coefficients === undefined || o.coefficients === null
        ? d.coefficients
        : (r.record(o.coefficients, path('coefficients'), 'number', 'term name → number') ??
          d.coefficients),
    subgroups: list('subgroups'),
    serviceColumn: r.nullableString(o.serviceColumn, path('serviceColumn'), d.serviceColumn),
    untreatedValues:
      o.untreatedValues === undefined
        ? d.untreatedValues
        : r.strings(o.untreatedValues, path('untreatedValues')),
    separation:
      o.separation === undefined
        ? d.separation
        : o.separation === 'firth' || o.separation === 'pool' || o.separation === 'none'
          ? o.separation
          : (r.fail(
              path('separation'),
              `expected "firth", "pool" or "none", got ${show(o.separation)}`,
            ) ?? d.separation),
    rareLevelMinCases: r.number(
      o.rareLevelMinCases,
      path('rareLevelMinCases'),
      d.rareLevelMinCases,
      (x) => Number.isInteger(x) && x >= 0,
      'a whole number ≥ 0',
    ),
    refit: boolean(o.refit, 'refit', d.refit),
    synthetic: boolean(o.synthetic, 'synthetic', d.synthetic),
    subgroupReferences:
      o.subgroupReferences === undefined
        ? d.subgroupReferences
        : (r.record(o.subgroupReferences, path('subgroupReferences'), 'string', 'column → level') ??
          d.subgroupReferences),
    level: r.number(
      o.level,
      path('level'),
      d.level,
      (x) => x > 0 && x < 1,
      'a number strictly between 0 and 1',
    ),
    riskCutoff: r.number(
      o.riskCutoff,
      path('riskCutoff'),
      d.riskCutoff,
      (x) => x > 0 && x < 1,
      'a probability in (0, 1)',
    ),
    weeklyWeeks: r.number(
      o.weeklyWeeks,
      path('weeklyWeeks'),
      d.weeklyWeeks,
      (x) => Number.isInteger(x) && x >= 0 && x <= 520,
      'a whole number from 0 to 520',
    ),
    currentLabel: r.nullableString(o.currentLabel, path('currentLabel'), d.currentLabel),
    previousLabel: r.nullableString(o.previousLabel, path('previousLabel'), d.previousLabel),
    thresholds,
  };
  r.done(source);
  return config;
}
