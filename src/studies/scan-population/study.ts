/** The national scan populations of the yearly model review (data only: no reproduction). */

import { SCAN_POPULATION_LISTING } from '../catalog.js';
import { toCsv } from '../shared/csv.js';
import type { Study } from '../study.js';
import { generateScanPopulation, SCAN_POPULATION_COLUMNS } from './generator.js';
import { SCAN_POPULATION_2023, SCAN_POPULATION_2024 } from './params.js';

const [FILE_2023, FILE_2024] = SCAN_POPULATION_LISTING.files;

/** The Maatwerkscan review populations 2023 and 2024 (used by `effectmeting review`). */
export const SCAN_POPULATION_STUDY: Study = {
  name: SCAN_POPULATION_LISTING.name,
  title: SCAN_POPULATION_LISTING.title,
  datasets: [
    {
      file: FILE_2023,
      description: 'Maatwerkscan review, national WW outflow 2023: 227,600 synthetic clients',
      generate: () => toCsv(SCAN_POPULATION_COLUMNS, generateScanPopulation(SCAN_POPULATION_2023)),
    },
    {
      file: FILE_2024,
      description:
        'Maatwerkscan review, national WW outflow 2024 (shifted): 220,000 synthetic clients',
      generate: () => toCsv(SCAN_POPULATION_COLUMNS, generateScanPopulation(SCAN_POPULATION_2024)),
    },
  ],
};
