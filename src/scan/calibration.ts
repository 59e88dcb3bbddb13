/**
 * Calibration of predicted probabilities: observed versus predicted per risk decile, the
 * calibration intercept and slope (logistic recalibration; Cox 1958; Van Calster et al. 2019),
 * the Brier score, and the Hosmer–Lemeshow goodness-of-fit test (Hosmer & Lemeshow 1980).
 */
import { formatRows, InputError } from '../errors.js';
import { logisticRegression } from '../estimate/logistic.js';
import { chiSquareSurvival } from '../stats/distributions.js';
import type { Estimate } from '../stats/estimate.js';
import { checkLevel } from '../stats/validate.js';
import { riskDecilesOfOrder } from './gains.js';
import { logitSlope } from './logit-slope.js';
import { checkOutcome, checkScores, countCases, type NumericInput, zEstimate } from './util.js';

/** One risk decile of the calibration table. */
export interface CalibrationRow {
  readonly decile: number;
  readonly n: number;
  /** Observed cases. */
  readonly observed: number;
  /** Expected cases: the sum of predicted probabilities. */
  readonly expected: number;
  readonly observedRate: number;
  readonly meanPredicted: number;
  /** Binomial SE of the observed rate. */
  readonly observedStdError: number;
}

/** Hosmer–Lemeshow test over risk deciles. */
export interface HosmerLemeshow {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  readonly groups: number;
  readonly method: string;
}

/** {@link calibration}'s result. */
export interface CalibrationResult {
  readonly rows: readonly CalibrationRow[];
  readonly n: number;
  readonly observed: number;
  readonly expected: number;
  /** Observed / expected cases overall. */
  readonly observedExpectedRatio: number;
  readonly meanPredicted: number;
  readonly observedRate: number;
  /**
   * Calibration intercept ("calibration in the large"): a in logit P(y = 1) = a + logit(p)
   * (slope fixed at 1); 0 when the mean prediction is right. Wald z test against 0.
   */
  readonly intercept: Estimate;
  /** Calibration slope: b in logit P(y = 1) = a + b·logit(p); 1 is ideal, < 1 means too extreme. Tested against 1. */
  readonly slope: Estimate;
  /** Intercept of that two-parameter recalibration. */
  readonly slopeModelIntercept: number;
  /** Mean of (p − y)². */
  readonly brier: number;
  /** Brier score of predicting the observed rate for everybody: r(1 − r). */
  readonly brierReference: number;
  /** 1 − brier / brierReference. */
  readonly brierScaled: number;
  readonly hosmerLemeshow: HosmerLemeshow;
  readonly method: string;
}

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

/**
 * Calibration intercept with the slope fixed at 1: solves Σ(yᵢ − expit(a + oᵢ)) = 0 by Newton's
 * method (oᵢ = logit pᵢ, an offset), SE = 1/√Σμᵢ(1 − μᵢ); as `glm(y ~ 1, offset = qlogis(p),
 * family = binomial)`. e^−oᵢ is computed once per client, then each iteration needs one e^−a.
 *
 * @example
 * offsetIntercept(Float64Array.of(-1, 0, 1, -2), Uint8Array.of(0, 1, 1, 0)).a
 */
export function offsetIntercept(offset: Float64Array, y: Uint8Array): { a: number; se: number } {
  // expit(a + oᵢ) = 1/(1 + e^−a·e^−oᵢ): e^−oᵢ once per client, then one e^−a per iteration
  // (the same μᵢ up to rounding in the last bits, no exponential per client and iteration).
  const n = y.length;
  const eo = new Float64Array(n);
  for (let i = 0; i < n; i++) eo[i] = Math.exp(-offset[i]!);
  let a = 0;
  let info = 0;
  for (let iter = 0; iter < 100; iter++) {
    let score = 0;
    info = 0;
    const ea = Math.exp(-a);
    for (let i = 0; i < n; i++) {
      const mu = 1 / (1 + ea * eo[i]!);
      score += y[i]! - mu;
      info += mu * (1 - mu);
    }
    const step = score / info;
    a += step;
    if (Math.abs(step) < 1e-12) break;
  }
  info = 0;
  const ea = Math.exp(-a);
  for (let i = 0; i < n; i++) {
    const mu = 1 / (1 + ea * eo[i]!);
    info += mu * (1 - mu);
  }
  return { a, se: 1 / Math.sqrt(info) };
}

/**
 * Calibration of probabilities `p` against 0/1 outcomes `y`. Probabilities must lie strictly
 * inside (0, 1) (the recalibration works on the logit). Deciles as `riskDeciles` (ties share a
 * decile). Hosmer–Lemeshow: Ĉ = Σ_g (O_g − E_g)² / (E_g(1 − E_g/n_g)) over the risk deciles,
 * χ² with (groups − 2) df.
 *
 * @example
 * const cal = calibration(risk, bijstand);
 * cal.slope.estimate; // ≈ 1 for a well-calibrated scan
 */
export function calibration(
  p: NumericInput,
  y: NumericInput | Uint8Array,
  options: { readonly level?: number; readonly groups?: number } = {},
): CalibrationResult {
  return calibrationOfOrder(p, y, undefined, options);
}

