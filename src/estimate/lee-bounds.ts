/**
 * Lee (2009) trimming bounds on the treatment effect for an outcome that exists only for the
 * clients who were "selected" — job quality (contract, wage, hours) is defined only for those
 * who found a job, and the service may change who finds one. The naive comparison of the job
 * holders then compares different people; under monotonicity (the service never stops anybody
 * from finding a job, or never helps anybody find one) the effect on the always-selected lies in
 * [lower, upper], estimated by trimming the arm with the higher selection rate.
 *
 * Notation: q₁, q₀ the selection rates of treatment and control (selected / assigned); when
 * q₁ ≥ q₀ the treated selected are trimmed by p = (q₁ − q₀)/q₁, else the control selected by
 * p = (q₀ − q₁)/q₀. With y₍p₎ the p-quantile of the trimmed arm's outcomes,
 * μ_UB = E[Y | Y ≥ y₍p₎] (the top 1 − p) and μ_LB = E[Y | Y ≤ y₍1−p₎] (the bottom 1 − p):
 * treated trimmed → lower = μ_LB − ȳ₀, upper = μ_UB − ȳ₀; control trimmed → lower = ȳ₁ − μ_UB,
 * upper = ȳ₁ − μ_LB. The trimmed means keep exactly m = (1 − p)·n_s of the n_s sorted values,
 * the boundary value with weight m − ⌊m⌋ (so ties and 0/1 outcomes are trimmed exactly).
 *
 * Standard errors: Lee (2009), Proposition 3, written for the sample (n_s selected in the
 * trimmed arm, n_t assigned to arm t, q_t = n_{s,t}/n_t):
 * Var(μ̂_UB) = σ²_UB/((1 − p)·n_s) + (y₍p₎ − μ_UB)²·p/((1 − p)·n_s)
 *            + (y₍p₎ − μ_UB)²·[(1 − q₀)/(q₀·n₀) + (1 − q₁)/(q₁·n₁)],
 * with σ²_UB the variance of the kept values (divisor their weight m); the first two terms are
 * the trimmed mean at a known p, the third the estimation of p (∂μ_UB/∂p = (μ_UB − y₍p₎)/(1 − p)
 * times Var p̂ = (1 − p)²·[…]). μ_LB alike with y₍1−p₎. The other arm's mean adds s²/n_s
 * (sample variance, divisor n_s − 1). Intervals: each bound ± z·SE, and the Imbens–Manski
 * (2004) interval [lower − C·SE_L, upper + C·SE_U] that covers the effect (any point of the
 * identified set) with probability `level`, where C solves
 * Φ(C + (upper − lower)/max(SE_L, SE_U)) − Φ(−C) = level.
 */
import { asTable, numberColumn, stringColumn, type TableInput } from '../data/columns.js';
import { formatRows, InputError } from '../errors.js';
import { normalCdf, normalQuantile } from '../stats/distributions.js';
import { type Estimate, estimateFromSe } from '../stats/estimate.js';
import { diffInMeans } from '../stats/means.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { checkStarLevels, type StarLevels, starsAt } from '../stats/stars.js';
import { checkLevel } from '../stats/validate.js';

/** One arm's input of {@link leeBoundsKernel}: the outcomes of its selected clients. */
export interface LeeArm {
  /** Outcome of every selected client of the arm (finite numbers). */
  readonly outcomes: ArrayLike<number>;
  /** Clients assigned to the arm (selected or not); at least `outcomes.length`. */
  readonly assigned: number;
}

/** Options of {@link leeBoundsKernel}. */
export interface LeeKernelOptions {
  /** Confidence level of the bounds' and the Imbens–Manski intervals (default 0.95). */
  readonly level?: number;
  /** Star levels of the naive comparison and of the bounds' own tests (default 20/10/5 %). */
  readonly stars?: StarLevels;
}

/** The trimmed mean of one side, with the pieces of its variance. */
export interface LeeTrimmedMean {
  /** Mean of the kept values. */
  readonly mean: number;
  /** The trimming quantile: the boundary value of the kept values. */
  readonly quantile: number;
  /** Variance of the kept values (divisor: their weight). */
  readonly variance: number;
  /** Var(μ̂) of Lee's Proposition 3 (all three terms). */
  readonly sampling: number;
}

