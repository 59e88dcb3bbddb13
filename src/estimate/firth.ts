/**
 * Firth's penalised logistic regression (Firth 1993; Heinze & Schemper 2002, as R's `logistf`):
 * finite estimates under complete or quasi-complete separation (a factor level with no cases),
 * where maximum likelihood runs off to ±∞ (glm stops at coefficients near −13 or −15).
 */
import { InputError } from '../errors.js';
import type { DesignMatrix } from '../stats/estimate.js';
import { indicatorLayout } from '../stats/indicator-products.js';
import { cholesky, choleskyInverse, pivotedCholesky } from '../stats/linalg.js';
import { checkLevel } from '../stats/validate.js';
import {
  checkFinite,
  type DesignInput,
  hasIntercept,
  toDesignMatrix,
  toVector,
  type VectorInput,
} from './design.js';
import { indicatorGroups } from './indicator-groups.js';
import { coefficientEstimate, toRows } from './inference.js';
import {
  type CodedDesign,
  codedDesign,
  factorDesignOfColumns,
  firthScore,
  linearPredictorOf,
  rawCrossProduct,
  weightedCrossProduct,
} from './irls-pass.js';
import { checkBinary, type LogisticFit, linkinv, predict } from './logistic.js';
import { findCoefficient } from './ols.js';

/** Options of {@link firthLogistic}. */
export interface FirthOptions {
  readonly level?: number;
  /** Converged when the largest coefficient step is below this (default 1e-10). */
  readonly tolerance?: number;
  /** Maximum Newton iterations (default 200). */
  readonly maxIterations?: number;
}

/** {@link firthLogistic}'s result: the shape of a logistic fit, plus the penalised likelihood. */
export interface FirthFit extends LogisticFit {
  /** l*(β) = l(β) + ½ log det(X'WX) at the solution. */
  readonly penalizedLogLik: number;
  /** l(β), the ordinary log-likelihood at the penalised solution. */
  readonly logLik: number;
  readonly method: string;
}

/** Σ log-likelihood and ½ log det(X'WX) (from its Cholesky factor), with μ and w filled in. */
function evaluate(
  coded: CodedDesign,
  y: Float64Array,
  beta: Float64Array,
  mu: Float64Array,
  w: Float64Array,
): { logLik: number; penalized: number; factor: Float64Array } | null {
  const n = y.length;
  const k = coded.k;
  let logLik = 0;
  // η into mu, then μ and w in place.
  linearPredictorOf(coded, beta, mu);
  for (let i = 0; i < n; i++) {
    const m = linkinv(mu[i]!);
    mu[i] = m;
    w[i] = m * (1 - m);
    logLik += y[i] === 1 ? Math.log(m) : Math.log(1 - m);
  }
  let factor: Float64Array;
  try {
    factor = cholesky(weightedCrossProduct(coded, w), k);
  } catch {
    return null;
  }
  let halfLogDet = 0;
  for (let j = 0; j < k; j++) halfLogDet += Math.log(factor[j * k + j]!);
  return { logLik, penalized: logLik + halfLogDet, factor };
}

/**
 * Logistic regression with Firth's bias-reducing penalty: maximises the penalised
 * log-likelihood l*(β) = l(β) + ½ log det I(β), I = X'WX, W = diag(μ(1 − μ)) (Jeffreys prior).
 * Newton iterations on the modified score U*(β) = X'(y − μ + h(½ − μ)), h = diag of the hat
 * matrix W^½X I⁻¹X'W^½; step δ = I⁻¹U*, capped at 5 in any coordinate and halved while l*
 * decreases (as `logistf`: maxstep 5, step halving); converged when max |step| < 1e-10.
 * Standard errors √diag(I⁻¹) at the solution, Wald z tests and intervals (logistf's default
 * intervals are profile-penalised-likelihood ones; the Wald ones are stated in `method`).
 * Columns are scaled internally (the penalty is invariant to rescaling) for a well-conditioned
 * I; aliased columns are dropped as in `logisticRegression`. O(n·k²) per iteration.
 * Reference: tests/reference/firth.R (the iteration written out in R; logistf not installed).
 *
 * @example
 * const fit = firthLogistic([[1, 1], [1, 2], [1, 3], [1, 4]], [0, 0, 1, 1]);
 * fit.coefficient('x2').estimate; // finite, although x2 separates y completely
 */
