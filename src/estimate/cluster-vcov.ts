/**
 * Cluster-robust ("CR") covariance matrices of least squares and their degrees of freedom, as
 * estimatr's `lm_robust(..., clusters = )` (mathematical notes) and clubSandwich's
 * `vcovCR` / `coef_test(..., test = "Satterthwaite")`. With bread A = (X'WX)⁻¹, clusters
 * c = 1…S, residuals e and X̃ = √W·X, ẽ = √W·e:
 *
 * - CR0: A·Σ_c X̃_c'ẽ_c ẽ_c'X̃_c·A, df S − 1
 * - stata (CR1 with Stata's correction): CR0 · (N − 1)/(N − K) · S/(S − 1), df S − 1
 * - CR2 (Bell & McCaffrey 2002; Pustejovsky & Tipton 2018): A·Σ_c X_c'W_c M_c e_c e_c'M_c W_c X_c·A
 *   with M_c = B_c^(−1/2), B_c = (I − H)_c·(I − H)_c·' the cluster's rows of I − H, H = X·A·X'W
 *   (unweighted: B_c = I − H_cc, H_cc = X_c A X_c'). Per coefficient p, Satterthwaite
 *   df = tr(P)² / tr(P²) with P_cd = u_c'[(I − H)(I − H)']_cd u_d and u_c = M_c W_c X_c A a_p
 *   (a_p the p-th unit vector): the df of the scaled χ² that matches the first two moments of
 *   the variance estimate when the errors are independent and homoskedastic (the working model
 *   Φ = I, estimatr's choice and clubSandwich's with `inverse_var = FALSE`).
 *
 * With absorbed fixed effects (dummies D, projected out of X), H is the hat matrix of [X, D]:
 * H_cc gains the block of H_D (entries 1/n_g for rows i, j of fixed-effect group g), as
 * estimatr does for CR2 with `fixed_effects` (it builds the dummies for that step); weighted CR2
 * with absorbed fixed effects is refused, as by estimatr.
 */

import { InputError } from '../errors.js';
import { symmetricInverseSqrt } from '../stats/eigen.js';
import { gather } from '../stats/gather.js';
import { crossProduct, sandwich } from '../stats/linalg.js';
import { congruence, type OlsPrepared } from './ols.js';

/** Cluster-robust standard-error type. */
export type ClusterSeType = 'CR0' | 'stata' | 'CR2';

/** All cluster-robust SE types. */
export const CLUSTER_SE_TYPES: readonly ClusterSeType[] = ['CR0', 'stata', 'CR2'];

/** Group membership of the rows: `index[i]` in 0…count − 1. */
export interface Groups {
  readonly index: Int32Array;
  readonly count: number;
}

/** The groups of a label per row, numbered in order of first appearance, with their labels. */
export interface LabelledGroups extends Groups {
  readonly labels: readonly string[];
}

/**
 * Numbers the distinct labels in order of first appearance.
 *
 * @example
 * groupsOf(['b', 'a', 'b']) // { index: [0, 1, 0], count: 2, labels: ['b', 'a'] }
 */
export function groupsOf(labels: ArrayLike<string | number>): LabelledGroups {
  const map = new Map<string, number>();
  const index = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const key = String(labels[i]);
    let g = map.get(key);
    if (g === undefined) {
      g = map.size;
      map.set(key, g);
    }
    index[i] = g;
  }
  return { index, count: map.size, labels: [...map.keys()] };
}

/** Result of {@link clusterVcov}. */
export interface ClusterVcov {
  /** Covariance matrix of the coefficients (k×k row-major, order of `prepared.terms`). */
  readonly vcov: Float64Array;
  /** Degrees of freedom per coefficient: S − 1 (CR0, stata) or Satterthwaite (CR2). */
  readonly df: Float64Array;
  /** Number of clusters S. */
  readonly nClusters: number;
}

