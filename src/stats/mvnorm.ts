/**
 * Multivariate normal rectangle probabilities and the equicoordinate two-sided quantile, by Genz's
 * separation-of-variables method with randomised quasi-Monte Carlo (Genz 1992; Genz & Bretz
 * 2009, *Computation of Multivariate Normal and t Probabilities*, ch. 4) — the algorithm behind
 * R's `mvtnorm::pmvnorm` and `qmvnorm`.
 */
import { InputError } from '../errors.js';
import { normalCdf, normalCdfOf, normalQuantile, normalQuantileOf } from './distributions.js';
import { createRng } from './random.js';
import { checkLevel } from './validate.js';

/** Options of {@link mvnormBox} and {@link mvnormCriticalValue}. */
export interface MvnormOptions {
  /** Lattice points per randomisation (default 16384). */
  readonly points?: number;
  /** Independent random shifts of the lattice; their spread gives the error (default 10). */
  readonly shifts?: number;
  /** Seed of the random shifts (default 1): the same seed gives the same value. */
  readonly seed?: number | string;
}

/** A probability with its Monte Carlo standard error (over the random shifts). */
export interface MvnormProbability {
  readonly value: number;
  readonly error: number;
}

/** The first 64 primes: the generators √p of the Richtmyer lattice, one per dimension. */
const PRIMES = [
  2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
  101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181, 191, 193,
  197, 199, 211, 223, 227, 229, 233, 239, 241, 251, 257, 263, 269, 271, 277, 281, 283, 293, 307,
  311,
];

/**
 * Cholesky factor of a correlation matrix with its variables reordered by Genz & Bretz's
 * prioritisation for a symmetric box [−q, q]: at each step the variable with the narrowest
 * conditional interval comes next, which makes the QMC integrand smoother. Returns the factor
 * (d×d lower, row-major) of the reordered matrix.
 */
function orderedCholesky(corr: Float64Array, d: number, q: number): Float64Array {
  const a = Float64Array.from(corr);
  const l = new Float64Array(d * d);
  const y = new Float64Array(d);
  const order = Array.from({ length: d }, (_, i) => i);
  for (let j = 0; j < d; j++) {
    // Choose among j…d−1 the variable with the smallest conditional probability.
    let best = j;
    let bestP = Number.POSITIVE_INFINITY;
    for (let i = j; i < d; i++) {
      let s = 0;
      let v = a[order[i]! * d + order[i]!]!;
      for (let p = 0; p < j; p++) {
        s += l[i * d + p]! * y[p]!;
        v -= l[i * d + p]! * l[i * d + p]!;
      }
      const sd = Math.sqrt(Math.max(v, 1e-300));
      const prob = normalCdf((q - s) / sd) - normalCdf((-q - s) / sd);
      if (prob < bestP) {
        bestP = prob;
        best = i;
      }
    }
    if (best !== j) {
      [order[j], order[best]] = [order[best]!, order[j]!];
      for (let p = 0; p < j; p++) {
        const t = l[j * d + p]!;
        l[j * d + p] = l[best * d + p]!;
        l[best * d + p] = t;
      }
    }
    let v = a[order[j]! * d + order[j]!]!;
    for (let p = 0; p < j; p++) v -= l[j * d + p]! * l[j * d + p]!;
    if (!(v > 1e-12)) {
      throw new InputError(
        'mvnorm: the correlation matrix is singular (two coordinates are perfectly correlated); remove duplicates first',
        { code: 'invalid-option' },
      );
    }
    const ljj = Math.sqrt(v);
    l[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let s = a[order[i]! * d + order[j]!]!;
      for (let p = 0; p < j; p++) s -= l[i * d + p]! * l[j * d + p]!;
      l[i * d + j] = s / ljj;
    }
    // Expected value of the j-th variable given it lies in its interval (for the next choice).
    let s = 0;
    for (let p = 0; p < j; p++) s += l[j * d + p]! * y[p]!;
    const lo = (-q - s) / ljj;
    const hi = (q - s) / ljj;
    const mass = normalCdf(hi) - normalCdf(lo);
    y[j] = mass > 1e-300 ? (phi(lo) - phi(hi)) / mass : (lo + hi) / 2;
  }
  return l;
}

const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