/** Result of {@link leeBoundsKernel} and {@link leeBounds}. */
export interface LeeBoundsResult {
  /** Selection rates (selected / assigned). */
  readonly selection: { readonly treatment: number; readonly control: number };
  /** Selected clients per arm (they have the outcome). */
  readonly selected: { readonly treatment: number; readonly control: number };
  readonly assigned: { readonly treatment: number; readonly control: number };
  /** The arm whose selected clients are trimmed (the higher selection rate; treatment on a tie). */
  readonly trimmedArm: 'treatment' | 'control';
  /** Share of the trimmed arm's selected clients that is trimmed: p = (q_high − q_low)/q_high. */
  readonly trimShare: number;
  /** Lower bound with Lee's SE, z test of 0 and CI at `level`. */
  readonly lower: Estimate;
  /** Upper bound with Lee's SE, z test of 0 and CI at `level`. */
  readonly upper: Estimate;
  /** Imbens–Manski (2004) interval for the effect, and its critical value C. */
  readonly imbensManski: {
    readonly ci: readonly [number, number];
    readonly criticalValue: number;
    readonly level: number;
  };
  /** Naive comparison of the selected: difference in means (Welch) or proportions (0/1). */
  readonly naive: Estimate;
  /** Means of the selected per arm. */
  readonly means: { readonly treatment: number; readonly control: number };
  readonly level: number;
  readonly method: string;
}

/**
 * Trimmed mean keeping the top (`side` = 'top') or bottom 1 − p of the values, with weight
 * m − ⌊m⌋ on the boundary value; `sampling` is Lee's variance with the p-estimation term `vp`
 * = (1 − q₀)/(q₀·n₀) + (1 − q₁)/(q₁·n₁).
 */
function trimmedMean(
  sorted: Float64Array,
  p: number,
  side: 'top' | 'bottom',
  vp: number,
): LeeTrimmedMean {
  const ns = sorted.length;
  const m = (1 - p) * ns;
  // Kept: `whole` values with weight 1, then the boundary value with weight `frac`.
  const whole = Math.floor(m + 1e-9);
  const frac = m - whole > 1e-9 ? m - whole : 0;
  const at = (k: number) => (side === 'top' ? sorted[ns - 1 - k]! : sorted[k]!);
  let sum = 0;
  for (let k = 0; k < whole; k++) sum += at(k);
  const boundary = frac > 0 ? at(whole) : at(whole - 1);
  sum += frac * (frac > 0 ? boundary : 0);
  const mean = sum / m;
  let ss = 0;
  for (let k = 0; k < whole; k++) ss += (at(k) - mean) ** 2;
  if (frac > 0) ss += frac * (boundary - mean) ** 2;
  const variance = ss / m;
  const gap2 = (boundary - mean) ** 2;
  const sampling = variance / m + (gap2 * p) / m + gap2 * vp;
  return { mean, quantile: boundary, variance, sampling };
}

function sampleMoments(values: Float64Array): { mean: number; variance: number } {
  let s = 0;
  for (const v of values) s += v;
  const mean = s / values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { mean, variance: values.length > 1 ? ss / (values.length - 1) : Number.NaN };
}

/**
 * The Imbens–Manski (2004) critical value: C with Φ(C + Δ/σ) − Φ(−C) = level, Δ = upper − lower
 * ≥ 0, σ = max(SE_L, SE_U). C runs from z₁₋α/₂ (Δ = 0) down to z₁₋α (Δ/σ large).
 *
 * @example
 * imbensManskiCritical(0, 1, 0.95); // 1.959963984540054
 * imbensManskiCritical(10, 1, 0.95); // 1.6448536269514724
 */
