/**
 * The noncentral t distribution function, as R's `pt(q, df, ncp)`: what power of a t test is
 * computed from (`power.t.test`).
 */
import { InputError } from '../errors.js';
import { normalCdf, studentTCdf } from './distributions.js';
import { incompleteBeta, lgammaPositive } from './special.js';
import { checkPositive } from './validate.js';

const ITER_MAX = 1000;
const ERR_MAX = 1e-12;
const LN_SQRT_PI = 0.5723649429247001; // log √π
const SQRT_2_OVER_PI = 0.7978845608028654; // √(2/π)

/**
 * P(T ≤ t) for T noncentral t with `df` degrees of freedom and noncentrality `ncp` (δ):
 * T = (Z + δ)/√(V/df), Z ~ N(0, 1), V ~ χ²_df.
 *
 * Algorithm AS 243 (Lenth 1989) with Guenther's twin series, exactly as R's `nmath/pnt.c`:
 * for t ≥ 0 and x = t²/(t² + df),
 * P(T ≤ t) = Φ(−δ) + ½·Σⱼ [pⱼ·I_x(j + ½, df/2) + qⱼ·I_x(j + 1, df/2)],
 * pⱼ = e^{−δ²/2}(δ²/2)ʲ/j!, qⱼ = δ·e^{−δ²/2}(δ²/2)ʲ/(√2·Γ(j + 3/2)), summed (with the I_x by
 * recurrence) until the bound on the remainder is below 1e-12; t < 0 by
 * P(T ≤ t; δ) = 1 − P(T ≤ −t; −δ). For df > 4·10⁵ (or δ² > 1416) the normal
 * approximation of Abramowitz & Stegun 26.7.10, as R. Absolute accuracy ≈ 1e-12 (the series'
 * stopping rule), which is also R's; `ncp = 0` is the central t ({@link studentTCdf}).
 * Cost: O(number of series terms), about δ²/2 + a few dozen.
 *
 * @example
 * noncentralTCdf(2, 10, 1); // 0.8076115625303111 (R: pt(2, 10, ncp = 1))
 * noncentralTCdf(-1, 5, 2); // 0.002316375654163427 (R: pt(-1, 5, ncp = 2))
 */
export function noncentralTCdf(t: number, df: number, ncp: number): number {
  checkPositive(df, 'df', { fn: 'noncentralTCdf' });
  if (Number.isNaN(t) || !Number.isFinite(ncp)) {
    throw new InputError(`noncentralTCdf: t must be a number and ncp finite, got ${t}, ${ncp}`, {
      code: 'not-finite',
      value: `${t}, ${ncp}`,
    });
  }
  if (ncp === 0) return studentTCdf(t, df);
  if (!Number.isFinite(t)) return t < 0 ? 0 : 1;
  let negdel = false;
  let tt = t;
  let del = ncp;
  if (t < 0) {
    // P(T ≤ t) ≤ P(T ≤ 0) = Φ(−δ): negligible for δ > 40.
    if (ncp > 40) return 0;
    negdel = true;
    tt = -t;
    del = -ncp;
  }
  if (df > 4e5 || del * del > 2 * Math.LN2 * 1021) {
    const s = 1 / (4 * df);
    const z = (tt * (1 - s) - del) / Math.sqrt(1 + tt * tt * 2 * s);
    const lower = normalCdf(z);
    return negdel ? 1 - lower : lower;
  }
  const x = (t * t) / (t * t + df);
  let tnc = 0;
  if (x > 0) {
    const lambda = del * del;
    let p = 0.5 * Math.exp(-0.5 * lambda);
    if (p === 0) return negdel ? 1 : 0; // underflow; R warns and returns the same
    let q = SQRT_2_OVER_PI * p * del;
    let s = 0.5 - p;
    if (s < 1e-7) s = -0.5 * Math.expm1(-0.5 * lambda);
    let a = 0.5;
    const b = 0.5 * df;
    const y = df / (t * t + df); // 1 − x without cancellation
    const rxb = y ** b;
    const albeta = LN_SQRT_PI + lgammaPositive(b) - lgammaPositive(0.5 + b);
    const out = new Float64Array(3);
    incompleteBeta(x, y, a, b, out);
    let xodd = out[0]!;
    let godd = 2 * rxb * Math.exp(a * Math.log(x) - albeta);
    let tncTerm = b * x;
    let xeven = tncTerm < Number.EPSILON ? tncTerm : 1 - rxb;
    let geven = tncTerm * rxb;
    tnc = p * xodd + q * xeven;
    for (let it = 1; it <= ITER_MAX; it++) {
      a += 1;
      xodd -= godd;
      xeven -= geven;
      godd *= (x * (a + b - 1)) / a;
      geven *= (x * (a + b - 0.5)) / (a + 0.5);
      p *= lambda / (2 * it);
      q *= lambda / (2 * it + 1);
      tnc += p * xodd + q * xeven;
      s -= p;
      if (s < -1e-10) break; // rounding: full precision not reached (R warns)
      if (s <= 0 && it > 1) break;
      tncTerm = 2 * s * (xodd - godd);
      if (Math.abs(tncTerm) < ERR_MAX) break;
    }
  }
  tnc += normalCdf(-del);
  const lower = Math.min(tnc, 1);
  return negdel ? 1 - lower : lower;
}
