/**
 * Every committed data file and how to rebuild it. `scripts/make-data.ts` writes them and
 * `data/SHA256SUMS`; `tests/synth/` regenerates them and compares the hashes. Add a generator
 * here and it is picked up by both.
 */

import { toCsv } from './csv.js';
import { DEN_HAAG_COLUMNS, generateDenHaag } from './den-haag.js';
import { DEN_HAAG_PARAMS, DEN_HAAG_SEEDS } from './den-haag-params.js';
import { generateIntensive2012, intensive2012ToCsv } from './intensive-2012.js';
import { INTENSIVE_2012_PARAMS, INTENSIVE_2012_SEED } from './intensive-2012-params.js';
import { generateNationalBenchmark, NATIONAL_BENCHMARK_COLUMNS } from './national-benchmark.js';
import {
  generatePersonalServices2017,
  PERSONAL_SERVICES_2017_COLUMNS,
} from './personal-services-2017.js';
import {
  PERSONAL_SERVICES_2017_PARAMS,
  PERSONAL_SERVICES_2017_SEEDS,
} from './personal-services-2017-params.js';
import { generateScanPopulation, SCAN_POPULATION_COLUMNS } from './scan-population.js';
import { SCAN_POPULATION_2023, SCAN_POPULATION_2024 } from './scan-population-params.js';

/** A generated data file. */
export interface Dataset {
  /** File name inside `data/`. */
  readonly file: string;
  /** One line for listings. */
  readonly description: string;
  /** The file's exact text. */
  readonly build: () => string;
}

export const DATASETS: readonly Dataset[] = [
  {
    file: 'den-haag-pilot.csv',
    description: 'Den Haag pilot "WW (niet) naar bijstand": 12,191 synthetic clients',
    build: () => toCsv(DEN_HAAG_COLUMNS, generateDenHaag(DEN_HAAG_SEEDS, DEN_HAAG_PARAMS)),
  },
  {
    file: 'den-haag-national-benchmark.csv',
    description: 'Rest of the Netherlands, decile 1: cumulative flow into bijstand, months 1–24',
    build: () => toCsv(NATIONAL_BENCHMARK_COLUMNS, generateNationalBenchmark()),
  },
  {
    file: 'intensive-vs-basic-2012.csv',
    description: 'Intensive versus basic services 2012–2013: 9,237 synthetic clients',
    build: () =>
      intensive2012ToCsv(generateIntensive2012(INTENSIVE_2012_SEED, INTENSIVE_2012_PARAMS)),
  },
  {
    file: 'personal-services-2017.csv',
    description: 'Personal services in WW 2017–2018 (80/10/10): 60,000 synthetic clients',
    build: () =>
      toCsv(
        PERSONAL_SERVICES_2017_COLUMNS,
        generatePersonalServices2017(PERSONAL_SERVICES_2017_SEEDS, PERSONAL_SERVICES_2017_PARAMS),
      ),
  },
  {
    file: 'scan-population-2023.csv',
    description: 'Maatwerkscan review, national WW outflow 2023: 227,600 synthetic clients',
    build: () => toCsv(SCAN_POPULATION_COLUMNS, generateScanPopulation(SCAN_POPULATION_2023)),
  },
  {
    file: 'scan-population-2024.csv',
    description:
      'Maatwerkscan review, national WW outflow 2024 (shifted): 220,000 synthetic clients',
    build: () => toCsv(SCAN_POPULATION_COLUMNS, generateScanPopulation(SCAN_POPULATION_2024)),
  },
];
