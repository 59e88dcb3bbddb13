/**
 * Bootstrap confidence intervals (percentile and BCa) for the policy figures — expected cases,
 * prevented cases, relative reduction, trajectories per success — resampling clients with
 * replacement within each arm (stratified by arm, so the arm sizes stay as realised).
 */

import { COMPARISON_KEYS, type ComparisonSpec, comparisonSample } from '../analysis/comparison.js';
import { outcomeAt, sampleAt } from '../analysis/effect-series.js';
import type { TableInput } from '../data/columns.js';
import { InputError } from '../errors.js';
import { olsInfluence, olsLeverages, olsPrepare, olsSolve } from '../estimate/ols.js';
import { normalCdf, normalQuantile } from '../stats/distributions.js';
import { gather, indices } from '../stats/gather.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { quantile7 } from '../stats/quantiles.js';
import { createRng } from '../stats/random.js';

/** Options of {@link bootstrapImpact}. */
export interface BootstrapSpec extends ComparisonSpec {
  /** Month of the outcome (complete follow-up; default 24). */
  readonly month?: number;
  /** Bootstrap replicates (default 2,000). */
  readonly replicates?: number;
  readonly seed?: number | string;
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Clients the figures are about (default: all treated clients of the comparison, e.g. 978). */
  readonly n?: number;
  /** Clients who followed a trajectory (e.g. 334), for trajectories per success; held fixed. */
  readonly participants?: number;
  /** Effect used: `'adjusted'` (default with covariates; OLS) or `'raw'` (difference in shares). */
  readonly effect?: 'adjusted' | 'raw';
}

/** One figure with its bootstrap intervals. */
export interface BootstrapFigure {
  readonly value: number;
  /** Bootstrap standard error. */
  readonly stdError: number;
  readonly percentile: readonly [number, number];
  readonly bca: readonly [number, number];
}

/** Result of {@link bootstrapImpact}. */
export interface BootstrapImpact {
  readonly month: number;
  readonly n: number;
  readonly controlRate: BootstrapFigure;
  readonly effect: BootstrapFigure;
  readonly expected: BootstrapFigure;
  readonly prevented: BootstrapFigure;
  readonly relativeReduction: BootstrapFigure;
  /** participants / prevented; intervals = the prevented intervals inverted (Infinity when they reach 0). */
  readonly trajectoriesPerSuccess?: BootstrapFigure;
  readonly replicates: number;
  readonly level: number;
  readonly method: string;
}

const BOOTSTRAP_IMPACT_KEYS: AllKeys<BootstrapSpec> = {
  ...COMPARISON_KEYS,
  month: true,
  replicates: true,
  seed: true,
  level: true,
  n: true,
  participants: true,
  effect: true,
};

/**
 * Stratified bootstrap of the policy figures at one month. BCa uses the bias correction
 * z₀ = Φ⁻¹(share of replicates below the estimate) and the acceleration from the jackknife over
 * clients (exact leave-one-out formulas: shares directly; the OLS coefficient by
 * β₍₋ᵢ₎ = β − v_i e_i/(1 − h_i)).
 *
 * @example
 * const b = bootstrapImpact(decile1, { event: 'month_bijstand', month: 24, covariates: ['age'],
 *   participants: 334, replicates: 2000, seed: 1 });
 * b.prevented.bca; // [lo, hi]
 */