/** Options of {@link clusterVcov}. */
export interface ClusterVcovOptions {
  /** Fixed-effect groups projected out of X and y (their dummies join H for CR2; unweighted only). */
  readonly absorbed?: Groups;
  /** K of Stata's correction: the rank of X plus the rank of the absorbed dummies (default k). */
  readonly rank?: number;
  /** Cluster labels, for the message when a cluster makes CR2 undefined. */
  readonly labels?: readonly string[];
}

/** The rows of each cluster: rows of cluster c are `order[start[c] … start[c + 1] − 1]`. */
function clusterRows(groups: Groups): { order: Int32Array; start: Int32Array } {
  const { index, count } = groups;
  const start = new Int32Array(count + 1);
  for (let i = 0; i < index.length; i++) start[index[i]! + 1]!++;
  for (let c = 0; c < count; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, count);
  const order = new Int32Array(index.length);
  for (let i = 0; i < index.length; i++) order[fill[index[i]!]!++] = i;
  return { order, start };
}

/** One cluster's pieces: X_c (shifted, unweighted), W_c·X_c, and M_c·W_c·X_c for CR2. */
interface ClusterPart {
  readonly m: number;
  readonly rows: Int32Array;
  readonly x: Float64Array;
  readonly wx: Float64Array;
  readonly mwx: Float64Array;
  /** M_c = B_c^(−1/2) (CR2 only). */
  readonly root?: Float64Array;
}

/**
 * Cluster-robust covariance of the coefficients of a prepared least-squares design, with its
 * degrees of freedom (see the module notes for the formulas). O(n·k² + Σ_c n_c³) for CR2 (one
 * symmetric eigen-decomposition per cluster), O(n·k²) otherwise; the CR2 df add O(n·k + S·k²)
 * per coefficient. A cluster whose B_c is singular (e.g. the only cluster of a fixed-effect
 * group, or of a dummy) makes CR2 undefined: an `InputError` (`leverage-one`) names it.
 *
 * @example
 * const prep = olsPrepare(X);
 * const { residuals } = olsSolve(prep, y);
 * const { vcov, df } = clusterVcov(prep, residuals, groupsOf(office), 'CR2');
 */
export function clusterVcov(
  prepared: OlsPrepared,
  residuals: Float64Array,
  clusters: Groups,
  se: ClusterSeType,
  options: ClusterVcovOptions = {},
): ClusterVcov {
  const { n, k, weights, transform, shiftedBread } = prepared;
  const S = clusters.count;
  if (S < 2) {
    throw new InputError(
      `clusters: ${S} cluster; cluster-robust standard errors need at least 2 clusters`,
      { code: 'too-few', value: String(S) },
    );
  }
  const absorbed = options.absorbed;
  if (absorbed && weights && se === 'CR2') {
    throw new InputError(
      "CR2 with weights and absorbed fixed effects is not available (estimatr refuses it too); include the fixed effects as covariates, or use se: 'stata'",
      { code: 'invalid-option', value: se },
    );
  }
  const { parts, groupSize, q, bad } = clusterParts(
    prepared,
    clusters,
    se,
    absorbed,
    options.labels,
  );
  if (bad.length > 0) throw cr2Undefined(bad);
  const meat = new Float64Array(k * k);
  const g = new Float64Array(k);
  for (const { m, rows, wx, root } of parts) {
    // g_c = X_c'W_c·M_c·e_c (M_c = I for CR0/stata).
    let e: Float64Array = gather(residuals, rows);
    if (root) e = multiply(root, e, m, m, 1);
    g.fill(0);
    for (let r = 0; r < m; r++) for (let j = 0; j < k; j++) g[j]! += wx[r * k + j]! * e[r]!;
    for (let j = 0; j < k; j++) for (let l = 0; l < k; l++) meat[j * k + l]! += g[j]! * g[l]!;
  }
  let v = sandwich(shiftedBread, meat, k);
  if (transform) v = congruence(transform, v, k);
  if (se === 'stata') {
    const K = options.rank ?? k;
    const f = ((n - 1) / (n - K)) * (S / (S - 1));
    v = v.map((x) => x * f);
  }
  const df = new Float64Array(k).fill(S - 1);
  if (se === 'CR2') {
    for (let p = 0; p < k; p++) {
      const unit = new Float64Array(k);
      unit[p] = 1;
      df[p] = satterthwaiteDf(contrastRow(prepared, unit), prepared, parts, q, absorbed, groupSize);
    }
  }
  return { vcov: v, df, nClusters: S };
}

