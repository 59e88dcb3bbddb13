/**
 * Logistic regression by iteratively reweighted least squares, as R's `glm(family = binomial)`.
 */
import { formatRows, InputError } from '../errors.js';
import type { DesignMatrix } from '../stats/estimate.js';
import { indicatorLayout } from '../stats/indicator-products.js';
import { choleskyInverse, choleskySolve, pivotedCholesky } from '../stats/linalg.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
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
import { type Coefficient, coefficientEstimate, toRows } from './inference.js';
import {
  codedDesign,
  type FactorDesign,
  factorDesignOfColumns,
  irlsPass,
  rawCrossProduct,
  unshift,
  unshiftCovariance,
} from './irls-pass.js';
import { findCoefficient, type SingularAction } from './ols.js';

/** Options of {@link logisticRegression}. */
export interface LogisticOptions {
  readonly level?: number;
  /** Convergence: |dev − dev_old| / (|dev| + 0.1) < tolerance (default 1e-8, as `glm.control`). */
  readonly tolerance?: number;
  /** Maximum IRLS iterations (default 25, as `glm.control`). */
  readonly maxIterations?: number;
  readonly singular?: SingularAction;
}

/** Result of {@link logisticRegression}. */
export interface LogisticFit {
  /** Log-odds coefficients with Wald z tests (df = Infinity). */
  readonly coefficients: readonly Coefficient[];
  readonly terms: readonly string[];
  /** (X'WX)⁻¹ at the final IRLS weights. */
  readonly vcov: readonly (readonly number[])[];
  /** `Infinity`: inference is on the normal (z) scale. */
  readonly df: number;
  /** Residual degrees of freedom n − k (as `glm`'s `df.residual`). */
  readonly dfResidual: number;
  readonly deviance: number;
  readonly nullDeviance: number;
  /** AIC = deviance + 2k (0/1 outcomes). */
  readonly aic: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Problems that make the estimates unreliable: non-convergence, fitted 0/1 (separation). */
  readonly warnings: readonly string[];
  /** Fitted probabilities. */
  readonly fitted: Float64Array;
  readonly n: number;
  readonly k: number;
  readonly level: number;
  readonly aliased: readonly string[];
  coefficient(term: string): Coefficient;
  /** Predicted probabilities for new rows (same columns as X, aliased ones ignored). */
  predict(x: DesignInput): Float64Array;
}

const EPS = 2.220446049250313e-16;
const THRESH = 30;

/**
 * Inverse logit with R's clamping (`binomial()$linkinv`): keeps μ strictly inside (0, 1).
 *
 * @example
 * linkinv(0) // 0.5
 */
export function linkinv(eta: number): number {
  const t = eta < -THRESH ? EPS : eta > THRESH ? 1 / EPS : Math.exp(eta);
  return t / (1 + t);
}

/** Binomial deviance Σ 2[y log(y/μ) + (1 − y) log((1 − y)/(1 − μ))] for y ∈ {0, 1}. */
function deviance(y: Float64Array, mu: Float64Array | number): number {
  let d = 0;
  for (let i = 0; i < y.length; i++) {
    const m = typeof mu === 'number' ? mu : mu[i]!;
    d += y[i] === 1 ? -2 * Math.log(m) : -2 * Math.log(1 - m);
  }
  return d;
}

/**
 * Logistic regression of a 0/1 outcome by IRLS (Fisher scoring = Newton for the logit link),
 * replicating `glm.fit`: start at μ = (y + ½)/2, iterate z = η + (y − μ)/μ', W = μ'²/(μ(1 − μ)),
 * β = (X'WX)⁻¹X'Wz, η = Xβ until |dev − dev_old|/(|dev| + 0.1) < 1e-8. X is checked once; each
 * iteration is one pass over the rows (`irlsPass`: η, μ, the deviance, X'WX and the right-hand
 * side together, groups of mutually exclusive 0/1 columns — a factor's dummies — read as one code
 * per row), and after the first step solves the Newton increment (X'WX)δ = X'(y − μ), β += δ (the
 * same iterate as glm's (X'WX)⁻¹X'Wz, with the dense columns centred for the solve; the
 * rounding differs from a direct solve only in the last bits). Standard errors are
 * √diag((X'WX)⁻¹) with the weights of the last iteration (as `summary.glm`), z tests.
 * Aliased columns (detected once on X with tolerance 1e-7) are dropped or rejected as in `ols`.
 * Non-convergence and fitted probabilities numerically 0 or 1 (complete or quasi-complete
 * separation: some coefficients are then infinite in truth) are reported in `warnings`, with
 * the same texts as R, rather than silently returning a wrong answer.
 *
 * @example
 * const fit = logisticRegression(X, employed);
 * fit.coefficient('treatment').estimate; // log odds ratio
 * fit.predict(Xnew); // probabilities
 */
