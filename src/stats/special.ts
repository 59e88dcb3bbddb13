/**
 * Special-function kernels behind the distribution functions: log-gamma, Loader's
 * Stirling-error and deviance terms, and the regularised incomplete gamma and beta functions.
 *
 * These are our own rather than jstat's because jstat's versions are not accurate enough for
 * p-values in far tails or for large degrees of freedom: `jStat.gammaln` is a 6-term Lanczos
 * fit (≈1e-10 relative), `jStat.betacf` stops at 3e-7 relative, and both compute the prefactor
 * xᵃ(1−x)ᵇ/B(a,b) as exp(a·log x + b·log(1−x) − lbeta), which cancels catastrophically when a
 * and b are large (df ≈ 1e6 loses 6+ digits). Here the prefactor uses Loader's (2000) saddle-point
 * form, as R's `dbinom`/`dpois` do, so every term is small and no digits are lost.
 *
 * Internal module: not part of the public API.
 */

const LN_SQRT_2PI = 0.9189385332046728; // log(sqrt(2π))
const LN_2PI = 1.8378770664093456; // log(2π)

// Stirling error at 0, 0.5, 1, …, 15 (R's nmath/stirlerr.c).
const SFERR_HALVES = [
  0.0, 0.15342640972002736, 0.08106146679532726, 0.05481412105191765, 0.0413406959554093,
  0.03316287351993629, 0.02767792568499834, 0.023746163656297496, 0.020790672103765093,
  0.018488450532673187, 0.016644691189821193, 0.015134973221917378, 0.013876128823070748,
  0.012810465242920227, 0.01189670994589177, 0.011104559758206917, 0.010411265261972096,
  0.009799416126158804, 0.009255462182712733, 0.008768700134139386, 0.00833056343336287,
  0.00793411456431402, 0.007573675487951841, 0.007244554301320383, 0.00694284010720953,
  0.006665247032707682, 0.006408994188004207, 0.006171712263039458, 0.0059513701127588475,
  0.0057462165130101155, 0.005554733551962801,
];

// Coefficients of the asymptotic Stirling series 1/(12n) − 1/(360n³) + … (Bernoulli numbers).
const S = [
  0.08333333333333333, 0.002777777777777778, 0.0007936507936507937, 0.0005952380952380953,
  0.0008417508417508417, 0.0019175269175269176, 0.00641025641025641, 0.029550653594771242,
  0.17964437236883057, 1.3924322169059011, 13.402864044168393, 156.84828462600203,
  2193.1033333333335, 36108.77125372499, 691472.268851313, 15238221.539407415, 382900751.39141417,
];

/** Σ (−1)ʲ S[j]/n²ʲ for j < terms, divided by n: the truncated Stirling series. */
function stirlingSeries(n: number, terms: number): number {
  const nn = n * n;
  let sum = S[terms - 1]!;
  for (let j = terms - 2; j >= 0; j--) sum = S[j]! - sum / nn;
  return sum / n;
}

/**
 * Stirling error δ(n) = log Γ(n+1) − (n + ½)·log n + n − log √(2π), for n > 0.
 * Algorithm of Loader (2000) with the extended series of R ≥ 4.4 (`nmath/stirlerr.c`).
 */
function stirlerr(n: number): number {
  if (n <= 23.5) {
    const nn = n + n;
    if (n <= 15 && nn === Math.trunc(nn)) return SFERR_HALVES[nn]!;
    if (n <= 5.25) return lgammaPositive(n + 1) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
    if (n > 12.8) return stirlingSeries(n, 7);
    if (n > 12.3) return stirlingSeries(n, 8);
    if (n > 8.9) return stirlingSeries(n, 9);
    if (n > 7.3) return stirlingSeries(n, 11);
    if (n > 6.6) return stirlingSeries(n, 13);
    if (n > 6.1) return stirlingSeries(n, 15);
    return stirlingSeries(n, 17);
  }
  if (n > 15.7e6) return S[0]! / n;
  if (n > 6180) return stirlingSeries(n, 2);
  if (n > 205) return stirlingSeries(n, 3);
  if (n > 86) return stirlingSeries(n, 4);
  if (n > 27) return stirlingSeries(n, 5);
  return stirlingSeries(n, 6);
}

/**
 * log Γ(x) for x > 0. For x > 5.25 Stirling's formula with the error term {@link stirlerr};
 * smaller x are shifted up by the recurrence Γ(x+1) = x·Γ(x). Absolute error ≈ 1e-15.
 */
export function lgammaPositive(x: number): number {
  if (x > 5.25) return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlerr(x);
  let product = 1;
  let y = x;
  while (y <= 5.25) {
    product *= y;
    y += 1;
  }
  return (y - 0.5) * Math.log(y) - y + LN_SQRT_2PI + stirlerr(y) - Math.log(product);
}

/** log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b). Only for starting values (cancels for large a, b). */
export function lbeta(a: number, b: number): number {
  return lgammaPositive(a) + lgammaPositive(b) - lgammaPositive(a + b);
}

/**
 * Deviance term bd0(x, np) = x·log(x/np) + np − x, computed without cancellation when x ≈ np
 * by the series in v = (x − np)/(x + np) (Loader 2000; R's `nmath/bd0.c`).
 */
function bd0(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    if (Math.abs(s) < DBL_MIN) return s;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const previous = s;
      s += ej / (2 * j + 1);
      if (s === previous) return s;
    }
  }
  return x * Math.log(x / np) + np - x;
}

const DBL_MIN = 2.2250738585072014e-308;
const FPMIN = 1e-300;
// Continued fractions stop when a convergent changes by less than this (≈ 2 ulp of 1).
const CF_EPS = 4.5e-16;
const MAX_ITER = 1_000_000;