/** The pieces of every cluster, with what the CR2 steps share; `bad` lists clusters with singular B_c. */
function clusterParts(
  prepared: OlsPrepared,
  clusters: Groups,
  se: ClusterSeType,
  absorbed: Groups | undefined,
  labels: readonly string[] | undefined,
): {
  parts: ClusterPart[];
  groupSize: Float64Array | undefined;
  q: Float64Array | undefined;
  bad: string[];
} {
  const { n, k, columns, weights, shift, shiftedBread } = prepared;
  const S = clusters.count;
  const { order, start } = clusterRows(clusters);
  let groupSize: Float64Array | undefined;
  if (absorbed) {
    groupSize = new Float64Array(absorbed.count);
    for (let i = 0; i < n; i++) groupSize[absorbed.index[i]!]! += 1;
  }
  // Q = X'W²X (shifted basis), for B_c and the df of weighted CR2.
  const q = weights
    ? crossProduct(
        columns,
        Float64Array.from(weights, (w) => w * w),
        shift,
      )
    : undefined;
  const parts: ClusterPart[] = [];
  const bad: string[] = [];
  for (let c = 0; c < S; c++) {
    const m = start[c + 1]! - start[c]!;
    const rows = order.subarray(start[c]!, start[c + 1]!);
    const x = new Float64Array(m * k);
    const wx = new Float64Array(m * k);
    for (let r = 0; r < m; r++) {
      const i = rows[r]!;
      const w = weights ? weights[i]! : 1;
      for (let j = 0; j < k; j++) {
        const v = columns[j]![i]! - (shift ? shift[j]! : 0);
        x[r * k + j] = v;
        wx[r * k + j] = w * v;
      }
    }
    if (se !== 'CR2') {
      parts.push({ m, rows, x, wx, mwx: wx });
      continue;
    }
    const b = clusterB(x, wx, m, k, shiftedBread, q);
    if (absorbed && groupSize) {
      for (let r = 0; r < m; r++) {
        for (let t = 0; t < m; t++) {
          const g = absorbed.index[rows[r]!]!;
          if (absorbed.index[rows[t]!] === g) b[r * m + t]! -= 1 / groupSize[g]!;
        }
      }
    }
    const root = symmetricInverseSqrt(b, m);
    if (!root) {
      bad.push(labels?.[c] ?? String(c + 1));
      parts.push({ m, rows, x, wx, mwx: wx });
      continue;
    }
    parts.push({ m, rows, x, wx, mwx: multiply(root, wx, m, m, k), root });
  }
  return { parts, groupSize, q, bad };
}

function cr2Undefined(bad: readonly string[]): InputError {
  return new InputError(
    `CR2 standard errors are undefined: I − H is singular for cluster${bad.length > 1 ? 's' : ''} ${bad.slice(0, 5).join(', ')} (a regressor or fixed effect that only that cluster has); use se: 'stata' or 'CR0', or drop that term`,
    { code: 'leverage-one', value: bad[0]! },
  );
}

/** Result of {@link clusterTermWeights}: what the variance of one coefficient needs, for any outcome. */
export interface ClusterTermWeights {
  /**
   * u with Var(β̂_p) = scale · Σ_c (Σ_{i∈c} u_i e_i)² for the residuals e of any outcome on this
   * design: u_c = M_c W_c X_c A a_p (M_c = I for CR0 / stata, B_c^(−1/2) for CR2), per row.
   */
  readonly u: Float64Array;
  /** Degrees of freedom of coefficient p: S − 1 or the CR2 Satterthwaite df (X only, not y). */
  readonly df: number;
  /** 1, or Stata's (N − 1)/(N − K) · S/(S − 1). */
  readonly scale: number;
  readonly nClusters: number;
}

