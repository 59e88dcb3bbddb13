/**
 * The light registry of studies: each study's command-line name, its title, its data files and
 * what `reproduce --help` and `power --help` say of it, with a loader that imports the study's
 * module only when it is used. Listings (`effectmeting reproduce --help`) read this file alone;
 * `reproduce <study>` and `power --pilot` load the one study they run, and `review` recognises the
 * shipped files from the names here, without loading any study. Each study's `study.ts` takes
 * its name, title, file names and help texts from here, so they are written once; `registry.ts` holds the loaded
 * studies (`STUDIES`) in the same order, and `tests/studies/registry.test.ts` checks that the two
 * agree.
 */
import type { Study } from './study.js';

/** What `reproduce --help` says of a study's reproduction. */
export interface StudyListingReproduction {
  /** Whether its HTML report has charts. */
  readonly charts: boolean;
  /** Help text of `reproduce --benchmark` for this study (pre-wrapped), where it has one. */
  readonly benchmarkHelp?: string;
}

/** What `power --help` says of a study's planning question. */
export interface StudyListingPlanning {
  /** "the Den Haag pilot": used in the command's summary. */
  readonly name: string;
  /** Help text of `power --pilot` (pre-wrapped). */
  readonly help: string;
}

/** A study as listings show it, before its module is loaded. */
export interface StudyListing {
  /** Name on the command line, e.g. `den-haag`. */
  readonly name: string;
  /** Description for listings (pre-wrapped for the help text). */
  readonly title: string;
  /**
   * The data files (in `data/`) the study's generators write, in the order of its `datasets`:
   * what `review` recognises as shipped synthetic files without loading any study.
   */
  readonly files: readonly string[];
  /** Present exactly when the study has a reproduction. */
  readonly reproduction?: StudyListingReproduction;
  /** Present exactly when the study has a planning question (`power --pilot`). */
  readonly planning?: StudyListingPlanning;
}

/** A listed study with the loader of its module. */
export interface StudyEntry extends StudyListing {
  /** Imports the study's module and returns the study (the same object as in `STUDIES`). */
  load(): Promise<Study>;
}

/** The Den Haag pilot, as listed. */
export const DEN_HAAG_LISTING = {
  name: 'den-haag',
  title:
    'the Den Haag pilot "WW (niet) naar bijstand" (2021-2022): assignment audit, participation\n' +
    '                   (Table 2), flow-through into bijstand per month (Figure 2a), raw and adjusted\n' +
    '                   effects per month (Figure 2b), first significant months, policy figures',
  files: ['den-haag-pilot.csv', 'den-haag-national-benchmark.csv'],
  reproduction: {
    charts: true,
    benchmarkHelp:
      'monthly benchmark line with columns month, share (default\n' +
      '                       data/den-haag-national-benchmark.csv when present)',
  },
  planning: {
    name: 'the Den Haag pilot',
    help:
      "the Den Haag pilot's question: what was detectable, and what a city\n" +
      "                          half Den Haag's size would need",
  },
} as const satisfies StudyListing;

/** Intensive versus basic services 2012–2013, as listed. */
export const INTENSIVE_2012_LISTING = {
  name: 'intensive-2012',
  title:
    'intensive versus basic services (2012-2013, BSN parity): assignment audit, Tables 4.1,\n' +
    '                   4.3-4.6, 5.1-5.4 and Annex B.1 in the published layout',
  files: ['intensive-vs-basic-2012.csv'],
  reproduction: { charts: true },
} as const satisfies StudyListing;

/** Personal services in WW 2017–2018, as listed. */
export const PERSONAL_SERVICES_2017_LISTING = {
  name: 'personal-services-2017',
  title:
    'personal services in WW (2017-2018, 80/10/10): job-finding and WW reliance within 12\n' +
    '                   months, service versus control and enforcement alone',
  files: ['personal-services-2017.csv'],
  reproduction: { charts: true },
} as const satisfies StudyListing;

/** The Maatwerkscan review populations (data only), as listed. */
export const SCAN_POPULATION_LISTING = {
  name: 'scan-population',
  title: 'the Maatwerkscan review populations, national WW outflow 2023 and 2024',
  files: ['scan-population-2023.csv', 'scan-population-2024.csv'],
} as const satisfies StudyListing;

/**
 * Every study, in the order of listings (that of `STUDIES`), each with a loader of its module.
 *
 * @example
 * const entry = STUDY_CATALOG.find((s) => s.name === 'den-haag');
 * entry?.title; // 'the Den Haag pilot "WW (niet) naar bijstand" (2021-2022): …' (nothing loaded)
 * (await entry?.load())?.reproduction?.stem; // 'den-haag-pilot'
 */
export const STUDY_CATALOG: readonly StudyEntry[] = [
  {
    ...DEN_HAAG_LISTING,
    load: async () => (await import('./den-haag-pilot/study.js')).DEN_HAAG_STUDY,
  },
  {
    ...INTENSIVE_2012_LISTING,
    load: async () => (await import('./intensive-2012/study.js')).INTENSIVE_2012_STUDY,
  },
  {
    ...PERSONAL_SERVICES_2017_LISTING,
    load: async () =>
      (await import('./personal-services-2017/study.js')).PERSONAL_SERVICES_2017_STUDY,
  },
  {
    ...SCAN_POPULATION_LISTING,
    load: async () => (await import('./scan-population/study.js')).SCAN_POPULATION_STUDY,
  },
];
