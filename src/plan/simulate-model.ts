/**
 * Data models of `simulateDesign`: what one replicate's data look like, and how a worker thread
 * finds a model. A worker cannot receive functions, so a model is named by a {@link DataModel}
 * descriptor (plain data: a module specifier and the name of a {@link ModelFactory} export);
 * each worker imports the module and builds the model once. `plan/` names no model of its own
 * beyond the parametric one: a study defines its model next to its generator and passes the
 * descriptor in.
 */
import { InputError } from '../errors.js';
import { indices } from '../stats/gather.js';
import type { Rng } from '../stats/random.js';
import type { ResolvedDesign } from './simulate-core.js';

/** The data of one replicate, as the comparison arrays `seriesOf` analyses. */
export interface ReplicateData {
  /** 1 = treated, 0 = control, per client. */
  readonly treated: Float64Array;
  /** Months observed per client. */
  readonly followup: Float64Array;
  /** Event month (1-based) or NaN when not observed. */
  readonly eventMonth: Float64Array;
  /** Adjustment covariate columns, in the order of `Model.covariateNames`. */
  readonly covariates: readonly Float64Array[];
}

/** A data model ready to draw replicates. */
export interface Model {
  readonly covariateNames: readonly string[];
  /** Draws one replicate from the replicate's own generator. */
  draw(rng: Rng): ReplicateData;
  /** True ITT effect per month 1 … M (PATE). */
  truth(seed: string): Float64Array;
}

/** Builds a {@link Model} for a resolved design (called once per thread). */
export type ModelFactory = (design: ResolvedDesign) => Model;

/**
 * A data model by name and place, so that worker threads can load it: `module` is an import
 * specifier (usually the defining module's `import.meta.url`) and `export` the name of its
 * {@link ModelFactory}. Plain data, copied to every worker.
 *
 * @example
 * const model: DataModel = {
 *   name: 'my-study',
 *   module: import.meta.url,
 *   export: 'myModel',
 *   maxMonths: 24,
 *   defaults: { months: 24, participation: { treatment: 0.34, control: 0.03 }, censoring: 0.04 },
 * };
 */
export interface DataModel {
  /** Name in the method text: "… replicates of the <name> model". */
  readonly name: string;
  readonly module: string;
  readonly export: string;
  /** Longest follow-up the model draws, in months. */
  readonly maxMonths: number;
  /** Defaults of the design's `months`, `participation` and `censoring` for this model. */
  readonly defaults: {
    readonly months: number;
    readonly participation: { readonly treatment: number; readonly control: number };
    readonly censoring: number;
  };
}

/**
 * Imports a {@link DataModel}'s module and returns its factory.
 *
 * @example
 * const factory = await loadModelFactory(model);
 * const m = factory(resolveDesign({ model, nTreatment: 978, nControl: 240 }));
 */
export async function loadModelFactory(model: DataModel): Promise<ModelFactory> {
  const mod = (await import(model.module)) as Record<string, unknown>;
  const factory = mod[model.export];
  if (typeof factory !== 'function') {
    throw new InputError(
      `data model '${model.name}': ${model.module} has no function '${model.export}'`,
      {
        code: 'invalid-option',
        value: model.export,
      },
    );
  }
  return factory as ModelFactory;
}

/**
 * Arms of one replicate: exact counts by a partial shuffle (`'complete'`), or independent draws
 * with probability nT / (nT + nC) (`'hashed'`).
 *
 * @example
 * const treated = drawArms(createRng('1:0'), resolved); // 1 = treated, 0 = control
 */
export function drawArms(rng: Rng, r: ResolvedDesign): Float64Array {
  const { nTreatment, nControl } = r.design;
  const n = nTreatment + nControl;
  const treated = new Float64Array(n);
  if (r.assignment === 'hashed') {
    // A hashed ratio rule with a fresh key gives each client an independent uniform number.
    const w = nTreatment / n;
    for (let i = 0; i < n; i++) treated[i] = rng.next() < w ? 1 : 0;
    return treated;
  }
  const idx = indices(n);
  for (let k = 0; k < nTreatment; k++) {
    const j = k + rng.int(n - k);
    const t = idx[k]!;
    idx[k] = idx[j]!;
    idx[j] = t;
    treated[idx[k]!] = 1;
  }
  return treated;
}

/**
 * Follow-up of one client: with probability `censoring` uniform on 1 … M − 1, else M.
 *
 * @example
 * drawFollowup(rng, resolved); // e.g. 24
 */
export function drawFollowup(rng: Rng, r: ResolvedDesign): number {
  return r.censoring > 0 && rng.next() < r.censoring ? 1 + rng.int(r.months - 1) : r.months;
}
