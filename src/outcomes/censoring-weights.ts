/**
 * Inverse probability of censoring weights (IPCW) for a cumulative outcome at month m: the
 * Kaplan–Meier estimate of the censoring distribution and the weight of each client whose status
 * at m is known.
 */
import { riskSets } from './risksets.js';

/** Ĝ(t) = P̂(C > t), the Kaplan–Meier survival of the censoring time, as a step function. */
export interface CensoringDistribution {
  /** Distinct observed times, ascending. */
  readonly time: Float64Array;
  /** Ĝ at each time (right-continuous). */
  readonly surv: Float64Array;
}

/**
 * Kaplan–Meier estimate of the censoring survival Ĝ(t) = P̂(C > t) = Π_{s ≤ t} (1 − c_s/(r_s − d_s)),
 * where r_s = #{T ≥ s} is the number still observed at s, d_s the clients who reached a
 * destination at s and c_s those censored at s (status 0). Ties: events at s come before
 * censorings at s — the same order as the event Kaplan–Meier, where a client censored at s is
 * still at risk at s — so a client whose event is seen in month s is not counted as
 * "uncensored through s" (their censoring time is unknown from s on). With that order
 * Ŝ(t)·Ĝ(t) = #{T > t}/n and the IPCW mean equals the Kaplan–Meier estimate; it is R's
 * `survfit(Surv(time - 1e-9 * (status > 0), status == 0) ~ 1)` (`survfit`'s default order for
 * the reversed status would count those clients at risk of censoring at s). O(n log n).
 *
 * @param time - observed time per client: event (or competing) month, or the follow-up.
 * @param status - 0 censored at `time`; any positive value: a destination reached at `time`.
 * @example
 * const g = censoringDistribution([2, 3, 3, 5], [1, 0, 1, 0]);
 * g.surv; // Float64Array [1, 0.5, 0]: at month 3, one of the two still at risk of censoring is censored
 */
export function censoringDistribution(
  time: ArrayLike<number>,
  status: ArrayLike<number>,
): CensoringDistribution {
  const censored = Float64Array.from({ length: status.length }, (_, i) =>
    status[i] === 0 ? 1 : 0,
  );
  // riskSets counts the censorings as its "events" and the destinations as its "censorings".
  const rs = riskSets(time, censored, 1, 'status');
  const c = rs.nEvent[0]!;
  const surv = new Float64Array(rs.time.length);
  let g = 1;
  for (let j = 0; j < rs.time.length; j++) {
    const atRisk = rs.nRisk[j]! - rs.nCensor[j]!;
    if (c[j]! > 0) g *= 1 - c[j]! / atRisk;
    surv[j] = g;
  }
  return { time: rs.time, surv };
}

/**
 * Ĝ(t⁻) = P̂(C ≥ t): the censoring survival just before t (1 before the first time), the
 * probability that a client is still observed at t.
 *
 * @example
 * survivalBefore(censoringDistribution([2, 3, 3, 5], [1, 0, 1, 0]), 5); // 0.5
 */
export function survivalBefore(g: CensoringDistribution, t: number): number {
  let lo = 0;
  let hi = g.time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (g.time[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 1 : g.surv[lo - 1]!;
}

/**
 * IPCW weights at month m: a client's status at m is known when they reached a destination by
 * m (T ≤ m, status > 0) or were still observed at m (T ≥ m); their weight is
 * w = 1 / Ĝ(min(T, m)⁻), the inverse probability of being observed that long; unknown clients get
 * 0 (Robins & Rotnitzky 1992). With Ĝ from {@link censoringDistribution}, Σ wᵢ·1{event by m}/n
 * is the Kaplan–Meier (or, with competing destinations, Aalen–Johansen) cumulative incidence and
 * Σ wᵢ = n (Satten & Datta 2001), so the weighted share equals it. Ĝ(·⁻) = 0 (nobody left uncensored) gives an infinite weight,
 * which the caller must reject. O(n log n).
 *
 * @param g - the censoring distribution of the clients' group ({@link censoringDistribution}).
 * @example
 * const time = [2, 3, 3, 5];
 * const status = [1, 0, 1, 0];
 * ipcwWeights(time, status, censoringDistribution(time, status), 4); // [1, 0, 1, 2]
 */
export function ipcwWeights(
  time: ArrayLike<number>,
  status: ArrayLike<number>,
  g: CensoringDistribution,
  month: number,
): Float64Array {
  const w = new Float64Array(time.length);
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    const known = t >= month || status[i]! > 0;
    w[i] = known ? 1 / survivalBefore(g, Math.min(t, month)) : 0;
  }
  return w;
}
