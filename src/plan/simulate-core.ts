/**
 * The pieces of a design simulation that run inside a worker (or inline): the data models, one
 * replicate's data, and its analysis with the library's own estimators (`seriesOf`: the raw
 * difference in shares and the covariate-adjusted OLS/HC2 effect per month, complete follow-up).
 *
 * Every replicate r draws from its own generator `createRng("<seed>:<r>")`, so the results do
 * not depend on how replicates are spread over workers.
 */
import { table as aqTable } from 'arquero';
import type { Comparison } from '../analysis/comparison.js';
import { seriesOf } from '../analysis/effect-series.js';
import { modelMatrix } from '../data/model-matrix.js';
import { InputError } from '../errors.js';
import { normalCdf } from '../stats/distributions.js';
import { createRng, type Rng } from '../stats/random.js';
import {
  DEN_HAAG_COVARIATES,
  type DenHaagClient,
  type DenHaagParams,
  drawOutcome,
  drawPopulation,
  INDUSTRIES,
} from '../synth/den-haag.js';
import { DEN_HAAG_PARAMS, DEN_HAAG_SEEDS } from '../synth/den-haag-params.js';
import type { SynthRng } from '../synth/rng.js';

/** How arms are drawn in each replicate. */
export type SimulatedAssignment = 'complete' | 'hashed';

/**
 * A design to simulate. Two data models:
 * - `'parametric'`: give the control arm's cumulative event shares by month (`controlRates`);
 *   each client has one observed prognostic covariate x ~ N(0, 1) and a latent propensity
 *   z = ρx + √(1 − ρ²)ε, the event month under control is the first m with Φ(z) < F(m), and a
 *   participant's event is prevented with probability π = −effect / (Δparticipation · F(M)),
 *   so the true ITT at month m is effect · F(m) / F(M) (exact).
 * - `'den-haag'`: the calibrated generator of the Den Haag pilot (`src/synth/den-haag.ts`):
 *   clients drawn with replacement from the synthetic decile-1 population, with its ten
 *   adjustment covariates and structural outcome model (prevention after the first
 *   conversation), preventionMax × `effectScale`; the true ITT per month is computed by Monte
 *   Carlo over both potential outcomes.
 */
export interface SimulationDesign {
  readonly model: 'parametric' | 'den-haag';
  /** Expected treated and control clients per replicate (exact with `'complete'`). */
  readonly nTreatment: number;
  readonly nControl: number;
  /** `'complete'` (default): exact arm sizes; `'hashed'`: each client treated with probability nT/(nT + nC). */
  readonly assignment?: SimulatedAssignment;
  /** Months analysed, 1 … M (parametric default: the length of `controlRates`; den-haag: 24). */
  readonly months?: number;
  /** Share receiving the service per arm (den-haag default: 334/978 and 8/240). */
  readonly participation?: { readonly treatment: number; readonly control: number };
  /** Share of clients censored before month M (follow-up uniform on 1 … M − 1). */
  readonly censoring?: number;
  /** Analyse with covariate adjustment (default true). */
  readonly adjust?: boolean;
  /** Two-sided level for power and the first significant month (default 0.05). */
  readonly alpha?: number;
  /** parametric: cumulative control shares F(1) ≤ … ≤ F(M). */
  readonly controlRates?: readonly number[];
  /** parametric: ITT effect at month M (≤ 0: the service prevents events). */
  readonly effect?: number;
  /** parametric: correlation ρ of the observed covariate with the latent propensity (default 0.5). */
  readonly covariateCorrelation?: number;
  /** den-haag: multiplier of the calibrated prevention probability (default 1; 0 = no effect). */
  readonly effectScale?: number;
}

/** Values kept per month of one replicate, in this order. */
export const FIELDS = [
  'rawEstimate',
  'rawLow',
  'rawHigh',
  'rawP',
  'adjEstimate',
  'adjLow',
  'adjHigh',
  'adjP',
] as const;
export const NF = FIELDS.length;

/** A design with defaults filled in and checked. */
export interface ResolvedDesign {
  readonly design: SimulationDesign;
  readonly months: number;
  readonly participation: { readonly treatment: number; readonly control: number };
  readonly censoring: number;
  readonly adjust: boolean;
  readonly alpha: number;
  readonly assignment: SimulatedAssignment;
}

function bad(message: string, value?: unknown): never {
  throw new InputError(message, {
    code: 'invalid-option',
    ...(value === undefined ? {} : { value: String(value) }),
  });
}