export function firthLogistic(
  x: DesignInput,
  y: VectorInput,
  options: FirthOptions = {},
): FirthFit {
  const level = checkLevel(options.level, 'firthLogistic');
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 200;
  const design = toDesignMatrix(x, 'X');
  checkFinite(design, 'X');
  const { n } = design;
  const yv = toVector(y, 'y', n);
  checkBinary(yv);
  const kAll = design.columns.length;
  if (kAll === 0 || n <= kAll) {
    throw new InputError(
      `X: n = ${n} rows for k = ${kAll} columns; Firth's logistic regression needs more rows than columns (n > k ≥ 1)`,
      { code: 'too-few', value: String(n) },
    );
  }
  // X'X for the rank decision from the dense columns and the factor codes (one pass).
  const all = Array.from({ length: kAll }, (_, j) => j);
  const rawDesign = factorDesignOfColumns(
    design.columns,
    design.names,
    indicatorGroups(indicatorLayout(design.columns)),
  );
  const pc = pivotedCholesky(rawCrossProduct(codedDesign(rawDesign, all, false)), kAll, 1e-7);
  const aliased = pc.aliased.map((j) => design.names[j]!);
  if (pc.kept.length === 0) {
    throw new InputError(`X: every column is zero or aliased (${aliased.join(', ')})`, {
      code: 'singular',
    });
  }
  const terms = pc.kept.map((j) => design.names[j]!);
  const k = terms.length;
  // Scale each column by its largest |value| (the fit is invariant; I is better conditioned).
  const scale = new Float64Array(k);
  const columns = pc.kept.map((j, c) => {
    const col = design.columns[j]!;
    let m = 0;
    for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(col[i]!));
    scale[c] = m;
    return col.map((v) => v / m);
  });
  // The scaled columns as dense columns and factor codes (an indicator's scale is 1), unshifted.
  const coded = codedDesign(
    factorDesignOfColumns(columns, terms, indicatorGroups(indicatorLayout(columns))),
    terms.map((_, j) => j),
    false,
  );
  const beta = new Float64Array(k);
  const trial = new Float64Array(k);
  const mu = new Float64Array(n);
  const w = new Float64Array(n);
  let current = evaluate(coded, yv, beta, mu, w);
  if (current === null) {
    throw new InputError("X: X'WX is singular at the start of the Firth iteration", {
      code: 'singular',
    });
  }
  let converged = false;
  let iterations = 0;
  for (let iter = 1; iter <= maxIterations; iter++) {
    iterations = iter;
    const inv = choleskyInverse(current.factor, k);
    // Modified score U* = X'(y − μ + h(½ − μ)), hᵢ = wᵢ xᵢ' I⁻¹ xᵢ.
    const score = firthScore(coded, inv, yv, mu, w);
    const step = new Float64Array(k);
    let largest = 0;
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let b = 0; b < k; b++) s += inv[a * k + b]! * score[b]!;
      step[a] = s;
      largest = Math.max(largest, Math.abs(s));
    }
    let factor = largest > 5 ? 5 / largest : 1;
    let next: ReturnType<typeof evaluate> = null;
    for (let halvings = 0; halvings <= 30; halvings++) {
      for (let j = 0; j < k; j++) trial[j] = beta[j]! + factor * step[j]!;
      next = evaluate(coded, yv, trial, mu, w);
      if (next !== null && next.penalized >= current.penalized - 1e-12) break;
      factor /= 2;
    }
    if (next === null) {
      throw new InputError(
        `Firth's logistic regression: X'WX became singular at iteration ${iter}`,
        { code: 'singular' },
      );
    }
    beta.set(trial);
    current = next;
    if (largest * factor < tolerance) {
      converged = true;
      break;
    }
  }
  const inv = choleskyInverse(current.factor, k);
  // Back to the columns as given: βⱼ = β̃ⱼ/sⱼ, Cov = S⁻¹ Ĩ⁻¹ S⁻¹.
  const b = beta.map((v, j) => v / scale[j]!);
  const vcov = inv.map((v, idx) => v / (scale[Math.floor(idx / k)]! * scale[idx % k]!));
  const method = "Firth's penalised logistic regression (Jeffreys prior, as logistf), Wald z test";
  const coefficients = terms.map((term, j) =>
    coefficientEstimate(
      term,
      b[j]!,
      Math.sqrt(vcov[j * k + j]!),
      Number.POSITIVE_INFINITY,
      level,
      n,
      method,
    ),
  );
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += yv[i]!;
  yMean = hasIntercept(columns) ? yMean / n : 0.5;
  let nullDeviance = 0;
  for (let i = 0; i < n; i++)
    nullDeviance -= 2 * (yv[i] === 1 ? Math.log(yMean) : Math.log(1 - yMean));
  const deviance = -2 * current.logLik;
  const warnings = converged
    ? []
    : [`Firth iteration did not converge in ${maxIterations} iterations; estimates are unreliable`];
  const kept: DesignMatrix = { names: terms, columns: pc.kept.map((j) => design.columns[j]!), n };
  return {
    coefficients,
    terms,
    vcov: toRows(vcov, k),
    df: Number.POSITIVE_INFINITY,
    dfResidual: n - k,
    deviance,
    nullDeviance,
    aic: deviance + 2 * k,
    iterations,
    converged,
    warnings,
    fitted: Float64Array.from(mu),
    n,
    k,
    level,
    aliased,
    penalizedLogLik: current.penalized + sumLogScale(scale),
    logLik: current.logLik,
    method,
    coefficient: (term) => findCoefficient(coefficients, aliased, term),
    predict: (xNew) => predict(xNew, design.names, kept.names, b),
  };
}

/** ½ log det I of the columns as given = ½ log det Ĩ + Σ log sⱼ (Ĩ = S⁻¹IS⁻¹). */
function sumLogScale(scale: Float64Array): number {
  let s = 0;
  for (let j = 0; j < scale.length; j++) s += Math.log(scale[j]!);
  return s;
}