export function logisticRegression(
  x: DesignInput,
  y: VectorInput,
  options: LogisticOptions = {},
): LogisticFit {
  rejectUnknownKeys(options, LOGISTIC_KEYS, 'logisticRegression');
  const level = checkLevel(options.level ?? 0.95);
  const design = toDesignMatrix(x, 'X');
  checkFinite(design, 'X');
  const { n } = design;
  const yv = toVector(y, 'y', n);
  checkBinary(yv);
  const kAll = design.columns.length;
  if (kAll === 0 || n <= kAll) {
    throw new InputError(
      `X: n = ${n} rows for k = ${kAll} columns; logistic regression needs more rows than columns (n > k ≥ 1)`,
      { code: 'too-few', value: String(n) },
    );
  }
  // Dense columns and, per group of mutually exclusive indicators (a factor's dummies), one
  // code per row: X'X for the rank decision and every IRLS step in one pass over the rows each.
  const grouped = indicatorGroups(indicatorLayout(design.columns));
  return fitIrls(factorDesignOfColumns(design.columns, design.names, grouped), yv, options, level);
}

const LOGISTIC_KEYS: AllKeys<LogisticOptions> = {
  level: true,
  tolerance: true,
  maxIterations: true,
  singular: true,
};

/**
 * {@link logisticRegression} on a design given as dense columns and factor codes (the dummies
 * not written out: `fitScan`'s features), with the same fit, checks and result; `predict` takes
 * the written-out columns of `design.names`.
 *
 * @example
 * const fit = logisticRegressionOfFactors(
 *   { n: 4, names: ['(Intercept)', 'x', 'city[B]'],
 *     dense: [{ column: 0, values: ones }, { column: 1, values: x }],
 *     factors: [{ code: Int32Array.of(0, 1, 1, 0), columnOf: Int32Array.of(-1, 2) }] },
 *   y,
 * );
 */
export function logisticRegressionOfFactors(
  design: FactorDesign,
  y: Float64Array,
  options: LogisticOptions = {},
): LogisticFit {
  rejectUnknownKeys(options, LOGISTIC_KEYS, 'logisticRegressionOfFactors');
  const level = checkLevel(options.level ?? 0.95);
  const { n, names } = design;
  for (const d of design.dense) {
    checkFinite({ names: [names[d.column]!], columns: [d.values], n }, 'X');
  }
  const yv = toVector(y, 'y', n);
  checkBinary(yv);
  if (names.length === 0 || n <= names.length) {
    throw new InputError(
      `X: n = ${n} rows for k = ${names.length} columns; logistic regression needs more rows than columns (n > k ≥ 1)`,
      { code: 'too-few', value: String(n) },
    );
  }
  return fitIrls(design, yv, options, level);
}

