/**
 * Confidence intervals for a binomial proportion x/n (complete-follow-up shares).
 */
import { normalQuantile } from '../stats/distributions.js';

/** `wilson` (score interval, default) or `wald` (p ± z·√(p(1−p)/n), clipped to [0, 1]). */
export type ProportionInterval = 'wilson' | 'wald';

/**
 * Interval for x successes out of n at `level`. Wilson (1927): centre (x + z²/2)/(n + z²),
 * half-width z/(n + z²)·√(x(n − x)/n + z²/4); it stays inside [0, 1] and keeps its coverage
 * for small counts and shares near 0 (R: `prop.test(x, n, correct = FALSE)$conf.int`).
 * Wald: p ± z·√(p(1−p)/n), clipped; degenerate ([p, p]) at x = 0 or x = n.
 * Returns [NaN, NaN] when n = 0.
 *
 * @example
 * proportionInterval(3, 130, 0.95, 'wilson'); // [0.00788, 0.06565]
 */
export function proportionInterval(
  x: number,
  n: number,
  level: number,
  method: ProportionInterval,
): [number, number] {
  if (!(n > 0)) return [Number.NaN, Number.NaN];
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = x / n;
  if (method === 'wald') {
    const w = z * Math.sqrt((p * (1 - p)) / n);
    return [Math.max(0, p - w), Math.min(1, p + w)];
  }
  const z2 = z * z;
  const centre = (x + z2 / 2) / (n + z2);
  const half = (z / (n + z2)) * Math.sqrt((x * (n - x)) / n + z2 / 4);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
