// Public API of src/plan/: power and sample size, simulation-based diagnosis of a design, and
// design-based inference (randomisation inference, bootstrap). The package entries pick from it.

export {
  type BootstrapFigure,
  type BootstrapImpact,
  type BootstrapSpec,
  bootstrapImpact,
} from './bootstrap.js';
export { formatCount, mdeRow, meansPowerRow } from './mde-table.js';
export {
  type EffectDirection,
  type MdeDesign,
  type MdeResult,
  minimumDetectableEffect,
  type PairwisePower,
  type PowerForEffectDesign,
  type PowerMethod,
  type PowerResult,
  type PowerSettings,
  type PowerVariance,
  pairwiseMde,
  powerForEffect,
  requiredSampleSize,
  type SampleSizeResult,
  type TargetingRow,
  type TwoArmDesign,
  targetingPower,
} from './power.js';
export {
  type ClusterDesign,
  clusterDf,
  type MeansPowerResult,
  type MeansPowerSpec,
  powerTTest,
} from './power-means.js';
export {
  type RandomizationResult,
  type RandomizationSpec,
  type RandomizationStat,
  randomizationTest,
} from './randomization-inference.js';
export {
  type EstimatorSummary,
  type SimulatedAssignment,
  type SimulatedMonth,
  type SimulateOptions,
  type SimulationDesign,
  type SimulationResult,
  simulateDesign,
} from './simulate.js';
export type { ResolvedDesign } from './simulate-core.js';
export {
  type DataModel,
  drawArms,
  drawFollowup,
  loadModelFactory,
  type Model,
  type ModelFactory,
  type ReplicateData,
} from './simulate-model.js';
