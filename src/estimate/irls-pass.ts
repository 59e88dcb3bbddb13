/**
 * The one pass over the rows of an IRLS iteration for a design of dense columns and groups of
 * mutually exclusive 0/1 indicators (a factor's dummies), read from one code per row and group:
 * η = Xβ, μ, μ', the weight W = μ'²/(μ(1 − μ)), the deviance, and X'WX with the right-hand side
 * X'W·t (t the working response z at the start, the working residual (y − μ)/μ' after it) in the
 * same loop. The dense columns (but the intercept) enter the products shifted by fixed values (their
 * means), which keeps X'WX well conditioned; the caller maps the solution back.
 */
import { hasIntercept } from './design.js';
import { type FactorCodes, groupCodes, type IndicatorGroups } from './indicator-groups.js';

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
 * A design as dense columns and factor codes: the columns are numbered 0 … k − 1 (`names`),
 * each either dense (its values) or the dummy of one level of a factor (1 on the rows with that
 * code). What `fitScan` builds from its features without writing out the dummies.
 */
export interface FactorDesign {
  readonly n: number;
  readonly names: readonly string[];
  /** Dense columns: their number and values (column 0 the intercept when there is one). */
  readonly dense: readonly { readonly column: number; readonly values: Float64Array }[];
  /** Per factor: each row's level code, and each level's column (−1: the reference, no dummy). */
  readonly factors: readonly FactorCodes[];
}

/**
 * The {@link FactorDesign} of plain columns from their grouping (`indicatorGroups`): the dense
 * columns of the layout as they are, each group of mutually exclusive indicators as one factor.
 *
 * @example
 * const design = factorDesignOfColumns(columns, names, indicatorGroups(indicatorLayout(columns)));
 */
export function factorDesignOfColumns(
  columns: readonly Float64Array[],
  names: readonly string[],
  grouped: IndicatorGroups,
): FactorDesign {
  const { layout } = grouped;
  return {
    n: layout.n,
    names,
    dense: layout.dense.map((j) => ({ column: j, values: columns[j]! })),
    factors: groupCodes(grouped),
  };
}

/**
 * The coded form of the columns `kept` of a design (renumbered 0 … kept.length − 1): dense columns
 * shifted by their means when `centre` and the first kept column is a dense intercept; a dummy
 * not kept adds nothing.
 *
 * @example
 * const coded = codedDesign(design, [0, 1, 2], true);
 */
export function codedDesign(
  design: FactorDesign,
  kept: readonly number[],
  centre: boolean,
): CodedDesign {
  const n = design.n;
  const newIndex = new Int32Array(design.names.length).fill(-1);
  kept.forEach((j, q) => {
    newIndex[j] = q;
  });
  const dense = design.dense.filter((d) => newIndex[d.column]! >= 0);
  const intercept =
    centre && kept.length >= 2 && dense[0]?.column === kept[0] && hasIntercept([dense[0]!.values]);
  const a = intercept ? dense[0]!.values[0]! : 1;
  const denseShift = new Float64Array(dense.length);
  const ratio = new Float64Array(kept.length);
  if (intercept) {
    dense.forEach((d, q) => {
      if (q === 0) return;
      const c = d.values;
      let s = 0;
      for (let i = 0; i < n; i++) s += c[i]!;
      denseShift[q] = s / n;
      ratio[newIndex[d.column]!] = s / n / a;
    });
  }
  return {
    n,
    k: kept.length,
    dense: dense.map((d) => d.values),
    denseIndex: Int32Array.from(dense, (d) => newIndex[d.column]!),
    denseShift,
    codes: design.factors.map((f) => f.code),
    columnOf: design.factors.map((f) =>
      Int32Array.from(f.columnOf, (c) => (c < 0 ? -1 : newIndex[c]!)),
    ),
    interceptShift: intercept ? { column: newIndex[kept[0]!]!, ratio } : null,
  };
}

