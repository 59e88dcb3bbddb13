/**
 * The sums of `whitenedTermSums` for a design with factor dummies, read from one code per row
 * and factor instead of one column per dummy. A factor's dummies are 1 in at most one of its
 * columns per row, so with the dummies first, G = X'X = [G₁₁ G₁₂; G₂₁ G₂₂] (1: the D dummies,
 * unshifted; 2: the p dense columns, shifted as in `olsPrepare`) and the row x = (e, d),
 *
 *   h = x'G⁻¹x = e'G₁₁⁻¹e + ‖L₂₂⁻¹(d − M e)‖²,  M = G₂₁G₁₁⁻¹,  L₂₂L₂₂' = G₂₂ − M G₁₂
 *
 * (the partitioned inverse; e.g. Seber & Lee, "Linear Regression Analysis", §A.9), where e'G₁₁⁻¹e
 * and M e are sums over the F codes of the row. A linear form u'x (an influence row, a fitted
 * value) is p + F terms. Per row that is F(F + 1)/2 + pF + p(p + 1)/2 + (p + F) per form, against
 * k(k + 1)/2 + k per form for the dense forward substitution (k = D + p). The factors are merged
 * further into joint codes (mixed radix, at most `JOINT_CODES` = 2048 values), so a row reads one
 * table entry per joint code for e'G₁₁⁻¹e, M e and each form. For the analysis config's design
 * (k = 21: the intercept, the treatment and 4 numeric covariates dense, 15 dummies in 5 groups)
 * that is about 100 operations against 300; a gathered term costs more than a streamed one, so
 * the pass is about 1.5× faster, not 3× (docs/performance.md, ninth round).
 *
 * The results are those of the dense pass up to rounding (the basis and the order of the
 * additions differ): the leverages to a few ulps, the sums to ~1e−14 relative.
 */
import { cholesky, choleskyInverse, ROW_BLOCK } from '../stats/linalg.js';
import {
  addTermSums,
  forwardSubstituteBlock,
  type ResidualTarget,
  type TermSums,
  termSumsOutput,
} from './cumulative-pass.js';
import { type DummyCoding, dummyCoding } from './indicator-groups.js';
import type { OlsPrepared } from './ols.js';

/**
 * `whitenedTermSums`' sums (q×q per target, wy, Xs'e in the shifted basis of `prepared`)
 * from the coded design, or null when the design has no factor dummies worth coding (the coded
 * pass would cost more than half the dense one per row). `directions` and the targets' `beta`
 * are in the shifted basis, as there.
 *
 * @example
 * const sums = codedTermSums(prep, [influenceRow], 1, targets, 'HC2') ?? whitenedTermSums(…);
 */
