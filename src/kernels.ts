/**
 * effectmeting/kernels: the building blocks under the root entry's analyses, for writing your own
 * estimator, check or report: distribution functions, dense linear algebra, the prepared OLS of
 * the monthly series, column access with clear errors, hashing, and the pieces of the report and
 * scan-review writers. Like the root entry, it imports no `node:` module.
 *
 * @example
 * import { normalQuantile, stars } from 'effectmeting/kernels';
 * normalQuantile(0.975); // 1.959963984540054
 * stars(0.03); // '**'
 *
 * @module effectmeting/kernels
 */

// Survival and proportion intervals (src/outcomes/); the analysis sample, "1 in k" wording (src/analysis/).
export type { SampleFactor } from './analysis/arm-sample.js';
export { type Comparison, type ComparisonSpec, comparisonSample } from './analysis/comparison.js';
export { clientCount, type ImpactSentenceSpec, impactSentences, oneIn } from './analysis/impact.js';
export type { Grouping, Groupings } from './analysis/series-groupings.js';
export {
  type BandSample,
  blockedRawJointCovariance,
  clusterSeriesJointCovariance,
  seriesJointCovariance,
  supTBand,
} from './analysis/simultaneous-band.js';
// Hashing, BSN normalisation and the pieces of the assignment rules (src/assign/).
// Rarely needed pieces of the analyst's API: the model frame behind modelMatrix, the progress
// total of evaluate, the rows of invalid BSNs, one capture figure, Markdown from plain rows.
export { type AuditParts, auditDocument } from './assign/audit.js';
export { invalidBsnRows, normaliseBsn } from './assign/bsn.js';
export { parityArm } from './assign/derive.js';
export { createHashUniform, hashUniform } from './assign/hash.js';
export { describeRule, intendedWeights } from './assign/rules.js';
export { hmacSha256, sha256, toHex } from './assign/sha256.js';
export { checkWeights, largestRemainder } from './assign/weights.js';
// Column access with clear errors, row and JSON normalisation, the default schema, and the
// reader of specs with field-path errors, for configs of your own (src/data/).
export {
  asTable,
  columnValues,
  describeValue,
  isMissing,
  missingColumnError,
  type NumberColumnOptions,
  numberColumn,
  numericValue,
  requireColumns,
  type StringColumnOptions,
  stringColumn,
  stringValue,
  valuesKind,
} from './data/columns.js';
export { decodeText } from './data/decode.js';
export { type FollowupPattern, followupPattern, followupWarning } from './data/followup-pattern.js';
export {
  type IdentifierLabelSpec,
  type LabelColumn,
  type LabelValues,
  refuseIdentifierLabels,
} from './data/identifier-labels.js';
export { checkUniqueIds, duplicateIdGroups, normaliseId } from './data/ids.js';
export { isExperimentIntake, resolveSchema } from './data/intake.js';
export { type JsonSyntaxError, jsonSyntaxError, parseJsonRows } from './data/json.js';
export { modelFrame } from './data/model-matrix.js';
export { normaliseTable } from './data/normalise.js';
export { rowsToTable } from './data/rows.js';
export { DEFAULT_EXPERIMENT_SCHEMA, MAX_PLAUSIBLE_MONTHS } from './data/schema.js';
export {
  type AllKeys,
  didYouMean,
  type JsonObject,
  rejectUnknownKeys,
  SpecError,
  SpecReader,
} from './data/spec-reader.js';
export { survivalToWide } from './data/survival-input.js';
// Formatting, notebook display and HTML pieces, chart constants, disclosure details (src/report/).
export {
  DENO_INSPECT,
  type DocumentConvertible,
  documentBundle,
  isDisplayable,
  JUPYTER_DISPLAY,
  NODE_INSPECT,
  withDisplay,
} from './display.js';
// Design matrices, the prepared OLS of the monthly series, cluster-robust variances (src/estimate/).
export {
  type ClusterSeriesOptions,
  olsCumulativeClusterSeries,
} from './estimate/cluster-series.js';
export {
  CLUSTER_SE_TYPES,
  type ClusterSeType,
  type ClusterTermWeights,
  type ClusterVcov,
  type ClusterVcovOptions,
  clusterContrastWeights,
  clusterTermWeights,
  clusterVcov,
  type Groups,
  groupsOf,
  type LabelledGroups,
} from './estimate/cluster-vcov.js';
export { linearContrast } from './estimate/contrast.js';
export { type CoxFit, type CoxOptions, coxph } from './estimate/cox.js';
export { toDesignMatrix } from './estimate/design.js';
export {
  type DesignDifference,
  type DesignDifferenceOptions,
  type DesignUnit,
  designDifferenceInMeans,
} from './estimate/difference-in-means.js';
export { firthLogistic } from './estimate/firth.js';
export type { DummyCoding, FactorCodes } from './estimate/indicator-groups.js';
export {
  imbensManskiCritical,
  type LeeArm,
  type LeeBoundsResult,
  type LeeBoundsSpec,
  type LeeKernelOptions,
  type LeeTrimmedMean,
  leeBounds,
  leeBoundsKernel,
} from './estimate/lee-bounds.js';
export {
  type EventSums,
  type OlsPrepared,
  type OlsPrepareOptions,
  olsFitPrepared,
  olsLeverages,
  olsPrepare,
  olsSolve,
  olsTermPrepared,
} from './estimate/ols.js';
export { limitedPivoting, type Pivoting } from './estimate/pivot.js';
export { olsTermSeries } from './estimate/series.js';
export { SE_TYPES } from './estimate/vcov.js';
export { assignmentBlocks } from './evaluate/assignment.js';
export { evaluationSteps } from './evaluate/evaluate.js';
// The pre-analysis plan: parse, freeze with its SHA-256, verify, compare with the config (src/evaluate/).
export {
  configContrasts,
  deviationsIn,
  type PlanComparisonRow,
  type PlanFieldStatus,
  planComparison,
  planDeviations,
} from './evaluate/plan-comparison.js';
export {
  canonicalJson,
  type FrozenPlanFile,
  freezePlan,
  frozenPlanText,
  PLAN_CANONICAL_FORM,
  type PlanStamp,
  planDifferences,
  planSha256,
  type VerifiedPlan,
  verifyFrozenPlan,
} from './evaluate/plan-stamp.js';
export {
  type ParsePreAnalysisPlanOptions,
  type PlannedContrast,
  type PopulationCondition,
  PRE_ANALYSIS_PLAN_KEYS,
  type PreAnalysisPlan,
  type PrimaryAnalysis,
  parsePreAnalysisPlan,
  populationFilter,
} from './evaluate/pre-analysis-plan.js';
export {
  type ConfirmatoryResult,
  confirmatoryResult,
  type PreRegistration,
  preRegistration,
} from './evaluate/pre-registration.js';
export {
  formatCount,
  formatGeneral,
  formatPEquals,
  formatPValue,
  markdownCell,
  markdownTable,
  NUMBER_STYLES,
} from './format.js';
// The languages of reports (issue #17): the en/nl contract, the evaluation's HTML page, the
// Dutch method texts of the report layer.
export {
  formatDate,
  LANGUAGES,
  numberStyleOf,
  parseLanguage,
  textOf,
} from './language.js';
export {
  type CensoringDistribution,
  censoringDistribution,
  ipcwWeights,
  survivalBefore,
} from './outcomes/censoring-weights.js';
export { survivalInterval } from './outcomes/confidence.js';
export { type GrayResult, gray } from './outcomes/gray-test.js';
export { type LogRankResult, logRank } from './outcomes/log-rank.js';
export {
  chooseShareInterval,
  SHARE_INTERVALS,
  SMALL_EXPECTED_COUNT,
  smallestExpectedCount,
} from './outcomes/newcombe.js';
export { type ProportionInterval, proportionInterval } from './outcomes/proportion-interval.js';
export { type RestrictedMean, restrictedMean } from './outcomes/rmst.js';
// The Bell–McCaffrey df of a cluster-randomised design's CR2 test (src/plan/).
export { clusterDf } from './plan/power-means.js';
// Randomisation tests of several events from one pass of draws (src/plan/).
export { randomizationTests } from './plan/randomization-inference.js';
// Building blocks of the review and the survival input (the root keeps the analyst's calls):
// the scan's three charts, the unpaired AUC difference, the Firth fit, the time/status → wide
// conversion.
export {
  type ContrastChartInput,
  type ContrastChartOptions,
  contrastChart,
} from './report/charts/contrasts.js';
export { calibrationChart, driftChart, gainsChart } from './report/charts/scan.js';
export { CHART_FONT, OKABE_ITO, VEGA_LITE_SCHEMA } from './report/charts/spec.js';
export {
  csvSafe,
  disclosureNote,
  markSmallCounts,
  PARTICIPATION_TOTAL,
  type ProtectedCount,
  protectParticipation,
  protectTable,
  suppressCells,
  suppressedText,
  type TableProtection,
} from './report/disclosure.js';
export { displayBundle, isVegaLiteSpec, VEGA_LITE_MIME } from './report/display.js';
export { documentPage, documentReport } from './report/document-report.js';
export { type EvaluationHtmlOptions, evaluationHtml } from './report/evaluation-html.js';
export {
  blockHtml,
  escapeHtml,
  inlineHtml,
  REPORT_CSS,
} from './report/html.js';
export { methodText } from './report/method-texts.js';
export {
  EXPLORATORY_PREFIX,
  EXPLORATORY_PREFIXES,
  type PreRegistrationOptions,
  planStatusLine,
  preRegisteredSections,
  preRegistrationJson,
} from './report/pre-registration.js';
export { scanReviewCharts, scanReviewSvgs } from './report/scan-review-html.js';
export { rowsOf, tableOf } from './report/tables.js';
export { aucDifference, aucPairedTest, aucUnpairedTest } from './scan/auc.js';
// The pieces of the risk-scan review (src/scan/).
export {
  DEFAULT_REVIEW_CONFIG,
  DEFAULT_REVIEW_THRESHOLDS,
  resolveReviewConfig,
} from './scan/config.js';
export { aucChange, captureChange, psiCategorical, psiNumeric } from './scan/drift.js';
export {
  FAIRNESS_METRICS,
  type FairnessMetric,
  type FairnessMetricName,
  type FairnessOptions,
  type FairnessResult,
  type FairnessRow,
  fairnessMetrics,
} from './scan/fairness.js';
export { captureAt } from './scan/gains.js';
export {
  outcomeColumn,
  SCAN_FEATURES,
  SCAN_TIME_VARYING,
  scanDesign,
  scanLinearPredictor,
  scanModelFromCoefficients,
} from './scan/model.js';
export type { ScanReviewData } from './scan/review.js';
export { checkReviewInputs, reviewMethods } from './scan/review.js';
export {
  type ReviewChart,
  type ScanReviewDocumentOptions,
  type ScanReviewMarkdownOptions,
  scanReviewDocument,
  scanReviewMarkdown,
} from './scan/review-document.js';
export { type SubgroupOptions, selectionWeights, subgroupMetrics } from './scan/subgroups.js';
export { weeklyTrajectory } from './scan/weekly.js';
// Distributions, estimates and stars, dense linear algebra (src/stats/).
export {
  chiSquareQuantile,
  chiSquareSurvival,
  fQuantile,
  fSurvival,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
  twoSidedP,
} from './stats/distributions.js';
export { type DesignMatrix, estimateFromSe, stars } from './stats/estimate.js';
export {
  backSolveTransposed,
  cholesky,
  choleskyInverse,
  choleskySolve,
  crossProduct,
  crossProductVector,
  forwardSolve,
  type PivotedCholesky,
  pivotedCholesky,
  ROW_BLOCK,
  residualCrossProduct,
  sandwich,
  subtractProduct,
} from './stats/linalg.js';
export {
  type MvnormCriticalValue,
  type MvnormOptions,
  type MvnormProbability,
  mvnormBox,
  mvnormCriticalValue,
} from './stats/mvnorm.js';
export { noncentralTCdf } from './stats/noncentral-t.js';
export {
  checkStarLevels,
  REPORT_STAR_LEVELS,
  restar,
  type StarLevels,
  starLegend,
  starLevelsProblem,
  starsAt,
} from './stats/stars.js';
// The identifier guard: ids and BSNs never reach an output (src/table/, src/data/).
export {
  type IdentifierGuard,
  type IdentifierHit,
  identifierGuard,
  isBsnLike,
} from './table/identifier-guard.js';
export {
  blockTable,
  type Cell,
  type CellFormat,
  type Column,
  type ColumnType,
  documentText,
  formatCell,
  type MarkdownTableOptions,
  type ModelTableBlock,
  markdownOfTable,
  type RowsTableBlock,
  type TableStars,
  tableLegend,
  tidyEstimate,
} from './table/index.js';
