/**
 * effectmeting/studies: the published studies this library reproduces (the Den Haag pilot, the
 * intensive-vs-basic experiment of 2012, personal services 2017), their configurations and
 * reports, the generators of the synthetic data in `data/`, and the light registry
 * (`STUDY_CATALOG`: names, titles and a loader per study).
 *
 * @example
 * import { loadTable } from 'effectmeting/node';
 * import { denHaagPilot } from 'effectmeting/studies';
 * const result = denHaagPilot(await loadTable('data/den-haag-pilot.csv'));
 *
 * @module effectmeting/studies
 */

export {
  STUDY_CATALOG,
  type StudyEntry,
  type StudyListing,
  type StudyListingPlanning,
  type StudyListingReproduction,
} from './studies/catalog.js';
export {
  type Arm,
  DEN_HAAG_COUNTS,
  DEN_HAAG_COVARIATES,
  DEN_HAAG_DECILE1_DESIGN,
  DEN_HAAG_WEIGHTS,
  decile1Participants,
  FOLLOW_UP,
} from './studies/den-haag-pilot/design.js';
export {
  DEN_HAAG_COLUMNS,
  type DenHaagParams,
  type DenHaagRow,
  type DenHaagSeeds,
  type Education,
  type Gender,
  generateDenHaag,
  type HouseholdType,
  INDUSTRIES,
  type Industry,
  type Participation,
} from './studies/den-haag-pilot/generator.js';
export {
  generateNationalBenchmark,
  NATIONAL_BENCHMARK,
  NATIONAL_BENCHMARK_COLUMNS,
  type NationalBenchmarkRow,
} from './studies/den-haag-pilot/national-benchmark.js';
export { DEN_HAAG_PARAMS, DEN_HAAG_SEEDS } from './studies/den-haag-pilot/params.js';
export {
  DEN_HAAG_PILOT_CONFIG,
  DEN_HAAG_PLAN,
  PILOT_PARTICIPATION_CATEGORIES,
  type PilotConfig,
  pilotPlan,
} from './studies/den-haag-pilot/plan.js';
export {
  type NeededSize,
  type PilotPowerAnswer,
  pilotPowerAnswer,
  pilotPowerMarkdown,
} from './studies/den-haag-pilot/power.js';
export {
  denHaagPilot,
  effectIntervalsBlock,
  type PilotResult,
  pilotDocument,
  pilotMarkdown,
  significanceText,
} from './studies/den-haag-pilot/report.js';
export {
  PILOT_SYNTHETIC_SOURCE,
  type PilotHtmlOptions,
  pilotHtml,
} from './studies/den-haag-pilot/report-html.js';
export type { PilotSensitivity } from './studies/den-haag-pilot/sensitivity.js';
export { DEN_HAAG_MODEL, denHaagModel } from './studies/den-haag-pilot/simulation-model.js';
export { DEN_HAAG_STUDY } from './studies/den-haag-pilot/study.js';
export {
  ANNEX_B_GENDERS,
  ARMS_2012,
  type Arm2012,
  ENTRY_OFFSET_DAYS,
  EXIT_MONTHS_2012,
  GENDERS_2012,
  type Gender2012,
  INTAKE_END,
  INTAKE_START,
  INTENSIVE_2012_ARMS,
  INTENSIVE_2012_RULE,
  MONTH_DAYS,
  OBSERVATION_END,
  UNKNOWN_2012,
} from './studies/intensive-2012/design.js';
export {
  type AgeBand2012,
  CONVERSATION_MONTH,
  type Conv4,
  type ConvHeld,
  generateIntensive2012,
  type Household2012,
  INTENSIVE_2012_COLUMNS,
  INTENSIVE_2012_COUNTS,
  type Intensive2012CellCounts,
  type Intensive2012JobQuality,
  type Intensive2012Outcomes,
  type Intensive2012Params,
  type Intensive2012Row,
  type Intensive2012Timing,
  intensive2012ToCsv,
} from './studies/intensive-2012/generator.js';
export { INTENSIVE_2012_PARAMS, INTENSIVE_2012_SEED } from './studies/intensive-2012/params.js';
export {
  INTENSIVE_2012_CONFIG,
  type Intensive2012Arm,
  type Intensive2012Config,
  type Intensive2012Exit,
  type Intensive2012ExitByGender,
  type Intensive2012Result,
  intensive2012,
} from './studies/intensive-2012/report.js';
export {
  intensive2012Document,
  intensive2012Markdown,
} from './studies/intensive-2012/report-document.js';
export {
  type Intensive2012HtmlOptions,
  intensive2012Html,
} from './studies/intensive-2012/report-html.js';
export { INTENSIVE_2012_STUDY } from './studies/intensive-2012/study.js';
export {
  PERSONAL_SERVICES_2017_COVARIATES,
  SERVICES_ARMS,
  SERVICES_INFLOW_END,
  SERVICES_INFLOW_START,
  SERVICES_MAX_FOLLOWUP,
  SERVICES_WEIGHTS,
  type ServicesArm,
} from './studies/personal-services-2017/design.js';
export {
  generatePersonalServices2017,
  PERSONAL_SERVICES_2017_COLUMNS,
  type PersonalServices2017Params,
  type PersonalServices2017Row,
  type PersonalServices2017Seeds,
  type ServicesEducation,
  type ServicesGender,
  type ServicesRegion,
} from './studies/personal-services-2017/generator.js';
export {
  PERSONAL_SERVICES_2017_PARAMS,
  PERSONAL_SERVICES_2017_SEEDS,
} from './studies/personal-services-2017/params.js';
export {
  type OutcomeAtMonth,
  PERSONAL_SERVICES_CONFIG,
  type PersonalServicesComparison,
  type PersonalServicesComparisonKey,
  type PersonalServicesConfig,
  type PersonalServicesResult,
  personalServices2017,
  reliance,
} from './studies/personal-services-2017/report.js';
export {
  personalServicesDocument,
  personalServicesMarkdown,
} from './studies/personal-services-2017/report-document.js';
export {
  type PersonalServicesHtmlOptions,
  personalServicesHtml,
} from './studies/personal-services-2017/report-html.js';
export { PERSONAL_SERVICES_2017_STUDY } from './studies/personal-services-2017/study.js';
export { findStudy, STUDIES, studyDatasets } from './studies/registry.js';
export {
  generateScanPopulation,
  SCAN_AGE_BANDS,
  SCAN_FIXED_WEIGHTS,
  SCAN_MUNICIPALITIES,
  SCAN_POPULATION_COLUMNS,
  type ScanAgeBand,
  type ScanFeatures,
  type ScanPopulationParams,
  type ScanPopulationRow,
  scanFeatures,
  scanTrueRisk,
} from './studies/scan-population/generator.js';
export { SCAN_POPULATION_2023, SCAN_POPULATION_2024 } from './studies/scan-population/params.js';
export { SCAN_POPULATION_STUDY } from './studies/scan-population/study.js';
export { type PublishedRow, publishedTable } from './studies/shared/published-table.js';
export {
  ciText,
  parseReportDate,
  ppText,
  type ReportStamp,
  shareCiText,
  shareText,
  stampOptions,
  stampText,
} from './studies/shared/report-language.js';
export type { ScanFeatureRow } from './studies/shared/scan-feature-row.js';
export type {
  Study,
  StudyBenchmark,
  StudyDataset,
  StudyPlanning,
  StudyQuestionOptions,
  StudyReport,
  StudyReproduction,
  StudySource,
} from './studies/study.js';
