/**
 * The Den Haag pilot's analysis as a plan for `evaluate`: the report's column names and choices
 * ({@link PilotConfig}, overridable for a real extract) and the {@link AnalysisPlan} they give —
 * the same analysis as `examples/analysis-config.json`, with Table 2's labelled categories.
 */
import type { AnalysisPlan } from '../../evaluate/plan.js';
import type { Language } from '../../language.js';
import type { AllKeys } from '../../stats/option-keys.js';
import { DEN_HAAG_COVARIATES, DEN_HAAG_WEIGHTS, FOLLOW_UP } from './design.js';

/** Column names and choices of the pilot analysis; every field has the report's default. */
export interface PilotConfig {
  readonly arm: string;
  readonly treatment: string;
  readonly control: string;
  /** Intended assignment weights (80/20). */
  readonly weights: Readonly<Record<string, number>>;
  readonly decileColumn: string;
  /** The decile analysed (1 = highest predicted risk). */
  readonly decile: number;
  readonly event: string;
  readonly followup: string;
  readonly months: number;
  /** The ten background characteristics of Figure 2b. */
  readonly covariates: readonly string[];
  readonly participation: string;
  /**
   * Randomisation inference at the last month: Monte Carlo draws and seed (the decile's arm
   * sizes re-dealt, as the 80/20 ratio assigned them, conditional on the sizes).
   */
  readonly randomization: { readonly draws: number; readonly seed: number | string };
  /**
   * The language of the result's display — printed, in a notebook, `toHTML()` — `en` (default)
   * or `nl` (the Dutch report's text, as `reproduce den-haag --lang nl`); the analysis is the
   * same.
   */
  readonly lang?: Language;
}

/** The keys of {@link PilotConfig}. */
export const PILOT_CONFIG_KEYS: AllKeys<PilotConfig> = {
  arm: true,
  treatment: true,
  control: true,
  weights: true,
  decileColumn: true,
  decile: true,
  event: true,
  followup: true,
  months: true,
  covariates: true,
  participation: true,
  randomization: true,
  lang: true,
};

/** The defaults: the report's design, with the column names of `data/den-haag-pilot.csv`. */
export const DEN_HAAG_PILOT_CONFIG: PilotConfig = {
  arm: 'arm',
  treatment: 'experiment',
  control: 'control',
  weights: DEN_HAAG_WEIGHTS,
  decileColumn: 'decile',
  decile: 1,
  event: 'month_bijstand',
  followup: 'followup_months',
  months: FOLLOW_UP,
  covariates: DEN_HAAG_COVARIATES,
  participation: 'participation',
  randomization: { draws: 2000, seed: 1 },
};

/**
 * Table 2's rows: the two kinds of conversation are grouped under "assessed, conversation",
 * the received service (the report's 34 % − 3 % = 31 pp).
 */
export const PILOT_PARTICIPATION_CATEGORIES = [
  { value: 'not_assessed', label: 'not assessed, no conversation' },
  { value: 'assessed_no_conversation', label: 'assessed, no conversation' },
  { value: 'assessed_conversation', label: 'assessed, conversation' },
  { value: 'uwv_conversation', label: 'UWV conversation only', parent: 'assessed_conversation' },
  {
    value: 'three_way_conversation',
    label: 'one or more three-way conversations (UWV, municipality, client)',
    parent: 'assessed_conversation',
  },
] as const;

/**
 * The plan of the pilot analysis for a config: the decile filter, the one event (flow-through
 * into bijstand), complete follow-up, OLS adjustment on the covariates with HC2 SEs, first
 * significant months at 10 % and 5 %, and Table 2 with "assessed, conversation" as received.
 *
 * @example
 * const plan = pilotPlan({ ...DEN_HAAG_PILOT_CONFIG, decile: 2 });
 * plan.filter; // [{ column: 'decile', values: [2] }]
 * evaluate(table, plan).effects[0].series.months.at(-1).adjusted.estimate;
 */
export function pilotPlan(c: PilotConfig): AnalysisPlan {
  return {
    title: `Den Haag pilot, decile ${c.decile}: flow-through into bijstand`,
    columns: { id: 'id', arm: c.arm, followup: c.followup },
    arms: { treatment: c.treatment, control: c.control, weights: c.weights },
    filter: [{ column: c.decileColumn, values: [c.decile] }],
    events: [{ label: 'bijstand', column: c.event }],
    months: c.months,
    covariates: c.covariates,
    factors: [],
    subgroups: [],
    participation: {
      column: c.participation,
      categories: PILOT_PARTICIPATION_CATEGORIES,
      received: ['assessed_conversation'],
      month: c.months,
    },
    methods: {
      outflow: 'complete',
      // The report's rule: at month m the clients observed at least m months (its follow-up is
      // a potential follow-up, set by the start date: no survival-shaped warning).
      censoring: 'complete-followup',
      se: 'HC2',
      adjustment: 'ols',
      level: 0.95,
      significance: [0.1, 0.05],
      pAdjust: 'none',
      missing: 'drop',
      band: 'none',
      rareLevels: 'error',
      rawInterval: 'auto',
      randomizationInference: {
        draws: c.randomization.draws,
        seed: c.randomization.seed,
        design: 'complete',
        month: c.months,
      },
    },
  };
}

/** The pilot's plan with the report's defaults ({@link DEN_HAAG_PILOT_CONFIG}). */
export const DEN_HAAG_PLAN: AnalysisPlan = pilotPlan(DEN_HAAG_PILOT_CONFIG);
