/**
 * The calibrated parameters and seeds of the synthetic personal-services experiment
 * (2017–2018), as found by `scripts/calibrate-personal-services-2017.ts` (procedure:
 * `docs/synthetic-data.md`).
 */

import type { PersonalServices2017Params, PersonalServices2017Seeds } from './generator.js';

/** Parameters of the structural model. */
export const PERSONAL_SERVICES_2017_PARAMS: PersonalServices2017Params = {
  n: 60_000,
  jobIntercept: -2.75,
  frailtySd: 0.6,
  otherExitRate: 0.01,
  fullResumption: 0.72,
  partialExitRate: 0.04,
  serviceJobPull: 0.0723,
  serviceSickExit: 0.1417,
  enforcementPull: 0.5,
  enforcementFrom: 7,
  enforcementTo: 13,
  enforcementShift: 4,
  censoringRate: 0.001,
};

/** Seeds of the two random streams. */
export const PERSONAL_SERVICES_2017_SEEDS: PersonalServices2017Seeds = {
  population: 2017,
  outcomes: 1,
};
