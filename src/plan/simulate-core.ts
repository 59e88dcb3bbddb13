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
import { InputError } from '../errors.js';
import { normalCdf } from '../stats/distributions.js';
import { createRng } from '../stats/random.js';
import {
  type DataModel,
  drawArms,
  drawFollowup,
  loadModelFactory,
  type Model,
} from './simulate-model.js';

/** How arms are drawn in each replicate. */
export type SimulatedAssignment = 'complete' | 'hashed';

/**
 * A design to simulate, on one of two kinds of data model:
 * - `'parametric'`: give the control arm's cumulative event shares by month (`controlRates`);
 *   each client has one observed prognostic covariate x ~ N(0, 1) and a latent propensity
 *   z = ρx + √(1 − ρ²)ε, the event month under control is the first m with Φ(z) < F(m), and a
 *   participant's event is prevented with probability π = −effect / (Δparticipation · F(M)),
 *   so the true ITT at month m is effect · F(m) / F(M) (exact).
 * - a {@link DataModel}: a model defined elsewhere (e.g. a study's calibrated generator, with
 *   its covariates and outcome model), named by module and export so that every worker can
 *   load it; its descriptor gives the defaults of `months`, `participation` and `censoring`.
 */
export interface SimulationDesign {
  readonly model: 'parametric' | DataModel;
  /** Expected treated and control clients per replicate (exact with `'complete'`). */
  readonly nTreatment: number;
  readonly nControl: number;
  /** `'complete'` (default): exact arm sizes; `'hashed'`: each client treated with probability nT/(nT + nC). */
  readonly assignment?: SimulatedAssignment;
  /** Months analysed, 1 … M (parametric default: the length of `controlRates`; else the model's). */
  readonly months?: number;
  /** Share receiving the service per arm (default: the model's; parametric 1 and 0). */
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
  /** Data model: multiplier of the model's effect (default 1; 0 = no effect). */
  readonly effectScale?: number;
}

/** Values kept per month of one replicate, in this order. */
const FIELDS = [
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
  const model = design.model;
  if (model !== 'parametric' && !isDataModel(model)) {
    bad(
      `model must be 'parametric' or a data model { name, module, export, … }, got ${String(model)}`,
    );
  }
  const dataModel = model === 'parametric' ? undefined : model;
  for (const [name, n] of [
    ['nTreatment', design.nTreatment],
    ['nControl', design.nControl],
  ] as const) {
    if (!(Number.isInteger(n) && n >= 2)) bad(`${name} must be a whole number ≥ 2, got ${n}`, n);
  }
  let months: number;
  if (model === 'parametric') {
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
    const m = dataModel!;
    months = design.months ?? m.defaults.months;
    if (months > m.maxMonths) {
      bad(`the ${m.name} model follows clients ${m.maxMonths} months, got months = ${months}`);
    }
  }
  if (!(Number.isInteger(months) && months >= 1)) bad(`months must be ≥ 1, got ${months}`);
  const participation =
    design.participation ??
    (dataModel ? dataModel.defaults.participation : { treatment: 1, control: 0 });
  const { treatment: pt, control: pc } = participation;
  if (!(pt >= 0 && pt <= 1 && pc >= 0 && pc <= 1 && pt > pc)) {
    bad(`participation shares must be in [0, 1] with treatment > control, got ${pt} / ${pc}`);
  }
  if (!dataModel) {
    const f = design.controlRates!;
    const pi = -(design.effect ?? 0) / ((pt - pc) * f[months - 1]!);
    if (!(pi <= 1)) {
      bad(
        `effect ${design.effect} is larger than participation difference × control rate at month ${months} allows`,
      );
    }
  }
  const censoring = design.censoring ?? (dataModel ? dataModel.defaults.censoring : 0);
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

function isDataModel(m: unknown): m is DataModel {
  if (typeof m !== 'object' || m === null) return false;
  const d = m as Partial<DataModel>;
  return (
    typeof d.name === 'string' &&
    typeof d.module === 'string' &&
    typeof d.export === 'string' &&
    typeof d.maxMonths === 'number' &&
    typeof d.defaults === 'object'
  );
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

/**
 * The data model of a design: the parametric model, or the factory the design's
 * {@link DataModel} names (imported, then called once).
 */
export async function makeModel(r: ResolvedDesign): Promise<Model> {
  const model = r.design.model;
  if (model === 'parametric') return parametricModel(r);
  return (await loadModelFactory(model))(r);
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
