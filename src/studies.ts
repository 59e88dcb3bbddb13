/**
 * effectmeting/studies: the published studies this library reproduces (the Den Haag pilot, the
 * intensive-vs-basic experiment of 2012, personal services 2017), their configurations and
 * reports, and the generators of the synthetic data in `data/`.
 *
 * @example
 * import { loadTable } from 'effectmeting/node';
 * import { denHaagPilot } from 'effectmeting/studies';
 * const result = denHaagPilot(await loadTable('data/den-haag-pilot.csv'));
 *
 * @module effectmeting/studies
 */

export {
  DEN_HAAG_DECILE1_DESIGN,
  type NeededSize,
  type PilotPowerAnswer,
  pilotPowerAnswer,
} from './plan/pilot.js';
export {
  DEN_HAAG_PILOT_CONFIG,
  denHaagPilot,
  type PilotConfig,
  type PilotResult,
  pilotMarkdown,
  significanceText,
} from './report/den-haag-pilot.js';
export {
  PILOT_SYNTHETIC_SOURCE,
  type PilotHtmlOptions,
  pilotHtml,
} from './report/den-haag-pilot-html.js';
export {
  INTENSIVE_2012_CONFIG,
  type Intensive2012Arm,
  type Intensive2012Config,
  type Intensive2012Exit,
  type Intensive2012ExitByGender,
  type Intensive2012Result,
  intensive2012,
  intensive2012Markdown,
} from './report/intensive-2012.js';
export {
  type OutcomeAtMonth,
  PERSONAL_SERVICES_CONFIG,
  type PersonalServicesComparison,
  type PersonalServicesComparisonKey,
  type PersonalServicesConfig,
  type PersonalServicesResult,
  personalServices2017,
  personalServicesMarkdown,
} from './report/personal-services-2017.js';
// The generators of the synthetic data (src/synth/, without its CSV writer).
export { DATASETS, type Dataset } from './synth/datasets.js';
export {
  type Arm,
  DEN_HAAG_COLUMNS,
  DEN_HAAG_COUNTS,
  DEN_HAAG_COVARIATES,
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
} from './synth/den-haag.js';
export { DEN_HAAG_PARAMS, DEN_HAAG_SEEDS } from './synth/den-haag-params.js';
export {
  type AgeBand2012,
  ARMS_2012,
  type Arm2012,
  CONVERSATION_MONTH,
  type Conv4,
  type ConvHeld,
  GENDERS_2012,
  type Gender2012,
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
  MONTH_DAYS,
} from './synth/intensive-2012.js';
export { INTENSIVE_2012_PARAMS, INTENSIVE_2012_SEED } from './synth/intensive-2012-params.js';
export {
  generateNationalBenchmark,
  NATIONAL_BENCHMARK,
  NATIONAL_BENCHMARK_COLUMNS,
  type NationalBenchmarkRow,
} from './synth/national-benchmark.js';
export {
  generatePersonalServices2017,
  PERSONAL_SERVICES_2017_COLUMNS,
  PERSONAL_SERVICES_2017_COVARIATES,
  type PersonalServices2017Params,
  type PersonalServices2017Row,
  type PersonalServices2017Seeds,
  SERVICES_ARMS,
  SERVICES_INFLOW_END,
  SERVICES_INFLOW_START,
  SERVICES_MAX_FOLLOWUP,
  SERVICES_WEIGHTS,
  type ServicesArm,
  type ServicesEducation,
  type ServicesGender,
  type ServicesRegion,
} from './synth/personal-services-2017.js';
export {
  PERSONAL_SERVICES_2017_PARAMS,
  PERSONAL_SERVICES_2017_SEEDS,
} from './synth/personal-services-2017-params.js';
export type { ScanFeatureRow } from './synth/scan-feature-row.js';
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
} from './synth/scan-population.js';
export { SCAN_POPULATION_2023, SCAN_POPULATION_2024 } from './synth/scan-population-params.js';