/**
 * The part of {@link clusterVcov} for one coefficient p that does not depend on the outcome:
 * the CR2 adjustment M_c of every cluster, folded into per-row weights u, and the Satterthwaite
 * df (a function of X alone). With it, each further outcome on the same design costs O(n) for
 * its cluster-robust variance (see `olsCumulativeClusterSeries`). Same numbers as
 * `clusterVcov(prepared, e, clusters, se).vcov[p·k + p]` and `.df[p]`.
 *
 * @example
 * const w = clusterTermWeights(prep, groupsOf(office), 'CR2', prep.terms.indexOf('treatment'));
 * // Var = w.scale · Σ_c (Σ_{i∈c} w.u[i]·e[i])², on w.df degrees of freedom
 */
export function clusterTermWeights(
  prepared: OlsPrepared,
  clusters: Groups,
  se: ClusterSeType,
  p: number,
  options: ClusterVcovOptions = {},
): ClusterTermWeights {
  const unit = new Float64Array(prepared.k);
  unit[p] = 1;
  return clusterContrastWeights(prepared, clusters, se, [unit], options)[0]!;
}

/**
 * {@link clusterTermWeights} for linear combinations c'β of the coefficients (c over
 * `prepared.terms`, e.g. e_a − e_b for the contrast between two arms), all from one CR2
 * adjustment of the clusters: u = M_c W_c X_c A c per row, so Var(c'β̂) = scale · Σ_c (Σ_{i∈c}
 * u_i e_i)² = c'V̂c, and the Satterthwaite df of the contrast itself (Pustejovsky & Tipton
 * 2018), with u in place of the unit vector's — what `clubSandwich::linear_contrast(fit, vcov =
 * "CR2", contrasts = C, test = "Satterthwaite")` gives per row of C; S − 1 for CR0 / stata, as
 * estimatr.
 *
 * @example
 * const [w] = clusterContrastWeights(prep, groupsOf(office), 'CR2', [Float64Array.of(0, 1, -1, 0)]);
 * w.df; // Satterthwaite df of β₁ − β₂
 */
export function clusterContrastWeights(
  prepared: OlsPrepared,
  clusters: Groups,
  se: ClusterSeType,
  contrasts: readonly ArrayLike<number>[],
  options: ClusterVcovOptions = {},
): ClusterTermWeights[] {
  const { n, k } = prepared;
  const S = clusters.count;
  if (S < 2) {
    throw new InputError(
      `clusters: ${S} cluster; cluster-robust standard errors need at least 2 clusters`,
      { code: 'too-few', value: String(S) },
    );
  }
  for (const c of contrasts) {
    if (c.length !== k) {
      throw new InputError(
        `clusterContrastWeights: expected contrasts of ${k} weights (the model's terms), got ${c.length}`,
        { code: 'length-mismatch' },
      );
    }
  }
  const { parts, groupSize, q, bad } = clusterParts(
    prepared,
    clusters,
    se,
    options.absorbed,
    options.labels,
  );
  if (bad.length > 0) throw cr2Undefined(bad);
  const K = options.rank ?? k;
  const scale = se === 'stata' ? ((n - 1) / (n - K)) * (S / (S - 1)) : 1;
  return contrasts.map((contrast) => {
    const r = contrastRow(prepared, contrast);
    const u = new Float64Array(n);
    for (const { m, rows, mwx } of parts) {
      const uc = multiply(mwx, r, m, k, 1);
      for (let t = 0; t < m; t++) u[rows[t]!] = uc[t]!;
    }
    const df =
      se === 'CR2' ? satterthwaiteDf(r, prepared, parts, q, options.absorbed, groupSize) : S - 1;
    return { u, df, scale, nClusters: S };
  });
}

/**
 * r = A·T'c: the contrast c (over the coefficients of X) in the shifted basis of the bread A,
 * r_j = Σ_p c_p Σ_l T_pl A_lj (T the basis transform, identity without one).
 */
