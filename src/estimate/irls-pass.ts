/**
 * The one pass over the rows of an IRLS iteration for a design of dense columns and groups of
 * mutually exclusive 0/1 indicators (a factor's dummies), read from one code per row and group:
 * η = Xβ, μ, μ', the weight W = μ'²/(μ(1 − μ)), the deviance, and X'WX with the right-hand side
 * X'W·t (t the working response z at the start, the working residual (y − μ)/μ' after it) in the
 * same loop. The dense columns (but the intercept) enter the products shifted by fixed values (their
 * means), which keeps X'WX well conditioned; the caller maps the solution back.
 */
import { hasIntercept } from './design.js';
import type { IndicatorGroups } from './indicator-groups.js';

/** A design read as dense columns plus, per row and indicator group, the column that is 1. */
export interface CodedDesign {
  readonly n: number;
  /** Number of columns (the kept ones, in their order). */
  readonly k: number;
  /** The dense columns and their column indices. */
  readonly dense: readonly Float64Array[];
  readonly denseIndex: Int32Array;
  /** Shift of each dense column in the products (0 for the intercept, or without one). */
  readonly denseShift: Float64Array;
  /** Per group: the code of each row (member, or −1) and each member's column (−1 if dropped). */
  readonly codes: readonly Int32Array[];
  readonly columnOf: readonly Int32Array[];
  /** s/a: the shifted basis' intercept absorbs Σ s_j β_j / a (a the intercept's value); or null. */
  readonly interceptShift: { readonly column: number; readonly ratio: Float64Array } | null;
}

/**
 * The coded form of `columns[kept]` from the grouping of all the columns: dense columns as they
 * are (shifted by their means when column `kept[0]` is an intercept), indicators by their group's
 * codes; a dropped indicator (not in `kept`) adds nothing.
 *
 * @example
 * const grouped = indicatorGroups(indicatorLayout(columns));
 * const coded = codedDesign(columns, grouped, [0, 1, 2], true);
 */
export function codedDesign(
  columns: readonly Float64Array[],
  grouped: IndicatorGroups,
  kept: readonly number[],
  centre: boolean,
): CodedDesign {
  const { layout, groups } = grouped;
  const n = layout.n;
  const newIndex = new Int32Array(columns.length).fill(-1);
  kept.forEach((j, q) => {
    newIndex[j] = q;
  });
  const denseCols = layout.dense.filter((j) => newIndex[j]! >= 0);
  const intercept =
    centre && kept.length >= 2 && denseCols[0] === kept[0] && hasIntercept([columns[kept[0]!]!]);
  const a = intercept ? columns[kept[0]!]![0]! : 1;
  const denseShift = new Float64Array(denseCols.length);
  const ratio = new Float64Array(kept.length);
  if (intercept) {
    denseCols.forEach((j, d) => {
      if (d === 0) return;
      const c = columns[j]!;
      let s = 0;
      for (let i = 0; i < n; i++) s += c[i]!;
      denseShift[d] = s / n;
      ratio[newIndex[j]!] = s / n / a;
    });
  }
  return {
    n,
    k: kept.length,
    dense: denseCols.map((j) => columns[j]!),
    denseIndex: Int32Array.from(denseCols, (j) => newIndex[j]!),
    denseShift,
    codes: groups.map((g) => g.code),
    columnOf: groups.map((g) =>
      Int32Array.from(g.members, (m) => newIndex[layout.sparse[m]!.column]!),
    ),
    interceptShift: intercept ? { column: newIndex[kept[0]!]!, ratio } : null,
  };
}

const EPS = 2.220446049250313e-16;
const THRESH = 30;

/** What one pass fills: X'WX (k×k, shifted basis) and the right-hand side. */
export interface PassOutput {
  readonly xtx: Float64Array;
  readonly rhs: Float64Array;
}

/**
 * One IRLS pass. With `beta` null: the start of `glm.fit`, μ = (y + ½)/2, η = logit μ, and the
 * right-hand side X'Wz (z = η + (y − μ)/μ'). With `beta`: η = Xβ (in column order, so equal
 * covariates give equal η), μ = linkinv(η), μ' = mu.eta(η) with R's clamping, and X'W(y − μ)/μ'
 * (the Newton step's X'(y − μ) as the weighted working residual). X'WX from the weights of the
 * same μ. Fills `mu` and returns the binomial deviance Σ −2 log(μ or 1 − μ). `weights` = null
 * gives the unweighted X'X (raw, for the rank decision) and no μ.
 *
 * @example
 * const dev = irlsPass(coded, y, null, mu, out); // the start values' deviance, out.xtx = X'W₀X
 */
