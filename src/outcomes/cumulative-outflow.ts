/**
 * Cumulative outflow curves by month, group and destination, with censoring handled by one
 * of three stated methods: complete follow-up, Kaplan–Meier, Aalen–Johansen.
 */
import type { TableInput } from '../data/columns.js';
import { type ExperimentIntake, experimentRoles, isExperimentIntake } from '../data/intake.js';
import { InputError } from '../errors.js';
import { rejectUnknownKeys } from '../stats/option-keys.js';
import { checkOneOf, checkWholeNumber } from '../stats/validate.js';
import { aalenJohansen } from './aalen-johansen.js';
import { completeFollowup } from './complete-followup.js';
import { type ConfType, checkInterval } from './confidence.js';
import { kaplanMeier } from './kaplan-meier.js';
import { type Destination, type GroupData, readOutflowInput } from './outflow-input.js';
import {
  type CumulativeOutflowResult,
  makeOutflowResult,
  type OutflowBenchmark,
  type OutflowRow,
} from './outflow-result.js';
import type { ProportionInterval } from './proportion-interval.js';
import { stepIndex } from './risksets.js';

/** How censoring (clients observed fewer than m months) is handled at month m. */
export type OutflowMethod = 'complete' | 'kaplan-meier' | 'aalen-johansen';

const OUTFLOW_METHODS: readonly OutflowMethod[] = ['complete', 'kaplan-meier', 'aalen-johansen'];

/** What {@link cumulativeOutflow} computes. Column names default to the experiment schema. */
export interface CumulativeOutflowSpec {
  /**
   * Event columns (month of the first event, empty if never). An array of column names uses
   * the name without `month_` as label (`month_bijstand` → `bijstand`); a record maps
   * label → column.
   */
  readonly events: readonly string[] | Readonly<Record<string, string>>;
  /** Months observed per client, default `followup_months`. */
  readonly followup?: string;
  /** Grouping column, default `arm`; `null` for one group `all`. */
  readonly group?: string | null;
  /** Groups to report, in this order (each must have clients); default: all, first-seen order. */
  readonly groups?: readonly string[];
  /** Last month M of the curve (months 1…M), default 24. */
  readonly months?: number;
  /** Default `complete` (the reports' method). */
  readonly method?: OutflowMethod;
  /** Confidence level, default 0.95. */
  readonly level?: number;
  /** Interval for `complete`: `wilson` (default) or `wald`. */
  readonly interval?: ProportionInterval;
  /** Interval transformation for `kaplan-meier` / `aalen-johansen`, default `log` (as R). */
  readonly confType?: ConfType;
  /**
   * `aalen-johansen` only: when a client has two destinations in the same month, the first
   * label in this list wins. Without it such ties are an error (`tied-events`).
   */
  readonly tiePriority?: readonly string[];
  /** External series shown beside the estimates, never used in them. */
  readonly benchmark?: OutflowBenchmark | readonly OutflowBenchmark[];
}

/**
 * Cumulative share of clients with an event by month m = 1…M, per group and destination.
 *
 * - `complete` (default; the reports' method): at month m only clients observed ≥ m months,
 *   share = #{event ≤ m ≤ followup} / #{followup ≥ m}; Wilson interval (or Wald), binomial SE.
 * - `kaplan-meier`: per destination 1 − Ŝ(m), time = event month, censored at the follow-up
 *   for clients without it (Kaplan & Meier 1958; Greenwood SE of Ŝ; interval = 1 − R's
 *   `conf.type` interval for Ŝ). Other destinations do not censor: each is its own curve.
 * - `aalen-johansen`: destinations compete; a client's destination is the first event, and
 *   the curve is the Aalen–Johansen (1978) cumulative incidence with R's infinitesimal-
 *   jackknife SE and `conf.type` interval on the incidence itself (Therneau, "Multi-state
 *   models and competing risks").
 *
 * Month m includes events in month m; a client censored at m counts as observed in month m.
 * Rows with a missing follow-up or group are excluded and listed in `excluded`. `data` may be
 * an experiment intake already built (`experimentIntake`): its follow-up, event months and arm
 * labels are then reused, and its roles are the default columns.
 *
 * @example
 * const out = cumulativeOutflow(clients, {
 *   events: ['month_bijstand'], group: 'arm', months: 24, method: 'kaplan-meier',
 *   benchmark: { label: 'rest of NL, decile 1', values: [{ month: 24, share: 0.297 }] },
 * });
 * out.get('control', 'bijstand', 24)?.share; // e.g. 0.415
 * out.toMarkdown(); // a Markdown table
 */
