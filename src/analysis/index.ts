// Public API of src/analysis/; the package entries (src/index.ts and siblings) pick from it.

export type { ArmSampleSpec } from './arm-sample.js';
export {
  type ArmComparison,
  type ArmComparisons,
  type ArmOutcomeSpec,
  type ArmSummary,
  type CompareArmsSpec,
  compareArms,
  type OutcomeKind,
} from './compare-arms.js';
export {
  type Comparison,
  type ComparisonSpec,
  comparisonSample,
  type Exclusion,
} from './comparison.js';
export {
  type ComplierEffect,
  type ComplierFirstStage,
  type ComplierFit,
  type ComplierOutcome,
  type ComplierSpec,
  complierEffect,
  type ReceivedSpec,
} from './complier.js';
export {
  type Adjustment,
  type EffectSeries,
  type EffectSeriesSpec,
  effectSeries,
  type MonthEffect,
} from './effect-series.js';
export {
  type FigureWithInterval,
  type ImpactFigures,
  type ImpactInput,
  impactFigures,
  oneIn,
} from './impact.js';
export {
  type DateLike,
  type StatePanelSpec,
  type StateSpellsSpec,
  type StateTimes,
  stateTimesFromPanel,
  stateTimesFromSpells,
} from './monthly-states.js';
export {
  type ArmShare,
  type ParticipationCategory,
  type ParticipationRow,
  type ParticipationSpec,
  type ParticipationTable,
  participationTable,
  type ReceivedService,
} from './participation.js';
export { firstSignificantMonth, type SignificantMonths } from './significance.js';
export {
  effectSeriesBy,
  type HeterogeneityTest,
  type SubgroupSeries,
  type SubgroupSpec,
} from './subgroups.js';
