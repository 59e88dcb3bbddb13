/**
 * Logistic regression by iteratively reweighted least squares, as R's `glm(family = binomial)`.
 */
import { formatRows, InputError } from '../errors.js';
import type { DesignMatrix } from '../stats/estimate.js';
import { type IndicatorLayout, indicatorLayout } from '../stats/indicator-products.js';
import { crossProduct, pivotedCholesky } from '../stats/linalg.js';
import { rejectUnknownKeys } from '../stats/option-keys.js';
import { checkLevel } from '../stats/validate.js';
import {
  checkFinite,
  type DesignInput,
  hasIntercept,
  toDesignMatrix,
  toVector,
  type VectorInput,
} from './design.js';
import { groupedIndicatorCrossProduct, indicatorGroups } from './indicator-groups.js';
import { type Coefficient, coefficientEstimate, toRows } from './inference.js';
import {
  findCoefficient,
  olsPrepareValidated,
  olsSolveCoefficients,
  type ShiftedProducts,
  type SingularAction,
} from './ols.js';

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

/** dμ/dη with R's clamping (`binomial()$mu.eta`). */
function muEta(eta: number): number {
  if (eta > THRESH || eta < -THRESH) return EPS;
  const e = Math.exp(eta);
  return e / ((1 + e) * (1 + e));
}

/**
 * μ = linkinv(η) and μ' = muEta(η) of every row from one exp, and the binomial deviance of μ
 * (the same values, and the same sum in the same order, as `linkinv`, `muEta` and `deviance`);
 * in the same pass the next IRLS step's working response z = η + (y − μ)/μ' and weight
 * W = μ'²/(μ(1 − μ)).
 */
function updateMean(
  eta: Float64Array,
  y: Float64Array,
  mu: Float64Array,
  dmu: Float64Array,
  z: Float64Array,
  w: Float64Array,
) {
  let d = 0;
  for (let i = 0; i < eta.length; i++) {
    const e = eta[i]!;
    let m: number;
    if (e < -THRESH) {
      m = EPS / (1 + EPS);
      dmu[i] = EPS;
    } else if (e > THRESH) {
      m = 1 / EPS / (1 + 1 / EPS);
      dmu[i] = EPS;
    } else {
      const t = Math.exp(e);
      m = t / (1 + t);
      dmu[i] = t / ((1 + t) * (1 + t));
    }
    mu[i] = m;
    const me = dmu[i]!;
    z[i] = e + (y[i]! - m) / me;
    w[i] = (me * me) / (m * (1 - m));
    d += y[i] === 1 ? -2 * Math.log(m) : -2 * Math.log(1 - m);
  }
  return d;
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
 * β = (X'WX)⁻¹X'Wz, η = Xβ until |dev − dev_old|/(|dev| + 0.1) < 1e-8. X is checked once; an
 * iteration rebuilds only X'WX (0/1 columns by their rows: `indicatorCrossProduct`). Standard errors are
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
  rejectUnknownKeys(
    options,
    { level: true, tolerance: true, maxIterations: true, singular: true },
    'logisticRegression',
  );
  const level = checkLevel(options.level ?? 0.95);
  const tolerance = options.tolerance ?? 1e-8;
  const maxIterations = options.maxIterations ?? 25;
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
  const pc = pivotedCholesky(crossProduct(design.columns), kAll, 1e-7);
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
  const columns = pc.kept.map((j) => design.columns[j]!);
  const terms = pc.kept.map((j) => design.names[j]!);
  const k = columns.length;

  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  const w = new Float64Array(n);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    mu[i] = (yv[i]! + 0.5) / 2;
    eta[i] = Math.log(mu[i]! / (1 - mu[i]!));
  }
  let devOld = deviance(yv, mu);
  let dev = devOld;
  let beta: Float64Array = new Float64Array(k);
  let bread: Float64Array = new Float64Array(0);
  let converged = false;
  let iterations = 0;
  const kept: DesignMatrix = { names: terms, columns, n };
  // X was validated once above and the IRLS weights are positive and finite by construction
  // (μ' and μ(1 − μ) are clamped as in R), so each iteration only rebuilds X'WX — with the 0/1
  // columns (factor dummies) kept by their rows, which makes that pass several times cheaper.
  const layout = indicatorLayout(columns);
  const products = sparseProducts(layout, columns);
  // dμ/dη of the current η, filled with μ in one pass (one exp per row and iteration).
  const dmu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const me = muEta(eta[i]!);
    const m = mu[i]!;
    dmu[i] = me;
    z[i] = eta[i]! + (yv[i]! - m) / me;
    w[i] = (me * me) / (m * (1 - m));
  }
  // The residuals of each step's refinement (olsSolveCoefficients), one buffer for all steps.
  const scratch = new Float64Array(n);
  for (let iter = 1; iter <= maxIterations; iter++) {
    iterations = iter;
    // z and w of this step: from the start values, then from `updateMean` after each step.
    // The weighted least-squares step, with the same centring and refinement as `ols` (glm.fit
    // uses a QR here; the rank was settled on X above, so only exact singularity can remain).
    const step = olsPrepareValidated(kept, w, { tol: 1e-11 }, undefined, products);
    if (step.aliased.length > 0) {
      throw new InputError(
        `logistic regression: X'WX became singular at iteration ${iter} (column "${step.aliased[0]}"); the fitted probabilities are degenerate (separation)`,
        { code: 'singular', column: step.aliased[0] },
      );
    }
    beta = olsSolveCoefficients(step, z, scratch);
    bread = step.bread;
    // η = Xβ, as glm.fit (`eta <- drop(x %*% start)`): clients with the same covariates get the
    // same η exactly (z − residuals would differ in the last bits with their outcomes, and
    // break the ties of the fitted probabilities that the AUC counts as ½).
    linearPredictor(columns, beta, layout, eta);
    dev = updateMean(eta, yv, mu, dmu, z, w);
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < tolerance) {
      converged = true;
      break;
    }
    devOld = dev;
  }
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
  const intercept = hasIntercept(columns);
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
 * η ← Xβ column by column (η_i = Σ_j x_ij β_j in column order for every row), an indicator
 * column adding its β_j on its rows only (adding β_j·0 changes no sum).
 */
function linearPredictor(
  columns: readonly Float64Array[],
  beta: Float64Array,
  layout: IndicatorLayout,
  eta: Float64Array,
): void {
  eta.fill(0);
  const rowsOf = new Map(layout.sparse.map((sp) => [sp.column, sp.rows]));
  columns.forEach((c, j) => {
    const b = beta[j]!;
    const rows = rowsOf.get(j);
    if (rows) {
      for (let r = 0; r < rows.length; r++) eta[rows[r]!]! += b;
    } else {
      for (let i = 0; i < c.length; i++) eta[i]! += b * c[i]!;
    }
  });
}

/**
 * X'WX through `groupedIndicatorCrossProduct` (the same sums as `indicatorCrossProduct`, the
 * indicators grouped once into mutually exclusive sets such as a factor's dummies) when some
 * columns are sparse 0/1 indicators (undefined otherwise: `olsPrepareValidated`'s dense pass);
 * the intercept shift as `ols` uses it.
 */
function sparseProducts(
  layout: IndicatorLayout,
  columns: readonly Float64Array[],
): ShiftedProducts | undefined {
  if (layout.sparse.length === 0) return undefined;
  const centre = columns.length >= 2 && hasIntercept([columns[0]!]);
  const grouped = indicatorGroups(layout);
  return (cols, weights) => groupedIndicatorCrossProduct(cols, grouped, weights!, centre);
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