export function cumulativeOutflow(
  data: TableInput | ExperimentIntake,
  spec: CumulativeOutflowSpec,
): CumulativeOutflowResult {
  rejectUnknownKeys(
    spec,
    {
      events: true,
      followup: true,
      group: true,
      groups: true,
      months: true,
      method: true,
      level: true,
      interval: true,
      confType: true,
      tiePriority: true,
      benchmark: true,
    },
    'cumulativeOutflow',
  );
  const method = checkOneOf(spec.method ?? 'complete', OUTFLOW_METHODS, 'method');
  const level = spec.level ?? 0.95;
  const months = checkWholeNumber(spec.months ?? 24, 'months');
  const confType = spec.confType ?? 'log';
  checkInterval(level, confType);
  const interval = checkOneOf(spec.interval ?? 'wilson', ['wilson', 'wald'] as const, 'interval');
  // An intake already built supplies the default columns (and its readings of them).
  const roles = experimentRoles({
    ...(isExperimentIntake(data) ? data.roles : {}),
    ...(spec.followup === undefined ? {} : { followup: spec.followup }),
    ...(typeof spec.group === 'string' ? { arm: spec.group } : {}),
  });
  const followupColumn = roles.followup;
  const groupColumn = spec.group === null ? null : roles.arm;
  const input = readOutflowInput(data, {
    events: spec.events,
    followup: followupColumn,
    group: groupColumn,
    groups: spec.groups,
  });
  const dests = input.destinations;
  const priority = method === 'aalen-johansen' ? tieOrder(dests, spec.tiePriority) : undefined;

  const rows: OutflowRow[] = [];
  for (const g of input.groups) {
    checkHorizon(g, months, followupColumn);
    if (method === 'complete') completeRows(g, dests, months, level, interval, rows);
    else if (method === 'kaplan-meier') kmRows(g, dests, months, level, confType, rows);
    else ajRows(g, dests, priority!, months, level, confType, rows);
  }
  const intervalName = method === 'complete' ? interval : confType;
  return makeOutflowResult({
    method,
    description: describe(method, intervalName, level, priority, dests),
    level,
    interval: intervalName,
    months,
    destinations: dests.map((d) => d.label),
    groups: input.groups.map((g) => ({
      group: g.group,
      n: g.followup.length,
      excluded: g.excluded,
    })),
    excluded: input.excluded,
    rows,
    benchmark: checkBenchmarks(spec.benchmark, input.groups, dests),
  });
}

function describe(
  method: OutflowMethod,
  interval: string,
  level: number,
  priority: readonly number[] | undefined,
  dests: readonly Destination[],
): string {
  const pct = `${+(level * 100).toFixed(4)} %`;
  if (method === 'complete') {
    const name = interval === 'wilson' ? 'Wilson' : 'Wald';
    return `complete follow-up: share at month m among clients observed at least m months; ${name} ${pct} interval, binomial SE`;
  }
  if (method === 'kaplan-meier') {
    return `Kaplan–Meier: 1 − S(m) per destination, censored at the end of follow-up; Greenwood SE; ${pct} interval from R's '${interval}' interval for S`;
  }
  const order = priority
    ? `; same-month ties go to ${priority.map((d) => dests[d]!.label).join(' > ')}`
    : '';
  return `Aalen–Johansen cumulative incidence, destinations competing (first event counts)${order}; infinitesimal-jackknife SE as R survfit; ${pct} '${interval}' interval`;
}

/** The month M must have someone observed in every group, or the share is undefined. */
function checkHorizon(g: GroupData, months: number, followup: string): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < g.followup.length; i++) if (g.followup[i]! > max) max = g.followup[i]!;
  if (max < months) {
    throw new InputError(
      `group '${g.group}': no client is observed ${months} months (longest '${followup}' is ${max}); ask for months ≤ ${Math.floor(max)}`,
      { code: 'beyond-followup', column: followup, value: String(months) },
    );
  }
}

/** Destination indices in tie-break order (validated), or undefined when ties are errors. */
function tieOrder(
  dests: readonly Destination[],
  priority: readonly string[] | undefined,
): number[] | undefined {
  if (priority === undefined) return undefined;
  const labels = dests.map((d) => d.label);
  const idx = priority.map((p) => labels.indexOf(p));
  if (
    idx.some((i) => i < 0) ||
    new Set(idx).size !== labels.length ||
    idx.length !== labels.length
  ) {
    throw new InputError(
      `tiePriority must list each destination once (${labels.join(', ')}), got ${priority.join(', ')}`,
      { code: 'invalid-option' },
    );
  }
  return idx;
}

function completeRows(
  g: GroupData,
  dests: readonly Destination[],
  months: number,
  level: number,
  interval: ProportionInterval,
  out: OutflowRow[],
): void {
  dests.forEach((d, k) => {
    const r = completeFollowup(g.eventMonth[k]!, g.followup, months, { level, interval });
    for (let m = 1; m <= months; m++) {
      out.push({
        month: m,
        group: g.group,
        destination: d.label,
        atRisk: r.n[m - 1]!,
        events: r.events[m - 1]!,
        share: r.share[m - 1]!,
        ci: [r.lower[m - 1]!, r.upper[m - 1]!],
        stdError: r.stdError[m - 1]!,
      });
    }
  });
}

/** #{time ≥ m}: the number at risk at month m, from the fit's distinct times. */
function atRiskAt(time: Float64Array, nRisk: Float64Array, m: number): number {
  const j = stepIndex(time, m);
  if (j >= 0 && time[j] === m) return nRisk[j]!;
  return j + 1 < time.length ? nRisk[j + 1]! : 0;
}

