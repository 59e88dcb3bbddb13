// Generators of the synthetic reconstructions in data/.
export { type Cell, toCsv } from './csv.js';
export { DATASETS, type Dataset } from './datasets.js';
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
} from './den-haag.js';
export { DEN_HAAG_PARAMS, DEN_HAAG_SEEDS } from './den-haag-params.js';
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
} from './intensive-2012.js';
export { INTENSIVE_2012_PARAMS, INTENSIVE_2012_SEED } from './intensive-2012-params.js';
export {
  generateNationalBenchmark,
  NATIONAL_BENCHMARK,
  NATIONAL_BENCHMARK_COLUMNS,
  type NationalBenchmarkRow,
} from './national-benchmark.js';
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
} from './personal-services-2017.js';
export {
  PERSONAL_SERVICES_2017_PARAMS,
  PERSONAL_SERVICES_2017_SEEDS,
} from './personal-services-2017-params.js';
export type { ScanFeatureRow } from './scan-feature-row.js';
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
} from './scan-population.js';
export { SCAN_POPULATION_2023, SCAN_POPULATION_2024 } from './scan-population-params.js';