const EPS = 2.220446049250313e-16;
const THRESH = 30;

/**
 * One client's part of a binomial (logit) IRLS step of `glm.fit`, written into `step`:
 * `[μ, w, t, d]`. At the start (`start` true) μ = (y + ½)/2 and η = logit μ; otherwise μ =
 * linkinv(η) with R's clamping at |η| > 30 (μ' = ε there). Then μ' = μ(1 − μ), the weight
 * w = μ'²/(μ(1 − μ)), the weighted working response t = w·(η + (y − μ)/μ') at the start and
 * w·(y − μ)/μ' after (the Newton step's right-hand side), and the deviance term d = −2 log μ
 * (y = 1) or −2 log(1 − μ). Shared by {@link irlsPass} and the calibration slope's two-column
 * fit, so both iterate as glm does.
 *
 * @example
 * const step = new Float64Array(4);
 * binomialStep(1, 0, false, step); // step = [0.5, 0.25, 0.5, 2·ln 2]
 */
export function binomialStep(y: number, eta: number, start: boolean, step: Float64Array): void {
  let e = eta;
  let mi: number;
  let me: number;
  if (start) {
    mi = (y + 0.5) / 2;
    e = Math.log(mi / (1 - mi));
    const t = Math.exp(e);
    me = t / ((1 + t) * (1 + t));
  } else if (e < -THRESH) {
    mi = EPS / (1 + EPS);
    me = EPS;
  } else if (e > THRESH) {
    mi = 1 / EPS / (1 + 1 / EPS);
    me = EPS;
  } else {
    const t = Math.exp(e);
    mi = t / (1 + t);
    me = t / ((1 + t) * (1 + t));
  }
  const w = (me * me) / (mi * (1 - mi));
  const res = (y - mi) / me;
  step[0] = mi;
  step[1] = w;
  step[2] = w * (start ? e + res : res);
  step[3] = y === 1 ? -2 * Math.log(mi) : -2 * Math.log(1 - mi);
}

/** What one pass fills: X'WX (k×k, shifted basis) and the right-hand side. */
export interface PassOutput {
  readonly xtx: Float64Array;
  readonly rhs: Float64Array;
}

/** Rows per block: a block's shifted columns and weights stay in cache for its products. */
const BLOCK = 1024;

/** Scratch and per-group sums of {@link accumulateBlock}, allocated once per pass. */
interface Sums {
  /** Shifted dense values of the block, one row of BLOCK per dense column (three zero rows after). */
  readonly sv: Float64Array;
  readonly wv: Float64Array;
  readonly tv: Float64Array;
  readonly wx: Float64Array;
  /** Dense × dense (D×D, lower triangle) and the dense right-hand side. */
  readonly dd: Float64Array;
  readonly dr: Float64Array;
  /** Per group: Σw per member, Σw·t per member, Σw·x_d per member × dense column. */
  readonly gw: readonly Float64Array[];
  readonly gr: readonly Float64Array[];
  readonly gd: readonly Float64Array[];
  /** Per pair of groups g < h: Σw per member of g × member of h. */
  readonly gg: readonly (readonly Float64Array[])[];
}

function newSums(coded: CodedDesign): Sums {
  const D = coded.dense.length;
  const sizes = coded.columnOf.map((c) => c.length);
  return {
    sv: new Float64Array((D + 3) * BLOCK),
    wv: new Float64Array(BLOCK),
    tv: new Float64Array(BLOCK),
    wx: new Float64Array(2 * BLOCK),
    dd: new Float64Array(D * D),
    dr: new Float64Array(D),
    gw: sizes.map((m) => new Float64Array(m)),
    gr: sizes.map((m) => new Float64Array(m)),
    gd: sizes.map((m) => new Float64Array(m * D)),
    gg: sizes.map((m, g) => sizes.map((mh, h) => new Float64Array(h > g ? m * mh : 0))),
  };
}

