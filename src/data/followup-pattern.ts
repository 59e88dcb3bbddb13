/**
 * Is a follow-up column a *potential* (administrative) follow-up — months from the start to the
 * data cut-off, set independently of events — or an *observation end* that follows from the event
 * (survival-shaped: follow-up stops at the event, or some months after it)? Complete follow-up is
 * valid only for the first; this check recognises the second in the wide form.
 */

/** What {@link followupPattern} found for one event column. */
export interface FollowupPattern {
  /** True when the follow-up looks event-driven: complete follow-up would be biased. */
  readonly survivalShaped: boolean;
  /** Clients with the event, and those without it (with a follow-up). */
  readonly withEvent: number;
  readonly withoutEvent: number;
  /** Clients with the event whose follow-up ends in the event month (f − e < 1). */
  readonly endAtEvent: number;
  /** Clients observed less than the longest follow-up, with and without the event. */
  readonly shortWithEvent: number;
  readonly shortWithoutEvent: number;
  /** The longest follow-up. */
  readonly longest: number;
  /** z statistic of "short follow-up more common with the event than without". */
  readonly z: number;
}

/**
 * Detects survival-shaped follow-up in the wide form (follow-up f, event month e ≤ f or NaN):
 *
 * - (a) the follow-up ends in the event month (f − e < 1) for at least half of the clients with
 *   the event (and at least 5 of them) — under a potential follow-up that happens by chance only
 *   (about 1 in the number of months); or
 * - (b) clients with the event are observed less than the longest follow-up markedly more often
 *   than clients without it: a two-proportion z > 3 and a difference above 5 points. Under a
 *   potential follow-up the opposite holds (an event needs f ≥ e), so this catches follow-up
 *   that stops some months after the event.
 *
 * Either way the data need `censoring: 'ipcw'` (or Kaplan–Meier / Aalen–Johansen curves), and
 * complete follow-up — which drops every client observed less than m months at month m — would be
 * biased. Rows with a missing follow-up are ignored. O(n).
 *
 * @example
 * followupPattern(Float64Array.of(3, 5, 24, 24, 2, 7, 4, 6), Float64Array.of(3, 5, NaN, NaN, 2, 7, 4, 6)).survivalShaped;
 * // true: every client with the event stops being followed in the event month
 */
export function followupPattern(followup: Float64Array, eventMonth: Float64Array): FollowupPattern {
  let longest = 0;
  for (const f of followup) if (f > longest) longest = f;
  let withEvent = 0;
  let withoutEvent = 0;
  let endAtEvent = 0;
  let shortWithEvent = 0;
  let shortWithoutEvent = 0;
  for (let i = 0; i < followup.length; i++) {
    const f = followup[i]!;
    if (Number.isNaN(f)) continue;
    const e = eventMonth[i]!;
    const short = f < longest ? 1 : 0;
    if (Number.isNaN(e)) {
      withoutEvent++;
      shortWithoutEvent += short;
    } else {
      withEvent++;
      shortWithEvent += short;
      if (f - e < 1 && short) endAtEvent++;
    }
  }
  const z = twoProportionZ(shortWithEvent, withEvent, shortWithoutEvent, withoutEvent);
  const a = endAtEvent >= 5 && endAtEvent >= 0.5 * withEvent;
  const b =
    z > 3 &&
    withoutEvent > 0 &&
    shortWithEvent / withEvent - shortWithoutEvent / withoutEvent > 0.05;
  return {
    survivalShaped: a || b,
    withEvent,
    withoutEvent,
    endAtEvent,
    shortWithEvent,
    shortWithoutEvent,
    longest,
    z,
  };
}

/**
 * The plain-language warning for a survival-shaped follow-up: what was seen and which estimator
 * to use.
 *
 * @example
 * followupWarning(pattern, 'followup_months', 'month_bijstand');
 * // "column 'followup_months' looks like an observation end, not a potential follow-up, for 'month_bijstand': …"
 */
export function followupWarning(p: FollowupPattern, followup: string, event: string): string {
  const pct = (a: number, b: number) => (b > 0 ? `${Math.round((100 * a) / b)} %` : '–');
  return (
    `column '${followup}' looks like an observation end, not a potential follow-up, for '${event}': ` +
    `${p.endAtEvent} of ${p.withEvent} clients with the event stop being followed in their event month, and ` +
    `${pct(p.shortWithEvent, p.withEvent)} of clients with the event against ${pct(p.shortWithoutEvent, p.withoutEvent)} without it are followed less than ${p.longest} months. ` +
    'Complete follow-up (at month m only clients observed at least m months) would be biased on such data; ' +
    "use censoring: 'ipcw' (effectSeries; analyze: methods.censoring) for the effects and Kaplan–Meier or Aalen–Johansen for the curves (methods.outflow)"
  );
}

/** z of p₁ − p₂ with the pooled SE (0 when undefined). */
function twoProportionZ(x1: number, n1: number, x2: number, n2: number): number {
  if (n1 === 0 || n2 === 0) return 0;
  const p = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  return se > 0 ? (x1 / n1 - x2 / n2) / se : 0;
}
