// Intensive versus basic services 2012–2013: generator and report.
// (Targets and calibration are not exported: tests and scripts import them by path.)

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
} from './design.js';
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
} from './generator.js';
export { INTENSIVE_2012_PARAMS, INTENSIVE_2012_SEED } from './params.js';
export {
  INTENSIVE_2012_CONFIG,
  type Intensive2012Arm,
  type Intensive2012Config,
  type Intensive2012Exit,
  type Intensive2012ExitByGender,
  type Intensive2012Result,
  intensive2012,
} from './report.js';
export { intensive2012Document, intensive2012Markdown } from './report-document.js';
export { INTENSIVE_2012_STUDY } from './study.js';