export function bootstrapImpact(data: TableInput, spec: BootstrapSpec): BootstrapImpact {
  rejectUnknownKeys(spec, BOOTSTRAP_IMPACT_KEYS, 'bootstrapImpact');
  const month = spec.month ?? 24;
  const level = spec.level ?? 0.95;
  const B = spec.replicates ?? 2000;
  if (!(Number.isInteger(B) && B >= 100)) {
    throw new InputError(`replicates must be a whole number ≥ 100, got ${B}`, {
      code: 'invalid-option',
      value: String(B),
    });
  }
  const c = comparisonSample(data, spec);
  const index = sampleAt(c.followup, month);
  const n = index.length;
  const y = outcomeAt(c.eventMonth, index, month);
  const t = new Float64Array(n);
  for (let j = 0; j < n; j++) t[j] = c.treated[index[j]!]!;
  const covs = c.covariates.map((col) => gather(col, index));
  const useAdjusted = (spec.effect ?? (covs.length > 0 ? 'adjusted' : 'raw')) === 'adjusted';
  if (useAdjusted && covs.length === 0) {
    throw new InputError("effect 'adjusted' needs covariates", { code: 'invalid-option' });
  }
  const treatedIdx: number[] = [];
  const controlIdx: number[] = [];
  for (let j = 0; j < n; j++) (t[j] === 1 ? treatedIdx : controlIdx).push(j);
  if (treatedIdx.length < 2 || controlIdx.length < 2) {
    throw new InputError(`too few clients per arm observed ${month} months`, { code: 'empty' });
  }
  const nFigure = spec.n ?? c.treated.reduce((a, b) => a + b, 0);
  const participants = spec.participants;

  /** (control rate, effect) on a multiset of rows. */
  const estimate = (rows: Int32Array): [number, number] => {
    let s1 = 0;
    let n1 = 0;
    let s0 = 0;
    let n0 = 0;
    for (const r of rows) {
      if (t[r] === 1) {
        s1 += y[r]!;
        n1++;
      } else {
        s0 += y[r]!;
        n0++;
      }
    }
    const cr = s0 / n0;
    if (!useAdjusted) return [cr, s1 / n1 - cr];
    const m = rows.length;
    const columns = [
      new Float64Array(m).fill(1),
      gather(t, rows),
      ...covs.map((col) => gather(col, rows)),
    ];
    const names = ['(Intercept)', 'treatment', ...covs.map((_, j) => `z${j}`)];
    const prep = olsPrepare({ names, columns, n: m });
    const k = prep.terms.indexOf('treatment');
    const beta = olsSolve(prep, gather(y, rows)).beta;
    return [cr, beta[k]!];
  };

  const all = indices(n);
  const [c0, a0] = estimate(all);
  const figures = (cr: number, a: number) => {
    const prevented = -nFigure * a;
    return [
      cr,
      a,
      nFigure * cr,
      prevented,
      -a / cr,
      participants === undefined ? Number.NaN : participants / prevented,
    ];
  };
  const observed = figures(c0, a0);

  // Bootstrap replicates, stratified by arm.
  const rng = createRng(`${spec.seed ?? 1}:bootstrap`);
  const boot = observed.map(() => new Float64Array(B));
  const rows = new Int32Array(n);
  for (let b = 0; b < B; b++) {
    let p = 0;
    for (let i = 0; i < treatedIdx.length; i++) rows[p++] = treatedIdx[rng.int(treatedIdx.length)]!;
    for (let i = 0; i < controlIdx.length; i++) rows[p++] = controlIdx[rng.int(controlIdx.length)]!;
    const [cr, a] = estimate(rows);
    figures(cr, a).forEach((v, f) => {
      boot[f]![b] = v;
    });
  }

  // Jackknife (leave one client out) for the BCa acceleration.
  const jack = jackknife(t, y, covs, useAdjusted, c0, a0).map(([cr, a]) => figures(cr, a));
  const z = normalQuantile(1 - (1 - level) / 2);
  const figure = (f: number): BootstrapFigure => {
    const values = Float64Array.from(boot[f]!).sort();
    const theta = observed[f]!;
    let below = 0;
    let mean = 0;
    for (const v of values) {
      if (v < theta) below++;
      else if (v === theta) below += 0.5;
      mean += v;
    }
    mean /= B;
    let ss = 0;
    for (const v of values) ss += (v - mean) ** 2;
    const z0 = normalQuantile(Math.min(1 - 1 / (2 * B), Math.max(1 / (2 * B), below / B)));
    let jm = 0;
    for (const j of jack) jm += j[f]!;
    jm /= jack.length;
    let num = 0;
    let den = 0;
    for (const j of jack) {
      const d = jm - j[f]!;
      num += d * d * d;
      den += d * d;
    }
    const acc = den > 0 ? num / (6 * den ** 1.5) : 0;
    const adj = (zq: number) => normalCdf(z0 + (z0 + zq) / (1 - acc * (z0 + zq)));
    return {
      value: theta,
      stdError: Math.sqrt(ss / (B - 1)),
      percentile: [quantile7(values, (1 - level) / 2), quantile7(values, (1 + level) / 2)],
      bca: [quantile7(values, adj(-z)), quantile7(values, adj(z))],
    };
  };
  const prevented = figure(3);
  const out: BootstrapImpact = {
    month,
    n: nFigure,
    controlRate: figure(0),
    effect: figure(1),
    expected: figure(2),
    prevented,
    relativeReduction: figure(4),
    ...(participants === undefined
      ? {}
      : { trajectoriesPerSuccess: invert(participants, observed[5]!, prevented, boot[5]!) }),
    replicates: B,
    level,
    method:
      `stratified bootstrap (clients resampled with replacement within each arm), ${B} replicates, seed ${JSON.stringify(spec.seed ?? 1)}; ` +
      `month ${month}, complete follow-up; effect ${useAdjusted ? 'adjusted (OLS on treatment + covariates)' : 'raw (difference in shares)'}; ` +
      `percentile and BCa intervals (acceleration from the leave-one-out jackknife); figures about n = ${nFigure} clients` +
      (participants === undefined
        ? ''
        : `; trajectories per success = ${participants} / prevented, interval = the prevented interval inverted`),
  };
  return out;
}

