/**
 * The Aalen–Johansen estimator for competing risks (one initial state, K absorbing
 * destinations) with R's infinitesimal-jackknife variance, as
 * `survfit(Surv(time, factor(status)) ~ 1)` in survival 3.5.
 */

import { rejectUnknownKeys } from '../stats/option-keys.js';
import { type ConfType, checkInterval, survivalInterval } from './confidence.js';
import { riskSets } from './risksets.js';

/** Options for {@link aalenJohansen}. */
export interface AalenJohansenOptions {
  /** Number of causes K (status values 1…K); default: the largest status seen (at least 1). */
  readonly causes?: number;
  /** Confidence level, default 0.95. */
  readonly level?: number;
  /** Interval type, default `'log'` as R's `survfit`. */
  readonly confType?: ConfType;
}

/**
 * Aalen–Johansen estimate at every distinct observed time. State 0 is the initial state
 * ("no event yet", R's `(s0)`); states 1…K are the destinations. Per-state arrays are indexed
 * by state: `pstate[0]` is the probability of no event yet, `pstate[k]` the cumulative
 * incidence of cause k.
 */
export interface AalenJohansenResult {
  /** Distinct times, ascending (R: `time`). */
  readonly time: Float64Array;
  /** Number at risk in the initial state at each time (R: `n.risk[, 1]`). */
  readonly nRisk: Float64Array;
  /** `nEvent[k]`: arrivals in state k at each time (R: `n.event[, k + 1]`; `nEvent[0]` is 0). */
  readonly nEvent: readonly Float64Array[];
  /** Censorings at each time (R: `n.censor`). */
  readonly nCensor: Float64Array;
  /** `pstate[k]`: probability of being in state k (R: `pstate[, k + 1]`). */
  readonly pstate: readonly Float64Array[];
  /** `stdErr[k]`: infinitesimal-jackknife standard error of `pstate[k]` (R: `std.err`). */
  readonly stdErr: readonly Float64Array[];
  /** Lower confidence limits per state (R: `lower`); NaN where p = 0. */
  readonly lower: readonly Float64Array[];
  /** Upper confidence limits per state (R: `upper`). */
  readonly upper: readonly Float64Array[];
  /** Number of causes K. */
  readonly causes: number;
  readonly level: number;
  readonly confType: ConfType;
  /** Number of observations. */
  readonly n: number;
}

/**
 * Aalen & Johansen (1978) estimate of the state probabilities p(t) = p(0)·Π_{tⱼ≤t} H(tⱼ),
 * where H = I + dÂ has row 0 equal to (1 − dⱼ/nⱼ, d₁ⱼ/nⱼ, …, d_Kⱼ/nⱼ) and the destinations are
 * absorbing. For competing risks this is the cumulative incidence
 * F_k(t) = Σ_{tⱼ≤t} Ŝ(tⱼ−)·d_kⱼ/nⱼ, with Ŝ the all-cause Kaplan–Meier.
 *
 * Variance: R's multi-state `survfit` uses the infinitesimal jackknife (IJ), var p_k(t) =
 * Σᵢ Uᵢₖ(t)², with the influence updated at each event time as
 * Uᵢ(tⱼ) = Uᵢ(tⱼ−)·H(tⱼ) + [i at risk]·p₀(tⱼ−)/nⱼ·(e_{state of i after tⱼ} − H₀·) (Therneau,
 * "Multi-state models and competing risks" vignette; survival's `survfitci.c`). Subjects
 * still at risk share one influence vector, and for those who left only Σᵢ UᵢUᵢᵀ is needed,
 * which evolves as HᵀMH; so the cost is O(n log n + T·K³) rather than O(n·T·K).
 *
 * @param time - observed time per subject: time of the first event, or censoring time.
 * @param status - 0 if censored, otherwise the cause 1…K of the first event.
 * @example
 * const aj = aalenJohansen([1, 2, 2, 3], [1, 2, 0, 1]);
 * aj.pstate[1]; // cumulative incidence of cause 1: Float64Array [0.25, 0.25, 0.75]
 * aj.stdErr[1]; // its IJ standard error, as R's survfit
 */
