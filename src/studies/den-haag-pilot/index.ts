// The Den Haag pilot "WW (niet) naar bijstand": design, generator, report, planning, model.
// (Targets and calibration are not exported: tests and scripts import them by path.)

export {
  type Arm,
  DEN_HAAG_COUNTS,
  DEN_HAAG_COVARIATES,
  DEN_HAAG_DECILE1_DESIGN,
  DEN_HAAG_WEIGHTS,
  decile1Participants,
  FOLLOW_UP,
} from './design.js';
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
} from './generator.js';
export {
  generateNationalBenchmark,
  NATIONAL_BENCHMARK,
  NATIONAL_BENCHMARK_COLUMNS,
  type NationalBenchmarkRow,
} from './national-benchmark.js';
export { DEN_HAAG_PARAMS, DEN_HAAG_SEEDS } from './params.js';
export {
  DEN_HAAG_PILOT_CONFIG,
  DEN_HAAG_PLAN,
  PILOT_PARTICIPATION_CATEGORIES,
  type PilotConfig,
  pilotPlan,
} from './plan.js';
export {
  type NeededSize,
  type PilotPowerAnswer,
  pilotPowerAnswer,
  pilotPowerMarkdown,
} from './power.js';
export {
  denHaagPilot,
  type PilotResult,
  pilotDocument,
  pilotMarkdown,
  significanceText,
} from './report.js';
export { PILOT_SYNTHETIC_SOURCE, type PilotHtmlOptions, pilotHtml } from './report-html.js';
export { DEN_HAAG_MODEL, denHaagModel } from './simulation-model.js';
export { DEN_HAAG_STUDY } from './study.js';
