// Public API of src/outcomes/. Re-exported by src/index.ts.
export {
  type AalenJohansenOptions,
  type AalenJohansenResult,
  aalenJohansen,
} from './aalenJohansen.js';
export {
  type CompleteFollowupOptions,
  type CompleteFollowupResult,
  completeFollowup,
} from './completeFollowup.js';
export { type ConfType, survivalInterval } from './confidence.js';
export {
  type CumulativeOutflowSpec,
  cumulativeOutflow,
  type OutflowMethod,
} from './cumulativeOutflow.js';
export { type KaplanMeierOptions, type KaplanMeierResult, kaplanMeier } from './kaplanMeier.js';
export type { ExclusionReason, OutflowExclusion } from './outflowInput.js';
export type {
  CumulativeOutflowData,
  CumulativeOutflowResult,
  OutflowBenchmark,
  OutflowGroup,
  OutflowMarkdownOptions,
  OutflowRow,
} from './outflowResult.js';
export { type ProportionInterval, proportionInterval } from './proportionInterval.js';
export type { SampleSummary } from './timeFractions.js';
export {
  type TimeFractionRow,
  type TimeFractionsResult,
  type TimeFractionsSpec,
  timeFractions,
} from './timeFractions.js';
