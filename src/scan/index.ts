// Public API of src/scan/; the package entries (src/index.ts and siblings) pick from it.
export {
  type AucDirection,
  type AucResult,
  type AucTestResult,
  auc,
  aucDifference,
  aucPairedTest,
  aucUnpairedTest,
} from './auc.js';
export { type AucTestOptions, aucTest } from './auc-test.js';
export {
  type CalibrationResult,
  type CalibrationRow,
  calibration,
  type HosmerLemeshow,
} from './calibration.js';
export {
  DEFAULT_REVIEW_CONFIG,
  DEFAULT_REVIEW_THRESHOLDS,
  type ReviewConfig,
  type ReviewConfigInput,
  type ReviewThresholds,
  resolveReviewConfig,
} from './config.js';
export {
  aucChange,
  captureChange,
  featureStability,
  type PsiBin,
  type PsiResult,
  psiCategorical,
  psiNumeric,
} from './drift.js';
export {
  FAIRNESS_METRICS,
  type FairnessMetric,
  type FairnessMetricName,
  type FairnessResult,
  type FairnessRow,
  fairnessMetrics,
} from './fairness.js';
export {
  type Capture,
  captureAt,
  type GainsRow,
  type GainsTable,
  gainsTable,
  riskDeciles,
} from './gains.js';
export {
  type FlaggedLevel,
  fitScan,
  outcomeColumn,
  SCAN_FEATURES,
  SCAN_TIME_VARYING,
  type ScanFit,
  type ScanModel,
  type ScanSpec,
  type ScanTerm,
  type SeparationAction,
  type SeparationReport,
  scanDesign,
  scanLinearPredictor,
  scanModelFromCoefficients,
  scoreClients,
} from './model.js';
export {
  checkReviewInputs,
  type EvaluationSample,
  type RefitComparison,
  reviewMethods,
  type ScanReview,
  type ScanReviewData,
  type ScanReviewInput,
  scanReview,
  type YearMetrics,
} from './review.js';
export {
  type CheckStatus,
  type ReviewFlag,
  reviewFlags,
  reviewVerdict,
  type VerdictFormat,
  type VerdictRow,
} from './review-checks.js';
export {
  type ReviewChart,
  type ReviewChartFiles,
  type ReviewChartName,
  type ScanReviewDocumentOptions,
  scanReviewDocument,
  scanReviewMarkdown,
} from './review-document.js';
export {
  type SubgroupResult,
  type SubgroupRow,
  selectionWeights,
  subgroupChecks,
  subgroupMetrics,
} from './subgroups.js';
export type { NumericInput } from './util.js';
export {
  type Trajectory,
  type WeeklyChange,
  type WeeklyOptions,
  type WeeklyRescore,
  weeklyRescore,
  weeklyTrajectory,
} from './weekly.js';