/**
 * Adds rows start … start + len − 1 to the sums, given their weights `wv` and right-hand side
 * terms `tv` (w·t): the dense products as dot products over the block (each block's sum added
 * to the total), each group's by its codes.
 */
function accumulateBlock(coded: CodedDesign, s: Sums, start: number, len: number): void {
  const { dense, denseShift, codes } = coded;
  const D = dense.length;
  const G = codes.length;
  const { sv, wv, tv, wx, dd, dr, gw, gr, gd, gg } = s;
  for (let d = 0; d < D; d++) {
    const c = dense[d]!;
    const sh = denseShift[d]!;
    const o = d * BLOCK;
    for (let r = 0; r < len; r++) sv[o + r] = c[start + r]! - sh;
  }
  // The dense triangle in tiles of two rows a, a + 1 by four columns b: eight independent sums
  // per sweep of the block (each the same products, in row order, as one sum per pair would
  // add). `sv` has three zero rows past D, so a tile may reach past the last column; only the
  // pairs b ≤ a are kept.
  for (let a = 0; a < D; a += 2) {
    const two = a + 1 < D;
    const oa = a * BLOCK;
    const ob = two ? oa + BLOCK : oa;
    let rhs0 = 0;
    let rhs1 = 0;
    for (let r = 0; r < len; r++) {
      const v0 = sv[oa + r]!;
      const v1 = sv[ob + r]!;
      wx[r] = wv[r]! * v0;
      wx[BLOCK + r] = wv[r]! * v1;
      rhs0 += tv[r]! * v0;
      rhs1 += tv[r]! * v1;
    }
    dr[a]! += rhs0;
    if (two) dr[a + 1]! += rhs1;
    const last = two ? a + 1 : a;
    for (let b = 0; b <= last; b += 4) {
      const o0 = b * BLOCK;
      const o1 = o0 + BLOCK;
      const o2 = o1 + BLOCK;
      const o3 = o2 + BLOCK;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let r = 0; r < len; r++) {
        const x0 = wx[r]!;
        const x1 = wx[BLOCK + r]!;
        const y0 = sv[o0 + r]!;
        const y1 = sv[o1 + r]!;
        const y2 = sv[o2 + r]!;
        const y3 = sv[o3 + r]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
      }
      const rowA = a * D;
      if (b <= a) dd[rowA + b]! += s00;
      if (b + 1 <= a) dd[rowA + b + 1]! += s01;
      if (b + 2 <= a) dd[rowA + b + 2]! += s02;
      if (b + 3 <= a) dd[rowA + b + 3]! += s03;
      if (two) {
        const rowB = rowA + D;
        dd[rowB + b]! += s10;
        if (b + 1 <= a + 1) dd[rowB + b + 1]! += s11;
        if (b + 2 <= a + 1) dd[rowB + b + 2]! += s12;
        if (b + 3 <= a + 1) dd[rowB + b + 3]! += s13;
      }
    }
  }
  // Per group, one sweep of the block: each row adds to its member's Σw, Σw·t and its D sums
  // Σw·x_d (the same terms, in the same row order, as one sweep per column would add; the D
  // independent sums of a row pipeline instead of chaining through memory row after row).
  for (let g = 0; g < G; g++) {
    const code = codes[g]!;
    const w = gw[g]!;
    const t = gr[g]!;
    const td = gd[g]!;
    for (let r = 0; r < len; r++) {
      const l = code[start + r]!;
      if (l >= 0) {
        const wr = wv[r]!;
        w[l]! += wr;
        t[l]! += tv[r]!;
        const o = l * D;
        for (let a = 0, x = r; a < D; a++, x += BLOCK) td[o + a]! += wr * sv[x]!;
      }
    }
    for (let h = g + 1; h < G; h++) {
      const codeH = codes[h]!;
      const mh = coded.columnOf[h]!.length;
      const cell = gg[g]![h]!;
      for (let r = 0; r < len; r++) {
        const l = code[start + r]!;
        const lh = codeH[start + r]!;
        if (l >= 0 && lh >= 0) cell[l * mh + lh]! += wv[r]!;
      }
    }
  }
}

