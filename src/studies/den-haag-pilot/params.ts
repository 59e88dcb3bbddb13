/**
 * The calibrated parameters and seeds of the synthetic Den Haag pilot, as found by
 * `calibrate.ts` (procedure: `docs/synthetic-data.md`).
 */

import type { DenHaagParams, DenHaagSeeds } from './generator.js';

/** Parameters of the structural model. */
export const DEN_HAAG_PARAMS: DenHaagParams = {
  scanIntercept: -3.8882,
  scanScale: 0.6383,
  bijstandIntercept: 1.1234,
  scanSlope: 3.4204,
  covariateStrength: 2.8809,
  noiseSd: 0.5,
  earlyShare: 0.15,
  delayMean: 1.5,
  workHazard: 0.08,
  workHazardAfterBijstand: 0.03,
  preventionMax: 0.8677,
  preventionLag: 0,
  preventionBuildUp: 1,
  workBoost: 0.2817,
  preventionEnd: 16,
  conversationSkew: 1.6,
  censoringRate: 0.045,
  censoredDecile1: { experiment: 40, control: 11 },
};

/** Seeds of the four random streams. */
export const DEN_HAAG_SEEDS: DenHaagSeeds = {
  population: 30,
  control: 6698,
  experiment: 29500,
  other: 3,
};
