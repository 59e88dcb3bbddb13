/**
 * The calibrated parameters of the synthetic scan populations 2023 and 2024, as found by
 * `scripts/calibrate-scan-population.ts` (procedure: `docs/synthetic-data.md`).
 */

import type { ScanPopulationParams } from './generator.js';

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
  intercept: -1.642,
  scale: 1.2,
  priorWeight: 2.225,
  supplementWeight: 0.6938,
  monthsLeftWeight: -0.1962,
};

/**
 * 2024: the 2023 model with a modest, documented shift. Features: wages indexed by 8 %, more
 * clients with income besides WW (27 % instead of 20 %), entitlements two months shorter, an
 * older inflow (mean age 43.5 instead of 41), more clients with prior bijstand and with a
 * supplement. Outcome model: the supplement's weight falls from 0.69 to 0.30. Seed 2024.
 */
export const SCAN_POPULATION_2024: ScanPopulationParams = {
  ...SCAN_POPULATION_2023,
  year: 2024,
  n: 220_000,
  seed: 2024,
  ageMean: 45,
  otherIncomeShare: 0.3,
  wageIndex: 1.08,
  entitlementShift: -3.5,
  priorBijstandLogit: -2.5,
  supplementLogit: -2.8,
  intercept: -1.9,
  supplementWeight: 0.3,
};