/**
 * {@link calibration} with the probabilities' descending order given (`orderDescending(p)`,
 * shared with the other metrics of the same scores) for the risk deciles; `undefined` sorts here.
 *
 * @example
 * calibrationOfOrder(risk, bijstand, orderDescending(risk)).slope.estimate
 */
export function calibrationOfOrder(
  p: NumericInput,
  y: NumericInput | Uint8Array,
  order: Uint32Array | undefined,
  options: { readonly level?: number; readonly groups?: number } = {},
): CalibrationResult {
  const level = checkLevel(options.level);
  const yy = checkOutcome(y);
  const pp = checkScores(p, yy.length, { probability: true, what: 'predicted probabilities' });
  const n = yy.length;
  const cases = countCases(yy);
  if (n === 0 || cases === 0) {
    throw new InputError(
      `calibration: no positive cases (outcome = 1) among ${n} clients; calibration intercept and slope are not defined`,
      { code: 'no-cases', value: '0' },
    );
  }
  if (cases === n) {
    throw new InputError(
      `calibration: every client is a case (outcome = 1); calibration is not defined`,
      {
        code: 'no-controls',
      },
    );
  }
  const edge: number[] = [];
  for (let i = 0; i < n; i++) if (pp[i]! <= 0 || pp[i]! >= 1) edge.push(i + 1);
  if (edge.length > 0) {
    throw new InputError(
      `calibration: predicted probabilities must lie strictly between 0 and 1 (the recalibration uses their logit); found ${pp[edge[0]! - 1]} in ${formatRows(edge)}`,
      { code: 'out-of-range', rows: edge.slice(0, 20), value: String(pp[edge[0]! - 1]) },
    );
  }
  const groups = options.groups ?? 10;
  const dec = riskDecilesOfOrder(pp, order, groups);
  const gn = new Float64Array(groups + 1);
  const go = new Float64Array(groups + 1);
  const ge = new Float64Array(groups + 1);
  const lp = new Float64Array(n);
  let brier = 0;
  let expected = 0;
  for (let i = 0; i < n; i++) {
    const g = dec[i]!;
    gn[g]! += 1;
    go[g]! += yy[i]!;
    ge[g]! += pp[i]!;
    expected += pp[i]!;
    lp[i] = logit(pp[i]!);
    brier += (pp[i]! - yy[i]!) ** 2;
  }
  brier /= n;
  const rows: CalibrationRow[] = [];
  let hl = 0;
  for (let g = 1; g <= groups; g++) {
    if (gn[g] === 0) continue;
    const rate = go[g]! / gn[g]!;
    rows.push({
      decile: g,
      n: gn[g]!,
      observed: go[g]!,
      expected: ge[g]!,
      observedRate: rate,
      meanPredicted: ge[g]! / gn[g]!,
      observedStdError: Math.sqrt((rate * (1 - rate)) / gn[g]!),
    });
    const denom = ge[g]! * (1 - ge[g]! / gn[g]!);
    if (denom > 0) hl += (go[g]! - ge[g]!) ** 2 / denom;
  }
  const df = rows.length - 2;
  const citl = offsetIntercept(lp, yy);
  // The two-column IRLS written out (logitSlope); the general fit where it declines.
  let slopeCoef: { readonly estimate: number; readonly stdError: number };
  let slopeModelIntercept: number;
  const fast = logitSlope(lp, yy);
  if (fast !== null) {
    slopeCoef = { estimate: fast.slope, stdError: fast.slopeStdError };
    slopeModelIntercept = fast.intercept;
  } else {
    const slopeFit = logisticRegression(
      { names: ['(Intercept)', 'logit(p)'], columns: [new Float64Array(n).fill(1), lp], n },
      Float64Array.from(yy),
      { level },
    );
    slopeCoef = slopeFit.coefficient('logit(p)');
    slopeModelIntercept = slopeFit.coefficient('(Intercept)').estimate;
  }
  const rate = cases / n;
  const brierReference = rate * (1 - rate);
  return {
    rows,
    n,
    observed: cases,
    expected,
    observedExpectedRatio: cases / expected,
    meanPredicted: expected / n,
    observedRate: rate,
    intercept: zEstimate(
      citl.a,
      citl.se,
      n,
      level,
      'calibration intercept: logistic regression of y on 1 with offset logit(p), Wald z test against 0',
    ),
    slope: zEstimate(
      slopeCoef.estimate,
      slopeCoef.stdError,
      n,
      level,
      'calibration slope: logistic regression of y on logit(p), Wald z test against 1',
      1,
    ),
    slopeModelIntercept,
    brier,
    brierReference,
    brierScaled: 1 - brier / brierReference,
    hosmerLemeshow: {
      statistic: hl,
      df,
      pValue: df > 0 ? chiSquareSurvival(hl, df) : Number.NaN,
      groups: rows.length,
      method: `Hosmer–Lemeshow Ĉ over ${rows.length} risk deciles, χ² with ${df} df`,
    },
    method:
      'observed versus predicted per risk decile; logistic recalibration (intercept with offset logit p; slope of logit p); Brier score; Hosmer–Lemeshow test',
  };
}
