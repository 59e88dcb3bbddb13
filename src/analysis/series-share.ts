/**
 * Work shared by the effect series of several events on one intake. An event column only sets
 * the outcome: the clients of every month's sample, the design, X'X, the leverages and the HC
 * weights are the same for every event. So when one event's series fits a sample, it fits the
 * other events' outcomes on it in the same pass (`olsCumulativeSeriesMany`) and leaves their fits
 * here; the other events' series take them instead of fitting again. Each fit is keyed by the
 * analysis (the spec without its event, the subgroup), the event and the sample, and checked
 * against the sample's clients before use, so a fit is only ever taken for the clients it was
 * made on. Internal to `src/analysis/` and `src/evaluate/`.
 */
import type { ExperimentIntake } from '../data/intake.js';

/** Fits of some events, made beside another event's, waiting for their own series. */
export interface SeriesShare {
  /** The events fitted together. */
  readonly events: readonly string[];
  /** Event month per intake row (NaN: none), by event column. */
  readonly eventMonths: Readonly<Record<string, Float64Array>>;
  /** Waiting results by key, with the intake rows they were made on. */
  readonly pending: Map<string, { readonly rows: Int32Array; readonly value: unknown }>;
  /**
   * Other events' months gathered at every row of a rows array (by its buffer, then event): the
   * samples that are prefixes of one sorted sample take views of one gather.
   */
  readonly gathered: WeakMap<ArrayBufferLike, Map<string, Float64Array>>;
}

/**
 * A share for the series of `events` (columns read by the intake) on `intake`.
 *
 * @example
 * const share = createSeriesShare(intake, ['month_bijstand', 'month_work']);
 */
export function createSeriesShare(
  intake: ExperimentIntake,
  events: readonly string[],
): SeriesShare {
  const eventMonths: Record<string, Float64Array> = {};
  for (const e of events) {
    const months = intake.events[e];
    if (months) eventMonths[e] = months;
  }
  return {
    events: Object.keys(eventMonths),
    eventMonths,
    pending: new Map(),
    gathered: new WeakMap(),
  };
}

/**
 * The key of one analysis' result for an event: the spec without its event (plain data, as
 * JSON), a part name (e.g. the subgroup) and the event.
 *
 * @example
 * shareKey({ ...spec, event: 'month_work' }, 'effects'); // '{"months":24,…}\u0000effects\u0000month_work'
 */
export function shareKey(spec: { readonly event: string }, part: string): string {
  const { event, ...rest } = spec;
  return `${JSON.stringify(rest)}\u0000${part}\u0000${event}`;
}

/**
 * The other events of the share for a sample of `rows` (intake rows) whose own event months are
 * `own` (event `event`): their event months aligned with the rows. None when the event is not
 * in the share, or `own` is not the intake's event months of those rows (then nothing is shared).
 *
 * @example
 * const others = siblingsOf(share, 'month_bijstand', sample.rows, sample.eventMonth);
 */
export function siblingsOf(
  share: SeriesShare | undefined,
  event: string,
  rows: Int32Array,
  own: Float64Array,
): { readonly events: readonly string[]; readonly months: readonly Float64Array[] } | undefined {
  if (!share || rows.length !== own.length) return undefined;
  const mine = share.eventMonths[event];
  if (!mine) return undefined;
  for (let i = 0; i < rows.length; i++) {
    const a = mine[rows[i]!]!;
    const b = own[i]!;
    if (a !== b && !(Number.isNaN(a) && Number.isNaN(b))) return undefined;
  }
  const events = share.events.filter((e) => e !== event);
  if (events.length === 0) return undefined;
  // A prefix view of a longer rows array (a complete-follow-up sample) is served from one gather
  // at all of that array's rows, as a view: no copy per sample, and the same array for each.
  const prefix = rows.byteOffset === 0;
  const whole = prefix ? new Int32Array(rows.buffer) : rows;
  let byEvent = prefix ? share.gathered.get(rows.buffer) : undefined;
  if (prefix && !byEvent) {
    byEvent = new Map();
    share.gathered.set(rows.buffer, byEvent);
  }
  const months = events.map((e) => {
    let out = byEvent?.get(e);
    if (!out) {
      const all = share.eventMonths[e]!;
      out = new Float64Array(whole.length);
      for (let i = 0; i < whole.length; i++) out[i] = all[whole[i]!]!;
      byEvent?.set(e, out);
    }
    return out.subarray(0, rows.length);
  });
  return { events, months };
}

/**
 * Leaves a result for a later series: `value` for `key`, made on the intake rows `rows`.
 *
 * @example
 * putShared(share, `${shareKey(spec, part)}|${n}`, sample.rows, fit);
 */
export function putShared(share: SeriesShare, key: string, rows: Int32Array, value: unknown): void {
  share.pending.set(key, { rows, value });
}

/**
 * Takes the result left for `key` (and forgets it) when it was made on exactly the intake rows
 * `rows`; undefined otherwise.
 *
 * @example
 * const fit = takeShared<AdjustedFit>(share, key, sample.rows) ?? fitAdjustedSample(…);
 */
export function takeShared<T>(
  share: SeriesShare | undefined,
  key: string,
  rows: Int32Array,
): T | undefined {
  const found = share?.pending.get(key);
  if (!found) return undefined;
  share!.pending.delete(key);
  const a = found.rows;
  if (a.length !== rows.length) return undefined;
  for (let i = 0; i < a.length; i++) if (a[i] !== rows[i]) return undefined;
  return found.value as T;
}