export function codedTermSums(
  prepared: OlsPrepared,
  directions: readonly Float64Array[],
  power: 0 | 1 | 2,
  targets: readonly ResidualTarget[],
  se: string,
): TermSums | null {
  const { n, k, columns, shift } = prepared;
  const q = directions.length;
  if (q === 0) throw new RangeError('codedTermSums: expected at least one direction');
  const coded = codedBasis(prepared);
  if (coded === null) return null;
  const { dense, D, p, l22, toCoded, fromCoded } = coded;
  const T = targets.length;
  const B = ROW_BLOCK;
  // Each linear form (q influences, T fitted values) in the coded basis.
  const forms = [...directions, ...targets.map((t) => t.beta)].map(toCoded);
  const R = forms.length;
  const formDense = forms.map((u) => Float64Array.from(dense, (j) => u[j]!));
  const joints = coded.joints.map((joint) => jointTables(joint, coded, forms, T));
  const S = joints.length;
  const jc = new Int32Array(S * B);
  const dv = new Float64Array(p * B);
  const z = new Float64Array(p * B);
  const h = new Float64Array(B);
  const vals = new Float64Array(R * B);
  const scratch = new Float64Array(B);
  const zero = new Float64Array(p);
  const out = termSumsOutput(q, T, k);
  const xcDense = new Float64Array(T * p);
  for (let start = 0; start < n; start += B) {
    const len = Math.min(n, start + B) - start;
    for (let s = 0; s < S; s++) {
      const { factors } = joints[s]!;
      const o = s * B;
      factors.forEach(({ code, none, stride }, f) => {
        if (f === 0) {
          for (let t = 0; t < len; t++) {
            const l = code[start + t]!;
            jc[o + t] = l < 0 ? none : l;
          }
          return;
        }
        for (let t = 0; t < len; t++) {
          const l = code[start + t]!;
          jc[o + t]! += (l < 0 ? none : l) * stride;
        }
      });
    }
    for (let a = 0; a < p; a++) {
      const col = columns[dense[a]!]!;
      const sa = shift ? shift[dense[a]!]! : 0;
      const o = a * B;
      for (let t = 0; t < len; t++) dv[o + t] = col[start + t]! - sa;
    }
    // The linear forms: the dense terms in column order (two per sweep), then one term per joint
    // factor.
    for (let r = 0; r < R; r++) {
      const o = r * B;
      const ud = formDense[r]!;
      const u0 = ud[0]!;
      for (let t = 0; t < len; t++) vals[o + t] = u0 * dv[t]!;
      let a = 1;
      for (; a + 1 < p; a += 2) {
        const ua = ud[a]!;
        const ub = ud[a + 1]!;
        const oa = a * B;
        const ob = oa + B;
        for (let t = 0; t < len; t++) vals[o + t]! += ua * dv[oa + t]! + ub * dv[ob + t]!;
      }
      for (; a < p; a++) {
        const ua = ud[a]!;
        const oa = a * B;
        for (let t = 0; t < len; t++) vals[o + t]! += ua * dv[oa + t]!;
      }
      for (let s = 0; s < S; s++) {
        const table = joints[s]!.form[r]!;
        const os = s * B;
        for (let t = 0; t < len; t++) vals[o + t]! += table[jc[os + t]!]!;
      }
    }
    // Residuals over the fitted values, and X_c'e while the block is in cache.
    for (let g = 0; g < T; g++) {
      const { eventMonth, month } = targets[g]!;
      const o = (q + g) * B;
      for (let t = 0; t < len; t++) {
        vals[o + t] = (eventMonth[start + t]! <= month ? 1 : 0) - vals[o + t]!;
      }
      for (let s = 0; s < S; s++) {
        const acc = joints[s]!.xe[g]!;
        const os = s * B;
        for (let t = 0; t < len; t++) acc[jc[os + t]!]! += vals[o + t]!;
      }
      for (let a = 0; a < p; a++) {
        const oa = a * B;
        let sum = 0;
        for (let t = 0; t < len; t++) sum += dv[oa + t]! * vals[o + t]!;
        xcDense[g * p + a]! += sum;
      }
    }
    // h = e'G₁₁⁻¹e + ‖L₂₂⁻¹(d − M e)‖²: the quadratic form within each joint factor from its
    // table, between two joint factors from their members' pairs.
    h.fill(0, 0, len);
    for (let s = 0; s < S; s++) {
      const { quad, factors } = joints[s]!;
      const os = s * B;
      for (let t = 0; t < len; t++) h[t]! += quad[jc[os + t]!]!;
      for (let s2 = 0; s2 < s; s2++) {
        for (const f of factors) {
          for (const f2 of joints[s2]!.factors) crossTerms(h, f, f2, coded.cross, D, start, len);
        }
      }
    }
    for (let a = 0; a < p; a++) {
      const o = a * B;
      const first = joints[0]!.m[a]!;
      for (let t = 0; t < len; t++) z[o + t] = dv[o + t]! - first[jc[t]!]!;
      for (let s = 1; s < S; s++) {
        const row = joints[s]!.m[a]!;
        const os = s * B;
        for (let t = 0; t < len; t++) z[o + t]! -= row[jc[os + t]!]!;
      }
    }
    forwardSubstituteBlock(z, B, len, p, l22, h, scratch, zero);
    addTermSums(out, q, vals, h, start, len, power, targets, se);
  }
  for (let g = 0; g < T; g++) {
    const xce = new Float64Array(k);
    for (const joint of joints) {
      const acc = joint.xe[g]!;
      for (let c = 0; c < acc.length; c++) {
        for (const f of joint.factors) {
          const d = f.positionOf[Math.floor(c / f.stride) % (f.none + 1)]!;
          if (d < D) xce[coded.dummies[d]!]! += acc[c]!;
        }
      }
    }
    dense.forEach((j, a) => {
      xce[j] = xcDense[g * p + a]!;
    });
    out.xse.set(fromCoded(xce), g * k);
  }
  return out;
}