function checkCorrelation(corr: ArrayLike<number>, d: number): Float64Array {
  if (!Number.isInteger(d) || d < 1 || corr.length !== d * d) {
    throw new InputError(`mvnorm: expected a ${d}×${d} correlation matrix (row-major)`, {
      code: 'length-mismatch',
    });
  }
  if (d > PRIMES.length) {
    throw new InputError(`mvnorm: at most ${PRIMES.length} dimensions, got ${d}`, {
      code: 'invalid-option',
    });
  }
  const r = Float64Array.from(corr);
  for (let i = 0; i < d; i++) {
    if (Math.abs(r[i * d + i]! - 1) > 1e-10) {
      throw new InputError(`mvnorm: diagonal element ${i + 1} is ${r[i * d + i]}, expected 1`, {
        code: 'invalid-option',
      });
    }
    for (let j = 0; j < i; j++) {
      const v = r[i * d + j]!;
      if (!(Math.abs(v - r[j * d + i]!) < 1e-10 && Math.abs(v) <= 1)) {
        throw new InputError(
          `mvnorm: element (${i + 1}, ${j + 1}) is not a correlation of a symmetric matrix`,
          {
            code: 'invalid-option',
          },
        );
      }
    }
  }
  return r;
}

/**
 * Randomised-QMC estimate of P(|Z_j| ≤ q for all j) given the ordered factor L: the mean over the
 * random shifts of the lattice averages of Genz's integrand, its error the SE of that mean.
 */
function boxProbability(
  l: Float64Array,
  d: number,
  q: number,
  shifts: readonly Float64Array[],
  points: number,
): MvnormProbability {
  const y = new Float64Array(d);
  const lower = new Float64Array(d);
  const width = new Float64Array(d);
  const generators = Array.from({ length: d }, (_, j) => Math.sqrt(PRIMES[j]!));
  const l00 = l[0]!;
  const lower0 = normalCdf(-q / l00);
  const width0 = normalCdf(q / l00) - lower0;
  const means: number[] = [];
  for (const shift of shifts) {
    let sum = 0;
    for (let k = 1; k <= points; k++) {
      lower[0] = lower0;
      width[0] = width0;
      let f = width0;
      for (let j = 1; j < d && f > 0; j++) {
        // Baker's (tent) transform of the shifted lattice point periodises the integrand.
        // x − ⌊x⌋ is exact for x ≥ 0, as x % 1 (which V8 computes by a call to fmod).
        const t = k * generators[j - 1]! + shift[j - 1]!;
        const u = t - Math.floor(t);
        const w = 1 - Math.abs(2 * u - 1);
        const p = lower[j - 1]! + w * width[j - 1]!;
        y[j - 1] = normalQuantileOf(Math.min(Math.max(p, 1e-300), 1 - 1e-16));
        let s = 0;
        for (let c = 0; c < j; c++) s += l[j * d + c]! * y[c]!;
        const ljj = l[j * d + j]!;
        const a = normalCdfOf((-q - s) / ljj);
        const b = normalCdfOf((q - s) / ljj);
        lower[j] = a;
        width[j] = b - a;
        f *= b - a;
      }
      sum += f;
    }
    means.push(sum / points);
  }
  const value = means.reduce((a, b) => a + b, 0) / means.length;
  const spread = means.reduce((a, b) => a + (b - value) ** 2, 0);
  return { value, error: Math.sqrt(spread / (means.length * (means.length - 1))) };
}

function randomShifts(d: number, options: MvnormOptions): Float64Array[] {
  const rng = createRng(options.seed ?? 1);
  const count = options.shifts ?? 10;
  if (!Number.isInteger(count) || count < 2) {
    throw new InputError(`mvnorm: shifts must be a whole number ≥ 2, got ${count}`, {
      code: 'invalid-option',
    });
  }
  return Array.from({ length: count }, () => Float64Array.from({ length: d }, () => rng.next()));
}

function pointsOf(options: MvnormOptions): number {
  const points = options.points ?? 16384;
  if (!Number.isInteger(points) || points < 16) {
    throw new InputError(`mvnorm: points must be a whole number ≥ 16, got ${points}`, {
      code: 'invalid-option',
    });
  }
  return points;
}

/**
 * P(−q ≤ Z_j ≤ q for every j) for Z ~ N(0, R), R a d×d correlation matrix (row-major): what
 * `mvtnorm::pmvnorm(lower = rep(-q, d), upper = rep(q, d), corr = R)` gives. Genz's
 * separation of variables (variables reordered by Genz & Bretz's rule) integrated with a
 * Richtmyer lattice (generators √prime, baker's transform) under seeded random shifts.
 * Cost O(shifts · points · d²).
 *
 * @example
 * mvnormBox(1.96, new Float64Array([1, 0, 0, 1]), 2).value // ≈ 0.9025 (= 0.95²)
 */
export function mvnormBox(
  q: number,
  corr: ArrayLike<number>,
  d: number,
  options: MvnormOptions = {},
): MvnormProbability {
  const r = checkCorrelation(corr, d);
  if (!(q >= 0)) {
    throw new InputError(`mvnorm: the half-width q must be ≥ 0, got ${q}`, {
      code: 'invalid-option',
    });
  }
  if (q === 0) return { value: 0, error: 0 };
  return boxProbability(
    orderedCholesky(r, d, q),
    d,
    q,
    randomShifts(d, options),
    pointsOf(options),
  );
}

