/**
 * Cumulative share with an event by month m among clients observed at least m months: the
 * "complete follow-up" method of the UWV reports (Table 5.2: "the 15-month figure uses only
 * clients followed at least 15 months").
 */
import { InputError } from '../errors.js';
import { rejectUnknownKeys } from '../stats/option-keys.js';
import { type ProportionInterval, proportionInterval } from './proportion-interval.js';

/** Options for {@link completeFollowup}. */
export interface CompleteFollowupOptions {
  /** Confidence level, default 0.95. */
  readonly level?: number;
  /** Interval for the share, default `'wilson'`. */
  readonly interval?: ProportionInterval;
}

/** Per-month series 1…M of {@link completeFollowup}; index m − 1 holds month m. */
export interface CompleteFollowupResult {
  /** n_m = #{followup ≥ m}: clients observed at least m months. */
  readonly n: Float64Array;
  /** x_m = #{event month ≤ m and followup ≥ m}. */
  readonly events: Float64Array;
  /** x_m / n_m (NaN when n_m = 0). */
  readonly share: Float64Array;
  /** Binomial standard error √(share·(1 − share)/n_m). */
  readonly stdError: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly level: number;
  readonly interval: ProportionInterval;
}

/**
 * Complete-follow-up cumulative shares for months 1…`months`: at month m the denominator is
 * n_m = #{fᵢ ≥ m} and the numerator x_m = #{eᵢ ≤ m ≤ fᵢ}, where fᵢ is the follow-up and eᵢ
 * the event month (NaN if none observed). Each month is a plain binomial proportion, so its
 * standard error is √(p(1−p)/n_m) and its interval Wilson (default) or Wald. Unlike
 * Kaplan–Meier, clients who left observation before m are dropped from month m entirely.
 * O(n + M) via month histograms.
 *
 * @param eventMonth - month of the event per client (whole number ≥ 1), NaN if none. An event
 *   after the client's follow-up never counts (`cumulativeOutflow` rejects such rows).
 * @param followup - months observed per client (≥ 0; fractional values allowed).
 * @example
 * const r = completeFollowup([2, Number.NaN, Number.NaN, 3], [3, 1, 2, 3], 3);
 * r.n; // [4, 3, 2]
 * r.share; // [0, 1/3, 1]
 */
export function completeFollowup(
  eventMonth: ArrayLike<number>,
  followup: ArrayLike<number>,
  months: number,
  options: CompleteFollowupOptions = {},
): CompleteFollowupResult {
  rejectUnknownKeys(options, { level: true, interval: true }, 'completeFollowup');
  const level = options.level ?? 0.95;
  const interval = options.interval ?? 'wilson';
  const len = followup.length;
  if (eventMonth.length !== len) {
    throw new InputError(`eventMonth has ${eventMonth.length} values but followup has ${len}`, {
      code: 'length-mismatch',
    });
  }
  const M = months;
  // seen[m] counts clients whose follow-up covers months 1…m exactly (m = min(⌊f⌋, M));
  // start[m]/stop[m] bound each client's event window e…min(⌊f⌋, M) as a difference array.
  const seen = new Float64Array(M + 2);
  const diff = new Float64Array(M + 2);
  for (let i = 0; i < len; i++) {
    const f = Math.min(Math.floor(followup[i]!), M);
    if (f >= 1) seen[f]!++;
    const e = eventMonth[i]!;
    if (e >= 1 && e <= f) {
      diff[e]!++;
      diff[f + 1]!--;
    }
  }
  const n = new Float64Array(M);
  const events = new Float64Array(M);
  const share = new Float64Array(M);
  const stdError = new Float64Array(M);
  const lower = new Float64Array(M);
  const upper = new Float64Array(M);
  let atLeast = 0;
  for (let m = M; m >= 1; m--) {
    atLeast += seen[m]!;
    n[m - 1] = atLeast;
  }
  let running = 0;
  for (let m = 1; m <= M; m++) {
    running += diff[m]!;
    const nm = n[m - 1]!;
    const p = nm > 0 ? running / nm : Number.NaN;
    events[m - 1] = running;
    share[m - 1] = p;
    stdError[m - 1] = Math.sqrt((p * (1 - p)) / nm);
    const [lo, hi] = proportionInterval(running, nm, level, interval);
    lower[m - 1] = lo;
    upper[m - 1] = hi;
  }
  return { n, events, share, stdError, lower, upper, level, interval };
}
