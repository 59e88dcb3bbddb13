/**
 * The treatment coefficient of y ~ 1 + T + Z and its HC2 standard error for many 0/1 vectors T
 * on one fixed covariate design Z (the draws of a randomisation test), O(n·k) per T with no
 * allocation: by Frisch–Waugh–Lovell β = t̃'ẽ_y / t̃'t̃, with t̃ = T − Q·Q'T the residual of T on
 * [1, Z] (Q an orthonormal basis of the design's columns, built once), ẽ_y the residual of y on
 * [1, Z], the full model's residuals e = ẽ_y − β·t̃ and leverages h_i = h_Z,i + t̃_i²/t̃'t̃, so
 * Var_HC2(β) = Σ e_i²/(1 − h_i)·(t̃_i/t̃'t̃)² (MacKinnon & White 1985; Davidson & MacKinnon,
 * "Econometric Theory and Methods", §5.5 for the FWL form). Q'T is a sum of the rows of Q where
 * T = 1 (or the column sums less the rows where T = 0, whichever is fewer). A design of factor
 * dummies takes t̃ = T − Z·b instead, from one code per row and factor ({@link fwlDrawCoded}):
 * no Q of r columns of length n is built or read.
 */
import { codedBasis, jointCodesOf, jointTable } from '../estimate/coded-basis.js';
import type { OlsPrepared } from '../estimate/ols.js';
import { backSolveTransposed, forwardSolve, ROW_BLOCK } from '../stats/linalg.js';

/** A prepared statistic: writes β and β/SE into `out` (a length-2 buffer); false when undefined. */
export type FwlDraw = (t: Float64Array, out: Float64Array) => boolean;

/**
 * Q (r columns of length n) orthonormal, spanning `columns` (each of length n), by modified
 * Gram–Schmidt with one re-orthogonalisation pass ("twice is enough": Giraud, Langou &
 * Rozložník 2005). The columns must be linearly independent (the estimable columns of an
 * `olsPrepare`d design).
 *
 * @example
 * const [q1, q2] = orthonormalColumns([new Float64Array([1, 1]), new Float64Array([0, 2])], 2);
 * // q1 ≈ [√½, √½], q2 ≈ [−√½, √½]
 */
export function orthonormalColumns(columns: readonly Float64Array[], n: number): Float64Array[] {
  const basis: Float64Array[] = [];
  for (const column of columns) {
    const v = Float64Array.from(column);
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) {
        let d = 0;
        for (let i = 0; i < n; i++) d += q[i]! * v[i]!;
        for (let i = 0; i < n; i++) v[i]! -= d * q[i]!;
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += v[i]! * v[i]!;
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) v[i]! /= norm;
    basis.push(v);
  }
  return basis;
}

/**
 * The FWL statistic of T for a fixed design: `q` from {@link orthonormalColumns} of the design's
 * estimable columns, `ey` the residuals of y on the design, `hz` its leverages, `df` the
 * residual degrees of freedom of the full model (n − r − 1). The returned function writes
 * [β, β/SE_HC2] into `out` and returns false when T lies in the design's span (t̃'t̃ ≈ 0),
 * df ≤ 0 or SE = 0.
 *
 * @example
 * const draw = fwlDraw(orthonormalColumns(prep.columns, n), ey, hz, n - prep.k - 1);
 * const out = new Float64Array(2);
 * if (draw(t, out)) console.log(out[0], out[1]); // β, studentised β
 */
export function fwlDraw(
  q: readonly Float64Array[],
  ey: Float64Array,
  hz: Float64Array,
  df: number,
): FwlDraw {
  const many = fwlDrawMany(q, [ey], hz, df);
  const ok = new Uint8Array(1);
  return (t, out) => {
    many(t, out, ok);
    return ok[0] === 1;
  };
}