/** The result of {@link mvnormCriticalValue}. */
export interface MvnormCriticalValue {
  /** q with P(max_j |Z_j| ≤ q) = level. */
  readonly value: number;
  /** P(max|Z| ≤ q) at the returned q, as estimated, and its Monte Carlo SE. */
  readonly probability: MvnormProbability;
  readonly level: number;
  /** Method in words. */
  readonly method: string;
}

/**
 * The equicoordinate two-sided quantile of a multivariate normal: q such that
 * P(max_j |Z_j| ≤ q) = level for Z ~ N(0, R) — the critical value of a sup-t simultaneous
 * band (Montiel Olea & Plagborg-Møller 2019), what
 * `mvtnorm::qmvnorm(level, corr = R, tail = "both.tails")$quantile` gives. The probability is
 * computed by {@link mvnormBox} with the same random shifts at every q (so it is smooth in q)
 * and solved by the secant method: first with an eighth of the points between the
 * one-dimensional quantile and the Šidák bound, then at full precision from that root with
 * that slope (a Newton step, then secant steps to |Δq| ≤ 1e-7).
 *
 * @example
 * mvnormCriticalValue(0.95, new Float64Array([1, 0, 0, 1]), 2).value // ≈ 2.2365 (Šidák, independent)
 */
export function mvnormCriticalValue(
  level: number,
  corr: ArrayLike<number>,
  d: number,
  options: MvnormOptions = {},
): MvnormCriticalValue {
  checkLevel(level);
  const r = checkCorrelation(corr, d);
  const shifts = randomShifts(d, options);
  const points = pointsOf(options);
  const method = `equicoordinate quantile of N(0, R) in ${d} dimensions (Genz–Bretz separation of variables, randomised lattice QMC: ${shifts.length} × ${points} points, seed ${String(options.seed ?? 1)})`;
  // The factor's variable order depends on q only weakly; fixing it at the bracket's midpoint
  // keeps the integrand — and so the secant iteration — smooth in q.
  const low = normalQuantile((1 + level) / 2); // d = 1, or perfect correlation
  const high = normalQuantile((1 + level ** (1 / d)) / 2); // Šidák: independence (the widest)
  if (d === 1) return { value: low, probability: { value: level, error: 0 }, level, method };
  const l = orderedCholesky(r, d, (low + high) / 2);
  // Two stages: a coarse solve with an eighth of the points from the bracket, then the full
  // precision from the coarse root with the coarse slope (the two estimates of P(q) differ by
  // their Monte Carlo error, their slopes hardly), where the secant needs two or three steps.
  const coarsePoints = Math.max(16, Math.floor(points / 8));
  const coarse = secant(l, d, level, shifts, coarsePoints, { q0: low, q1: high }, 1e-4);
  const start =
    coarse.slope > 0
      ? { q0: coarse.q, slope: coarse.slope }
      : { q0: coarse.q - 0.003, q1: coarse.q + 0.003 };
  const fine = secant(l, d, level, shifts, points, start, 1e-7);
  return { value: fine.q, probability: fine.probability, level, method };
}

/** Where {@link secant} starts: two points, or one point and the slope of P(q) there. */
type SecantStart =
  | { readonly q0: number; readonly q1: number }
  | { readonly q0: number; readonly slope: number };

/**
 * Secant iteration for P(max|Z| ≤ q) = level; stops when a step is below tol. From one point
 * and a slope, the second point is the Newton step q0 − (P(q0) − level) / slope. Returns the
 * last q, P there, and the slope of the last secant (for a finer solve to start from).
 */
function secant(
  l: Float64Array,
  d: number,
  level: number,
  shifts: readonly Float64Array[],
  points: number,
  start: SecantStart,
  tol: number,
): { q: number; probability: MvnormProbability; slope: number } {
  const clamp = (q: number) => Math.min(Math.max(q, 0.5), 40);
  let q0 = start.q0;
  let p0 = boxProbability(l, d, q0, shifts, points);
  let q1 = 'q1' in start ? start.q1 : clamp(q0 - (p0.value - level) / start.slope);
  let p1 = boxProbability(l, d, q1, shifts, points);
  let slope = (p1.value - p0.value) / (q1 - q0);
  for (let it = 0; it < 40 && Math.abs(q1 - q0) > tol; it++) {
    const g0 = p0.value - level;
    const g1 = p1.value - level;
    if (g1 === 0) break;
    const q2 = g1 === g0 ? (q0 + q1) / 2 : q1 - (g1 * (q1 - q0)) / (g1 - g0);
    q0 = q1;
    p0 = p1;
    q1 = clamp(q2);
    p1 = boxProbability(l, d, q1, shifts, points);
    if (q1 !== q0) slope = (p1.value - p0.value) / (q1 - q0);
  }
  return { q: q1, probability: p1, slope };
}
