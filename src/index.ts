/**
 * effectmeting: evaluate randomised experiments in labour-market services.
 *
 * The root entry is the analyst's API: load and check the data, assign and audit, follow
 * outcomes, estimate effects, plan the next experiment, review the risk scan, and publish tables
 * and charts. It imports no `node:` module, so it also bundles for a browser. Three more
 * entries hold the rest: `effectmeting/node` (reading files, simulation in worker threads),
 * `effectmeting/kernels` (the building blocks: distributions, linear algebra, prepared OLS, column
 * access, formatting and HTML pieces) and `effectmeting/studies` (the three published studies and
 * their synthetic data). See README.md for a tour.
 *
 * @module effectmeting
 */

// Composed analyses: effects per month, subgroups, compliance, policy figures.
export type {
  ArmContrastMonth,
  ArmContrastSeries,
  ArmMonthCount,
  ArmsSeriesSpec,
  ContrastEffect,
} from './analysis/arm-contrasts.js';
export type { ArmSampleSpec, Exclusion } from './analysis/arm-sample.js';
export {
  type ArmComparison,
  type ArmComparisons,
  type ArmOutcomeSpec,
  type ArmSummary,
  type CompareArmsSpec,
  compareArms,
  type OutcomeKind,
} from './analysis/compare-arms.js';
export type {
  CompareSeveralArmsSpec,
  OutcomeContrast,
  SeveralArmComparison,
  SeveralArmComparisons,
} from './analysis/compare-several-arms.js';
export {
  type ComplierEffect,
  type ComplierFirstStage,
  type ComplierFit,
  type ComplierOutcome,
  type ComplierSpec,
  complierEffect,
  type ReceivedSpec,
} from './analysis/complier.js';
export {
  type CoxRegression,
  type CoxRegressionSpec,
  coxRegression,
} from './analysis/cox-regression.js';
export {
  type Adjustment,
  type Censoring,
  type EffectSeries,
  type EffectSeriesSpec,
  effectSeries,
  type MonthEffect,
  type SeriesDesignInfo,
} from './analysis/effect-series.js';
export {
  type FigureWithInterval,
  type ImpactFigures,
  type ImpactInput,
  impactFigures,
} from './analysis/impact.js';
export {
  type EffectAndControlRate,
  type EffectAndControlRateSpec,
  effectAndControlRate,
} from './analysis/impact-inputs.js';
export {
  type DateLike,
  type StatePanelSpec,
  type StateSpellsSpec,
  type StateTimes,
  stateTimesFromPanel,
  stateTimesFromSpells,
} from './analysis/monthly-states.js';
export {
  type ArmShare,
  type ParticipationCategory,
  type ParticipationRow,
  type ParticipationSpec,
  type ParticipationTable,
  participationTable,
  type ReceivedService,
} from './analysis/participation.js';
export type { RareLevels } from './analysis/rare-levels.js';
export type {
  ArmContrastsSpec,
  ArmPair,
  SeveralArmsSampleSpec,
  SeveralArmsSpec,
} from './analysis/several-arms.js';
export { firstSignificantMonth, type SignificantMonths } from './analysis/significance.js';
export type { SeriesBand } from './analysis/simultaneous-band.js';
export {
  effectSeriesBy,
  type HeterogeneityTest,
  type NotEstimableTest,
  type SubgroupSeries,
  type SubgroupSpec,
} from './analysis/subgroups.js';
// Assignment, BSN and pseudonyms, audit and balance.
export {
  type ArmCount,
  type AssignmentExclusion,
  type AssignmentResult,
  type AssignOptions,
  assignArms,
  type ExclusionCount,
} from './assign/assign.js';
export {
  type AuditOptions,
  type AuditResult,
  auditAssignment,
  type StatedWeights,
  type WeightsAuditResult,
} from './assign/audit.js';
export {
  type BalanceArmStat,
  type BalanceCounts,
  type BalanceOptions,
  type BalanceResult,
  type BalanceRow,
  balanceFromCounts,
  balanceTable,
  type CovariateTest,
  type LevelCounts,
  type OmnibusTest,
} from './assign/balance.js';
export {
  type BsnOptions,
  createPseudonymiser,
  isValidBsn,
  pseudonymise,
  pseudonymiseAll,
} from './assign/bsn.js';
export {
  type ConformanceOptions,
  type ConformanceResult,
  checkConformance,
  type Mismatch,
} from './assign/conformance.js';
export { createHashedAssigner } from './assign/derive.js';
export type {
  AssignmentRule,
  BlockedRule,
  CompleteRule,
  HashedRule,
  ParityRule,
} from './assign/rules.js';
export {
  type SampleRatioArm,
  type SampleRatioResult,
  sampleRatioTest,
} from './assign/srm.js';
export type { ArmWeights, WeightSpec } from './assign/weights.js';
export { type ColumnKind, columnTypes, type RowObject, type TableInput } from './data/columns.js';
// Data: parse tables in memory (files: effectmeting/node), check an experiment, model matrices.
export { type CsvColumnType, type CsvOptions, type CsvResult, parseCsv } from './data/csv.js';
export type { TextEncoding } from './data/decode.js';
export {
  type ExperimentIntake,
  type ExperimentRoles,
  type ExperimentRolesSpec,
  experimentIntake,
  experimentRoles,
  type IntakeOptions,
  type IntakeSpec,
} from './data/intake.js';
export {
  type DroppedRows,
  type DroppedTerm,
  type ModelFrame,
  type ModelFrameSpec,
  type ModelMatrix,
  type ModelSpec,
  type ModelTerm,
  modelMatrix,
} from './data/model-matrix.js';
export {
  type InMemorySource,
  type LoadOptions,
  loadTableSync,
  parseTable,
  type TableFormat,
} from './data/parse.js';
export type { ExperimentSchema, ResolvedExperimentSchema } from './data/schema.js';
export type { SurvivalColumns, SurvivalWide } from './data/survival-input.js';
export {
  checkExperiment,
  type ExperimentCheck,
  ExperimentError,
  type IntakeArms,
  type ValidatedExperiment,
  type ValidationProblem,
  type ValidationWarning,
  validateExperiment,
} from './data/validate.js';
// Publishing: result tables, charts (Vega-Lite, SVG), HTML reports, disclosure control.
export type { Displayable, HtmlConvertible, MimeBundle } from './display.js';
// Formatting at the edge, and the error every bad input throws.
export { InputError, type InputErrorDetails } from './errors.js';
export type { CoxCoefficient, CoxSe, CoxTies } from './estimate/cox.js';
// Regression.
export type { ColumnsInput, DesignInput, VectorInput } from './estimate/design.js';
export {
  type DifferenceInMeans,
  type DifferenceInMeansDesign,
  type DifferenceInMeansSpec,
  differenceInMeans,
} from './estimate/difference-in-means.js';
export type { FirthFit, FirthOptions } from './estimate/firth.js';
export type { Coefficient } from './estimate/inference.js';
export {
  type FirstStage,
  type IvFit,
  type IvInput,
  type IvOptions,
  type IvSeType,
  type IvStageFit,
  ivRegression,
} from './estimate/iv.js';
export { type LinFit, type LinOptions, linAdjusted } from './estimate/lin.js';
export { type LogisticFit, type LogisticOptions, logisticRegression } from './estimate/logistic.js';
export { type OlsFit, type OlsOptions, ols, type SingularAction } from './estimate/ols.js';
export {
  type RegressResult,
  type RegressSeType,
  type RegressSpec,
  regress,
} from './estimate/regress.js';
export type { SeType } from './estimate/vcov.js';
export { type WaldFit, type WaldTest, waldTest } from './estimate/wald.js';
// The whole analysis of a plan: what `effectmeting analyze` runs (src/evaluate/).
export {
  type AnalysisPlan,
  type AnalysisResult,
  type DesignPlan,
  type EvaluateOptions,
  type EventColumn,
  evaluate,
  type FilterCondition,
  type FilterValue,
  type MethodsPlan,
  type ParsePlanOptions,
  type ParticipationPlan,
  parsePlan,
  type RandomizationPlan,
  type SeveralArmsPlan,
  type SignificanceSummary,
  type SurvivalEntry,
  type SurvivalResults,
  type SurvivalTestName,
} from './evaluate/index.js';
export {
  formatEstimate,
  formatNumber,
  formatPercent,
  formatPp,
  type NumberStyle,
} from './format.js';
export type { Language, Texts } from './language.js';
// Outcome curves and time to event.
export {
  type AalenJohansenOptions,
  type AalenJohansenResult,
  aalenJohansen,
} from './outcomes/aalen-johansen.js';
export {
  type CompleteFollowupOptions,
  type CompleteFollowupResult,
  completeFollowup,
} from './outcomes/complete-followup.js';
export type { ConfType } from './outcomes/confidence.js';
export {
  type CumulativeOutflowSpec,
  cumulativeOutflow,
  type OutflowMethod,
} from './outcomes/cumulative-outflow.js';
export {
  type GrayTest,
  type GrayTestSpec,
  grayTest,
} from './outcomes/gray-test.js';
export type { IncidenceAt } from './outcomes/incidence-curve.js';
export {
  type IncidenceDifference,
  type IncidenceDifferenceSpec,
  type IncidenceMonth,
  incidenceDifference,
} from './outcomes/incidence-difference.js';
export {
  type KaplanMeierOptions,
  type KaplanMeierResult,
  kaplanMeier,
} from './outcomes/kaplan-meier.js';
export {
  type LogRankArm,
  type LogRankTest,
  type LogRankTestSpec,
  logRankTest,
} from './outcomes/log-rank.js';
export { newcombeDifference, type ShareInterval } from './outcomes/newcombe.js';
export type { ExclusionReason, OutflowExclusion } from './outcomes/outflow-input.js';
export type {
  CumulativeOutflowData,
  CumulativeOutflowResult,
  OutflowBenchmark,
  OutflowGroup,
  OutflowMarkdownOptions,
  OutflowRow,
} from './outcomes/outflow-result.js';
export {
  type RmstArm,
  type RmstDifference,
  type RmstSpec,
  rmstDifference,
} from './outcomes/rmst.js';
export type { SurvivalSpec } from './outcomes/survival-sample.js';
export {
  type SampleSummary,
  type TimeFractionRow,
  type TimeFractionsResult,
  type TimeFractionsSpec,
  timeFractions,
} from './outcomes/time-fractions.js';
// Power and design-based inference (simulation in worker threads: effectmeting/node).
export {
  type BootstrapFigure,
  type BootstrapImpact,
  type BootstrapSpec,
  bootstrapImpact,
} from './plan/bootstrap.js';
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
} from './plan/power.js';
export {
  type ClusterDesign,
  type MeansPowerResult,
  type MeansPowerSpec,
  powerTTest,
} from './plan/power-means.js';
export {
  type RandomizationResult,
  type RandomizationSpec,
  type RandomizationStat,
  randomizationTest,
} from './plan/randomization-inference.js';
export {
  type EffectChartInput,
  type EffectChartOptions,
  effectChart,
  type OutflowChartInput,
  type OutflowChartOptions,
  outflowChart,
} from './report/charts/outcomes.js';
export { type RenderOptions, renderSvg } from './report/charts/render.js';
export type {
  CalibrationChartOptions,
  CalibrationPoint,
  DriftChartOptions,
  DriftPoint,
  GainsPoint,
} from './report/charts/scan.js';
export type { ChartOptions, ChartSpec } from './report/charts/spec.js';
export {
  type BalanceChartInput,
  type BalanceChartOptions,
  balanceChart,
  type ParticipationChartInput,
  type ParticipationChartOptions,
  participationChart,
} from './report/charts/tables.js';
export {
  type AdditiveRelation,
  type CellStatus,
  type CellSuppression,
  type CountTable,
  type CsvWriteOptions,
  type DisclosureOptions,
  suppressSmallCounts,
  suppressTable,
  type TableSuppression,
  toCsv,
} from './report/disclosure.js';
export {
  type DisplayOptions,
  type DisplayWrapper,
  display,
} from './report/display.js';
export { type EvaluationOptions, evaluationSections } from './report/evaluation.js';
export {
  type FigureBlock,
  type HeadingBlock,
  type HtmlBlock,
  type HtmlReport,
  type HtmlSection,
  htmlReport,
  type ListBlock,
  type NoteBlock,
  type ParagraphBlock,
  type TableBlock,
  type TableColumn,
} from './report/html.js';
export {
  type ScanReviewCharts,
  type ScanReviewHtmlOptions,
  scanReviewHtml,
} from './report/scan-review-html.js';
export { type Tabular, tableCsv, tableHtml, tableMarkdown } from './report/tables.js';
// The risk scan and its yearly review.
export {
  type AucDirection,
  type AucResult,
  type AucTestResult,
  auc,
} from './scan/auc.js';
export { type AucTestOptions, aucTest } from './scan/auc-test.js';
export {
  type CalibrationResult,
  type CalibrationRow,
  calibration,
  type HosmerLemeshow,
} from './scan/calibration.js';
export type { ReviewConfig, ReviewConfigInput, ReviewThresholds } from './scan/config.js';
export { featureStability, type PsiBin, type PsiResult } from './scan/drift.js';
export {
  type Capture,
  type GainsRow,
  type GainsTable,
  gainsTable,
  riskDeciles,
} from './scan/gains.js';
export {
  type FlaggedLevel,
  fitScan,
  type ScanFit,
  type ScanModel,
  type ScanSpec,
  type ScanTerm,
  type SeparationAction,
  type SeparationReport,
  scoreClients,
} from './scan/model.js';
export {
  type EvaluationSample,
  type RefitComparison,
  type ScanReview,
  type ScanReviewInput,
  scanReview,
  type YearMetrics,
} from './scan/review.js';
export type { CheckStatus, ReviewFlag, VerdictFormat, VerdictRow } from './scan/review-checks.js';
export type { ReviewChartFiles, ReviewChartName } from './scan/review-document.js';
export {
  type SubgroupChecksOptions,
  type SubgroupResult,
  type SubgroupRow,
  subgroupChecks,
} from './scan/subgroups.js';
export type { NumericInput } from './scan/util.js';
export {
  type Trajectory,
  type WeeklyChange,
  type WeeklyOptions,
  type WeeklyRescore,
  weeklyRescore,
} from './scan/weekly.js';
// Tests on counts and samples.
export {
  type ChiSquareGoodnessOfFitResult,
  type ChiSquareIndependenceResult,
  type ChiSquareOptions,
  chiSquareTest,
  type GoodnessOfFitInput,
} from './stats/chisquare.js';
export type { Estimate, Stars } from './stats/estimate.js';
export {
  type DiffInMeansOptions,
  diffInMeans,
  type TTestKind,
  type TTestOptions,
  type TTestResult,
  tTest,
} from './stats/means.js';
export { type PAdjustMethod, type PAdjustOptions, pAdjust } from './stats/multiplicity.js';
export {
  type DiffInProportionsOptions,
  type DiffInProportionsResult,
  diffInProportions,
  type ProportionCounts,
} from './stats/proportions.js';
export { createRng, type Rng } from './stats/random.js';
export {
  type Block,
  type Document,
  type DocumentHtmlOptions,
  type DocumentTextOptions,
  documentHtml,
  documentMarkdown,
  type FromRowsOptions,
  type SuppressionMark,
  type Table,
  tableFromRows,
} from './table/index.js';