export function irlsPass(
  coded: CodedDesign,
  y: Float64Array,
  beta: Float64Array | null,
  mu: Float64Array,
  out: PassOutput,
): number {
  const { n, k, dense, denseIndex, denseShift, codes, columnOf } = coded;
  const D = dense.length;
  const G = codes.length;
  const xtx = out.xtx;
  const rhs = out.rhs;
  xtx.fill(0);
  rhs.fill(0);
  const cap = D + G;
  const idx = new Int32Array(cap);
  const raw = new Float64Array(cap);
  const val = new Float64Array(cap);
  for (let d = 0; d < D; d++) idx[d] = denseIndex[d]!;
  let dev = 0;
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let d = 0; d < D; d++) {
      const x = dense[d]![i]!;
      raw[d] = x;
      val[d] = x - denseShift[d]!;
    }
    let m = D;
    for (let g = 0; g < G; g++) {
      const l = codes[g]![i]!;
      if (l < 0) continue;
      const c = columnOf[g]![l]!;
      if (c < 0) continue;
      idx[m] = c;
      raw[m] = 1;
      val[m] = 1;
      m++;
    }
    const yi = y[i]!;
    let mi: number;
    let me: number;
    if (beta === null) {
      mi = (yi + 0.5) / 2;
      eta = Math.log(mi / (1 - mi));
      // R's binomial()$mu.eta of the start's η.
      if (eta > THRESH || eta < -THRESH) me = EPS;
      else {
        const e = Math.exp(eta);
        me = e / ((1 + e) * (1 + e));
      }
    } else {
      for (let a = 0; a < m; a++) eta += raw[a]! * beta[idx[a]!]!;
      if (eta < -THRESH) {
        mi = EPS / (1 + EPS);
        me = EPS;
      } else if (eta > THRESH) {
        mi = 1 / EPS / (1 + 1 / EPS);
        me = EPS;
      } else {
        const t = Math.exp(eta);
        mi = t / (1 + t);
        me = t / ((1 + t) * (1 + t));
      }
    }
    mu[i] = mi;
    dev += yi === 1 ? -2 * Math.log(mi) : -2 * Math.log(1 - mi);
    const w = (me * me) / (mi * (1 - mi));
    const r = (yi - mi) / me;
    const t = beta === null ? eta + r : r;
    const wt = w * t;
    for (let a = 0; a < m; a++) {
      const ia = idx[a]!;
      const va = val[a]!;
      rhs[ia]! += wt * va;
      const wa = w * va;
      const row = ia * k;
      for (let b = 0; b <= a; b++) xtx[row + idx[b]!]! += wa * val[b]!;
    }
  }
  symmetrise(xtx, k);
  return dev;
}

/**
 * X'X of the coded design without weights or shift (the rank decision on the raw columns, as
 * `pivotedCholesky(crossProduct(X))`), in one pass.
 *
 * @example
 * pivotedCholesky(rawCrossProduct(coded), coded.k, 1e-7).aliased
 */
export function rawCrossProduct(coded: CodedDesign): Float64Array {
  const { n, k, dense, denseIndex, codes, columnOf } = coded;
  const D = dense.length;
  const G = codes.length;
  const xtx = new Float64Array(k * k);
  const idx = new Int32Array(D + G);
  const val = new Float64Array(D + G);
  for (let d = 0; d < D; d++) idx[d] = denseIndex[d]!;
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < D; d++) val[d] = dense[d]![i]!;
    let m = D;
    for (let g = 0; g < G; g++) {
      const l = codes[g]![i]!;
      if (l < 0) continue;
      const c = columnOf[g]![l]!;
      if (c < 0) continue;
      idx[m] = c;
      val[m] = 1;
      m++;
    }
    for (let a = 0; a < m; a++) {
      const va = val[a]!;
      const row = idx[a]! * k;
      for (let b = 0; b <= a; b++) xtx[row + idx[b]!]! += va * val[b]!;
    }
  }
  symmetrise(xtx, k);
  return xtx;
}

/** Each pair's sum sits in one of its two cells: add them and mirror. */
function symmetrise(xtx: Float64Array, k: number): void {
  for (let r = 0; r < k; r++) {
    for (let c = r + 1; c < k; c++) {
      const v = xtx[r * k + c]! + xtx[c * k + r]!;
      xtx[r * k + c] = v;
      xtx[c * k + r] = v;
    }
  }
}

/**
 * β = T·βs for a solution βs in the shifted basis: β₀ = βs₀ − Σ_j (s_j/a)·βs_j (the intercept's
 * column), the others unchanged; in place.
 *
 * @example
 * unshift(coded, delta);
 */
export function unshift(coded: CodedDesign, v: Float64Array): Float64Array {
  const s = coded.interceptShift;
  if (!s) return v;
  let sum = 0;
  for (let j = 0; j < v.length; j++) sum += s.ratio[j]! * v[j]!;
  v[s.column]! -= sum;
  return v;
}

/**
 * V = T·Vs·T' for a covariance Vs in the shifted basis (T as in {@link unshift}), k×k row-major.
 *
 * @example
 * const bread = unshiftCovariance(coded, choleskyInverse(factor, k));
 */
export function unshiftCovariance(coded: CodedDesign, vs: Float64Array): Float64Array {
  const s = coded.interceptShift;
  const k = coded.k;
  if (!s) return vs;
  const c0 = s.column;
  const r = s.ratio;
  // Row c0 of T·Vs: Vs[c0][j] − Σ_p r_p Vs[p][j]; then the same on the columns.
  const tv = Float64Array.from(vs);
  for (let j = 0; j < k; j++) {
    let sum = 0;
    for (let p = 0; p < k; p++) sum += r[p]! * vs[p * k + j]!;
    tv[c0 * k + j]! -= sum;
  }
  const out = Float64Array.from(tv);
  for (let i = 0; i < k; i++) {
    let sum = 0;
    for (let p = 0; p < k; p++) sum += r[p]! * tv[i * k + p]!;
    out[i * k + c0]! -= sum;
  }
  return out;
}