function contrastRow(prepared: OlsPrepared, contrast: ArrayLike<number>): Float64Array {
  const { k, transform, shiftedBread: a } = prepared;
  const r = new Float64Array(k);
  for (let p = 0; p < k; p++) {
    const cp = contrast[p]!;
    if (cp === 0) continue;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) {
        s += (transform ? transform[p * k + l]! : l === p ? 1 : 0) * a[l * k + j]!;
      }
      r[j]! += cp * s;
    }
  }
  return r;
}

/**
 * B_c = I − H_cc − H_cc' + X_c A Q A X_c' with H_cc = X_c A X_c'W_c (weighted; Q = X'W²X), or
 * I − X_c A X_c' (unweighted, where the two agree).
 */
function clusterB(
  x: Float64Array,
  wx: Float64Array,
  m: number,
  k: number,
  bread: Float64Array,
  q: Float64Array | undefined,
): Float64Array {
  const xa = multiply(x, bread, m, k, k);
  const b = new Float64Array(m * m);
  const xaq = q ? multiply(multiply(xa, q, m, k, k), bread, m, k, k) : undefined;
  for (let r = 0; r < m; r++) {
    for (let t = r; t < m; t++) {
      let s = 0;
      if (xaq) {
        for (let j = 0; j < k; j++) {
          s +=
            -xa[r * k + j]! * wx[t * k + j]! -
            wx[r * k + j]! * xa[t * k + j]! +
            xaq[r * k + j]! * x[t * k + j]!;
        }
      } else {
        for (let j = 0; j < k; j++) s -= xa[r * k + j]! * x[t * k + j]!;
      }
      if (r === t) s += 1;
      b[r * m + t] = s;
      b[t * m + r] = s;
    }
  }
  return b;
}

/** (a×b row-major) · (b×c row-major). */
function multiply(x: Float64Array, y: Float64Array, a: number, b: number, c: number): Float64Array {
  const out = new Float64Array(a * c);
  for (let i = 0; i < a; i++) {
    for (let p = 0; p < b; p++) {
      const xip = x[i * b + p]!;
      if (xip === 0) continue;
      for (let j = 0; j < c; j++) out[i * c + j]! += xip * y[p * c + j]!;
    }
  }
  return out;
}

/**
 * Bell–McCaffrey Satterthwaite df of the combination with row r = A·T'c (a coefficient p: c = e_p): tr(P)²/‖P‖²_F for the S×S matrix P of the
 * module notes, written as P = diag(‖u_c‖²) − Y·C·Y' with row c of Y = [X_c'u_c, X_c'W_c u_c]
 * and C = [[−AQA, A], [A, 0]] (unweighted: Y = X_c'u_c, C = A), plus −Σ_g q_cg q_dg for absorbed
 * groups (q_cg = Σ_{i∈c∩g} u_ci/√n_g). Computed through the small Gram matrix Y'Y, so that no
 * S×S matrix is formed: ‖P‖² = Σ‖u_c‖⁴ − 2Σ‖u_c‖²·y_c'Cy_c + tr((C·Y'Y)²).
 */
