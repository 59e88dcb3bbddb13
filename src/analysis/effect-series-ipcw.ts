/**
 * The effect per month under censoring by inverse probability of censoring weights (IPCW): the
 * raw column is the difference of the arms' Kaplan–Meier (Aalen–Johansen, with competing
 * destinations) cumulative incidences, the adjusted column a weighted OLS / Lin regression on the
 * clients whose status at month m is known. Internal to `src/analysis/` (`effectSeries` with
 * `censoring: 'ipcw'` is the public entry).
 */

import { InputError } from '../errors.js';
import { olsPrepare, olsTermPrepared } from '../estimate/ols.js';
import type { SeType } from '../estimate/vcov.js';
import { aalenJohansen } from '../outcomes/aalen-johansen.js';
import {
  type CensoringDistribution,
  censoringDistribution,
  survivalBefore,
} from '../outcomes/censoring-weights.js';
import { kaplanMeier } from '../outcomes/kaplan-meier.js';
import { stepIndex } from '../outcomes/risksets.js';
import { type Estimate, estimateFromSe } from '../stats/estimate.js';
import { gather } from '../stats/gather.js';
import type { Comparison } from './comparison.js';
import type { MonthEffect } from './effect-series.js';
import { ipcwPrefix } from './effect-series-ipcw-prefix.js';
import {
  type Adjustment,
  type DesignSource,
  noVariation,
  seriesDesign,
  stripEstimate,
} from './series-design.js';

/** What {@link ipcwMonths} needs besides the comparison. */
export interface IpcwOptions {
  readonly adjustment: Adjustment;
  readonly se: SeType;
  readonly level: number;
  /** Follow-up column, named in errors. */
  readonly followup: string;
  /**
   * Strata of the censoring model: Ĝ is estimated within arm × stratum (stratum index per
   * comparison row, 0…count − 1), for censoring that depends on these covariates.
   */
  readonly strata?: { readonly ids: Int32Array; readonly count: number };
}

/** Per arm: observed times, statuses, the censoring distribution and the incidence curve. */
interface ArmCurves {
  readonly label: string;
  /** Comparison rows of the arm. */
  readonly rows: Int32Array;
  /** Ĝ per stratum (one without strata). */
  readonly g: readonly CensoringDistribution[];
  /** Cumulative incidence F̂(t) and its SE at the curve's times. */
  readonly time: Float64Array;
  readonly incidence: Float64Array;
  readonly stdError: Float64Array;
}

/**
 * Observed time T and status (0 censored, 1 the event, 2 a competing destination) per client:
 * T is the event month, else the competing month, else the follow-up.
 *
 * @example
 * const { time, status } = survivalData(comparison); // status[i] === 1: event at time[i]
 */
export function survivalData(c: Comparison): { time: Float64Array; status: Float64Array } {
  const n = c.followup.length;
  const time = new Float64Array(n);
  const status = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = c.eventMonth[i]!;
    const k = c.competingMonth ? c.competingMonth[i]! : Number.NaN;
    if (!Number.isNaN(e)) {
      time[i] = e;
      status[i] = 1;
    } else if (!Number.isNaN(k)) {
      time[i] = k;
      status[i] = 2;
    } else time[i] = c.followup[i]!;
  }
  return { time, status };
}

/**
 * The months of an IPCW effect series (see `effectSeries`, `censoring: 'ipcw'`):
 *
 * - per arm, Ĝ = Kaplan–Meier of the censoring time (`censoringDistribution`) and F̂ = the
 *   Kaplan–Meier cumulative incidence 1 − Ŝ (Greenwood SE) — Aalen–Johansen (IJ SE) when
 *   competing destinations are present;
 * - raw at m: F̂₁(m) − F̂₀(m), SE √(se₁² + se₀²), z test;
 * - adjusted at m: OLS (or Lin) of yᵢ = 1{event by m} on treatment (+ covariates) over the
 *   clients whose status at m is known (event or competing destination by m, or observed ≥ m),
 *   weights wᵢ = 1/Ĝ_arm(min(Tᵢ, m)⁻); HC2 (by default) sandwich treating the weights as known;
 *   t test on n_m − k df. Without covariates its coefficient equals the raw difference.
 *
 * With `'ols'` the known clients of every month are a prefix of one design sorted once and
 * X'W_mX comes from segment sums (`ipcwPrefix`): per month O(n·k²/2) for the HC2 leverages and
 * O(n·k) for the rest, no copy of X; Lin's design is centred per month and built per month.
 *
 * @example
 * const { months } = ipcwMonths(comparison, [6, 12], { adjustment: 'ols', se: 'HC2', level: 0.95, followup: 'followup_months' });
 */