/** Trajectories per success m/P: the intervals of P inverted (monotone while P > 0). */
function invert(
  m: number,
  value: number,
  prevented: BootstrapFigure,
  boot: Float64Array,
): BootstrapFigure {
  const inv = ([lo, hi]: readonly [number, number]): [number, number] =>
    hi <= 0 ? [Number.NaN, Number.NaN] : [m / hi, lo > 0 ? m / lo : Number.POSITIVE_INFINITY];
  let mean = 0;
  let k = 0;
  for (const v of boot) {
    if (Number.isFinite(v)) {
      mean += v;
      k++;
    }
  }
  mean /= k;
  let ss = 0;
  for (const v of boot) if (Number.isFinite(v)) ss += (v - mean) ** 2;
  return {
    value,
    stdError: Math.sqrt(ss / Math.max(1, k - 1)),
    percentile: inv(prevented.percentile),
    bca: inv(prevented.bca),
  };
}

/** Leave-one-out (control rate, effect) for every client. */
function jackknife(
  t: Float64Array,
  y: Float64Array,
  covs: readonly Float64Array[],
  adjusted: boolean,
  c0: number,
  a0: number,
): [number, number][] {
  const n = t.length;
  let s1 = 0;
  let n1 = 0;
  let s0 = 0;
  let n0 = 0;
  for (let i = 0; i < n; i++) {
    if (t[i] === 1) {
      s1 += y[i]!;
      n1++;
    } else {
      s0 += y[i]!;
      n0++;
    }
  }
  let v: Float64Array | undefined;
  let e: Float64Array | undefined;
  let h: Float64Array | undefined;
  if (adjusted) {
    const columns = [new Float64Array(n).fill(1), t, ...covs];
    const names = ['(Intercept)', 'treatment', ...covs.map((_, j) => `z${j}`)];
    const prep = olsPrepare({ names, columns, n });
    v = olsInfluence(prep, prep.terms.indexOf('treatment'));
    e = olsSolve(prep, y).residuals;
    h = olsLeverages(prep);
  }
  const out: [number, number][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const treated = t[i] === 1;
    const cr = treated ? c0 : (s0 - y[i]!) / (n0 - 1);
    let a: number;
    if (v && e && h) a = a0 - (v[i]! * e[i]!) / (1 - h[i]!);
    else a = (treated ? (s1 - y[i]!) / (n1 - 1) : s1 / n1) - cr;
    out[i] = [cr, a];
  }
  return out;
}
