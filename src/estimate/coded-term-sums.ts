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
 * the pass is about 1.9× faster on it, not 3× (`bench/ab/coded-term-sums.ts`).
 *
 * The results are those of the dense pass up to rounding (the basis and the order of the
 * additions differ): the leverages to a few ulps, the sums to ~1e−14 relative.
 */
import { ROW_BLOCK } from '../stats/linalg.js';
import {
  type CodedBasis,
  codedBasis,
  dummyAt,
  type Joint,
  type JointFactor,
  jointCodeArray,
  jointTable,
} from './coded-basis.js';
import {
  addTermSums,
  forwardSubstituteBlock,
  type ResidualTarget,
  type TermSums,
  termSumsOutput,
} from './cumulative-pass.js';
import type { OlsPrepared } from './ols.js';

/**
 * `whitenedTermSums`' sums (q×q per target, wy, Xs'e in the shifted basis of `prepared`)
 * from the coded design, or null when the design has no factor dummies worth coding (the coded
 * pass would cost more than ¾ of the dense one per row). `directions` and the targets' `beta`
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
  // Per row: S(S + 1)/2 + pS gathered terms for h (S joint codes, p dense columns) and
  // p(p + 1)/2 multiply–adds, against k(k + 1)/2. A gathered term costs V8 about two streamed
  // multiply–adds: code when that count is under ¾ of the dense one (`bench/ab/coded-term-sums.ts`:
  // 1.3–1.9× faster at 200,000 rows for p = 14 and p = 8 with one joint code).
  const S = coded.joints.length;
  const p = coded.p;
  if ((p * (p + 1)) / 2 + S * (S + 1) + 2 * p * S >= (0.75 * k * (k + 1)) / 2) return null;
  const { dense, D, l22, toCoded, fromCoded } = coded;
  const T = targets.length;
  const B = ROW_BLOCK;
  // Each linear form (q influences, T fitted values) in the coded basis.
  const forms = [...directions, ...targets.map((t) => t.beta)].map(toCoded);
  const R = forms.length;
  const formDense = forms.map((u) => Float64Array.from(dense, (j) => u[j]!));
  const joints = coded.joints.map((joint) => jointTables(joint, coded, forms, T));
  const codes = coded.joints.map(jointCodeArray);
  // The terms between two joint codes: 2·(G₁₁⁻¹)_de.
  const cross = coded.inv11.map((v) => 2 * v);
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
    for (let s = 0; s < S; s++) jc.set(codes[s]!.subarray(start, start + len), s * B);
    for (let a = 0; a < p; a++) {
      const col = columns[dense[a]!]!;
      const sa = shift ? shift[dense[a]!]! : 0;
      const o = a * B;
      for (let t = 0; t < len; t++) dv[o + t] = col[start + t]! - sa;
    }
    // The linear forms: the first joint code's terms (one table row per code holds every
    // form's), then the dense terms (four per sweep), then the other joint codes' terms.
    for (let r = 0; r < R; r++) {
      const o = r * B;
      const first = joints[0]!.form[r]!;
      for (let t = 0; t < len; t++) vals[o + t] = first[jc[t]!]!;
      const ud = formDense[r]!;
      let a = 0;
      for (; a + 3 < p; a += 4) {
        const u0 = ud[a]!;
        const u1 = ud[a + 1]!;
        const u2 = ud[a + 2]!;
        const u3 = ud[a + 3]!;
        const o0 = a * B;
        for (let t = 0; t < len; t++) {
          const x = o0 + t;
          vals[o + t]! +=
            u0 * dv[x]! + u1 * dv[x + B]! + (u2 * dv[x + 2 * B]! + u3 * dv[x + 3 * B]!);
        }
      }
      for (; a < p; a++) {
        const ua = ud[a]!;
        const oa = a * B;
        for (let t = 0; t < len; t++) vals[o + t]! += ua * dv[oa + t]!;
      }
      for (let s = 1; s < S; s++) {
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
      // X_c'e of the dense columns, four per sweep of the residuals.
      let a = 0;
      for (; a + 3 < p; a += 4) {
        const o0 = a * B;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let t = 0; t < len; t++) {
          const e = vals[o + t]!;
          const x = o0 + t;
          s0 += dv[x]! * e;
          s1 += dv[x + B]! * e;
          s2 += dv[x + 2 * B]! * e;
          s3 += dv[x + 3 * B]! * e;
        }
        const od = g * p + a;
        xcDense[od]! += s0;
        xcDense[od + 1]! += s1;
        xcDense[od + 2]! += s2;
        xcDense[od + 3]! += s3;
      }
      for (; a < p; a++) {
        const oa = a * B;
        let sum = 0;
        for (let t = 0; t < len; t++) sum += dv[oa + t]! * vals[o + t]!;
        xcDense[g * p + a]! += sum;
      }
    }
    // The residuals by joint code (one table row per code holds every target's).
    for (let s = 0; s < S; s++) {
      const acc = joints[s]!.xe;
      const os = s * B;
      for (let t = 0; t < len; t++) {
        const c = jc[os + t]! * T;
        for (let g = 0; g < T; g++) acc[c + g]! += vals[(q + g) * B + t]!;
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
          for (const f2 of joints[s2]!.factors) crossTerms(h, f, f2, cross, D, start, len);
        }
      }
    }
    // z = d − M e, M e from one table per dense column.
    for (let a = 0; a < p; a++) {
      const o = a * B;
      const m0 = joints[0]!.m[a]!;
      for (let t = 0; t < len; t++) z[o + t] = dv[o + t]! - m0[jc[t]!]!;
      for (let s = 1; s < S; s++) {
        const m = joints[s]!.m[a]!;
        const os = s * B;
        for (let t = 0; t < len; t++) z[o + t]! -= m[jc[os + t]!]!;
      }
    }
    forwardSubstituteBlock(z, B, len, p, l22, h, scratch, zero);
    addTermSums(out, q, vals, h, start, len, power, targets, se);
  }
  for (let g = 0; g < T; g++) {
    const xce = new Float64Array(k);
    for (const joint of joints) {
      for (let c = 0; c < joint.size; c++) {
        for (const f of joint.factors) {
          const d = dummyAt(f, c);
          if (d < D) xce[coded.dummies[d]!]! += joint.xe[c * T + g]!;
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

/**
 * The per-code tables of a joint factor, one table per form and dense column (each pass over a
 * block then gathers from one small table into one sequential row of the block): each form's
 * dummy terms, each dense column's entry of M e, the quadratic form e'G₁₁⁻¹e within it, and per
 * target an accumulator of the residuals (size × T, one row per code).
 */
function jointTables(joint: Joint, coded: CodedBasis, forms: readonly Float64Array[], T: number) {
  const { size, factors } = joint;
  const { D, p, dummies, inv11, m } = coded;
  const form = forms.map((u) => jointTable(joint, D, (d) => u[dummies[d]!]!));
  const mRows = Array.from({ length: p }, (_, a) => jointTable(joint, D, (d) => m[a * D + d]!));
  const byCode = Array.from({ length: size }, (_, c) =>
    factors.map((f) => dummyAt(f, c)).filter((d) => d < D),
  );
  const quad = Float64Array.from(byCode, (ds) => {
    let sum = 0;
    for (const d of ds) for (const e of ds) sum += inv11[d * D + e]!;
    return sum;
  });
  return {
    factors,
    size,
    form,
    m: mRows,
    quad,
    xe: new Float64Array(size * T),
  };
}

/**
 * h += 2·(G₁₁⁻¹)_de (`cross`, D×D) for the dummies d, e of two factors in different joint codes
 * (a member without a column, position D, adds nothing).
 */
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
    if (a < 0 || b < 0) continue;
    const d = f.positionOf[a]!;
    const e = g.positionOf[b]!;
    if (d < D && e < D) h[t]! += cross[d * D + e]!;
  }
}
