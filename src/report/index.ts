// Public API of src/report/. Re-exported by src/index.ts.
export {
  DEN_HAAG_PILOT_CONFIG,
  denHaagPilot,
  type PilotConfig,
  type PilotResult,
  pilotMarkdown,
  significanceText,
} from './den-haag-pilot.js';
export {
  INTENSIVE_2012_CONFIG,
  type Intensive2012Arm,
  type Intensive2012Config,
  type Intensive2012Exit,
  type Intensive2012ExitByGender,
  type Intensive2012Result,
  intensive2012,
  intensive2012Markdown,
} from './intensive-2012.js';
export {
  type OutcomeAtMonth,
  PERSONAL_SERVICES_CONFIG,
  type PersonalServicesComparison,
  type PersonalServicesComparisonKey,
  type PersonalServicesConfig,
  type PersonalServicesResult,
  personalServices2017,
  personalServicesMarkdown,
} from './personal-services-2017.js';