/** The sums written into X'WX (k×k, full) and the right-hand side, dropped members left out. */
function finish(coded: CodedDesign, s: Sums, out: PassOutput): void {
  const { k, denseIndex, columnOf } = coded;
  const D = denseIndex.length;
  const G = columnOf.length;
  const { xtx, rhs } = out;
  xtx.fill(0);
  rhs.fill(0);
  const put = (i: number, j: number, v: number) => {
    xtx[i * k + j] = v;
    xtx[j * k + i] = v;
  };
  for (let a = 0; a < D; a++) {
    rhs[denseIndex[a]!] = s.dr[a]!;
    for (let b = 0; b <= a; b++) put(denseIndex[a]!, denseIndex[b]!, s.dd[a * D + b]!);
  }
  for (let g = 0; g < G; g++) {
    const cols = columnOf[g]!;
    cols.forEach((c, l) => {
      if (c < 0) return;
      xtx[c * k + c] = s.gw[g]![l]!;
      rhs[c] = s.gr[g]![l]!;
      for (let a = 0; a < D; a++) put(c, denseIndex[a]!, s.gd[g]![l * D + a]!);
      for (let h = g + 1; h < G; h++) {
        const colsH = columnOf[h]!;
        const cell = s.gg[g]![h]!;
        colsH.forEach((ch, lh) => {
          if (ch >= 0) put(c, ch, cell[l * colsH.length + lh]!);
        });
      }
    });
  }
}

/**
 * η = Xβ of rows start … start + len − 1 into `eta`: each row's dense terms in column order, then
 * each group's coefficient (the same sum, in the same order, for equal covariates).
 */
function linearPredictorBlock(
  coded: CodedDesign,
  beta: Float64Array,
  start: number,
  len: number,
  eta: Float64Array,
): void {
  const { dense, denseIndex, codes, columnOf } = coded;
  eta.fill(0, 0, len);
  for (let d = 0; d < dense.length; d++) {
    const c = dense[d]!;
    const b = beta[denseIndex[d]!]!;
    for (let r = 0; r < len; r++) eta[r]! += c[start + r]! * b;
  }
  for (let g = 0; g < codes.length; g++) {
    const code = codes[g]!;
    const cols = columnOf[g]!;
    for (let r = 0; r < len; r++) {
      const l = code[start + r]!;
      if (l < 0) continue;
      const c = cols[l]!;
      if (c >= 0) eta[r]! += beta[c]!;
    }
  }
}

/**
 * One IRLS pass. With `beta` null: the start of `glm.fit`, μ = (y + ½)/2, η = logit μ, and the
 * right-hand side X'Wz (z = η + (y − μ)/μ'). With `beta`: η = Xβ (in column order, so equal
 * covariates give equal η), μ = linkinv(η), μ' = mu.eta(η) with R's clamping, and X'W(y − μ)/μ'
 * (the Newton step's X'(y − μ) as the weighted working residual). X'WX from the weights of the
 * same μ, in the shifted basis. Fills `mu` and returns the binomial deviance Σ −2 log(μ or 1 − μ)
 * (summed in row order). Blocks of rows: the row quantities first, then the block's products.
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
  const n = coded.n;
  const s = newSums(coded);
  const { wv, tv } = s;
  const etaBlock = new Float64Array(BLOCK);
  const step = new Float64Array(4);
  let dev = 0;
  for (let start = 0; start < n; start += BLOCK) {
    const len = Math.min(BLOCK, n - start);
    if (beta !== null) linearPredictorBlock(coded, beta, start, len, etaBlock);
    for (let r = 0; r < len; r++) {
      binomialStep(y[start + r]!, etaBlock[r]!, beta === null, step);
      mu[start + r] = step[0]!;
      wv[r] = step[1]!;
      tv[r] = step[2]!;
      dev += step[3]!;
    }
    accumulateBlock(coded, s, start, len);
  }
  finish(coded, s, out);
  return dev;
}

/**
 * X'X of the coded design without weights (the rank decision on the raw columns, as
 * `pivotedCholesky(crossProduct(X))`; build `coded` with `centre` false), in one pass.
 *
 * @example
 * pivotedCholesky(rawCrossProduct(coded), coded.k, 1e-7).aliased
 */
