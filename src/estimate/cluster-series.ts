/**
 * The cluster-robust counterpart of `olsCumulativeSeries`: one coefficient for a whole series of
 * cumulative event indicators y_m = 1{event month ≤ m} on one design, with CR0 / stata / CR2
 * standard errors. The outcome-free parts (the CR2 adjustment of every cluster and the
 * Satterthwaite df) are computed once per design; each month then costs O(S·k) plus the clients
 * whose event falls in it.
 */
import { InputError } from '../errors.js';
import { choleskySolve } from '../stats/linalg.js';
import { checkLevel } from '../stats/validate.js';
import { type ClusterSeType, clusterTermWeights, type Groups } from './cluster-vcov.js';
import { type Coefficient, coefficientEstimate } from './inference.js';
import type { OlsPrepared } from './ols.js';

/** Options of {@link olsCumulativeClusterSeries}. */
export interface ClusterSeriesOptions {
  /** Cluster-robust SE type (default `'CR2'`, as estimatr with clusters). */
  readonly se?: ClusterSeType;
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Cluster labels, for the message when a cluster makes CR2 undefined. */
  readonly labels?: readonly string[];
  /** Name of the cluster column, for the method text. */
  readonly column?: string;
}

/**
 * The `Estimate` of coefficient `term` for y_m = 1{eventMonth ≤ m}, for each month m in
 * `months` (ascending), with cluster-robust standard errors, on a prepared unweighted design.
 * With u the per-row weights of `clusterTermWeights` (u_c = M_c X_c A a_p; M_c = I for CR0 and
 * stata, B_c^(−1/2) for CR2) and Xs the shifted columns,
 *
 * - β̂(m) = (Xs'Xs)⁻¹ s_m with s_m = Xs'y_m (grows as client i's event month is passed);
 * - Var(β̂_p) = scale · Σ_c (G_cm − U_c'β̂(m))², with G_cm = Σ_{i∈c, y_i=1} u_i (grows like
 *   s_m) and U_c = Σ_{i∈c} u_i·xs_i computed once: Σ_{i∈c} u_i e_i without forming e;
 * - df: S − 1 (CR0, stata) or the Bell–McCaffrey / Pustejovsky–Tipton Satterthwaite df, which
 *   depends on X only and so is the same for every month of the design.
 *
 * Same numbers as `lm_robust(y_m ~ …, clusters = , se_type = )` month by month (estimatr), and
 * `clubSandwich::coef_test(…, vcov = "CR2")` for the df.
 *
 * @example
 * const prep = olsPrepare(X); // (Intercept), treatment, covariates
 * const perMonth = olsCumulativeClusterSeries(prep, eventMonth, [1, 2, 3], 'treatment', groupsOf(office));
 * perMonth[2].df; // Satterthwaite df
 */
export function olsCumulativeClusterSeries(
  prepared: OlsPrepared,
  eventMonth: Float64Array,
  months: readonly number[],
  term: string,
  clusters: Groups,
  options: ClusterSeriesOptions = {},
): Coefficient[] {
  const se = options.se ?? 'CR2';
  const level = checkLevel(options.level ?? 0.95);
  const { n, k, terms, columns, factor, shift, weights } = prepared;
  if (weights) {
    throw new InputError('olsCumulativeClusterSeries: weighted designs are not supported', {
      code: 'invalid-option',
    });
  }
  if (eventMonth.length !== n || clusters.index.length !== n) {
    throw new InputError(
      `eventMonth and clusters: expected ${n} values (rows of X), got ${eventMonth.length} and ${clusters.index.length}`,
      { code: 'length-mismatch' },
    );
  }
  const c = terms.indexOf(term);
  if (c < 0 || (c === 0 && shift)) {
    throw new InputError(
      c < 0
        ? `term "${term}" is not in the model; expected one of ${terms.join(', ')}`
        : `term "${term}" is the intercept; olsCumulativeClusterSeries estimates slope coefficients`,
      { code: c < 0 ? 'unknown-term' : 'invalid-option', column: term },
    );
  }
  for (let i = 1; i < months.length; i++) {
    if (!(months[i]! > months[i - 1]!)) {
      throw new InputError('months: expected strictly increasing months', {
        code: 'invalid-option',
      });
    }
  }
  const w = clusterTermWeights(prepared, clusters, se, c, {
    ...(options.labels ? { labels: options.labels } : {}),
  });
  const S = clusters.count;
  const cl = clusters.index;
  // U_c = Σ_{i∈c} u_i xs_i (S×k), once.
  const U = new Float64Array(S * k);
  for (let j = 0; j < k; j++) {
    const col = columns[j]!;
    const sj = shift ? shift[j]! : 0;
    for (let i = 0; i < n; i++) U[cl[i]! * k + j]! += w.u[i]! * (col[i]! - sj);
  }
  // Bucket of each client: the first of `months` at or after its event month (−1: none).
  const q = months.length;
  const bucket = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const e = eventMonth[i]!;
    let lo = 0;
    let hi = q;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (months[mid]! < e) lo = mid + 1;
      else hi = mid;
    }
    bucket[i] = Number.isNaN(e) || lo === q ? -1 : lo;
  }
  const sByBucket = new Float64Array(q * k);
  const gByBucket = new Float64Array(q * S);
  for (let i = 0; i < n; i++) {
    const b = bucket[i]!;
    if (b >= 0) gByBucket[b * S + cl[i]!]! += w.u[i]!;
  }
  for (let j = 0; j < k; j++) {
    const col = columns[j]!;
    const sj = shift ? shift[j]! : 0;
    for (let i = 0; i < n; i++) {
      const b = bucket[i]!;
      if (b >= 0) sByBucket[b * k + j]! += col[i]! - sj;
    }
  }
  const s = new Float64Array(k);
  const g = new Float64Array(S);
  const column = options.column ? ` of '${options.column}'` : '';
  const seText =
    se === 'CR2'
      ? `CR2 cluster-robust SE (Bell–McCaffrey bias reduction, ${S} clusters${column}), t test on Satterthwaite df`
      : se === 'stata'
        ? `CR1 cluster-robust SE with Stata's correction (${S} clusters${column}), t test on ${S - 1} df`
        : `CR0 cluster-robust SE (${S} clusters${column}), t test on ${S - 1} df`;
  const method = `OLS, ${seText}`;
  return months.map((_, b) => {
    for (let j = 0; j < k; j++) s[j]! += sByBucket[b * k + j]!;
    for (let h = 0; h < S; h++) g[h]! += gByBucket[b * S + h]!;
    const beta = choleskySolve(factor, k, s);
    let variance = 0;
    let scaleSum = 0;
    for (let h = 0; h < S; h++) {
      let fit = 0;
      for (let j = 0; j < k; j++) fit += U[h * k + j]! * beta[j]!;
      const score = g[h]! - fit;
      variance += score * score;
      scaleSum += g[h]! * g[h]! + fit * fit;
    }
    // Sums that cancel: below 1e−24 of their squares it is rounding (an exact fit), so 0.
    if (!(variance > 1e-24 * scaleSum)) variance = 0;
    variance *= w.scale;
    return coefficientEstimate(term, beta[c]!, Math.sqrt(variance), w.df, level, n, method);
  });
}
