/**
 * The calibrated parameters of the synthetic scan populations 2023 and 2024, as found by
 * `scripts/calibrate-scan-population.ts` (procedure: `docs/synthetic-data.md`).
 */

import type { ScanPopulationParams } from './scan-population.js';

/** 2023: 227,600 clients (the published WW outflow of 2023), calibrated to the scan's margins. */
export const SCAN_POPULATION_2023: ScanPopulationParams = {
  year: 2023,
  n: 227_600,
  seed: 1,
  ageMean: 41,
  womanShare: 0.45,
  singleShare: 0.42,
  otherIncomeShare: 0.2,
  wageIndex: 1,
  entitlementShift: 0,
  priorBijstandLogit: -2.9,
  supplementLogit: -3.2,
  intercept: -2.5,
  scale: 1.2,
  priorWeight: 2,
  supplementWeight: 1.2,
  monthsLeftWeight: -0.12,
};

/**
 * 2024: the 2023 model with a modest, documented shift: wages indexed by 6 %, more clients with
 * income besides WW (24 % instead of 20 %), entitlements one month shorter, an older inflow
 * (mean age 42.5), more supplements, and a weaker link between the supplement and bijstand.
 */
export const SCAN_POPULATION_2024: ScanPopulationParams = {
  ...SCAN_POPULATION_2023,
  year: 2024,
  n: 220_000,
  seed: 2024,
  ageMean: 42.5,
  otherIncomeShare: 0.24,
  wageIndex: 1.06,
  entitlementShift: -1,
  supplementLogit: -2.9,
  supplementWeight: 0.8,
};
