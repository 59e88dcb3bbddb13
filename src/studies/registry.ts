/**
 * The registry of loaded studies: `npm run data` writes every study's datasets, `effectmeting
 * power --pilot` asks the study with a planning question. Its light twin is `catalog.ts` (names,
 * titles and a loader per study, in the same order), from which `effectmeting reproduce` lists
 * the studies and loads the one it runs. Add a study to both (its name and title in the catalog,
 * which its `study.ts` reads); `tests/studies/registry.test.ts` checks that they agree.
 */
import { DEN_HAAG_STUDY } from './den-haag-pilot/study.js';
import { INTENSIVE_2012_STUDY } from './intensive-2012/study.js';
import { PERSONAL_SERVICES_2017_STUDY } from './personal-services-2017/study.js';
import { SCAN_POPULATION_STUDY } from './scan-population/study.js';
import type { Study, StudyDataset } from './study.js';

/** Every study, in the order of listings. */
export const STUDIES: readonly Study[] = [
  DEN_HAAG_STUDY,
  INTENSIVE_2012_STUDY,
  PERSONAL_SERVICES_2017_STUDY,
  SCAN_POPULATION_STUDY,
];

/**
 * The study with this command-line name, or undefined.
 *
 * @example
 * findStudy('den-haag')?.reproduction?.stem; // 'den-haag-pilot'
 */
export function findStudy(name: string): Study | undefined {
  return STUDIES.find((s) => s.name === name);
}

/**
 * Every generated data file of every study, in registry order.
 *
 * @example
 * studyDatasets().map((d) => d.file); // ['den-haag-pilot.csv', 'den-haag-national-benchmark.csv', …]
 */
export function studyDatasets(): readonly StudyDataset[] {
  return STUDIES.flatMap((s) => s.datasets);
}