/**
 * The draws of several outcomes on one covariate design and one assignment: writes
 * [β_e, β_e/SE_HC2,e] of outcome e (residuals `eys[e]` on the design) into `out[2e]`,
 * `out[2e + 1]` and sets `ok[e]` (0 where undefined, as {@link fwlDraw}). t̃ = T − Q·Q'T and
 * t̃'t̃ are computed once for every outcome (the O(n·r) part of a draw); each outcome adds three
 * O(n) sums. Per outcome the arithmetic is that of {@link fwlDraw}, bit for bit.
 *
 * @example
 * const draw = fwlDrawMany(q, [eyBijstand, eyWork], hz, n - prep.k - 1);
 * const out = new Float64Array(4);
 * const ok = new Uint8Array(2);
 * draw(t, out, ok); // out[1]: studentised β of the first outcome, out[3] of the second
 */
export function fwlDrawMany(
  q: readonly Float64Array[],
  eys: readonly Float64Array[],
  hz: Float64Array,
  df: number,
): (t: Float64Array, out: Float64Array, ok: Uint8Array) => void {
  const n = hz.length;
  const r = q.length;
  // Q's columns four per sweep (a sweep's loop and t̃'s reads and writes shared by four columns;
  // per client the same subtractions in column order, so the same t̃ bit for bit), padded to a
  // multiple of four with zero columns: their sum and coefficient are 0, and x − 0·0 = x.
  const width = Math.ceil(r / 4) * 4;
  const zero = new Float64Array(n);
  const cols = Array.from({ length: width }, (_, j) => (j < r ? q[j]! : zero));
  const colSums = cols.map((c) => c.reduce((s, v) => s + v, 0));
  const rows = new Int32Array(n);
  const tt = new Float64Array(n);
  const a = new Float64Array(width);
  return (t, out, ok) => {
    // the rows of the smaller group: Q'T is their sum (T = 1) or the column sums less it (T = 0)
    let ones = 0;
    for (let i = 0; i < n; i++) ones += t[i]!;
    const fromOnes = ones <= n - ones;
    let m = 0;
    for (let i = 0; i < n; i++) if ((t[i] === 1) === fromOnes) rows[m++] = i;
    for (let j = 0; j < width; j += 4) {
      const q0 = cols[j]!;
      const q1 = cols[j + 1]!;
      const q2 = cols[j + 2]!;
      const q3 = cols[j + 3]!;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let l = 0; l < m; l++) {
        const i = rows[l]!;
        s0 += q0[i]!;
        s1 += q1[i]!;
        s2 += q2[i]!;
        s3 += q3[i]!;
      }
      a[j] = fromOnes ? s0 : colSums[j]! - s0;
      a[j + 1] = fromOnes ? s1 : colSums[j + 1]! - s1;
      a[j + 2] = fromOnes ? s2 : colSums[j + 2]! - s2;
      a[j + 3] = fromOnes ? s3 : colSums[j + 3]! - s3;
    }
    tt.set(t);
    for (let j = 0; j < width; j += 4) {
      const q0 = cols[j]!;
      const q1 = cols[j + 1]!;
      const q2 = cols[j + 2]!;
      const q3 = cols[j + 3]!;
      const a0 = a[j]!;
      const a1 = a[j + 1]!;
      const a2 = a[j + 2]!;
      const a3 = a[j + 3]!;
      for (let i = 0; i < n; i++) {
        let x = tt[i]!;
        x -= q0[i]! * a0;
        x -= q1[i]! * a1;
        x -= q2[i]! * a2;
        x -= q3[i]! * a3;
        tt[i] = x;
      }
    }
    studentise(tt, eys, hz, df, out, ok);
  };
}

/**
 * The statistics of a draw from its t̃ (the residual of T on the design): per outcome e,
 * β = t̃'ẽ/t̃'t̃ and β/SE_HC2 into out[2e], out[2e + 1], ok[e] = 0 where undefined. Two passes
 * for every pair of outcomes (t̃'t̃ with both t̃'ẽ, then both variances, sharing each row's
 * h_i and t̃_i/t̃'t̃); each sum runs in row order with the same terms as one outcome alone.
 */
