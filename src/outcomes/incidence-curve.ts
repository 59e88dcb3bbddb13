/**
 * A cumulative-incidence curve of one arm (1 − Kaplan–Meier, or Aalen–Johansen with competing
 * destinations) and its value at a requested month, following R's
 * `summary(fit, times =, extend = TRUE)`: before the first time the incidence is 0; after the
 * last event it keeps its last value; after the longest follow-up it is not estimable.
 */
import { aalenJohansen } from './aalen-johansen.js';
import { kaplanMeier } from './kaplan-meier.js';
import { stepIndex } from './risksets.js';

/** Cumulative incidence of the event (status 1) at every distinct time of one arm. */
export interface IncidenceCurve {
  readonly time: Float64Array;
  readonly nRisk: Float64Array;
  readonly incidence: Float64Array;
  readonly stdError: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Longest observed time: months after it are not estimable. */
  readonly maxTime: number;
  /** Number of clients. */
  readonly n: number;
}

/** The curve at one month: a value, or the reason there is none. */
export type IncidenceAt =
  | {
      readonly estimable: true;
      readonly incidence: number;
      readonly stdError: number;
      readonly ci: readonly [number, number];
      /** Clients still at risk at the month (R: `n.risk`). */
      readonly atRisk: number;
    }
  | { readonly estimable: false; readonly reason: string; readonly atRisk: 0 };

/**
 * The cumulative incidence of status 1. Without competing destinations (`causes` = 1):
 * F(t) = 1 − Ŝ(t), Kaplan–Meier with Greenwood's SE (R `survfit(Surv(time, status))`), interval
 * 1 − R's log interval for Ŝ. With competing destinations: the Aalen–Johansen F₁(t) with the
 * infinitesimal-jackknife SE and R's log interval on F₁ (R `survfit` with a factor status).
 * O(n log n + T·K³).
 *
 * @param status - 0 censored, 1 the event, 2…`causes` competing destinations.
 * @example
 * const c = incidenceCurve(Float64Array.of(1, 2, 2, 3), Uint8Array.of(1, 1, 0, 1), 1, 0.95);
 * c.incidence; // Float64Array [0.25, 0.5, 1]
 */
export function incidenceCurve(
  time: ArrayLike<number>,
  status: ArrayLike<number>,
  causes: number,
  level: number,
): IncidenceCurve {
  let maxTime = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < time.length; i++) if (time[i]! > maxTime) maxTime = time[i]!;
  if (causes === 1) {
    const km = kaplanMeier(time, status, { level });
    const m = km.time.length;
    const incidence = new Float64Array(m);
    const lower = new Float64Array(m);
    const upper = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      incidence[j] = 1 - km.surv[j]!;
      lower[j] = 1 - km.upper[j]!;
      upper[j] = 1 - km.lower[j]!;
    }
    return {
      time: km.time,
      nRisk: km.nRisk,
      incidence,
      stdError: km.stdErr,
      lower,
      upper,
      maxTime,
      n: km.n,
    };
  }
  const aj = aalenJohansen(time, status, { causes, level });
  return {
    time: aj.time,
    nRisk: aj.nRisk,
    incidence: aj.pstate[1]!,
    stdError: aj.stdErr[1]!,
    lower: aj.lower[1]!,
    upper: aj.upper[1]!,
    maxTime,
    n: aj.n,
  };
}

/**
 * The curve at `month`, as R's `summary(fit, times = month, extend = TRUE)` for months up to the
 * longest follow-up: the value at the last time ≤ month (0 with SE 0 before the first time).
 * After the longest follow-up the month is not estimable (`reason` says why), where R would
 * carry the last value on.
 *
 * @example
 * incidenceAt(curve, 30); // { estimable: false, reason: 'after the longest follow-up (24 months)', atRisk: 0 }
 */
export function incidenceAt(curve: IncidenceCurve, month: number): IncidenceAt {
  if (month > curve.maxTime) {
    return {
      estimable: false,
      reason: `after the longest follow-up (${curve.maxTime} months)`,
      atRisk: 0,
    };
  }
  const at = stepIndex(curve.time, month);
  // Clients at risk at the month: those whose time is ≥ month (the next time's risk set).
  const next = at + 1 < curve.time.length ? at + 1 : -1;
  const atRisk =
    at >= 0 && curve.time[at] === month ? curve.nRisk[at]! : next >= 0 ? curve.nRisk[next]! : 0;
  if (at < 0) return { estimable: true, incidence: 0, stdError: 0, ci: [0, 0], atRisk: curve.n };
  const p = curve.incidence[at]!;
  const se = curve.stdError[at]!;
  // R leaves the interval undefined at F = 0; with SE 0 too it is the point [0, 0].
  const ci: readonly [number, number] =
    p === 0 && se === 0 ? [0, 0] : [curve.lower[at]!, curve.upper[at]!];
  return { estimable: true, incidence: p, stdError: se, ci, atRisk };
}
