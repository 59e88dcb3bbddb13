/**
 * The Den Haag pilot as a data model for `simulateDesign`: clients drawn with replacement from
 * the synthetic decile-1 population, with its ten adjustment covariates and the calibrated
 * structural outcome model (prevention after the first conversation, preventionMax ×
 * `effectScale`); the true ITT per month is computed by Monte Carlo over both potential
 * outcomes. Workers load it through {@link DEN_HAAG_MODEL}.
 */
import { modelMatrix } from '../../data/model-matrix.js';
import type { ResolvedDesign } from '../../plan/simulate-core.js';
import { type DataModel, drawArms, drawFollowup, type Model } from '../../plan/simulate-model.js';
import { createRng, type Rng } from '../../stats/random.js';
import type { Draws } from '../shared/random.js';
import { DEN_HAAG_COUNTS, DEN_HAAG_COVARIATES, decile1Participants, FOLLOW_UP } from './design.js';
import {
  covariateValues,
  type DenHaagClient,
  type DenHaagParams,
  drawOutcome,
  drawPopulation,
} from './generator.js';
import { DEN_HAAG_PARAMS, DEN_HAAG_SEEDS } from './params.js';

/** Draws on the library generator that a tape records once and then replays. */
function tapeDraws(rng: Rng, tape: { values: number[]; replay: boolean; pos: number }): Draws {
  const take = (draw: () => number): number => {
    if (tape.replay) return tape.values[tape.pos++]!;
    const v = draw();
    tape.values.push(v);
    return v;
  };
  return {
    next: () => take(() => rng.next()),
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

let populationCache: DenHaagPopulation | undefined;

/** The synthetic decile-1 population and its covariate columns (dummies), built once per thread. */
function decile1Population(): DenHaagPopulation {
  if (populationCache) return populationCache;
  const clients = drawPopulation(DEN_HAAG_SEEDS.population, DEN_HAAG_PARAMS).filter(
    (c) => c.decile === 1,
  );
  const rows = clients.map(covariateValues);
  const mm = modelMatrix(rows, { columns: [...DEN_HAAG_COVARIATES], intercept: false });
  populationCache = { clients, names: mm.matrix.names, columns: mm.matrix.columns };
  return populationCache;
}

/**
 * The model factory named by {@link DEN_HAAG_MODEL}.
 *
 * @example
 * const model = denHaagModel(resolveDesign({ model: DEN_HAAG_MODEL, nTreatment: 978, nControl: 240 }));
 * model.covariateNames.length; // the dummies of the ten covariates
 */
export function denHaagModel(r: ResolvedDesign): Model {
  const pop = decile1Population();
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
      for (let i = 0; i < n; i++) {
        const j = rng.int(N);
        const c = pop.clients[j]!;
        pick[i] = j;
        const participates = rng.next() < (treated[i] ? pt : pc);
        const fu = drawFollowup(rng, r);
        const o = drawOutcome(
          rng,
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
      const recorded = tapeDraws(rng, tape);
      for (let k = 0; k < draws; k++) {
        const c = pop.clients[rng.int(N)]!;
        const v = rng.next();
        const s = conversation(rng);
        const arms = [v < pt ? s : 0, v < pc ? s : 0];
        tape.values.length = 0;
        tape.replay = false;
        const y1 = drawOutcome(
          recorded,
          { ...c, conversationMonth: arms[0]!, followup: FOLLOW_UP },
          params,
        );
        tape.replay = true;
        tape.pos = 0;
        const y0 = drawOutcome(
          recorded,
          { ...c, conversationMonth: arms[1]!, followup: FOLLOW_UP },
          params,
        );
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

const { experiment: nT, control: nC } = DEN_HAAG_COUNTS.decile1;
const censored = DEN_HAAG_PARAMS.censoredDecile1;

/**
 * The Den Haag data model for `simulateDesign`, with the decile-1 defaults: 24 months,
 * participation 334 / 978 and 8 / 240 (Table 2), censoring 51 / 1,218.
 *
 * @example
 * await simulateDesign({ model: DEN_HAAG_MODEL, nTreatment: 978, nControl: 240 }, { replicates: 1000 });
 */
export const DEN_HAAG_MODEL: DataModel = {
  name: 'den-haag',
  module: import.meta.url,
  export: 'denHaagModel',
  maxMonths: FOLLOW_UP,
  defaults: {
    months: FOLLOW_UP,
    participation: {
      treatment: decile1Participants('experiment') / nT,
      control: decile1Participants('control') / nC,
    },
    censoring: (censored.experiment + censored.control) / (nT + nC),
  },
};
