/**
 * What {@link evaluate} returns: every number of the analysis, as plain readonly data (the
 * `--format json` output of `effectmeting analyze`; `evaluationSections` in `src/report/`
 * presents it).
 */
import type { ArmContrastSeries } from '../analysis/arm-contrasts.js';
import type { ComplierEffect } from '../analysis/complier.js';
import type { EffectSeries } from '../analysis/effect-series.js';
import type { ParticipationTable } from '../analysis/participation.js';
import type { SignificantMonths } from '../analysis/significance.js';
import type { SubgroupSeries } from '../analysis/subgroups.js';
import type { BalanceResult } from '../assign/balance.js';
import type { SampleRatioResult } from '../assign/srm.js';
import type { CumulativeOutflowData } from '../outcomes/outflow-result.js';
import type { RandomizationResult } from '../plan/randomization-inference.js';
import type { AnalysisPlan, FilterCondition } from './plan.js';
import type { SurvivalResults } from './survival.js';

/** Where a significance level applies: the raw or the adjusted estimate. */
export interface SignificanceSummary extends SignificantMonths {
  readonly estimate: 'raw' | 'adjusted';
}

/** Everything {@link evaluate} computes. */
export interface AnalysisResult {
  readonly title: string;
  readonly input: {
    /** The data's name, as the caller gave it (`EvaluateOptions.file`). */
    readonly file: string;
    /** Rows in the data (`EvaluateOptions.rows`, default the table's). */
    readonly rows: number;
    /** Rows kept by the filter (all rows without one). */
    readonly analysed: number;
    readonly filter: readonly FilterCondition[];
  };
  readonly config: AnalysisPlan;
  readonly assignment: {
    /** Clients per arm in the whole table (before the filter). */
    readonly counts: Readonly<Record<string, number>>;
    /** Sample-ratio test against `config.arms.weights` (absent without weights). */
    readonly sampleRatio?: SampleRatioResult;
    /** Clients per arm after the filter. */
    readonly analysed: { readonly treatment: number; readonly control: number };
    /** Balance of the covariates between the arms after the filter (absent without covariates). */
    readonly balance?: BalanceResult;
  };
  readonly outflow: CumulativeOutflowData;
  readonly effects: readonly {
    readonly event: string;
    readonly column: string;
    readonly series: EffectSeries;
    readonly significance: readonly SignificanceSummary[];
  }[];
  /** Every contrast between the arms per event, with `config.arms.labels` (issue #14). */
  readonly armContrasts?: readonly {
    readonly event: string;
    readonly column: string;
    readonly series: ArmContrastSeries;
  }[];
  readonly subgroups: readonly {
    readonly by: string;
    readonly event: string;
    readonly result: SubgroupSeries;
  }[];
  readonly participation?: {
    readonly table: ParticipationTable;
    readonly complier: readonly {
      readonly event: string;
      readonly month: number;
      readonly result: ComplierEffect;
    }[];
  };
  /** Log-rank, Gray, RMST and Cox per event, when the plan asks (`tests`, `rmst`, `cox`). */
  readonly survival?: SurvivalResults;
  /**
   * Randomisation inference per event at the primary month, when the plan asks
   * (`methods.randomizationInference`): seeded, with the draws and the Monte Carlo SE.
   */
  readonly randomization?: readonly {
    readonly event: string;
    readonly result: RandomizationResult;
  }[];
}
