/**
 * Weekly re-scoring. The Maatwerkscan is re-run every week, and three of its features change
 * while a client is on WW: months left until WW ends (falls by 12/52 of a month per week), income
 * besides WW and the supplement (change on the day they change). A client's risk therefore rises
 * as the end of WW nears; these functions give the score trajectory and the first week in which
 * the client enters the top decile (score at or above the top-decile threshold).
 */
import { asTable, numberColumn, type RowObject, type TableInput } from '../data/columns.js';
import { InputError } from '../errors.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { type ScanModel, scanLinearPredictor } from './model.js';

/** A change of time-varying features from `week` on (week 0 = the scoring date of the data). */
export interface WeeklyChange {
  readonly week: number;
  /** New values of numeric features, e.g. `{ other_income: 1 }` or `{ ww_supplement: 0 }`. */
  readonly set: Readonly<Record<string, number>>;
}

/** Options of {@link weeklyTrajectory} and {@link weeklyRescore}. */
export interface WeeklyOptions {
  /** Number of weeks after week 0 to score (default 104). */
  readonly weeks?: number;
  /** Score at or above which a client is in the top decile (e.g. the 90th percentile of a national scoring). */
  readonly threshold: number;
  /** Column of months left until WW ends (default `ww_months_left`). */
  readonly monthsLeft?: string;
  /** Months by which `monthsLeft` falls per week (default 12/52). */
  readonly monthsPerWeek?: number;
}

/** One client's weekly scores. */
export interface Trajectory {
  /** Weeks scored: 0, 1, … up to the last week with WW left (months left > 0) or `weeks`. */
  readonly weeks: readonly number[];
  readonly scores: readonly number[];
  readonly monthsLeft: readonly number[];
  /** First week with score ≥ threshold, or null. */
  readonly firstTopDecileWeek: number | null;
  readonly threshold: number;
}

function coefficientOf(model: ScanModel, feature: string): number {
  if (!model.numeric.includes(feature)) {
    throw new InputError(
      `weekly re-scoring: '${feature}' is not a numeric feature of the scan (numeric features: ${model.numeric.join(', ')})`,
      { code: 'unknown-term', column: feature },
    );
  }
  return model.terms.find((t) => t.name === feature)?.coefficient ?? 0;
}

function checkWeeks(options: WeeklyOptions): {
  weeks: number;
  monthsLeft: string;
  perWeek: number;
} {
  const weeks = options.weeks ?? 104;
  if (!Number.isInteger(weeks) || weeks < 0) {
    throw new InputError(`weekly re-scoring: weeks must be a whole number ≥ 0, got ${weeks}`, {
      code: 'invalid-option',
      value: String(weeks),
    });
  }
  if (!(options.threshold > 0 && options.threshold < 1)) {
    throw new InputError(
      `weekly re-scoring: threshold must be a probability in (0, 1), got ${options.threshold}`,
      {
        code: 'invalid-option',
        value: String(options.threshold),
      },
    );
  }
  return {
    weeks,
    monthsLeft: options.monthsLeft ?? 'ww_months_left',
    perWeek: options.monthsPerWeek ?? 12 / 52,
  };
}

