/**
 * effectmeting: evaluate randomised experiments in labour-market services.
 *
 * Everything public is exported from here; see README.md for a tour.
 * @packageDocumentation
 */

export * from './analysis/index.js';
export * from './assign/index.js';
export * from './data/index.js';
export { InputError, type InputErrorDetails } from './errors.js';
export * from './estimate/index.js';
export {
  type AnalysisPlan,
  type AnalysisResult,
  type EvaluateOptions,
  evaluate,
  type ParsePlanOptions,
  parsePlan,
} from './evaluate/index.js';
export {
  formatEstimate,
  formatNumber,
  formatPercent,
  formatPp,
  markdownCell,
  markdownTable,
} from './format.js';
export * from './outcomes/index.js';
export * from './plan/index.js';
export { evaluationSections } from './report/evaluation.js';
export * from './report/index.js';
export * from './scan/index.js';
export * from './stats/index.js';
