/**
 * Newcombe's hybrid score interval for a difference of two proportions (Newcombe 1998, method
 * 10), and the test that inverts it. With few events the Wald interval p₁ − p₂ ± z·SE
 * under-covers (see docs/methods.md, "Small samples"); the hybrid score interval keeps close to
 * its nominal coverage, stays inside [−1, 1] and exists when an arm has no event at all.
 */
import { InputError } from '../errors.js';
import { normalQuantile, twoSidedP } from '../stats/distributions.js';
import { type Estimate, stars } from '../stats/estimate.js';
import type { ProportionCounts } from '../stats/proportions.js';
import { checkCount, checkLevel } from '../stats/validate.js';

/** Wilson limits of x/n for the normal quantile z (not clipped: they lie in [0, 1]). */
function wilsonZ(x: number, n: number, z: number): [number, number] {
  const z2 = z * z;
  const centre = (x + z2 / 2) / (n + z2);
  const half = (z / (n + z2)) * Math.sqrt((x * (n - x)) / n + z2 / 4);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** The interval for quantile z: [L, U] with Newcombe's combination of the Wilson limits. */
function limitsZ(x1: number, n1: number, x2: number, n2: number, z: number): [number, number] {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const [l1, u1] = wilsonZ(x1, n1, z);
  const [l2, u2] = wilsonZ(x2, n2, z);
  const d = p1 - p2;
  return [d - Math.hypot(p1 - l1, u2 - p2), d + Math.hypot(u1 - p1, p2 - l2)];
}

/**
 * Newcombe's (1998) hybrid score interval ("method 10") for p₁ − p₂ and the two-sided p-value
 * of the test that inverts it. With (l_a, u_a) the Wilson (1927) limits of arm a at level
 * 1 − α and d = p₁ − p₂:
 *
 *   L = d − √((p₁ − l₁)² + (u₂ − p₂)²),   U = d + √((u₁ − p₁)² + (p₂ − l₂)²).
 *
 * The p-value is the α at which the interval reaches 0: p = 2·Φ(−z*), with z* the normal
 * quantile at which L(z*) = 0 (d > 0) or U(z*) = 0 (d < 0), found by bisection (L and U move
 * monotonically with z); p = 1 when d = 0. So p < α exactly when the 1 − α interval excludes
 * 0. `statistic` is ±z*; `stdError` is the unpooled √(p₁(1 − p₁)/n₁ + p₂(1 − p₂)/n₂), shown for
 * reference only (the interval and p do not use it). Reference: Newcombe RG (1998), Interval
 * estimation for the difference between independent proportions: comparison of eleven methods,
 * Statistics in Medicine 17, 873–890 (Table II, example (a): 56/70 − 48/80 gives
 * [0.0524, 0.3339]). Checked against a hand-written R version (`tests/reference/newcombe.R`).
 * O(1) for the interval, O(log(1/ε)) bisection steps for p.
 *
 * @example
 * newcombeDifference({ successes: 56, n: 70 }, { successes: 48, n: 80 }).ci; // [0.0524, 0.3339]
 */
export function newcombeDifference(
  treated: ProportionCounts,
  control: ProportionCounts,
  options: { readonly level?: number } = {},
): Estimate {
  const fn = 'newcombeDifference';
  const level = checkLevel(options.level, fn);
  for (const [name, g] of [
    ['treated', treated],
    ['control', control],
  ] as const) {
    checkCount(g.successes, `${name}.successes`, fn);
    checkCount(g.n, `${name}.n`, fn, true);
    if (g.successes > g.n) {
      throw new InputError(`${fn}: ${name}.successes (${g.successes}) exceeds ${name}.n (${g.n})`, {
        code: 'out-of-range',
        column: name,
        value: String(g.successes),
      });
    }
  }
  const { successes: x1, n: n1 } = treated;
  const { successes: x2, n: n2 } = control;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const d = p1 - p2;
  const ci = limitsZ(x1, n1, x2, n2, normalQuantile(0.5 + level / 2));
  const z = d === 0 ? 0 : rootZ(x1, n1, x2, n2, d > 0 ? 0 : 1);
  const pValue = d === 0 ? 1 : twoSidedP(z, Number.POSITIVE_INFINITY);
  return {
    estimate: d,
    stdError: Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2),
    ci,
    statistic: Math.sign(d) * z,
    df: Number.POSITIVE_INFINITY,
    pValue,
    stars: stars(pValue),
    n: n1 + n2,
    level,
    method:
      'difference in proportions, Newcombe (1998) hybrid score interval, p-value inverting it',
  };
}

/** The z at which the lower (side 0) or upper (side 1) limit reaches 0, by bisection. */
function rootZ(x1: number, n1: number, x2: number, n2: number, side: 0 | 1): number {
  const f = (z: number) => {
    const v = limitsZ(x1, n1, x2, n2, z)[side];
    return side === 0 ? v : -v; // > 0 while the interval still excludes 0
  };
  let lo = 0;
  let hi = 1;
  while (f(hi) > 0 && hi < 64) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The interval of a difference in shares: `'auto'` (default) chooses by {@link chooseShareInterval}. */
export type ShareInterval = 'auto' | 'wald' | 'newcombe';

/** The accepted values of {@link ShareInterval}. */
export const SHARE_INTERVALS: readonly ShareInterval[] = ['auto', 'wald', 'newcombe'];

/** Below this smallest expected count (Cochran's rule, as R's `chisq.test` warns) `'auto'` uses Newcombe. */
export const SMALL_EXPECTED_COUNT = 5;

/**
 * The smallest expected count of the 2 × 2 table under no difference: min over the arms a of
 * n_a·p̄ and n_a·(1 − p̄), with p̄ = (x₁ + x₂)/(n₁ + n₂).
 *
 * @example
 * smallestExpectedCount({ successes: 8, n: 160 }, { successes: 2, n: 40 }); // 2 (= 40 · 0.05)
 */
export function smallestExpectedCount(
  treated: ProportionCounts,
  control: ProportionCounts,
): number {
  const pBar = (treated.successes + control.successes) / (treated.n + control.n);
  const small = Math.min(treated.n, control.n);
  return small * Math.min(pBar, 1 - pBar);
}

/**
 * Which interval `'auto'` uses: `'newcombe'` when the smallest expected count is below
 * {@link SMALL_EXPECTED_COUNT} (few events or few non-events in an arm: there the Wald interval
 * under-covers) or when the Wald SE is 0 (no variation within either arm); `'wald'` otherwise.
 * An explicit `'wald'` or `'newcombe'` is kept.
 *
 * @example
 * chooseShareInterval('auto', { successes: 8, n: 160 }, { successes: 2, n: 40 }); // 'newcombe'
 */
export function chooseShareInterval(
  interval: ShareInterval,
  treated: ProportionCounts,
  control: ProportionCounts,
): 'wald' | 'newcombe' {
  if (interval !== 'auto') return interval;
  const p1 = treated.successes / treated.n;
  const p2 = control.successes / control.n;
  const waldSe = (p1 * (1 - p1)) / treated.n + (p2 * (1 - p2)) / control.n;
  return smallestExpectedCount(treated, control) < SMALL_EXPECTED_COUNT || !(waldSe > 0)
    ? 'newcombe'
    : 'wald';
}