export function ipcwMonths(
  c: Comparison,
  months: readonly number[],
  options: IpcwOptions,
): { months: MonthEffect[]; aliased: string[] } {
  const { adjustment, se, level } = options;
  const { time, status } = survivalData(c);
  const competing = status.some((s) => s === 2);
  const strata = options.strata;
  const arms = [
    armCurves(c, time, status, 1, c.labels.treatment, competing, level, strata),
    armCurves(c, time, status, 0, c.labels.control, competing, level, strata),
  ] as const;
  const noCovariates = { treated: c.treated, covariateNames: [], covariates: [] };
  const aliased = new Set<string>();
  const term = 'treatment';
  // 'ols': every month's known clients are a prefix of one sorted design (no refit from rows).
  const prefix =
    adjustment === 'ols'
      ? ipcwPrefix(c, time, status, censoringGroups(c.treated, strata), term)
      : undefined;

  const results = months.map((month): MonthEffect => {
    const weight = new Float64Array(time.length);
    const counts = arms.map((arm) => {
      let known = 0;
      let events = 0;
      for (const i of arm.rows) {
        const t = time[i]!;
        if (!(t >= month || status[i]! > 0)) continue;
        const g = survivalBefore(arm.g[strata ? strata.ids[i]! : 0]!, Math.min(t, month));
        if (!(g > 0)) throw beyond(arm.label, month, options.followup);
        weight[i] = 1 / g;
        known++;
        if (status[i] === 1 && t <= month) events++;
      }
      if (known === 0) throw beyond(arm.label, month, options.followup);
      return { known, events };
    });
    const [treated, control] = counts as [(typeof counts)[0], (typeof counts)[0]];
    const n = treated.known + control.known;
    const events = treated.events + control.events;
    const constant = events === 0 || events === n;
    // Without strata the arms' KM / AJ curves are the raw column (the weighted shares equal
    // them); with strata the weighted shares and the weighted regression on treatment alone.
    const f = arms.map((arm) =>
      strata ? weightedShare(arm.rows, weight, time, status, month) : at(arm, month),
    );
    const [f1, f0] = f as [(typeof f)[0], (typeof f)[0]];
    const rawMethod = `${competing ? 'Aalen–Johansen (IJ SE)' : 'Kaplan–Meier (Greenwood SE)'} difference in cumulative incidence, z test`;
    const raw = constant
      ? noVariation(month, n, Number.POSITIVE_INFINITY, level, events === 0)
      : strata
        ? weightedFit(noCovariates, time, status, weight, month, 'ols', se, level, term).estimate
        : estimateFromSe(
            f1.incidence - f0.incidence,
            Math.sqrt(f1.stdError ** 2 + f0.stdError ** 2),
            Number.POSITIVE_INFINITY,
            level,
            n,
            rawMethod,
          );
    let adjusted: Estimate | undefined;
    if (adjustment !== 'none') {
      const fitted = prefix
        ? prefix.fit(month, weight, se, level)
        : weightedFit(c, time, status, weight, month, adjustment, se, level, term);
      for (const a of fitted.aliased) aliased.add(a);
      adjusted = constant
        ? noVariation(month, n, fitted.estimate.df, level, events === 0)
        : fitted.estimate;
    }
    return {
      month,
      nTreated: treated.known,
      nControl: control.known,
      eventsTreated: treated.events,
      eventsControl: control.events,
      shareTreated: f1.incidence,
      shareControl: f0.incidence,
      raw,
      ...(adjusted ? { adjusted: stripEstimate(adjusted) } : {}),
    };
  });
  return { months: results, aliased: [...aliased] };
}

