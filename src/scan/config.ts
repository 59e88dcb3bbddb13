/**
 * The review's configuration: which columns, which model, and the thresholds outside which a
 * number is flagged. Every key is optional in a config file; missing keys take the defaults of
 * {@link DEFAULT_REVIEW_CONFIG} (documented in docs/scan-review.md and
 * examples/review-config.json).
 */
import { InputError } from '../errors.js';
import { SCAN_FEATURES } from './model.js';

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
  /** Grouping columns for the subgroup checks (default gender, age_band, municipality). */
  readonly subgroups: readonly string[];
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
};

export const DEFAULT_REVIEW_CONFIG: ReviewConfig = {
  outcome: 'bijstand',
  numericFeatures: SCAN_FEATURES.slice(0, 7),
  factorFeatures: SCAN_FEATURES.slice(7),
  scoreColumn: null,
  coefficients: null,
  subgroups: ['gender', 'age_band', 'municipality'],
  subgroupReferences: {},
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

function bad(key: string, expected: string, value: unknown): InputError {
  return new InputError(
    `review config: '${key}' must be ${expected}, got ${JSON.stringify(value)}`,
    {
      code: 'invalid-option',
      value: JSON.stringify(value) ?? String(value),
    },
  );
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function isRange(v: unknown): v is [number, number] {
  return (
    Array.isArray(v) &&
    v.length === 2 &&
    v.every((x) => typeof x === 'number' && Number.isFinite(x)) &&
    v[0] <= v[1]
  );
}

/**
 * Checks a parsed config file and merges it with the defaults. Unknown keys are an error (a
 * typo must not silently fall back to a default).
 *
 * @example
 * resolveReviewConfig({ thresholds: { captureTop10Min: 0.6 } }).thresholds.aucMin // 0.8
 */
export function resolveReviewConfig(input: unknown = {}): ReviewConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw bad('(config)', 'a JSON object', input);
  const o = input as Record<string, unknown>;
  const d = DEFAULT_REVIEW_CONFIG;
  const known = new Set([...Object.keys(d), '$comment', 'description']);
  for (const k of Object.keys(o)) {
    if (!known.has(k)) {
      throw new InputError(
        `review config: unknown key '${k}' (known: ${Object.keys(d).join(', ')})`,
        { code: 'invalid-option', value: k },
      );
    }
  }
  const str = (k: string, def: string): string => {
    if (o[k] === undefined) return def;
    if (typeof o[k] !== 'string' || o[k] === '') throw bad(k, 'a non-empty string', o[k]);
    return o[k] as string;
  };
  const strOrNull = (k: string, def: string | null): string | null =>
    o[k] === undefined || o[k] === null ? def : str(k, '');
  const list = (k: string, def: readonly string[]): readonly string[] => {
    if (o[k] === undefined) return def;
    if (!isStringList(o[k])) throw bad(k, 'a list of column names', o[k]);
    return o[k] as string[];
  };
  const num = (
    k: string,
    def: number,
    ok: (x: number) => boolean,
    expected: string,
    obj = o,
  ): number => {
    if (obj[k] === undefined) return def;
    const v = obj[k];
    if (typeof v !== 'number' || !ok(v)) throw bad(k, expected, v);
    return v;
  };
  let coefficients: Readonly<Record<string, number>> | null = d.coefficients;
  if (o.coefficients !== undefined && o.coefficients !== null) {
    const c = o.coefficients;
    if (
      typeof c !== 'object' ||
      Array.isArray(c) ||
      !Object.values(c as object).every((x) => typeof x === 'number' && Number.isFinite(x))
    ) {
      throw bad('coefficients', 'an object of term name → number', c);
    }
    coefficients = c as Record<string, number>;
  }
  let subgroupReferences = d.subgroupReferences;
  if (o.subgroupReferences !== undefined) {
    const r = o.subgroupReferences;
    if (
      typeof r !== 'object' ||
      r === null ||
      Array.isArray(r) ||
      !Object.values(r).every((x) => typeof x === 'string')
    ) {
      throw bad('subgroupReferences', 'an object of column → level', r);
    }
    subgroupReferences = r as Record<string, string>;
  }
  const t = (o.thresholds ?? {}) as Record<string, unknown>;
  if (typeof t !== 'object' || Array.isArray(t)) throw bad('thresholds', 'an object', t);
  const dt = DEFAULT_REVIEW_THRESHOLDS;
  for (const k of Object.keys(t)) {
    if (!(k in dt))
      throw new InputError(
        `review config: unknown threshold '${k}' (known: ${Object.keys(dt).join(', ')})`,
        { code: 'invalid-option', value: k },
      );
  }
  const frac = (x: number) => x >= 0 && x <= 1;
  const nonneg = (x: number) => x >= 0 && Number.isFinite(x);
  const range = (
    k: keyof ReviewThresholds,
    def: readonly [number, number],
  ): readonly [number, number] => {
    if (t[k] === undefined) return def;
    if (!isRange(t[k])) throw bad(`thresholds.${k}`, 'a pair [low, high] with low ≤ high', t[k]);
    return t[k] as [number, number];
  };
  const thresholds: ReviewThresholds = {
    captureTop10Min: num('captureTop10Min', dt.captureTop10Min, frac, 'a fraction in [0, 1]', t),
    captureTop20Min: num('captureTop20Min', dt.captureTop20Min, frac, 'a fraction in [0, 1]', t),
    aucMin: num('aucMin', dt.aucMin, frac, 'a number in [0, 1]', t),
    calibrationSlopeRange: range('calibrationSlopeRange', dt.calibrationSlopeRange),
    calibrationInterceptMaxAbs: num(
      'calibrationInterceptMaxAbs',
      dt.calibrationInterceptMaxAbs,
      nonneg,
      'a number ≥ 0',
      t,
    ),
    observedExpectedRange: range('observedExpectedRange', dt.observedExpectedRange),
    hosmerLemeshowPMin: num('hosmerLemeshowPMin', dt.hosmerLemeshowPMin, frac, 'a probability', t),
    psiFeatureMax: num('psiFeatureMax', dt.psiFeatureMax, nonneg, 'a number ≥ 0', t),
    psiScoreMax: num('psiScoreMax', dt.psiScoreMax, nonneg, 'a number ≥ 0', t),
    captureDropMax: num('captureDropMax', dt.captureDropMax, frac, 'a fraction in [0, 1]', t),
    aucDropMax: num('aucDropMax', dt.aucDropMax, frac, 'a number in [0, 1]', t),
    subgroupCaptureGapMax: num(
      'subgroupCaptureGapMax',
      dt.subgroupCaptureGapMax,
      frac,
      'a fraction in [0, 1]',
      t,
    ),
    subgroupAucGapMax: num(
      'subgroupAucGapMax',
      dt.subgroupAucGapMax,
      frac,
      'a number in [0, 1]',
      t,
    ),
    subgroupObservedExpectedRange: range(
      'subgroupObservedExpectedRange',
      dt.subgroupObservedExpectedRange,
    ),
    subgroupMinCases: num(
      'subgroupMinCases',
      dt.subgroupMinCases,
      (x) => Number.isInteger(x) && x >= 0,
      'a whole number ≥ 0',
      t,
    ),
  };
  return {
    outcome: str('outcome', d.outcome),
    numericFeatures: list('numericFeatures', d.numericFeatures),
    factorFeatures: list('factorFeatures', d.factorFeatures),
    scoreColumn: strOrNull('scoreColumn', d.scoreColumn),
    coefficients,
    subgroups: list('subgroups', d.subgroups),
    subgroupReferences,
    level: num('level', d.level, (x) => x > 0 && x < 1, 'a number strictly between 0 and 1'),
    riskCutoff: num('riskCutoff', d.riskCutoff, (x) => x > 0 && x < 1, 'a probability in (0, 1)'),
    weeklyWeeks: num(
      'weeklyWeeks',
      d.weeklyWeeks,
      (x) => Number.isInteger(x) && x >= 0 && x <= 520,
      'a whole number from 0 to 520',
    ),
    currentLabel: strOrNull('currentLabel', d.currentLabel),
    previousLabel: strOrNull('previousLabel', d.previousLabel),
    thresholds,
  };
}