/** A factor within a joint code: its row codes, its "none" state, stride and dummy positions. */
interface JointFactor {
  readonly code: Int32Array;
  /** The state of a row without a dummy of this factor (= the number of members). */
  readonly none: number;
  readonly stride: number;
  /** Dummy position of each state (`none` → D, no dummy). */
  readonly positionOf: Int32Array;
}

/** Factors merged into one code per row (mixed radix) while the code's range stays small. */
interface Joint {
  readonly factors: readonly JointFactor[];
  readonly size: number;
}

/**
 * The per-code tables of a joint factor: each form's dummy terms, each row of M e, the quadratic
 * form e'G₁₁⁻¹e within it, and per target an accumulator of the residuals by code.
 */
function jointTables(joint: Joint, coded: CodedBasis, forms: readonly Float64Array[], T: number) {
  const { size, factors } = joint;
  const { D, p, dummies, inv11, m } = coded;
  const positions = (c: number) =>
    factors.map((f) => f.positionOf[Math.floor(c / f.stride) % (f.none + 1)]!).filter((d) => d < D);
  const byCode = Array.from({ length: size }, (_, c) => positions(c));
  const form = forms.map((u) =>
    Float64Array.from(byCode, (ds) => ds.reduce((sum, d) => sum + u[dummies[d]!]!, 0)),
  );
  const mRows = Array.from({ length: p }, (_, a) =>
    Float64Array.from(byCode, (ds) => ds.reduce((sum, d) => sum + m[a * D + d]!, 0)),
  );
  const quad = Float64Array.from(byCode, (ds) => {
    let sum = 0;
    for (const d of ds) for (const e of ds) sum += inv11[d * D + e]!;
    return sum;
  });
  return {
    factors,
    form,
    m: mRows,
    quad,
    xe: Array.from({ length: T }, () => new Float64Array(size)),
  };
}

/** h += 2·(G₁₁⁻¹)_de (`cross`, D×D) for the dummies d, e of two factors in different joint codes. */
function crossTerms(
  h: Float64Array,
  f: JointFactor,
  g: JointFactor,
  cross: Float64Array,
  D: number,
  start: number,
  len: number,
): void {
  for (let t = 0; t < len; t++) {
    const a = f.code[start + t]!;
    const b = g.code[start + t]!;
    if (a >= 0 && b >= 0) h[t]! += cross[f.positionOf[a]! * D + g.positionOf[b]!]!;
  }
}

/** The coded basis of {@link codedTermSums}: which columns are dummies, and the blocks of G. */
interface CodedBasis {
  /** Columns (of `prepared`) that are dense, and that are dummies (in dummy-position order). */
  readonly dense: readonly number[];
  readonly dummies: readonly number[];
  /** The factors, merged into joint codes. */
  readonly joints: readonly Joint[];
  readonly D: number;
  readonly p: number;
  /** G₁₁⁻¹ (D×D), M = G₂₁G₁₁⁻¹ (p×D) and the Cholesky factor of G₂₂ − M G₁₂ (p×p). */
  readonly inv11: Float64Array;
  readonly m: Float64Array;
  readonly l22: Float64Array;
  /** 2·G₁₁⁻¹ (D×D): the terms between two joint codes. */
  readonly cross: Float64Array;
  /** A coefficient vector (a linear form) of the shifted basis in the coded basis, and X'e back. */
  readonly toCoded: (u: Float64Array) => Float64Array;
  readonly fromCoded: (xce: Float64Array) => Float64Array;
}

/**
 * The factor dummies of a prepared design (`indicatorLayout`: 0/1 columns 1 in at most half the
 * rows, grouped into mutually exclusive sets) and the blocks of X'X in the basis where they are
 * not shifted. With s_j the shift of dummy j and a the intercept, x_c = xs·U with
 * U = I + e₀r' (r_j = s_j/a on the dummies): G_c = U'G_sU, a form u_s is u_c = U⁻¹u_s (only
 * the intercept's entry changes: u₀ − r'u) and Xs'e = U'⁻¹X_c'e ((X_c'e)_j − r_j(X_c'e)₀).
 * Null when coding would not pay (see {@link codedTermSums}).
 */