function expit(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

const WEEKLY_TRAJECTORY_KEYS: AllKeys<Parameters<typeof weeklyTrajectory>[2]> = {
  weeks: true,
  threshold: true,
  monthsLeft: true,
  monthsPerWeek: true,
  changes: true,
};

/**
 * Score trajectory of one client: week w has months left m₀ − w·12/52 (scoring stops when it
 * reaches 0: WW has ended) and the feature values of the latest `changes` up to week w.
 *
 * @example
 * weeklyTrajectory(model, client, { threshold: 0.07, changes: [{ week: 10, set: { other_income: 0 } }] })
 *   .firstTopDecileWeek
 */
export function weeklyTrajectory(
  model: ScanModel,
  client: RowObject,
  options: WeeklyOptions & { readonly changes?: readonly WeeklyChange[] },
): Trajectory {
  rejectUnknownKeys(options, WEEKLY_TRAJECTORY_KEYS, 'weeklyTrajectory');
  const { weeks, monthsLeft, perWeek } = checkWeeks(options);
  const eta0 = scanLinearPredictor(model, [client])[0]!;
  const m0 = numberColumn(asTable([client]), monthsLeft)[0]!;
  const bm = coefficientOf(model, monthsLeft);
  const changes = [...(options.changes ?? [])].sort((a, b) => a.week - b.week);
  const current = new Map<string, number>();
  for (const c of changes) {
    for (const f of Object.keys(c.set)) {
      if (f === monthsLeft) {
        throw new InputError(
          `weekly re-scoring: '${monthsLeft}' follows from the weeks; do not set it in changes`,
          { code: 'invalid-option', column: f },
        );
      }
      coefficientOf(model, f);
      if (!current.has(f)) current.set(f, numberColumn(asTable([client]), f)[0]!);
    }
  }
  const baseline = new Map(current);
  const out: { weeks: number[]; scores: number[]; monthsLeft: number[] } = {
    weeks: [],
    scores: [],
    monthsLeft: [],
  };
  let first: number | null = null;
  let ci = 0;
  for (let w = 0; w <= weeks; w++) {
    const m = m0 - w * perWeek;
    if (m <= 0 && w > 0) break;
    while (ci < changes.length && changes[ci]!.week <= w) {
      for (const [f, v] of Object.entries(changes[ci]!.set)) current.set(f, v);
      ci++;
    }
    let eta = eta0 + bm * (m - m0);
    for (const [f, v] of current) eta += coefficientOf(model, f) * (v - baseline.get(f)!);
    const score = expit(eta);
    out.weeks.push(w);
    out.scores.push(score);
    out.monthsLeft.push(m);
    if (first === null && score >= options.threshold) first = w;
  }
  return { ...out, firstTopDecileWeek: first, threshold: options.threshold };
}

/** {@link weeklyRescore}'s result. */
export interface WeeklyRescore {
  readonly threshold: number;
  readonly weeks: number;
  /** Per client: first week in the top decile (−1: never while on WW within `weeks`). */
  readonly firstTopDecileWeek: Int32Array;
  /** Per week w: clients still on WW, and how many of them score ≥ threshold. */
  readonly perWeek: readonly {
    readonly week: number;
    readonly onWw: number;
    readonly inTopDecile: number;
    readonly enteredThisWeek: number;
  }[];
  /** Clients in the top decile at week 0, and ever within `weeks`. */
  readonly atStart: number;
  readonly ever: number;
  readonly method: string;
}

const WEEKLY_RESCORE_KEYS: AllKeys<WeeklyOptions> = {
  weeks: true,
  threshold: true,
  monthsLeft: true,
  monthsPerWeek: true,
};

/**
 * Weekly re-scoring of a whole table with months left falling 12/52 per week (other features
 * fixed): for each client the first week in the top decile, and per week the number on WW and
 * in the top decile. Vectorised: η(w) = η₀ + β_monthsLeft·(m(w) − m₀).
 *
 * @example
 * weeklyRescore(model, table, { threshold: 0.07, weeks: 52 }).perWeek[10].inTopDecile
 */
export function weeklyRescore(
  model: ScanModel,
  input: TableInput,
  options: WeeklyOptions,
): WeeklyRescore {
  rejectUnknownKeys(options, WEEKLY_RESCORE_KEYS, 'weeklyRescore');
  const { weeks, monthsLeft, perWeek } = checkWeeks(options);
  const table = asTable(input);
  const eta0 = scanLinearPredictor(model, table);
  const m0 = numberColumn(table, monthsLeft, { min: 0 });
  const bm = coefficientOf(model, monthsLeft);
  const n = eta0.length;
  const first = new Int32Array(n).fill(-1);
  const onWw = new Float64Array(weeks + 1);
  const top = new Float64Array(weeks + 1);
  const entered = new Float64Array(weeks + 1);
  // logit(threshold) once: compare on the logit scale.
  const lt = Math.log(options.threshold / (1 - options.threshold));
  for (let i = 0; i < n; i++) {
    for (let w = 0; w <= weeks; w++) {
      const m = m0[i]! - w * perWeek;
      if (m <= 0 && w > 0) break;
      onWw[w]! += 1;
      if (eta0[i]! + bm * (m - m0[i]!) >= lt) {
        top[w]! += 1;
        if (first[i] === -1) {
          first[i] = w;
          entered[w]! += 1;
        }
      }
    }
  }
  let atStart = 0;
  let ever = 0;
  for (let i = 0; i < n; i++) {
    if (first[i] === 0) atStart++;
    if (first[i]! >= 0) ever++;
  }
  return {
    threshold: options.threshold,
    weeks,
    firstTopDecileWeek: first,
    perWeek: Array.from({ length: weeks + 1 }, (_, w) => ({
      week: w,
      onWw: onWw[w]!,
      inTopDecile: top[w]!,
      enteredThisWeek: entered[w]!,
    })),
    atStart,
    ever,
    method: `weekly re-scoring: months left fall by ${perWeek.toFixed(4)} per week (scoring stops when WW ends), other features fixed; top decile = score ≥ ${options.threshold}`,
  };
}