/** Fills in defaults and validates a design. */
export function resolveDesign(design: SimulationDesign): ResolvedDesign {
  if (design.model !== 'parametric' && design.model !== 'den-haag') {
    bad(`model must be 'parametric' or 'den-haag', got ${String(design.model)}`);
  }
  for (const [name, n] of [
    ['nTreatment', design.nTreatment],
    ['nControl', design.nControl],
  ] as const) {
    if (!(Number.isInteger(n) && n >= 2)) bad(`${name} must be a whole number ≥ 2, got ${n}`, n);
  }
  let months: number;
  if (design.model === 'parametric') {
    const f = design.controlRates;
    if (!f || f.length === 0) bad('the parametric model needs controlRates (one per month)');
    for (let m = 0; m < f.length; m++) {
      if (!(f[m]! >= 0 && f[m]! < 1 && (m === 0 || f[m]! >= f[m - 1]!))) {
        bad('controlRates must be non-decreasing shares in [0, 1)', f[m]);
      }
    }
    months = design.months ?? f.length;
    if (months > f.length) bad(`months (${months}) exceeds the ${f.length} controlRates`);
    const effect = design.effect ?? 0;
    if (!(effect <= 0)) bad(`effect must be ≤ 0 (a prevented share), got ${effect}`, effect);
    const rho = design.covariateCorrelation ?? 0.5;
    if (!(rho >= 0 && rho < 1)) bad(`covariateCorrelation must be in [0, 1), got ${rho}`, rho);
  } else {
    months = design.months ?? 24;
    if (months > 24) bad(`the den-haag model follows clients 24 months, got months = ${months}`);
  }
  if (!(Number.isInteger(months) && months >= 1)) bad(`months must be ≥ 1, got ${months}`);
  const participation =
    design.participation ??
    (design.model === 'den-haag'
      ? { treatment: 334 / 978, control: 8 / 240 }
      : { treatment: 1, control: 0 });
  const { treatment: pt, control: pc } = participation;
  if (!(pt >= 0 && pt <= 1 && pc >= 0 && pc <= 1 && pt > pc)) {
    bad(`participation shares must be in [0, 1] with treatment > control, got ${pt} / ${pc}`);
  }
  if (design.model === 'parametric') {
    const f = design.controlRates!;
    const pi = -(design.effect ?? 0) / ((pt - pc) * f[months - 1]!);
    if (!(pi <= 1)) {
      bad(
        `effect ${design.effect} is larger than participation difference × control rate at month ${months} allows`,
      );
    }
  }
  const censoring = design.censoring ?? (design.model === 'den-haag' ? 51 / 1218 : 0);
  if (!(censoring >= 0 && censoring < 1)) bad(`censoring must be in [0, 1), got ${censoring}`);
  if (months === 1 && censoring > 0) bad('censoring needs at least two months');
  const alpha = design.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) bad(`alpha must be in (0, 1), got ${alpha}`);
  const scale = design.effectScale ?? 1;
  if (!(scale >= 0)) bad(`effectScale must be ≥ 0, got ${scale}`);
  return {
    design,
    months,
    participation,
    censoring,
    adjust: design.adjust ?? true,
    alpha,
    assignment: design.assignment ?? 'complete',
  };
}

/** The data of one replicate, as the comparison arrays `seriesOf` analyses. */
interface ReplicateData {
  readonly treated: Float64Array;
  readonly followup: Float64Array;
  readonly eventMonth: Float64Array;
  readonly covariates: readonly Float64Array[];
}

/** A data model ready to draw replicates. */
export interface Model {
  readonly covariateNames: readonly string[];
  draw(rng: Rng): ReplicateData;
  /** True ITT effect per month 1 … M (PATE). */
  truth(seed: string): Float64Array;
}

/** Arms: exact counts by a partial shuffle, or independent draws. */
function drawArms(rng: Rng, r: ResolvedDesign): Float64Array {
  const { nTreatment, nControl } = r.design;
  const n = nTreatment + nControl;
  const treated = new Float64Array(n);
  if (r.assignment === 'hashed') {
    // A hashed ratio rule with a fresh key gives each client an independent uniform number.
    const w = nTreatment / n;
    for (let i = 0; i < n; i++) treated[i] = rng.next() < w ? 1 : 0;
    return treated;
  }
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  for (let k = 0; k < nTreatment; k++) {
    const j = k + rng.int(n - k);
    const t = idx[k]!;
    idx[k] = idx[j]!;
    idx[j] = t;
    treated[idx[k]!] = 1;
  }
  return treated;
}

