/**
 * A design's factor dummies read as codes: the basis in which the dummies are not shifted (the
 * dense columns shifted as in `olsPrepare`), the blocks of X'X for the partitioned inverse, and
 * the factors merged into joint codes (mixed radix) so that a pass reads one code per row and
 * joint instead of one column per dummy. Shared by the residual pass (`codedTermSums`) and the
 * randomisation draws (`fwlDrawCoded`).
 */
import { cholesky, choleskyInverse } from '../stats/linalg.js';
import { dummyCoding, type FactorCodes } from './indicator-groups.js';
import type { OlsPrepared } from './ols.js';

/** A factor within a joint code: its row codes, its "none" state, stride and dummy positions. */
export interface JointFactor {
  readonly code: Int32Array;
  /** The state of a row without a dummy of this factor (= the number of members). */
  readonly none: number;
  readonly stride: number;
  /** Dummy position of each state (`none` → D, no dummy). */
  readonly positionOf: Int32Array;
}

/** Factors merged into one code per row (mixed radix) while the code's range stays small. */
export interface Joint {
  readonly factors: readonly JointFactor[];
  readonly size: number;
}

/** A design in its coded basis: which columns are dummies, the joint codes, the blocks of G. */
export interface CodedBasis {
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
  /** The Cholesky factor of the whole G_c (k×k, the columns in `prepared`'s order). */
  readonly gram: Float64Array;
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
 * Null when the design has no dummies; whether coding pays is the caller's decision.
 *
 * @example
 * const basis = codedBasis(prep); // basis?.p dense columns, basis?.joints codes per row
 */
export function codedBasis(prepared: OlsPrepared): CodedBasis | null {
  const { k, columns, shift, xtx } = prepared;
  const { groups } = prepared.coding ?? dummyCoding(columns);
  const dummies = groups.flatMap((g) => [...g.columnOf].filter((j) => j >= 0));
  const D = dummies.length;
  if (D === 0) return null;
  const isDummy = new Uint8Array(k);
  for (const j of dummies) isDummy[j] = 1;
  const dense = Array.from({ length: k }, (_, j) => j).filter((j) => isDummy[j] === 0);
  const p = dense.length;
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
    joints: jointCodes(groups, Math.min(JOINT_CODES, Math.max(2, Math.floor(prepared.n / 8)))),
    D,
    p,
    inv11,
    m,
    l22: cholesky(schur, p),
    gram: cholesky(
      Float64Array.from({ length: k * k }, (_, ij) => gc(Math.floor(ij / k), ij % k)),
      k,
    ),
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
 * ≤ `cap` (`JOINT_CODES`, or an eighth of the rows for a small design, whose tables would
 * otherwise cost more than its rows). Dummy positions run through the factors in order.
 */
function jointCodes(groups: readonly FactorCodes[], cap: number): Joint[] {
  const D = groups.reduce((sum, g) => sum + g.columnOf.filter((j) => j >= 0).length, 0);
  const joints: { factors: JointFactor[]; size: number }[] = [];
  let offset = 0;
  for (const { code, columnOf } of groups) {
    const members = columnOf.length;
    const states = members + 1;
    let joint = joints[joints.length - 1];
    if (!joint || joint.size * states > cap) {
      joint = { factors: [], size: 1 };
      joints.push(joint);
    }
    // Dummy positions in the order of `dummies` (kept members, group by group); none → D.
    const positionOf = new Int32Array(states).fill(D);
    columnOf.forEach((j, l) => {
      if (j >= 0) positionOf[l] = offset++;
    });
    joint.factors.push({ code, none: members, stride: joint.size, positionOf });
    joint.size *= states;
  }
  return joints;
}

/**
 * A table over a joint code's values: for each value, the sum of `perDummy(d)` over the dummies
 * d its factors' states stand for (none → nothing); into `out` when given (length `joint.size`).
 *
 * @example
 * const formTerms = jointTable(joint, basis.D, (d) => u[basis.dummies[d]]);
 */
export function jointTable(
  joint: Joint,
  D: number,
  perDummy: (d: number) => number,
  out = new Float64Array(joint.size),
): Float64Array {
  for (let c = 0; c < joint.size; c++) {
    let sum = 0;
    for (const f of joint.factors) {
      const d = dummyAt(f, c);
      if (d < D) sum += perDummy(d);
    }
    out[c] = sum;
  }
  return out;
}

/**
 * The dummy position that joint code value `c` stands for in factor `f` (D: none, or a member
 * without a column).
 *
 * @example
 * dummyAt(joint.factors[1], code) // the second factor's dummy at this code
 */
export function dummyAt(f: JointFactor, c: number): number {
  return f.positionOf[Math.floor(c / f.stride) % (f.none + 1)]!;
}

/** Joint codes already computed, by the buffer of their first factor's codes (see below). */
const jointCodeCache = new WeakMap<
  ArrayBufferLike,
  { readonly factors: readonly JointFactor[]; readonly codes: Int32Array }[]
>();

/**
 * The joint code of rows 0 … n − 1 (n the length of the factors' codes): Σ state_f·stride_f. The
 * samples of a series that are prefixes of one design read views of the same codes, so the
 * codes of the whole design are computed once, on first use, and kept while those codes live
 * (a `WeakMap` on their buffer): each prefix's pass then copies its rows instead of summing the
 * factors again. Codes that are not views from the start of their buffer are computed each time.
 *
 * @example
 * const codes = jointCodeArray(basis.joints[0]); // one Int32Array of n codes
 */
export function jointCodeArray(joint: Joint): Int32Array {
  const { factors } = joint;
  const n = factors[0]!.code.length;
  const buffer = factors[0]!.code.buffer;
  const full = buffer.byteLength / 4;
  if (factors.some((f) => f.code.byteOffset !== 0 || f.code.buffer.byteLength !== 4 * full)) {
    const out = new Int32Array(n);
    jointCodesOf(joint, 0, n, out, 0);
    return out;
  }
  const same = (a: JointFactor, b: JointFactor) =>
    a.code.buffer === b.code.buffer && a.none === b.none && a.stride === b.stride;
  const entries = jointCodeCache.get(buffer) ?? [];
  let entry = entries.find(
    (e) => e.factors.length === factors.length && e.factors.every((f, i) => same(f, factors[i]!)),
  );
  if (!entry) {
    const whole = factors.map((f) => ({ ...f, code: new Int32Array(f.code.buffer, 0, full) }));
    const codes = new Int32Array(full);
    jointCodesOf({ factors: whole, size: joint.size }, 0, full, codes, 0);
    entry = { factors: whole, codes };
    entries.push(entry);
    jointCodeCache.set(buffer, entries);
  }
  return entry.codes.subarray(0, n);
}

/**
 * The joint code of rows start … start + len − 1 into `out` (from `offset`): Σ state_f·stride_f
 * over the joint's factors.
 *
 * @example
 * jointCodesOf(basis.joints[0], 0, n, codes, 0);
 */
export function jointCodesOf(
  joint: Joint,
  start: number,
  len: number,
  out: Int32Array,
  offset: number,
): void {
  joint.factors.forEach(({ code, none, stride }, f) => {
    for (let t = 0; t < len; t++) {
      const l = code[start + t]!;
      const state = (l < 0 ? none : l) * stride;
      out[offset + t] = f === 0 ? state : out[offset + t]! + state;
    }
  });
}