function studentise(
  tt: Float64Array,
  eys: readonly Float64Array[],
  hz: Float64Array,
  df: number,
  out: Float64Array,
  ok: Uint8Array,
): void {
  const n = tt.length;
  ok.fill(0);
  for (let e = 0; e < eys.length; e += 2) {
    const y0 = eys[e]!;
    const two = e + 1 < eys.length;
    const y1 = two ? eys[e + 1]! : y0;
    let stt = 0;
    let s0 = 0;
    let s1 = 0;
    for (let i = 0; i < n; i++) {
      const ti = tt[i]!;
      stt += ti * ti;
      s0 += ti * y0[i]!;
      s1 += ti * y1[i]!;
    }
    if (!(stt > 1e-12) || df <= 0) return;
    const b0 = s0 / stt;
    const b1 = s1 / stt;
    let v0 = 0;
    let v1 = 0;
    for (let i = 0; i < n; i++) {
      const ti = tt[i]!;
      const h = hz[i]! + (ti * ti) / stt;
      const w = ti / stt;
      const r0 = y0[i]! - b0 * ti;
      const r1 = y1[i]! - b1 * ti;
      v0 += ((r0 * r0) / (1 - h)) * w * w;
      v1 += ((r1 * r1) / (1 - h)) * w * w;
    }
    record(e, b0, Math.sqrt(v0), out, ok);
    if (two) record(e + 1, b1, Math.sqrt(v1), out, ok);
  }
}

/** Outcome e's β and β/SE into `out`, ok[e] = 1, when the SE is positive. */
function record(e: number, b: number, se: number, out: Float64Array, ok: Uint8Array): void {
  if (!(se > 0)) return;
  out[2 * e] = b;
  out[2 * e + 1] = b / se;
  ok[e] = 1;
}

/**
 * {@link fwlDrawMany} with t̃ from the coded covariate design instead of an orthonormal basis:
 * t̃ = T − Z·b with b = (Z'Z)⁻¹Z'T in the basis where the factor dummies are not shifted
 * (`codedBasis`), Z'T a sum over the smaller arm (its dense columns and its counts per factor
 * level) and Z·b per row the p dense slopes, the intercept's constant and one table entry per
 * joint code, against r multiply-adds for Q·Q'T. One pass per draw, in blocks of rows: t̃'t̃ =
 * T'T − b'Z'T is known before it, and per outcome it sums t̃'ẽ and, with
 * g_i = (t̃_i/t̃'t̃)²/(1 − h_i), Σgẽ², Σgẽt̃ and Σgt̃², so Var_HC2 = Σgẽ² − 2βΣgẽt̃ + β²Σgt̃²
 * (= Σ g_i(ẽ_i − βt̃_i)²) with no t̃ stored and no second pass. The statistics equal
 * {@link fwlDrawMany}'s up to rounding (≈ 1e−12 relative; the randomisation test counts against
 * the observed statistic with a 1e−9 tolerance). Null when the design has no dummies or coding would not pay
 * (p + 2·joints ≥ 0.6·r); `prepZ` must have its intercept in column 0.
 *
 * @example
 * const draw = fwlDrawCoded(prepZ, [ey], hz, n - prepZ.k - 1) ?? fwlDrawMany(q, [ey], hz, df);
 */
