// The national scan populations 2023 and 2024 of the yearly Maatwerkscan review: generator.
// (Targets and calibration are not exported: tests and scripts import them by path.)

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
} from './generator.js';
export { SCAN_POPULATION_2023, SCAN_POPULATION_2024 } from './params.js';
export { SCAN_POPULATION_STUDY } from './study.js';
