// Personal services in WW 2017–2018 (80/10/10): design, generator and report.
// (Targets and calibration are not exported: tests and scripts import them by path.)

export {
  PERSONAL_SERVICES_2017_COVARIATES,
  SERVICES_ARMS,
  SERVICES_INFLOW_END,
  SERVICES_INFLOW_START,
  SERVICES_MAX_FOLLOWUP,
  SERVICES_WEIGHTS,
  type ServicesArm,
} from './design.js';
export {
  generatePersonalServices2017,
  PERSONAL_SERVICES_2017_COLUMNS,
  type PersonalServices2017Params,
  type PersonalServices2017Row,
  type PersonalServices2017Seeds,
  type ServicesEducation,
  type ServicesGender,
  type ServicesRegion,
} from './generator.js';
export { PERSONAL_SERVICES_2017_PARAMS, PERSONAL_SERVICES_2017_SEEDS } from './params.js';
export {
  type OutcomeAtMonth,
  PERSONAL_SERVICES_CONFIG,
  type PersonalServicesComparison,
  type PersonalServicesComparisonKey,
  type PersonalServicesConfig,
  type PersonalServicesResult,
  personalServices2017,
  reliance,
} from './report.js';
export {
  personalServicesDocument,
  personalServicesMarkdown,
} from './report-document.js';
export { PERSONAL_SERVICES_2017_STUDY } from './study.js';