function drawFollowup(rng: Rng, r: ResolvedDesign): number {
  return r.censoring > 0 && rng.next() < r.censoring ? 1 + rng.int(r.months - 1) : r.months;
}

function parametricModel(r: ResolvedDesign): Model {
  const d = r.design;
  const f = d.controlRates!;
  const M = r.months;
  const rho = d.covariateCorrelation ?? 0.5;
  const s = Math.sqrt(1 - rho * rho);
  const { treatment: pt, control: pc } = r.participation;
  const effect = d.effect ?? 0;
  const pi = -effect / ((pt - pc) * f[M - 1]!);
  return {
    covariateNames: ['x'],
    draw(rng) {
      const treated = drawArms(rng, r);
      const n = treated.length;
      const followup = new Float64Array(n);
      const eventMonth = new Float64Array(n);
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const xi = rng.normal();
        x[i] = xi;
        const u = normalCdf(rho * xi + s * rng.normal());
        const participates = rng.next() < (treated[i] ? pt : pc);
        const prevented = participates && rng.next() < pi;
        const fu = drawFollowup(rng, r);
        followup[i] = fu;
        let month = Number.NaN;
        if (!prevented) {
          for (let m = 0; m < M; m++) {
            if (u < f[m]!) {
              month = m + 1;
              break;
            }
          }
        }
        eventMonth[i] = month <= fu ? month : Number.NaN;
      }
      return { treated, followup, eventMonth, covariates: [x] };
    },
    truth() {
      return Float64Array.from({ length: M }, (_, m) => (effect * f[m]!) / f[M - 1]!);
    },
  };
}

/** A SynthRng on the library generator, optionally recording or replaying its draws. */
function synthOf(rng: Rng, tape?: { values: number[]; replay: boolean; pos: number }): SynthRng {
  const take = (draw: () => number): number => {
    if (!tape) return draw();
    if (tape.replay) return tape.values[tape.pos++]!;
    const v = draw();
    tape.values.push(v);
    return v;
  };
  return {
    uniform: () => take(() => rng.next()),
    normal: () => take(() => rng.normal()),
    int: (n) => take(() => rng.int(n)),
    bernoulli: (p) => take(() => (rng.next() < p ? 1 : 0)) === 1,
  };
}

interface DenHaagPopulation {
  readonly clients: readonly DenHaagClient[];
  readonly names: readonly string[];
  readonly columns: readonly Float64Array[];
}

let denHaagCache: DenHaagPopulation | undefined;

/** The synthetic decile-1 population and its covariate columns (dummies), built once per thread. */
function denHaagPopulation(): DenHaagPopulation {
  if (denHaagCache) return denHaagCache;
  const clients = drawPopulation(DEN_HAAG_SEEDS.population, DEN_HAAG_PARAMS).filter(
    (c) => c.decile === 1,
  );
  const rows = clients.map((c) => ({
    gender: c.gender,
    education: c.education,
    age: c.age,
    avg_weekly_hours: c.avg_weekly_hours,
    prior_bijstand: c.prior_bijstand,
    ww_supplement: c.ww_supplement,
    household_type: c.household_type,
    ww_monthly_wage: c.ww_monthly_wage,
    ww_entitlement_months: c.ww_entitlement_months,
    industry: INDUSTRIES[c.industry]!,
  }));
  const mm = modelMatrix(rows, { columns: [...DEN_HAAG_COVARIATES], intercept: false });
  denHaagCache = { clients, names: mm.matrix.names, columns: mm.matrix.columns };
  return denHaagCache;
}

