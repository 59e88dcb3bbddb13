// Public API of src/outcomes/; the package entries (src/index.ts and siblings) pick from it.
export {
  type AalenJohansenOptions,
  type AalenJohansenResult,
  aalenJohansen,
} from './aalen-johansen.js';
export {
  type CompleteFollowupOptions,
  type CompleteFollowupResult,
  completeFollowup,
} from './complete-followup.js';
export { type ConfType, survivalInterval } from './confidence.js';
export {
  type CumulativeOutflowSpec,
  cumulativeOutflow,
  type OutflowMethod,
} from './cumulative-outflow.js';
export { type KaplanMeierOptions, type KaplanMeierResult, kaplanMeier } from './kaplan-meier.js';
export type { ExclusionReason, OutflowExclusion } from './outflow-input.js';
export type {
  CumulativeOutflowData,
  CumulativeOutflowResult,
  OutflowBenchmark,
  OutflowGroup,
  OutflowMarkdownOptions,
  OutflowRow,
} from './outflow-result.js';
export { type ProportionInterval, proportionInterval } from './proportion-interval.js';
export type { SampleSummary } from './time-fractions.js';
export {
  type TimeFractionRow,
  type TimeFractionsResult,
  type TimeFractionsSpec,
  timeFractions,
} from './time-fractions.js';
