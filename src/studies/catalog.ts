/**
 * The light registry of studies: each study's command-line name, its title and what `reproduce
 * --help` says of its reproduction, with a loader that imports the study's module only when it
 * is used. Listings (`effectmeting reproduce --help`) read this file alone; `reproduce <study>`
 * loads the one study it runs, not every study's generator and report. Each study's `study.ts`
 * takes its name and title from here, so they are written once; `registry.ts` holds the loaded
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

/** A study as listings show it, before its module is loaded. */
export interface StudyListing {
  /** Name on the command line, e.g. `den-haag`. */
  readonly name: string;
  /** Description for listings (pre-wrapped for the help text). */
  readonly title: string;
  /** Present exactly when the study has a reproduction. */
  readonly reproduction?: StudyListingReproduction;
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
  reproduction: {
    charts: true,
    benchmarkHelp:
      'monthly benchmark line with columns month, share (default\n' +
      '                       data/den-haag-national-benchmark.csv when present)',
  },
} as const satisfies StudyListing;

/** Intensive versus basic services 2012–2013, as listed. */
export const INTENSIVE_2012_LISTING = {
  name: 'intensive-2012',
  title:
    'intensive versus basic services (2012-2013, BSN parity): assignment audit, Tables 4.1,\n' +
    '                   4.3-4.6, 5.1-5.4 and Annex B.1 in the published layout',
  reproduction: { charts: true },
} as const satisfies StudyListing;

/** Personal services in WW 2017–2018, as listed. */
export const PERSONAL_SERVICES_2017_LISTING = {
  name: 'personal-services-2017',
  title:
    'personal services in WW (2017-2018, 80/10/10): job-finding and WW reliance within 12\n' +
    '                   months, service versus control and enforcement alone',
  reproduction: { charts: true },
} as const satisfies StudyListing;

/** The Maatwerkscan review populations (data only), as listed. */
export const SCAN_POPULATION_LISTING = {
  name: 'scan-population',
  title: 'the Maatwerkscan review populations, national WW outflow 2023 and 2024',
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