/** The censoring group (arm × stratum) of every comparison row, the index of its Ĝ. */
function censoringGroups(treated: Float64Array, strata: IpcwOptions['strata']): Int32Array {
  const count = strata ? strata.count : 1;
  return Int32Array.from(treated, (t, i) => (t === 1 ? count : 0) + (strata ? strata.ids[i]! : 0));
}

/** Σ wy / Σ w over an arm's known clients: the IPCW share with the event by m. */
function weightedShare(
  rows: Int32Array,
  weight: Float64Array,
  time: Float64Array,
  status: Float64Array,
  month: number,
): { incidence: number; stdError: number } {
  let sw = 0;
  let swy = 0;
  for (const i of rows) {
    sw += weight[i]!;
    if (status[i] === 1 && time[i]! <= month) swy += weight[i]!;
  }
  return { incidence: swy / sw, stdError: Number.NaN };
}

/** The weighted regression of month m over the known clients (weight > 0). */
function weightedFit(
  c: DesignSource,
  time: Float64Array,
  status: Float64Array,
  weight: Float64Array,
  month: number,
  adjustment: Adjustment,
  se: SeType,
  level: number,
  term: string,
): { estimate: Estimate; aliased: readonly string[] } {
  let count = 0;
  for (const w of weight) if (w > 0) count++;
  const index = new Int32Array(count);
  const w = new Float64Array(count);
  const y = new Float64Array(count);
  let unit = true;
  let j = 0;
  for (let i = 0; i < weight.length; i++) {
    if (!(weight[i]! > 0)) continue;
    index[j] = i;
    w[j] = weight[i]!;
    if (w[j] !== 1) unit = false;
    y[j] = status[i] === 1 && time[i]! <= month ? 1 : 0;
    j++;
  }
  // All weights 1 (nobody censored before m): the unweighted fit, the complete-follow-up one.
  const prepared = olsPrepare(
    seriesDesign(c, index, adjustment, term, unit ? undefined : w),
    unit ? {} : { weights: w },
  );
  const fit = olsTermPrepared(prepared, y, term, { se, level });
  const method = unit
    ? fit.method
    : `weighted ${fit.method}; IPCW weights 1/Ĝ(min(T, m)⁻) treated as known`;
  return { estimate: { ...stripEstimate(fit), method }, aliased: prepared.aliased };
}

function armCurves(
  c: Comparison,
  time: Float64Array,
  status: Float64Array,
  arm: 0 | 1,
  label: string,
  competing: boolean,
  level: number,
  strata: IpcwOptions['strata'],
): ArmCurves {
  const list: number[] = [];
  for (let i = 0; i < c.treated.length; i++) if (c.treated[i] === arm) list.push(i);
  const rows = Int32Array.from(list);
  const t = gather(time, rows);
  const s = gather(status, rows);
  const g = strata
    ? Array.from({ length: strata.count }, (_, k) => {
        const inStratum = list.filter((i) => strata.ids[i] === k);
        return censoringDistribution(
          inStratum.map((i) => time[i]!),
          inStratum.map((i) => status[i]!),
        );
      })
    : [censoringDistribution(t, s)];
  if (competing) {
    const aj = aalenJohansen(t, s, { causes: 2, level });
    return { label, rows, g, time: aj.time, incidence: aj.pstate[1]!, stdError: aj.stdErr[1]! };
  }
  const km = kaplanMeier(t, s, { level });
  return {
    label,
    rows,
    g,
    time: km.time,
    incidence: km.surv.map((v) => 1 - v),
    stdError: km.stdErr,
  };
}

/** F̂(m) and its SE: the value at the last curve time ≤ m (0 before the first). */
function at(arm: ArmCurves, month: number): { incidence: number; stdError: number } {
  const j = stepIndex(arm.time, month);
  return j < 0
    ? { incidence: 0, stdError: 0 }
    : { incidence: arm.incidence[j]!, stdError: arm.stdError[j]! };
}

function beyond(label: string, month: number, column: string): InputError {
  return new InputError(
    `no client of arm '${label}' is still observed at month ${month} (the censoring survival Ĝ is 0 there), so IPCW cannot estimate month ${month} (choose fewer months)`,
    { code: 'beyond-followup', column, value: String(month) },
  );
}
