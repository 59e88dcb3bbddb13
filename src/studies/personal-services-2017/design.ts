/**
 * The design of the personal-services experiment 2017–2018, written once: the three arms and
 * their intended weights (80/10/10), the inflow window, the longest follow-up and the adjustment
 * covariates. The generator and the report's defaults read these.
 */

/** Assigned arm. */
export type ServicesArm = 'service' | 'control_enforcement' | 'control_none';

/** The three arms in design order, with their intended weights (80/10/10). */
export const SERVICES_ARMS: readonly ServicesArm[] = [
  'service',
  'control_enforcement',
  'control_none',
];
export const SERVICES_WEIGHTS: Readonly<Record<ServicesArm, number>> = {
  service: 0.8,
  control_enforcement: 0.1,
  control_none: 0.1,
};

/** First and last inflow day (inclusive) and the longest follow-up. */
export const SERVICES_INFLOW_START = '2017-12-01';
export const SERVICES_INFLOW_END = '2018-12-31';
export const SERVICES_MAX_FOLLOWUP = 30;

/** The background characteristics used for adjustment (column names of the data). */
export const PERSONAL_SERVICES_2017_COVARIATES = [
  'gender',
  'age',
  'education',
  'prior_ww',
  'region',
  'ww_entitlement_months',
] as const;