export function fwlDrawCoded(
  prepZ: OlsPrepared,
  eys: readonly Float64Array[],
  hz: Float64Array,
  df: number,
): ((t: Float64Array, out: Float64Array, ok: Uint8Array) => void) | null {
  const { n, k, columns, shift } = prepZ;
  const basis = codedBasis(prepZ);
  if (basis === null || !shift) return null;
  const { dense, dummies, joints, D, gram } = basis;
  const slopes = dense.filter((j) => j !== 0);
  const p = slopes.length;
  if (p + 2 * joints.length >= 0.6 * k) return null;
  const a0 = columns[0]![0]!;
  // The dense slopes shifted once; the joint codes of every row once; the column totals.
  const dz = slopes.map((j) => Float64Array.from(columns[j]!, (x) => x - shift[j]!));
  const dzSums = dz.map((c) => c.reduce((s, v) => s + v, 0));
  const codes = joints.map((joint) => {
    const out = new Int32Array(n);
    jointCodesOf(joint, 0, n, out, 0);
    return out;
  });
  const factors = joints.flatMap((joint) => joint.factors);
  const stateTotals = factors.map((f) => {
    const counts = new Float64Array(f.none + 1);
    for (let i = 0; i < n; i++) {
      const l = f.code[i]!;
      counts[l < 0 ? f.none : l]! += 1;
    }
    return counts;
  });
  const stateCounts = factors.map((f) => new Float64Array(f.none + 1));
  const histograms = joints.map((joint) => new Float64Array(joint.size));
  const rows = new Int32Array(n);
  const xt = new Float64Array(k);
  const zt = new Float64Array(k);
  const tables = joints.map((joint) => new Float64Array(joint.size));
  const E = eys.length;
  const tt = new Float64Array(ROW_BLOCK);
  // Per outcome: t̃'ẽ, Σgẽ², Σgẽt̃, Σgt̃² (see the pass).
  const sums = new Float64Array(4 * E);
  return (t, out, ok) => {
    // The treated rows from the front of `rows`, the others from the back, without a branch:
    // row i goes to both free ends and the arm's end keeps it. The smaller group is summed.
    let ones = 0;
    let back = n;
    for (let i = 0; i < n; i++) {
      const ti = t[i] === 1 ? 1 : 0;
      rows[ones] = i;
      rows[back - 1] = i;
      ones += ti;
      back -= 1 - ti;
    }
    const fromOnes = ones <= n - ones;
    const from = fromOnes ? 0 : ones;
    const to = fromOnes ? ones : n;
    // Z_c'T from the rows of the smaller group (T = 1), or the totals less them (T = 0): the
    // dense slopes four per sweep, the factors' level counts from one histogram per joint code.
    xt.fill(0);
    xt[0] = a0 * ones;
    let a = 0;
    for (; a + 3 < p; a += 4) {
      const c1 = dz[a]!;
      const c2 = dz[a + 1]!;
      const c3 = dz[a + 2]!;
      const c4 = dz[a + 3]!;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let s4 = 0;
      for (let l = from; l < to; l++) {
        const i = rows[l]!;
        s1 += c1[i]!;
        s2 += c2[i]!;
        s3 += c3[i]!;
        s4 += c4[i]!;
      }
      xt[slopes[a]!] = fromOnes ? s1 : dzSums[a]! - s1;
      xt[slopes[a + 1]!] = fromOnes ? s2 : dzSums[a + 1]! - s2;
      xt[slopes[a + 2]!] = fromOnes ? s3 : dzSums[a + 2]! - s3;
      xt[slopes[a + 3]!] = fromOnes ? s4 : dzSums[a + 3]! - s4;
    }
    for (; a < p; a++) {
      const c = dz[a]!;
      let s = 0;
      for (let l = from; l < to; l++) s += c[rows[l]!]!;
      xt[slopes[a]!] = fromOnes ? s : dzSums[a]! - s;
    }
    let g = 0;
    for (let j = 0; j < joints.length; j++) {
      const joint = joints[j]!;
      const hist = histograms[j]!;
      hist.fill(0);
      const code = codes[j]!;
      for (let l = from; l < to; l++) hist[code[rows[l]!]!]! += 1;
      for (const f of joint.factors) {
        const counts = stateCounts[g]!;
        counts.fill(0);
        const states = f.none + 1;
        for (let c = 0; c < joint.size; c++) counts[Math.floor(c / f.stride) % states]! += hist[c]!;
        const totals = stateTotals[g]!;
        for (let l = 0; l < f.none; l++) {
          const d = f.positionOf[l]!;
          if (d < D) xt[dummies[d]!] = fromOnes ? counts[l]! : totals[l]! - counts[l]!;
        }
        g++;
      }
    }
    // b in the coded basis (in place in `xt`); its dummies as one table per joint code.
    zt.set(xt); // Z'T, kept: the solve overwrites `xt`
    const b = backSolveTransposed(gram, k, forwardSolve(gram, k, xt));
    const term = (d: number) => b[dummies[d]!]!;
    for (let s = 0; s < joints.length; s++) jointTable(joints[s]!, D, term, tables[s]);
    // t̃'t̃ = T'T − b'Z'T (Z'Z·b = Z'T): known before the pass, which then needs t̃ only once.
    let stt = ones;
    for (let j = 0; j < k; j++) stt -= b[j]! * zt[j]!;
    ok.fill(0);
    if (!(stt > 1e-12) || df <= 0) return;
    sums.fill(0);
    const c0 = b[0]! * a0;
    const first = tables[0]!;
    const code0 = codes[0]!;
    for (let start = 0; start < n; start += ROW_BLOCK) {
      const len = Math.min(ROW_BLOCK, n - start);
      // t̃ = T − Z·b of the block: the constant, the first joint code's term and the first four
      // slopes in one sweep, the other slopes four per sweep, then the other joint codes.
      let a = 0;
      for (; a + 3 < p; a += 4) {
        const c1 = dz[a]!;
        const c2 = dz[a + 1]!;
        const c3 = dz[a + 2]!;
        const c4 = dz[a + 3]!;
        const b1 = b[slopes[a]!]!;
        const b2 = b[slopes[a + 1]!]!;
        const b3 = b[slopes[a + 2]!]!;
        const b4 = b[slopes[a + 3]!]!;
        if (a === 0) {
          for (let u = 0; u < len; u++) {
            const i = start + u;
            tt[u] =
              t[i]! -
              c0 -
              first[code0[i]!]! -
              (b1 * c1[i]! + b2 * c2[i]! + (b3 * c3[i]! + b4 * c4[i]!));
          }
        } else {
          for (let u = 0; u < len; u++) {
            const i = start + u;
            tt[u]! -= b1 * c1[i]! + b2 * c2[i]! + (b3 * c3[i]! + b4 * c4[i]!);
          }
        }
      }
      if (p < 4)
        for (let u = 0; u < len; u++) tt[u] = t[start + u]! - c0 - first[code0[start + u]!]!;
      for (; a < p; a++) {
        const c = dz[a]!;
        const ba = b[slopes[a]!]!;
        for (let u = 0; u < len; u++) tt[u]! -= ba * c[start + u]!;
      }
      for (let j = 1; j < joints.length; j++) {
        const table = tables[j]!;
        const code = codes[j]!;
        for (let u = 0; u < len; u++) tt[u]! -= table[code[start + u]!]!;
      }
      // Per outcome t̃'ẽ and, with g_i = (t̃_i/t̃'t̃)²/(1 − h_i), h = h_Z + t̃²/t̃'t̃, the sums
      // Σgẽ², Σgẽt̃, Σgt̃² of Var_HC2 = Σ g_i(ẽ_i − β·t̃_i)², outcomes in pairs.
      for (let e = 0; e < E; e += 2) {
        const y0 = eys[e]!;
        const two = e + 1 < E;
        const y1 = two ? eys[e + 1]! : y0;
        let s0 = 0;
        let ee0 = 0;
        let et0 = 0;
        let s1 = 0;
        let ee1 = 0;
        let et1 = 0;
        let c = 0;
        for (let u = 0; u < len; u++) {
          const i = start + u;
          const ti = tt[u]!;
          const t2 = ti * ti;
          const w = ti / stt;
          const g = (w * w) / (1 - (hz[i]! + t2 / stt));
          const e0 = y0[i]!;
          const e1 = y1[i]!;
          s0 += ti * e0;
          ee0 += g * e0 * e0;
          et0 += g * e0 * ti;
          s1 += ti * e1;
          ee1 += g * e1 * e1;
          et1 += g * e1 * ti;
          c += g * t2;
        }
        const o = 4 * e;
        sums[o]! += s0;
        sums[o + 1]! += ee0;
        sums[o + 2]! += et0;
        sums[o + 3]! += c;
        if (two) {
          sums[o + 4]! += s1;
          sums[o + 5]! += ee1;
          sums[o + 6]! += et1;
          sums[o + 7]! += c;
        }
      }
    }
    for (let e = 0; e < E; e++) {
      const o = 4 * e;
      const beta = sums[o]! / stt;
      const variance = sums[o + 1]! - 2 * beta * sums[o + 2]! + beta * beta * sums[o + 3]!;
      record(e, beta, Math.sqrt(variance), out, ok);
    }
  };
}