export function rawCrossProduct(coded: CodedDesign): Float64Array {
  const s = newSums(coded);
  s.wv.fill(1);
  for (let start = 0; start < coded.n; start += BLOCK) {
    accumulateBlock(coded, s, start, Math.min(BLOCK, coded.n - start));
  }
  const out = { xtx: new Float64Array(coded.k * coded.k), rhs: new Float64Array(coded.k) };
  finish(coded, s, out);
  return out.xtx;
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

/**
 * X'WX of the coded design (shifted basis when it has a shift) for given weights, in one pass
 * of row blocks: Firth's information matrix.
 *
 * @example
 * const info = weightedCrossProduct(coded, w); // k×k row-major
 */
export function weightedCrossProduct(coded: CodedDesign, weights: Float64Array): Float64Array {
  const s = newSums(coded);
  for (let start = 0; start < coded.n; start += BLOCK) {
    const len = Math.min(BLOCK, coded.n - start);
    s.wv.set(weights.subarray(start, start + len));
    accumulateBlock(coded, s, start, len);
  }
  const out = { xtx: new Float64Array(coded.k * coded.k), rhs: new Float64Array(coded.k) };
  finish(coded, s, out);
  return out.xtx;
}

/**
 * η = Xβ of every row into `eta` (the dense terms in column order, then each group's
 * coefficient), by row blocks.
 *
 * @example
 * linearPredictorOf(coded, beta, eta);
 */
export function linearPredictorOf(coded: CodedDesign, beta: Float64Array, eta: Float64Array): void {
  for (let start = 0; start < coded.n; start += BLOCK) {
    const len = Math.min(BLOCK, coded.n - start);
    linearPredictorBlock(coded, beta, start, len, eta.subarray(start, start + len));
  }
}

/**
 * Firth's modified score U* = Σᵢ xᵢ(rᵢ + wᵢ·qᵢ·(½ − μᵢ)), qᵢ = xᵢ'A xᵢ with A = I⁻¹ (k×k) and
 * rᵢ = yᵢ − μᵢ, from each row's non-zero entries only (its dense values and one dummy per
 * group): O(m²) per row for m non-zero entries instead of O(k²). Unshifted designs only.
 *
 * @example
 * const score = firthScore(coded, inv, y, mu, w);
 */
export function firthScore(
  coded: CodedDesign,
  inv: Float64Array,
  y: Float64Array,
  mu: Float64Array,
  w: Float64Array,
): Float64Array {
  const { n, k, dense, denseIndex, codes, columnOf } = coded;
  const D = dense.length;
  const G = codes.length;
  const idx = new Int32Array(D + G);
  const val = new Float64Array(D + G);
  for (let d = 0; d < D; d++) idx[d] = denseIndex[d]!;
  const score = new Float64Array(k);
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
    let q = 0;
    for (let a = 0; a < m; a++) {
      const row = idx[a]! * k;
      let s = 0;
      for (let b = 0; b < m; b++) s += inv[row + idx[b]!]! * val[b]!;
      q += val[a]! * s;
    }
    const r = y[i]! - mu[i]! + w[i]! * q * (0.5 - mu[i]!);
    for (let a = 0; a < m; a++) score[idx[a]!]! += val[a]! * r;
  }
  return score;
}
