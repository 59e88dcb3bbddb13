/**
 * Pointwise confidence intervals for survival and state probabilities, exactly as R's
 * `survival:::survfit_confint` (survival 3.5) with `conf.lower = "usual"`.
 */
import { normalQuantile } from '../stats/distributions.js';
import { checkLevel, checkOneOf } from '../stats/validate.js';

/**
 * Transformation under which the normal interval is built (R's `conf.type`): `log` (R's
 * default) and `log-log` keep the interval inside (0, 1]; `plain` is p ± z·se clipped to [0, 1].
 */
export type ConfType = 'log' | 'log-log' | 'plain';

/** The three confidence-interval types, for validation and docs. */
const CONF_TYPES: readonly ConfType[] = ['log', 'log-log', 'plain'];

/** Throws an `InputError` unless `level` is in (0, 1) and `confType` is known. */
export function checkInterval(level: number, confType: string): asserts confType is ConfType {
  checkLevel(level);
  checkOneOf(confType, CONF_TYPES, 'confType');
}

/**
 * Fills `lower[i]`, `upper[i]` with the interval for probability `p[i]`.
 *
 * `logSe` says what `se` is: `true` for the SE of −log p (Kaplan–Meier, Greenwood), `false`
 * for the SE of p itself (multi-state), which is first turned into se/p as R does. With
 * z = Φ⁻¹(1 − (1 − level)/2) and s the log-scale SE:
 * - `log`: exp(log p ∓ z·s), upper capped at 1; undefined (NaN) at p = 0;
 * - `log-log`: exp(−exp(log(−log p) ∓ z·s/log p)); undefined at p = 0 or 1;
 * - `plain`: p ∓ z·s·p, clipped to [0, 1].
 *
 * Reference: Kalbfleisch & Prentice (1980) for the log-log interval; Therneau, "The survival
 * package" vignette, section on confidence intervals.
 *
 * @example
 * const lo = new Float64Array(1), hi = new Float64Array(1);
 * survivalInterval(Float64Array.of(0.8), Float64Array.of(0.1), true, 'log', 0.95, lo, hi);
 * // lo[0] ≈ 0.8·e^(−1.96·0.1), hi[0] = min(1, 0.8·e^(1.96·0.1))
 */
export function survivalInterval(
  p: Float64Array,
  se: Float64Array,
  logSe: boolean,
  confType: ConfType,
  level: number,
  lower: Float64Array,
  upper: Float64Array,
): void {
  const z = normalQuantile(1 - (1 - level) / 2);
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    let s = se[i]!;
    if (!logSe) s = s === 0 ? 0 : s / pi;
    if (confType === 'plain') {
      const w = s * pi * z;
      lower[i] = Math.max(pi - w, 0);
      upper[i] = Math.min(pi + w, 1);
    } else if (confType === 'log') {
      if (pi === 0) {
        lower[i] = Number.NaN;
        upper[i] = Number.NaN;
        continue;
      }
      const lp = Math.log(pi);
      lower[i] = Math.exp(lp - z * s);
      upper[i] = Math.min(Math.exp(lp + z * s), 1);
    } else {
      if (pi === 0 || pi === 1) {
        lower[i] = Number.NaN;
        upper[i] = Number.NaN;
        continue;
      }
      const lp = Math.log(pi);
      const w = (z * s) / lp;
      const ll = Math.log(-lp);
      lower[i] = Math.exp(-Math.exp(ll - w));
      upper[i] = Math.exp(-Math.exp(ll + w));
    }
  }
}