export function imbensManskiCritical(width: number, sigma: number, level: number): number {
  const r = sigma > 0 ? Math.max(0, width) / sigma : Number.POSITIVE_INFINITY;
  const f = (c: number) => normalCdf(c + r) - normalCdf(-c) - level;
  let lo = normalQuantile(level) - 1e-9;
  let hi = normalQuantile(1 - (1 - level) / 2) + 1e-9;
  if (!Number.isFinite(r)) return normalQuantile(level);
  for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Lee (2009) bounds from the outcomes of the selected clients of each arm and the numbers
 * assigned (formulas in the module notes): the trimming share p, lower and upper bounds with
 * Lee's analytic SEs (Proposition 3) and normal intervals, the Imbens–Manski (2004) interval,
 * and the naive comparison of the selected.
 *
 * @example
 * const b = leeBoundsKernel(
 *   { outcomes: [12, 14, 15, 18, 20], assigned: 10 },
 *   { outcomes: [11, 13, 16, 17], assigned: 10 },
 * );
 * b.trimShare; // 0.2 = (0.5 − 0.4)/0.5
 * [b.lower.estimate, b.upper.estimate]; // [0.5, 2.5]: (14.75 or 16.75) − 14.25
 */
export function leeBoundsKernel(
  treatment: LeeArm,
  control: LeeArm,
  options: LeeKernelOptions = {},
): LeeBoundsResult {
  rejectUnknownKeys(options, { level: true, stars: true }, 'leeBoundsKernel');
  const level = checkLevel(options.level ?? 0.95, 'leeBoundsKernel');
  const levels = checkStarLevels(options.stars);
  const arms = { treatment, control };
  const sorted = {} as Record<'treatment' | 'control', Float64Array>;
  for (const name of ['treatment', 'control'] as const) {
    const a = arms[name];
    const y = Float64Array.from(a.outcomes);
    const bad = y.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new InputError(
        `leeBoundsKernel: ${name} outcome ${bad + 1} is ${String(y[bad])}; expected a finite number`,
        { code: 'not-finite', value: String(y[bad]) },
      );
    }
    if (y.length < 2) {
      throw new InputError(
        `leeBoundsKernel: the ${name} arm has ${y.length} selected clients; at least 2 are needed`,
        { code: 'too-few' },
      );
    }
    if (!(Number.isInteger(a.assigned) && a.assigned >= y.length)) {
      throw new InputError(
        `leeBoundsKernel: ${name}.assigned must be a whole number ≥ its ${y.length} selected clients, got ${String(a.assigned)}`,
        { code: 'invalid-option', value: String(a.assigned) },
      );
    }
    sorted[name] = y.sort();
  }
  const n1 = treatment.assigned;
  const n0 = control.assigned;
  const s1 = sorted.treatment.length;
  const s0 = sorted.control.length;
  const q1 = s1 / n1;
  const q0 = s0 / n0;
  const trimmedArm = q1 >= q0 ? 'treatment' : 'control';
  const p = trimmedArm === 'treatment' ? (q1 - q0) / q1 : (q0 - q1) / q0;
  const vp = (1 - q0) / (q0 * n0) + (1 - q1) / (q1 * n1);
  const trimmed = sorted[trimmedArm];
  const other = sampleMoments(sorted[trimmedArm === 'treatment' ? 'control' : 'treatment']);
  const otherVar = other.variance / (trimmedArm === 'treatment' ? s0 : s1);
  const top = trimmedMean(trimmed, p, 'top', vp);
  const bottom = trimmedMean(trimmed, p, 'bottom', vp);
  // Treated trimmed: bounds are μ − ȳ₀; control trimmed: ȳ₁ − μ (top gives the lower bound).
  const [lowerValue, lowerVar, upperValue, upperVar] =
    trimmedArm === 'treatment'
      ? [bottom.mean - other.mean, bottom.sampling, top.mean - other.mean, top.sampling]
      : [other.mean - top.mean, top.sampling, other.mean - bottom.mean, bottom.sampling];
  const method = `Lee (2009) trimming bound: the ${trimmedArm} arm's selected clients trimmed by p = ${p.toFixed(4)}; Lee's analytic SE (Proposition 3), z test`;
  const bound = (value: number, variance: number, which: string): Estimate => {
    const e = estimateFromSe(
      value,
      Math.sqrt(variance + otherVar),
      Infinity,
      level,
      s1 + s0,
      `${which} ${method}`,
    );
    return { ...e, stars: starsAt(e.pValue, levels) };
  };
  const lower = bound(lowerValue, lowerVar, 'lower');
  const upper = bound(upperValue, upperVar, 'upper');
  const sigma = Math.max(lower.stdError, upper.stdError);
  const c = imbensManskiCritical(upper.estimate - lower.estimate, sigma, level);
  const binary = [...sorted.treatment, ...sorted.control].every((v) => v === 0 || v === 1);
  const naiveRaw = binary
    ? naiveProportions(sorted.treatment, sorted.control, level)
    : diffInMeans(sorted.treatment, sorted.control, { level });
  const naive = { ...naiveRaw, stars: starsAt(naiveRaw.pValue, levels) };
  const sums = (y: Float64Array) => y.reduce((a, b) => a + b, 0) / y.length;
  return {
    selection: { treatment: q1, control: q0 },
    selected: { treatment: s1, control: s0 },
    assigned: { treatment: n1, control: n0 },
    trimmedArm,
    trimShare: p,
    lower,
    upper,
    imbensManski: {
      ci: [lower.estimate - c * lower.stdError, upper.estimate + c * upper.stdError],
      criticalValue: c,
      level,
    },
    naive,
    means: { treatment: sums(sorted.treatment), control: sums(sorted.control) },
    level,
    method:
      `Lee (2009) bounds under monotonicity of selection: the ${trimmedArm} arm has the higher selection rate ` +
      `(${(100 * q1).toFixed(1)} % vs ${(100 * q0).toFixed(1)} % selected), so its ${trimmedArm === 'treatment' ? s1 : s0} selected clients are trimmed by p = ${(100 * p).toFixed(2)} % from the top (lower bound) and the bottom (upper bound); ` +
      `SEs of Lee's Proposition 3 (trimmed-mean variance, the quantile term and the estimation of p); bound intervals: bound ± z·SE; ` +
      `Imbens–Manski (2004) interval covering the effect with probability ${level} (C = ${c.toFixed(3)}); naive: ${naive.method}`,
  };
}

