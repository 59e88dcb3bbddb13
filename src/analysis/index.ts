// Public API of src/analysis/. Re-exported by src/index.ts.
export {
  type Comparison,
  type ComparisonSpec,
  comparisonSample,
  type Exclusion,
} from './comparison.js';
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
export { firstSignificantMonth, type SignificantMonths } from './significance.js';
export {
  effectSeriesBy,
  type HeterogeneityTest,
  type SubgroupSeries,
  type SubgroupSpec,
} from './subgroups.js';