/**
 * Regularised incomplete gamma functions at once. Writes into `out`:
 * `out[0]` = P(a, x), `out[1]` = Q(a, x) = 1 − P(a, x), `out[2]` = xᵃe⁻ˣ/Γ(a) (so that the
 * density of Gamma(a, 1) at x is `out[2] / x`). The smaller tail is computed directly (series
 * for P when x < a + 1, Lentz's continued fraction for Q otherwise; Numerical Recipes §6.2), so
 * both keep full relative precision; the prefactor is Loader's √(a/2π)·exp(−δ(a) − bd0(a, x)).
 */
export function incompleteGamma(a: number, x: number, out: Float64Array): void {
  if (x <= 0) {
    out[0] = 0;
    out[1] = 1;
    out[2] = 0;
    return;
  }
  if (x === Number.POSITIVE_INFINITY) {
    out[0] = 1;
    out[1] = 0;
    out[2] = 0;
    return;
  }
  const d = Math.sqrt(a / (2 * Math.PI)) * Math.exp(-stirlerr(a) - bd0(a, x));
  out[2] = d;
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let i = 0; i < MAX_ITER; i++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (del < sum * 1e-17) break;
    }
    const p = sum * d;
    out[0] = p;
    out[1] = 1 - p;
    return;
  }
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let dd = 1 / b;
  let h = dd;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    dd = an * dd + b;
    if (Math.abs(dd) < FPMIN) dd = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    dd = 1 / dd;
    const delta = dd * c;
    h *= delta;
    if (Math.abs(delta - 1) < CF_EPS) break;
  }
  const q = d * h;
  out[0] = 1 - q;
  out[1] = q;
}

/**
 * log of the beta prefactor K = xᵃ·yᵇ / B(a, b) with y = 1 − x, in Loader's form
 * −bd0(a, N·x) − bd0(b, N·y) + ½·log(ab / (2πN)) + δ(N) − δ(a) − δ(b), N = a + b,
 * which follows from Stirling's formula with exact error terms and has no cancellation.
 */
function logBetaPrefactor(x: number, y: number, a: number, b: number): number {
  const n = a + b;
  return (
    -bd0(a, n * x) -
    bd0(b, n * y) +
    0.5 * (Math.log((a * b) / n) - LN_2PI) +
    stirlerr(n) -
    stirlerr(a) -
    stirlerr(b)
  );
}

/**
 * Continued fraction of I_x(a, b) (Numerical Recipes §6.4, modified Lentz), rearranged so that
 * no step cancels when x is close to 1 (large a, small b: the t distribution with large df).
 * The even terms have 1 + d₂ₘ = [a(2m+1−b) + m(3m+2−b) + (a+m)(a+b+m)·y] / ((a+2m)(a+2m+1)),
 * computed from y = 1 − x instead of as 1 − (…)·x when x > ½, and the odd step carries d − 1 and c − 1
 * explicitly into the even step. Plain NR loses ≈ eps·a relative here (2e-11 at df = 1e6).
 */
function betaContinuedFraction(x: number, y: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  // Near x = 1 the terms 1 − (…)·x cancel; then they are formed from y instead.
  const nearOne = x > 0.5;
  let d = nearOne ? (1 - b + qab * y) / qap : 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITER; m++) {
    const m2 = 2 * m;
    // Odd step: d₂ₘ₋₁ = m(b−m)x / ((a+2m−1)(a+2m)).
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    let den = 1 + aa * d;
    if (Math.abs(den) < FPMIN) den = FPMIN;
    const dOdd = 1 / den;
    const dOddMinus1 = (-aa * d) / den;
    const cOddMinus1 = aa / c;
    let cOdd = 1 + cOddMinus1;
    if (Math.abs(cOdd) < FPMIN) cOdd = FPMIN;
    const deltaOdd = dOdd * cOdd;
    h *= deltaOdd;
    // Even step: d₂ₘ = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)).
    const evenDen = (a + m2) * (qap + m2);
    aa = (-(a + m) * (qab + m) * x) / evenDen;
    const onePlusAa = nearOne
      ? (a * (m2 + 1 - b) + m * (3 * m + 2 - b) + (a + m) * (qab + m) * y) / evenDen
      : 1 + aa;
    d = onePlusAa + aa * dOddMinus1;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = onePlusAa - (aa * cOddMinus1) / cOdd;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < CF_EPS && Math.abs(deltaOdd - 1) < CF_EPS) break;
  }
  return h;
}

/**
 * Regularised incomplete beta function at once, with x and y = 1 − x passed separately so
 * that whichever is small keeps its precision. Writes into `out`: `out[0]` = I_x(a, b),
 * `out[1]` = 1 − I_x(a, b) = I_y(b, a), `out[2]` = K = xᵃyᵇ/B(a, b) (so that the Beta(a, b)
 * density at x is K/(x·y)). The tail on the near side of the mean is computed directly by
 * the continued fraction, the other as its complement.
 */
export function incompleteBeta(
  x: number,
  y: number,
  a: number,
  b: number,
  out: Float64Array,
): void {
  if (x <= 0) {
    out[0] = 0;
    out[1] = 1;
    out[2] = 0;
    return;
  }
  if (y <= 0) {
    out[0] = 1;
    out[1] = 0;
    out[2] = 0;
    return;
  }
  const k = Math.exp(logBetaPrefactor(x, y, a, b));
  out[2] = k;
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (k * betaContinuedFraction(x, y, a, b)) / a;
    out[0] = lower;
    out[1] = 1 - lower;
  } else {
    const upper = (k * betaContinuedFraction(y, x, b, a)) / b;
    out[0] = 1 - upper;
    out[1] = upper;
  }
}
