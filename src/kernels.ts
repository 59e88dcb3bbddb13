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
export { oneIn } from './analysis/impact.js';
// Hashing, BSN normalisation and the pieces of the assignment rules (src/assign/).
// Rarely needed pieces of the analyst's API: the model frame behind modelMatrix, the progress
// total of evaluate, the rows of invalid BSNs, one capture figure, Markdown from plain rows.
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
export { isExperimentIntake, resolveSchema } from './data/intake.js';
export { type JsonSyntaxError, jsonSyntaxError, parseJsonRows } from './data/json.js';
export { modelFrame } from './data/model-matrix.js';
export { normaliseTable } from './data/normalise.js';
export { rowsToTable } from './data/rows.js';
export { DEFAULT_EXPERIMENT_SCHEMA } from './data/schema.js';
export { didYouMean, type JsonObject, SpecError, SpecReader } from './data/spec-reader.js';
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
// Design matrices and the prepared OLS of the monthly series (src/estimate/).
export { toDesignMatrix } from './estimate/design.js';
export {
  type OlsPrepared,
  type OlsPrepareOptions,
  olsFitPrepared,
  olsLeverages,
  olsPrepare,
  olsTermPrepared,
} from './estimate/ols.js';
export { olsTermSeries } from './estimate/series.js';
export { SE_TYPES } from './estimate/vcov.js';
export { evaluationSteps } from './evaluate/evaluate.js';
export { formatGeneral, markdownCell, markdownTable } from './format.js';
export { survivalInterval } from './outcomes/confidence.js';
export {
  chooseShareInterval,
  SHARE_INTERVALS,
  SMALL_EXPECTED_COUNT,
  smallestExpectedCount,
} from './outcomes/newcombe.js';
export { type ProportionInterval, proportionInterval } from './outcomes/proportion-interval.js';
export { CHART_FONT, OKABE_ITO, VEGA_LITE_SCHEMA } from './report/charts/spec.js';
export {
  csvSafe,
  disclosureNote,
  markSmallCounts,
  PARTICIPATION_TOTAL,
  protectParticipation,
  suppressCells,
  suppressedText,
} from './report/disclosure.js';
export { displayBundle, isVegaLiteSpec, VEGA_LITE_MIME } from './report/display.js';
export { documentPage, documentReport } from './report/document-report.js';
export {
  blockHtml,
  escapeHtml,
  inlineHtml,
  REPORT_CSS,
} from './report/html.js';
export { scanReviewCharts, scanReviewSvgs } from './report/scan-review-html.js';
export { rowsOf, tableOf } from './report/tables.js';
// The pieces of the risk-scan review (src/scan/).
export {
  DEFAULT_REVIEW_CONFIG,
  DEFAULT_REVIEW_THRESHOLDS,
  resolveReviewConfig,
} from './scan/config.js';
export { aucChange, captureChange, psiCategorical, psiNumeric } from './scan/drift.js';
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
  scanReviewDocument,
  scanReviewMarkdown,
} from './scan/review-document.js';
export { selectionWeights, subgroupMetrics } from './scan/subgroups.js';
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
  tidyEstimate,
} from './table/index.js';