export function aalenJohansen(
  time: ArrayLike<number>,
  status: ArrayLike<number>,
  options: AalenJohansenOptions = {},
): AalenJohansenResult {
  rejectUnknownKeys(options, { causes: true, level: true, confType: true }, 'aalenJohansen');
  const level = options.level ?? 0.95;
  const confType = options.confType ?? 'log';
  checkInterval(level, confType);
  let K = options.causes ?? 1;
  if (options.causes === undefined) {
    for (let i = 0; i < status.length; i++) if (status[i]! > K) K = status[i]!;
  }
  const rs = riskSets(time, status, K);
  const T = rs.time.length;
  const S = K + 1;

  const pstate: Float64Array[] = [];
  const stdErr: Float64Array[] = [];
  const nEvent: Float64Array[] = [new Float64Array(T)];
  for (let k = 0; k < S; k++) {
    pstate.push(new Float64Array(T));
    stdErr.push(new Float64Array(T));
    if (k > 0) nEvent.push(rs.nEvent[k - 1]!);
  }

  const p = new Float64Array(S);
  p[0] = 1;
  const h = new Float64Array(S); // row 0 of H; rows k ≥ 1 are identity (absorbing states)
  const r = new Float64Array(S); // common influence of every subject still at risk
  const u = new Float64Array(S); // influence of one leaver (scratch)
  const m = new Float64Array(S * S); // Σ over subjects who left of UᵢUᵢᵀ
  const mh = new Float64Array(S * S); // scratch for M·H

  for (let j = 0; j < T; j++) {
    const n = rs.nRisk[j]!;
    let d = 0;
    for (let k = 1; k < S; k++) d += nEvent[k]![j]!;
    const p0: number = p[0]!;
    if (d > 0) {
      h[0] = 1 - d / n;
      for (let k = 1; k < S; k++) h[k] = nEvent[k]![j]! / n;
      // M ← Hᵀ M H. (M H)[a][b] = M[a][b] + M[a][0]·h[b] for b ≥ 1, M[a][0]·h[0] for b = 0.
      for (let a = 0; a < S; a++) {
        const ma0 = m[a * S]!;
        mh[a * S] = ma0 * h[0]!;
        for (let b = 1; b < S; b++) mh[a * S + b] = m[a * S + b]! + ma0 * h[b]!;
      }
      // Hᵀ (M H): row a ≥ 1 gets row 0 times h[a]; row 0 is scaled by h[0].
      for (let b = 0; b < S; b++) {
        const r0 = mh[b]!;
        m[b] = r0 * h[0]!;
        for (let a = 1; a < S; a++) m[a * S + b] = mh[a * S + b]! + h[a]! * r0;
      }
      // Those at risk: U ← U·H − p₀/n·H₀· + p₀/n·e₀ (they stay in state 0 at this step).
      const w = p0 / n;
      const r0 = r[0]!;
      r[0] = r0 * h[0]! - w * h[0]! + w;
      for (let k = 1; k < S; k++) r[k] = r[k]! + r0 * h[k]! - w * h[k]!;
      // Leavers with an event of cause k: same as the at-risk vector, moved from state 0 to k.
      for (let k = 1; k < S; k++) {
        const dk = nEvent[k]![j]!;
        if (dk === 0) continue;
        u.set(r);
        u[0] = u[0]! - w;
        u[k] = u[k]! + w;
        addOuter(m, u, dk, S);
      }
      // State probabilities: p ← p·H.
      p[0] = p0 * h[0]!;
      for (let k = 1; k < S; k++) p[k] = p[k]! + p0 * h[k]!;
    }
    // Censored at tⱼ leave with the at-risk influence (after this time's update).
    const c = rs.nCensor[j]!;
    if (c > 0) addOuter(m, r, c, S);
    const stay = n - d - c;
    for (let k = 0; k < S; k++) {
      pstate[k]![j] = p[k]!;
      const rk = r[k]!;
      const v = m[k * S + k]! + stay * rk * rk;
      stdErr[k]![j] = Math.sqrt(Math.max(v, 0));
    }
  }

  const lower: Float64Array[] = [];
  const upper: Float64Array[] = [];
  for (let k = 0; k < S; k++) {
    const lo = new Float64Array(T);
    const hi = new Float64Array(T);
    survivalInterval(pstate[k]!, stdErr[k]!, false, confType, level, lo, hi);
    lower.push(lo);
    upper.push(hi);
  }
  return {
    time: rs.time,
    nRisk: rs.nRisk,
    nEvent,
    nCensor: rs.nCensor,
    pstate,
    stdErr,
    lower,
    upper,
    causes: K,
    level,
    confType,
    n: rs.n,
  };
}

/** M += c·uuᵀ (S × S, row-major). */
function addOuter(m: Float64Array, u: Float64Array, c: number, S: number): void {
  for (let a = 0; a < S; a++) {
    const ca = c * u[a]!;
    for (let b = 0; b < S; b++) m[a * S + b] = m[a * S + b]! + ca * u[b]!;
  }
}