function denHaagModel(r: ResolvedDesign): Model {
  const pop = denHaagPopulation();
  const base = DEN_HAAG_PARAMS;
  const params: DenHaagParams = {
    ...base,
    preventionMax: Math.min(1, base.preventionMax * (r.design.effectScale ?? 1)),
  };
  const { treatment: pt, control: pc } = r.participation;
  const N = pop.clients.length;
  const conversation = (rng: Rng) => 1 + Math.floor(12 * rng.next() ** params.conversationSkew);
  return {
    covariateNames: pop.names,
    draw(rng) {
      const treated = drawArms(rng, r);
      const n = treated.length;
      const followup = new Float64Array(n);
      const eventMonth = new Float64Array(n);
      const pick = new Int32Array(n);
      const synth = synthOf(rng);
      for (let i = 0; i < n; i++) {
        const j = rng.int(N);
        const c = pop.clients[j]!;
        pick[i] = j;
        const participates = rng.next() < (treated[i] ? pt : pc);
        const fu = drawFollowup(rng, r);
        const o = drawOutcome(
          synth,
          { ...c, conversationMonth: participates ? conversation(rng) : 0, followup: fu },
          params,
        );
        followup[i] = fu;
        eventMonth[i] = o.bijstand !== null && o.bijstand <= r.months ? o.bijstand : Number.NaN;
      }
      // Covariate columns of the picked clients (rows of the decile-1 model matrix).
      const covariates = pop.columns.map((col) => {
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = col[pick[i]!]!;
        return out;
      });
      return { treated, followup, eventMonth, covariates };
    },
    truth(seed) {
      // Both potential outcomes of 200,000 clients with the same draws (record, then replay).
      const rng = createRng(`${seed}:truth`);
      const M = r.months;
      const diff = new Float64Array(M);
      const draws = 200_000;
      const tape = { values: [] as number[], replay: false, pos: 0 };
      const synth = synthOf(rng, tape);
      for (let k = 0; k < draws; k++) {
        const c = pop.clients[rng.int(N)]!;
        const v = rng.next();
        const s = conversation(rng);
        const arms = [v < pt ? s : 0, v < pc ? s : 0];
        tape.values.length = 0;
        tape.replay = false;
        const y1 = drawOutcome(synth, { ...c, conversationMonth: arms[0]!, followup: 24 }, params);
        tape.replay = true;
        tape.pos = 0;
        const y0 = drawOutcome(synth, { ...c, conversationMonth: arms[1]!, followup: 24 }, params);
        tape.replay = false;
        for (let m = 0; m < M; m++) {
          const a = y1.bijstand !== null && y1.bijstand <= m + 1 ? 1 : 0;
          const b = y0.bijstand !== null && y0.bijstand <= m + 1 ? 1 : 0;
          diff[m]! += a - b;
        }
      }
      return diff.map((x) => x / draws);
    },
  };
}

/** The data model of a design. */
export function makeModel(r: ResolvedDesign): Model {
  return r.design.model === 'parametric' ? parametricModel(r) : denHaagModel(r);
}

let emptyTable: ReturnType<typeof aqTable> | undefined;

/**
 * Runs replicates [start, end) and returns NF × months values per replicate (NaN when a
 * replicate could not be analysed, e.g. an empty arm under hashed assignment).
 */
export function runReplicates(
  r: ResolvedDesign,
  model: Model,
  seed: string,
  start: number,
  end: number,
): Float64Array {
  const M = r.months;
  const out = new Float64Array((end - start) * M * NF).fill(Number.NaN);
  emptyTable ??= aqTable({});
  for (let rep = start; rep < end; rep++) {
    const rng = createRng(`${seed}:${rep}`);
    const data = model.draw(rng);
    const comparison: Comparison = {
      table: emptyTable,
      rows: new Int32Array(0),
      treated: data.treated,
      followup: data.followup,
      eventMonth: data.eventMonth,
      covariateNames: r.adjust ? model.covariateNames : [],
      covariates: r.adjust ? data.covariates : [],
      excluded: [],
      labels: { arm: 'arm', treatment: 'experiment', control: 'control' },
    };
    let series: ReturnType<typeof seriesOf>;
    try {
      series = seriesOf(comparison, {
        event: 'event',
        months: M,
        adjustment: r.adjust ? 'ols' : 'none',
      });
    } catch (error) {
      if (error instanceof InputError) continue;
      throw error;
    }
    const base = (rep - start) * M * NF;
    series.months.forEach((m, j) => {
      const o = base + j * NF;
      out[o] = m.raw.estimate;
      out[o + 1] = m.raw.ci[0];
      out[o + 2] = m.raw.ci[1];
      out[o + 3] = m.raw.pValue;
      if (m.adjusted) {
        out[o + 4] = m.adjusted.estimate;
        out[o + 5] = m.adjusted.ci[0];
        out[o + 6] = m.adjusted.ci[1];
        out[o + 7] = m.adjusted.pValue;
      }
    });
  }
  return out;
}
