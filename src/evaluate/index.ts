// Public API of src/evaluate/: the one evaluation engine. Re-exported by src/index.ts.

export {
  type EvaluateOptions,
  evaluate,
  evaluationSteps,
} from './evaluate.js';
export { applyFilter, describeFilter } from './filter.js';
export {
  type AnalysisPlan,
  type DesignPlan,
  type EventColumn,
  type FilterCondition,
  type FilterValue,
  type MethodsPlan,
  type ParsePlanOptions,
  type ParticipationPlan,
  parsePlan,
  planColumns,
  planTable,
  type RandomizationPlan,
  type SurvivalTestName,
} from './plan.js';
export type { AnalysisResult, SignificanceSummary } from './result.js';
export type { SeveralArmsPlan } from './several-arms-plan.js';
export type { SurvivalEntry, SurvivalResults } from './survival.js';