/** The fit of {@link logisticRegression} on a checked design: rank decision, IRLS, result. */
function fitIrls(
  design: FactorDesign,
  yv: Float64Array,
  options: LogisticOptions,
  level: number,
): LogisticFit {
  const tolerance = options.tolerance ?? 1e-8;
  const maxIterations = options.maxIterations ?? 25;
  const { n } = design;
  const kAll = design.names.length;
  const all = Array.from({ length: kAll }, (_, j) => j);
  const pc = pivotedCholesky(rawCrossProduct(codedDesign(design, all, false)), kAll, 1e-7);
  const aliased = pc.aliased.map((j) => design.names[j]!);
  if (pc.kept.length === 0) {
    throw new InputError(`X: every column is zero or aliased (${aliased.join(', ')})`, {
      code: 'singular',
    });
  }
  if (aliased.length > 0 && options.singular === 'error') {
    throw new InputError(
      `X: columns ${aliased.map((a) => `"${a}"`).join(', ')} are linearly dependent on earlier columns; remove them or use singular: 'drop'`,
      { code: 'aliased', column: aliased[0] },
    );
  }
  const terms = pc.kept.map((j) => design.names[j]!);
  const k = terms.length;
  // The kept columns, the dense ones shifted by their means in the products (conditioning).
  const coded = codedDesign(design, pc.kept, true);
  const mu = new Float64Array(n);
  const pass = { xtx: new Float64Array(k * k), rhs: new Float64Array(k) };
  // glm.fit's start (μ = (y + ½)/2): its deviance, X'W₀X and X'W₀z₀.
  let devOld = irlsPass(coded, yv, null, mu, pass);
  let dev = devOld;
  let factor = stepFactor(pass.xtx, k, terms, 1);
  // β₁ = (X'W₀X)⁻¹X'W₀z₀ (in the shifted basis, then mapped back).
  let beta: Float64Array = unshift(coded, choleskySolve(factor, k, pass.rhs));
  let converged = false;
  let iterations = 0;
  for (let iter = 1; iter <= maxIterations; iter++) {
    iterations = iter;
    // At β_iter: μ, the deviance, and X'WX with X'(y − μ) for the next Newton step
    // β + (X'WX)⁻¹X'(y − μ), which equals glm.fit's (X'WX)⁻¹X'Wz with z = η + (y − μ)/μ'.
    dev = irlsPass(coded, yv, beta, mu, pass);
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < tolerance) {
      converged = true;
      break;
    }
    devOld = dev;
    if (iter === maxIterations) break;
    factor = stepFactor(pass.xtx, k, terms, iter + 1);
    const delta = unshift(coded, choleskySolve(factor, k, pass.rhs));
    const next = new Float64Array(k);
    for (let j = 0; j < k; j++) next[j] = beta[j]! + delta[j]!;
    beta = next;
  }
  // (X'WX)⁻¹ at the weights of the last step (as summary.glm), mapped back from the shift.
  const bread = unshiftCovariance(coded, choleskyInverse(factor, k));
  const warnings: string[] = [];
  if (!converged) {
    warnings.push(
      `algorithm did not converge in ${maxIterations} iterations (deviance change still ≥ ${tolerance}); estimates are unreliable`,
    );
  }
  const boundary: number[] = [];
  for (let i = 0; i < n; i++) {
    if (mu[i]! > 1 - 10 * EPS || mu[i]! < 10 * EPS) boundary.push(i + 1);
  }
  if (boundary.length > 0) {
    warnings.push(
      `fitted probabilities numerically 0 or 1 occurred (${formatRows(boundary)}): the outcome is (quasi-)separated by the regressors; coefficients and SEs are not meaningful`,
    );
  }
  const intercept = hasIntercept(coded.dense);
  let yMean = 0.5;
  if (intercept) {
    yMean = 0;
    for (let i = 0; i < n; i++) yMean += yv[i]!;
    yMean /= n;
  }
  const method = `logistic regression (IRLS, glm binomial), Wald z test`;
  const coefficients = terms.map((term, j) =>
    coefficientEstimate(
      term,
      beta[j]!,
      Math.sqrt(bread[j * k + j]!),
      Number.POSITIVE_INFINITY,
      level,
      n,
      method,
    ),
  );
  const finalBeta = beta;
  return {
    coefficients,
    terms,
    vcov: toRows(bread, k),
    df: Number.POSITIVE_INFINITY,
    dfResidual: n - k,
    deviance: dev,
    nullDeviance: deviance(yv, yMean),
    aic: dev + 2 * k,
    iterations,
    converged,
    warnings,
    fitted: mu,
    n,
    k,
    level,
    aliased,
    coefficient: (term) => findCoefficient(coefficients, aliased, term),
    predict: (xNew) => predict(xNew, design.names, terms, finalBeta),
  };
}

/**
 * The Cholesky factor of one step's X'WX (shifted basis); a column whose residual is below 1e-11
 * of its norm means the weights have made X'WX singular (separation), an error naming it.
 */
function stepFactor(xtx: Float64Array, k: number, terms: readonly string[], iter: number) {
  const pc = pivotedCholesky(xtx, k, 1e-11);
  if (pc.aliased.length > 0) {
    const column = terms[pc.aliased[0]!]!;
    throw new InputError(
      `logistic regression: X'WX became singular at iteration ${iter} (column "${column}"); the fitted probabilities are degenerate (separation)`,
      { code: 'singular', column },
    );
  }
  return pc.factor;
}

/**
 * Throws unless every value is 0 or 1 (naming the first rows).
 *
 * @example
 * checkBinary(Float64Array.of(0, 1, 2)) // throws "y: logistic regression needs a 0/1 outcome; found 2 at row 3"
 */
export function checkBinary(y: Float64Array): void {
  const bad: number[] = [];
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) {
      bad.push(i + 1);
      if (bad.length > 5) break;
    }
  }
  if (bad.length > 0) {
    const value = String(y[bad[0]! - 1]);
    throw new InputError(
      `y: logistic regression needs a 0/1 outcome; found ${value} at ${formatRows(bad)}`,
      { code: 'not-binary', column: 'y', rows: bad, value },
    );
  }
}

/**
 * Probabilities logistic(x'β) for new rows with the fit's columns (aliased ones ignored).
 *
 * @example
 * predict([[1, 2]], ['(Intercept)', 'x'], ['(Intercept)', 'x'], Float64Array.of(-1, 0.5)) // [0.5]
 */
export function predict(
  x: DesignInput,
  names: readonly string[],
  terms: readonly string[],
  beta: Float64Array,
): Float64Array {
  const m: DesignMatrix = toDesignMatrix(x, 'Xnew');
  checkFinite(m, 'Xnew');
  if (m.columns.length !== names.length) {
    throw new InputError(
      `Xnew: has ${m.columns.length} columns, expected ${names.length} (${names.join(', ')})`,
      { code: 'length-mismatch' },
    );
  }
  const eta = new Float64Array(m.n);
  terms.forEach((t, j) => {
    const c = m.columns[names.indexOf(t)]!;
    const b = beta[j]!;
    for (let i = 0; i < m.n; i++) eta[i]! += b * c[i]!;
  });
  return eta.map(linkinv);
}