function kmRows(
  g: GroupData,
  dests: readonly Destination[],
  months: number,
  level: number,
  confType: ConfType,
  out: OutflowRow[],
): void {
  const n = g.followup.length;
  const time = new Float64Array(n);
  const event = new Uint8Array(n);
  dests.forEach((d, k) => {
    const e = g.eventMonth[k]!;
    for (let i = 0; i < n; i++) {
      const has = !Number.isNaN(e[i]!);
      time[i] = has ? e[i]! : g.followup[i]!;
      event[i] = has ? 1 : 0;
    }
    const fit = kaplanMeier(time, event, { level, confType });
    let cum = 0;
    let j = 0;
    for (let m = 1; m <= months; m++) {
      while (j < fit.time.length && fit.time[j]! <= m) cum += fit.nEvent[j++]!;
      const at = j - 1;
      const surv = at >= 0 ? fit.surv[at]! : 1;
      const se = at >= 0 ? fit.stdErr[at]! : 0;
      const ci: [number, number] = at >= 0 ? [1 - fit.upper[at]!, 1 - fit.lower[at]!] : [0, 0];
      out.push({
        month: m,
        group: g.group,
        destination: d.label,
        atRisk: atRiskAt(fit.time, fit.nRisk, m),
        events: cum,
        share: 1 - surv,
        ci,
        stdError: se,
      });
    }
  });
}

function ajRows(
  g: GroupData,
  dests: readonly Destination[],
  priority: readonly number[] | undefined,
  months: number,
  level: number,
  confType: ConfType,
  out: OutflowRow[],
): void {
  const n = g.followup.length;
  const time = new Float64Array(n);
  const cause = new Uint8Array(n);
  const tied: number[] = [];
  const order = priority ?? dests.map((_, k) => k);
  for (let i = 0; i < n; i++) {
    let first = Number.POSITIVE_INFINITY;
    let which = -1;
    let tie = false;
    for (const k of order) {
      const e = g.eventMonth[k]![i]!;
      if (Number.isNaN(e)) continue;
      if (e < first) {
        first = e;
        which = k;
        tie = false;
      } else if (e === first) tie = true;
    }
    if (tie && !priority) tied.push(g.rows[i]!);
    time[i] = which >= 0 ? first : g.followup[i]!;
    cause[i] = which + 1;
  }
  if (tied.length) {
    throw new InputError(
      `clients have two destinations in the same month (${dests.map((d) => d.label).join(', ')}) in rows ${tied.slice(0, 5).join(', ')}${tied.length > 5 ? ` and ${tied.length - 5} more` : ''}; pass tiePriority to say which counts`,
      { code: 'tied-events', rows: tied },
    );
  }
  const fit = aalenJohansen(time, cause, { causes: dests.length, level, confType });
  dests.forEach((d, k) => {
    const s = k + 1;
    let cum = 0;
    let j = 0;
    for (let m = 1; m <= months; m++) {
      while (j < fit.time.length && fit.time[j]! <= m) cum += fit.nEvent[s]![j++]!;
      const at = j - 1;
      const p = at >= 0 ? fit.pstate[s]![at]! : 0;
      const se = at >= 0 ? fit.stdErr[s]![at]! : 0;
      // R leaves the interval undefined at p = 0; with SE 0 too it is the point [0, 0].
      const ci: [number, number] =
        p === 0 && se === 0 ? [0, 0] : [fit.lower[s]![at]!, fit.upper[s]![at]!];
      out.push({
        month: m,
        group: g.group,
        destination: d.label,
        atRisk: atRiskAt(fit.time, fit.nRisk, m),
        events: cum,
        share: p,
        ci,
        stdError: se,
      });
    }
  });
}

function checkBenchmarks(
  benchmark: CumulativeOutflowSpec['benchmark'],
  groups: readonly GroupData[],
  dests: readonly Destination[],
): OutflowBenchmark[] {
  if (benchmark === undefined) return [];
  const list: readonly OutflowBenchmark[] = Array.isArray(benchmark)
    ? (benchmark as readonly OutflowBenchmark[])
    : [benchmark as OutflowBenchmark];
  const names = new Set(groups.map((g) => g.group));
  return list.map((b) => {
    if (typeof b.label !== 'string' || b.label === '' || names.has(b.label)) {
      throw new InputError(
        `benchmark label must be a non-empty text different from the groups, got '${b.label}'`,
        { code: 'invalid-option', value: String(b.label) },
      );
    }
    names.add(b.label);
    for (const v of b.values) {
      if (!(Number.isInteger(v.month) && v.month >= 1) || !(v.share >= 0 && v.share <= 1)) {
        throw new InputError(
          `benchmark '${b.label}': months must be whole numbers ≥ 1 and shares fractions in [0, 1], got month ${v.month}, share ${v.share}`,
          { code: 'invalid-option', value: `${v.month}: ${v.share}` },
        );
      }
    }
    const destination = b.destination ?? dests[0]!.label;
    return {
      label: b.label,
      destination,
      values: [...b.values].sort((x, y) => x.month - y.month),
      ...(b.note === undefined ? {} : { note: b.note }),
    };
  });
}