function satterthwaiteDf(
  r: Float64Array,
  prepared: OlsPrepared,
  parts: readonly ClusterPart[],
  q: Float64Array | undefined,
  absorbed: Groups | undefined,
  groupSize: Float64Array | undefined,
): number {
  const { k, shiftedBread: a } = prepared;
  // C (d×d, d = k or 2k).
  const d = q ? 2 * k : k;
  const cm = new Float64Array(d * d);
  if (q) {
    const aqa = multiply(multiply(a, q, k, k, k), a, k, k, k);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        cm[i * d + j] = -aqa[i * k + j]!;
        cm[i * d + k + j] = a[i * k + j]!;
        cm[(k + i) * d + j] = a[i * k + j]!;
      }
    }
  } else cm.set(a);
  let trace = 0;
  let diag2 = 0;
  let cross = 0;
  const gram = new Float64Array(d * d);
  const fe = new Map<number, [number, number][]>();
  const y = new Float64Array(d);
  const cy = new Float64Array(d);
  parts.forEach(({ m, rows, x, wx, mwx }, c) => {
    const u = multiply(mwx, r, m, k, 1);
    y.fill(0);
    let nu = 0;
    for (let i = 0; i < m; i++) {
      nu += u[i]! * u[i]!;
      for (let j = 0; j < k; j++) {
        y[j]! += x[i * k + j]! * u[i]!;
        if (q) y[k + j]! += wx[i * k + j]! * u[i]!;
      }
    }
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += cm[i * d + j]! * y[j]!;
      cy[i] = s;
    }
    let ycy = 0;
    for (let i = 0; i < d; i++) ycy += y[i]! * cy[i]!;
    if (absorbed && groupSize) {
      const byGroup = new Map<number, number>();
      for (let i = 0; i < m; i++) {
        const g = absorbed.index[rows[i]!]!;
        byGroup.set(g, (byGroup.get(g) ?? 0) + u[i]! / Math.sqrt(groupSize[g]!));
      }
      for (const [g, v] of byGroup) {
        ycy += v * v;
        const list = fe.get(g) ?? [];
        fe.set(g, list);
        list.push([c, v]);
      }
    }
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) gram[i * d + j]! += y[i]! * y[j]!;
    trace += nu - ycy;
    diag2 += nu * nu;
    cross += nu * ycy;
  });
  // ‖Y C Y' + Q Q'‖² = tr((CG)²) + 2·Σ_g ‖(C Y'q_g)‖… computed directly: the fixed-effect part is
  // sparse (clusters sharing a group), so form the S×S cross terms only where groups meet.
  const cg = multiply(cm, gram, d, d, d);
  let low = 0;
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) low += cg[i * d + j]! * cg[j * d + i]!;
  if (fe.size > 0) low += fixedEffectCross(parts, r, cm, d, k, fe);
  return (trace * trace) / (diag2 - 2 * cross + low);
}

/**
 * The fixed-effect terms of ‖YCY' + QQ'‖²: 2·tr(Q'YCY'Q) + ‖Q'Q‖², with Q the S×G matrix of
 * q_cg (sparse: a cluster meets few groups).
 */
function fixedEffectCross(
  parts: readonly ClusterPart[],
  r: Float64Array,
  cm: Float64Array,
  d: number,
  k: number,
  fe: Map<number, [number, number][]>,
): number {
  // Y'q_g for every group g (d-vectors), from the clusters that meet g.
  const ys = parts.map(({ m, x, mwx }) => {
    const u = multiply(mwx, r, m, k, 1);
    const y = new Float64Array(d);
    for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) y[j]! += x[i * k + j]! * u[i]!;
    return y;
  });
  let total = 0;
  const yq = new Map<number, Float64Array>();
  for (const [g, list] of fe) {
    const v = new Float64Array(d);
    for (const [c, qcg] of list) for (let j = 0; j < d; j++) v[j]! += ys[c]![j]! * qcg;
    yq.set(g, v);
  }
  for (const v of yq.values()) {
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += cm[i * d + j]! * v[j]!;
      total += 2 * v[i]! * s;
    }
  }
  // ‖Q'Q‖²: (Q'Q)_gh = Σ_c q_cg q_ch.
  const byCluster = new Map<number, [number, number][]>();
  for (const [g, list] of fe) {
    for (const [c, v] of list) {
      const l = byCluster.get(c) ?? [];
      byCluster.set(c, l);
      l.push([g, v]);
    }
  }
  const qq = new Map<string, number>();
  for (const l of byCluster.values()) {
    for (const [g, vg] of l)
      for (const [h, vh] of l) qq.set(`${g},${h}`, (qq.get(`${g},${h}`) ?? 0) + vg * vh);
  }
  for (const v of qq.values()) total += v * v;
  return total;
}
