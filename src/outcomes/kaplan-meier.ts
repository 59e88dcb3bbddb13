/**
 * The Kaplan–Meier estimator of survival with Greenwood's variance, field for field as R's
 * `survfit(Surv(time, event) ~ 1)` (survival 3.5).
 */

import { rejectUnknownKeys } from '../stats/option-keys.js';
import { type ConfType, checkInterval, survivalInterval } from './confidence.js';
import { riskSets } from './risksets.js';

/** Options for {@link kaplanMeier}. */
export interface KaplanMeierOptions {
  /** Confidence level, default 0.95. */
  readonly level?: number;
  /** Interval type, default `'log'` as R's `survfit`. */
  readonly confType?: ConfType;
}

/** Kaplan–Meier estimate at every distinct observed time (events and censorings). */
export interface KaplanMeierResult {
  /** Distinct times, ascending (R: `time`). */
  readonly time: Float64Array;
  /** Number at risk at each time, censored-at-t included (R: `n.risk`). */
  readonly nRisk: Float64Array;
  /** Events at each time (R: `n.event`). */
  readonly nEvent: Float64Array;
  /** Censorings at each time (R: `n.censor`). */
  readonly nCensor: Float64Array;
  /** Survival Ŝ(t) (R: `surv`). Cumulative incidence is 1 − Ŝ(t). */
  readonly surv: Float64Array;
  /**
   * Standard error of Ŝ(t) itself: Ŝ(t)·stdErrLog (R: `summary(fit)$std.err`). NaN where
   * Ŝ(t) = 0.
   */
  readonly stdErr: Float64Array;
  /**
   * Greenwood standard error of −log Ŝ(t), sqrt(Σ_{tⱼ≤t} dⱼ / (nⱼ(nⱼ − dⱼ))) (R: the `std.err`
   * field of the `survfit` object, which is on the cumulative-hazard scale). Infinite once
   * Ŝ(t) = 0.
   */
  readonly stdErrLog: Float64Array;
  /** Lower confidence limit for Ŝ(t) (R: `lower`); NaN where undefined. */
  readonly lower: Float64Array;
  /** Upper confidence limit for Ŝ(t) (R: `upper`); NaN where undefined. */
  readonly upper: Float64Array;
  readonly level: number;
  readonly confType: ConfType;
  /** Number of observations. */
  readonly n: number;
}

/**
 * Kaplan–Meier (1958) product-limit estimate Ŝ(t) = Π_{tⱼ≤t} (1 − dⱼ/nⱼ), with Greenwood's
 * (1926) variance var(−log Ŝ(t)) = Σ_{tⱼ≤t} dⱼ/(nⱼ(nⱼ − dⱼ)) and R's pointwise intervals
 * (`conf.type` log by default; log-log and plain available). Censorings at tⱼ count as after
 * the events at tⱼ, so those clients are in nⱼ. See Therneau & Grambsch (2000), ch. 2, and the
 * survival package's `survfit` documentation.
 *
 * @param time - observed time per subject: event time, or censoring time.
 * @param event - 1 if the event was observed at `time`, 0 if censored.
 * @example
 * const km = kaplanMeier([1, 2, 2, 3], [1, 1, 0, 1]);
 * km.surv; // Float64Array [0.75, 0.5, 0]
 * 1 - km.surv[1]!; // cumulative incidence by t = 2: 0.5
 */
export function kaplanMeier(
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  options: KaplanMeierOptions = {},
): KaplanMeierResult {
  rejectUnknownKeys(options, { level: true, confType: true }, 'kaplanMeier');
  const level = options.level ?? 0.95;
  const confType = options.confType ?? 'log';
  checkInterval(level, confType);
  const rs = riskSets(time, event, 1, 'event');
  const m = rs.time.length;
  const nEvent = rs.nEvent[0]!;
  const surv = new Float64Array(m);
  const stdErr = new Float64Array(m);
  const stdErrLog = new Float64Array(m);
  let s = 1;
  let v = 0;
  for (let j = 0; j < m; j++) {
    const n = rs.nRisk[j]!;
    const d = nEvent[j]!;
    if (d > 0) {
      s *= 1 - d / n;
      // Greenwood's term is infinite when everyone at risk has the event (Ŝ drops to 0).
      v = n > d ? v + d / (n * (n - d)) : Number.POSITIVE_INFINITY;
    }
    surv[j] = s;
    stdErrLog[j] = Math.sqrt(v);
    stdErr[j] = s === 0 ? Number.NaN : s * stdErrLog[j]!;
  }
  const lower = new Float64Array(m);
  const upper = new Float64Array(m);
  survivalInterval(surv, stdErrLog, true, confType, level, lower, upper);
  return {
    time: rs.time,
    nRisk: rs.nRisk,
    nEvent,
    nCensor: rs.nCensor,
    surv,
    stdErr,
    stdErrLog,
    lower,
    upper,
    level,
    confType,
    n: rs.n,
  };
}
