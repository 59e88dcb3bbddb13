// Public API of src/studies/: the registry of published studies and each study's analysis,
// report, generator and planning question. Re-exported by src/index.ts.

export * from './den-haag-pilot/index.js';
export * from './intensive-2012/index.js';
export * from './personal-services-2017/index.js';
export { findStudy, STUDIES, studyDatasets } from './registry.js';
export * from './scan-population/index.js';
export type { ScanFeatureRow } from './shared/scan-feature-row.js';
export type {
  Study,
  StudyBenchmark,
  StudyDataset,
  StudyPlanning,
  StudyReport,
  StudyReproduction,
  StudySource,
} from './study.js';