function codedBasis(prepared: OlsPrepared): CodedBasis | null {
  const { k, columns, shift, xtx } = prepared;
  const { groups } = prepared.coding ?? dummyCoding(columns);
  const dummies = groups.flatMap((g) => [...g.columns].filter((j) => j >= 0));
  const D = dummies.length;
  if (D === 0) return null;
  const isDummy = new Uint8Array(k);
  for (const j of dummies) isDummy[j] = 1;
  const dense = Array.from({ length: k }, (_, j) => j).filter((j) => isDummy[j] === 0);
  const p = dense.length;
  const F = groups.length;
  // A gathered term costs about two multiply–adds of the dense pass in V8 (measured on the
  // analysis design): code only when the count is under half the dense one.
  if (F * (F + 1) + 2 * p * F + p * (p + 1) >= 0.5 * k * (k + 1)) return null;
  const a = shift ? columns[0]![0]! : 1;
  const r = new Float64Array(k);
  if (shift) for (const j of dummies) r[j] = shift[j]! / a;
  // G_c = U'G_sU: (G_s)_ij + r_i(G_s)_0j + (G_s)_i0 r_j + r_i r_j (G_s)_00.
  const gc = (i: number, j: number) =>
    xtx[i * k + j]! + r[i]! * xtx[j]! + xtx[i * k]! * r[j]! + r[i]! * r[j]! * xtx[0]!;
  const g11 = new Float64Array(D * D);
  dummies.forEach((i, x) => {
    dummies.forEach((j, y) => {
      g11[x * D + y] = gc(i, j);
    });
  });
  const inv11 = choleskyInverse(cholesky(g11, D), D);
  const m = new Float64Array(p * D);
  dense.forEach((i, x) => {
    for (let y = 0; y < D; y++) {
      let s = 0;
      dummies.forEach((j, w) => {
        s += gc(i, j) * inv11[w * D + y]!;
      });
      m[x * D + y] = s;
    }
  });
  const schur = new Float64Array(p * p);
  dense.forEach((i, x) => {
    dense.forEach((j, y) => {
      let s = gc(i, j);
      dummies.forEach((l, w) => {
        s -= m[x * D + w]! * gc(l, j);
      });
      schur[x * p + y] = s;
    });
  });
  // Symmetrise the Schur complement (its two triangles differ by rounding) before factoring.
  for (let x = 0; x < p; x++) {
    for (let y = 0; y < x; y++) {
      const v = (schur[x * p + y]! + schur[y * p + x]!) / 2;
      schur[x * p + y] = v;
      schur[y * p + x] = v;
    }
  }
  return {
    dense,
    dummies,
    joints: jointCodes(groups),
    D,
    p,
    inv11,
    m,
    l22: cholesky(schur, p),
    cross: inv11.map((v) => 2 * v),
    toCoded: (u) => {
      const c = Float64Array.from(u);
      for (let j = 1; j < k; j++) c[0]! -= r[j]! * u[j]!;
      return c;
    },
    fromCoded: (xce) => Float64Array.from(xce, (v, j) => (j === 0 ? v : v - r[j]! * xce[0]!)),
  };
}

/** Largest range of a joint code: its tables (one entry per code) stay in the L1/L2 cache. */
const JOINT_CODES = 2048;

/**
 * The factors merged, in order, into joint codes: a factor of m dummies has m + 1 states (its
 * members and "none"), and joins the current joint code while the product of the states stays
 * ≤ `JOINT_CODES`. Dummy positions run through the factors in order.
 */
function jointCodes(groups: DummyCoding['groups']): Joint[] {
  const D = groups.reduce((sum, g) => sum + g.columns.filter((j) => j >= 0).length, 0);
  const joints: { factors: JointFactor[]; size: number }[] = [];
  let offset = 0;
  for (const { code, columns } of groups) {
    const members = columns.length;
    const states = members + 1;
    let joint = joints[joints.length - 1];
    if (!joint || joint.size * states > JOINT_CODES) {
      joint = { factors: [], size: 1 };
      joints.push(joint);
    }
    // Dummy positions in the order of `dummies` (kept members, group by group); none → D.
    const positionOf = new Int32Array(states).fill(D);
    columns.forEach((j, l) => {
      if (j >= 0) positionOf[l] = offset++;
    });
    joint.factors.push({ code, none: members, stride: joint.size, positionOf });
    joint.size *= states;
  }
  return joints;
}