function naiveProportions(y1: Float64Array, y0: Float64Array, level: number): Estimate {
  const m1 = sampleMoments(y1).mean;
  const m0 = sampleMoments(y0).mean;
  const se = Math.sqrt((m1 * (1 - m1)) / y1.length + (m0 * (1 - m0)) / y0.length);
  return estimateFromSe(
    m1 - m0,
    se,
    Infinity,
    level,
    y1.length + y0.length,
    'difference in proportions of the selected, unpooled (Neyman) SE, z test',
  );
}

/** What {@link leeBounds} reads from a table. */
export interface LeeBoundsSpec {
  /** Arm column (default `arm`). */
  readonly arm?: string;
  readonly treatment: string;
  readonly control: string;
  /** Outcome column: a number for selected clients, empty for the others. */
  readonly outcome: string;
  /**
   * 0/1 column saying who is selected (e.g. found a job). Default: selected = the outcome is
   * not empty. With it, a selected client with an empty outcome is an error.
   */
  readonly selection?: string;
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Star levels (default 20/10/5 %). */
  readonly stars?: StarLevels;
}

const SPEC_KEYS: AllKeys<LeeBoundsSpec> = {
  arm: true,
  treatment: true,
  control: true,
  outcome: true,
  selection: true,
  level: true,
  stars: true,
};

/**
 * Lee (2009) bounds on a client table (one row per client; rows of other arms are left out):
 * the outcome of the selected clients and the numbers assigned per arm go to
 * {@link leeBoundsKernel}. Throws `InputError` naming the column and rows of a non-numeric
 * outcome, a selection value other than 0/1, or a selected client without an outcome.
 *
 * @example
 * leeBounds(clients, { treatment: 'intensive', control: 'basic', outcome: 'hourly_wage' });
 */
export function leeBounds(data: TableInput, spec: LeeBoundsSpec): LeeBoundsResult {
  rejectUnknownKeys(spec, SPEC_KEYS, 'leeBounds');
  const table = asTable(data);
  const armName = spec.arm ?? 'arm';
  const arm = stringColumn(table, armName);
  const y = numberColumn(table, spec.outcome, { missing: 'nan' });
  const sel = spec.selection ? numberColumn(table, spec.selection, { missing: 'nan' }) : undefined;
  const outcomes = { treatment: [] as number[], control: [] as number[] };
  const assigned = { treatment: 0, control: 0 };
  const badSelection: number[] = [];
  const noOutcome: number[] = [];
  for (let i = 0; i < arm.length; i++) {
    const which =
      arm[i] === spec.treatment ? 'treatment' : arm[i] === spec.control ? 'control' : undefined;
    if (!which) continue;
    assigned[which]++;
    let selected = !Number.isNaN(y[i]!);
    if (sel) {
      const s = sel[i]!;
      if (s !== 0 && s !== 1) {
        badSelection.push(i + 1);
        continue;
      }
      selected = s === 1;
      if (selected && Number.isNaN(y[i]!)) noOutcome.push(i + 1);
    }
    if (selected) outcomes[which].push(y[i]!);
  }
  if (badSelection.length) {
    throw new InputError(
      `column '${spec.selection}' must be 0 or 1 (selected or not) for every client of the two arms, but is not in ${formatRows(badSelection)}`,
      { code: 'not-binary', column: spec.selection!, rows: badSelection },
    );
  }
  if (noOutcome.length) {
    throw new InputError(
      `column '${spec.outcome}' is empty for selected clients (${spec.selection} = 1) in ${formatRows(noOutcome)}; expected a number`,
      { code: 'missing-value', column: spec.outcome, rows: noOutcome },
    );
  }
  for (const which of ['treatment', 'control'] as const) {
    if (assigned[which] === 0) {
      throw new InputError(`arm '${spec[which]}' does not occur in column '${armName}'`, {
        code: 'unknown-arm',
        column: armName,
        value: spec[which],
      });
    }
  }
  return leeBoundsKernel(
    { outcomes: outcomes.treatment, assigned: assigned.treatment },
    { outcomes: outcomes.control, assigned: assigned.control },
    {
      ...(spec.level !== undefined ? { level: spec.level } : {}),
      ...(spec.stars !== undefined ? { stars: spec.stars } : {}),
    },
  );
}
