/**
 * The calibrated parameters and seed of the synthetic 2012–2013 experiment, as found by
 * `scripts/calibrate-intensive-2012.ts write` (procedure: `docs/synthetic-data.md`). Written by
 * that script; do not edit by hand.
 */

import type { Intensive2012Params } from './generator.js';

/** Seed of all random streams. */
export const INTENSIVE_2012_SEED = 8;

/** Parameters of the generator. */
export const INTENSIVE_2012_PARAMS: Intensive2012Params = {
  entrySlope: -0.0914,
  lateExitHazard: 0.03,
  lateJobShare: 0.4,
  prognosis: {
    age: {
      '<35': 0.35,
      '35-45': 0,
      '45+': -0.55,
      unknown: 0,
    },
    household: {
      single: -0.1,
      single_with_child: -0.3,
      cohabiting: 0.1,
      unknown: 0,
    },
    office: [0.05, -0.3, -0.35, 0.1, 0.3, 0],
    noise: 1,
    jobAge: {
      '<35': 0.3,
      '35-45': 0,
      '45+': -0.5,
      unknown: 0,
    },
  },
  ageTilt: {
    basic: {
      man: 0.01,
      woman: -0.01,
    },
    intensive: {
      man: -0.01,
      woman: 0.01,
    },
  },
  backOnBenefit: {
    basic: 46,
    intensive: 42,
  },
  timing: {
    basic: {
      exitSkew: 2.5273,
      jobCoverage: 1.3197,
      overlap: 0.865,
    },
    intensive: {
      exitSkew: 3.0771,
      jobCoverage: 1.2787,
      overlap: 0.8333,
    },
  },
  jobs: {
    basic: {
      permanent: 0.182,
      firstJobDays: 149.7,
      nJobs: 1.6,
      partTime: 0.75,
      wage: 14,
    },
    intensive: {
      permanent: 0.171,
      firstJobDays: 151.3,
      nJobs: 1.6,
      partTime: 0.75,
      wage: 14.04,
    },
  },
  followed15: {
    basic: {
      man: 1861,
      woman: 1437,
      unknown: 2,
    },
    intensive: {
      man: 1680,
      woman: 1509,
      unknown: 1,
    },
  },
  outcomes: {
    basic: {
      man: {
        long: {
          exits: [223, 210, 186, 120, 104, 92, 71, 65, 61, 44, 15, 15],
          jobs: [136, 129, 113, 62, 54, 48, 33, 30, 29, 7, 6, 6],
        },
        short: {
          exits: [121, 114, 100, 65, 57, 50, 39, 35, 33, 44, 5],
          jobs: [81, 76, 67, 37, 32, 29, 20, 18, 17, 13, 2],
        },
      },
      woman: {
        long: {
          exits: [145, 136, 120, 98, 86, 75, 54, 50, 46, 69, 23, 23],
          jobs: [83, 79, 69, 43, 37, 32, 20, 19, 17, 10, 10, 9],
        },
        short: {
          exits: [35, 33, 30, 24, 20, 18, 13, 12, 12, 17, 2],
          jobs: [16, 15, 13, 8, 7, 6, 4, 4, 3, 5, 1],
        },
      },
      unknown: {
        long: {
          exits: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0],
          jobs: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0],
        },
        short: {
          exits: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
          jobs: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        },
      },
    },
    intensive: {
      man: {
        long: {
          exits: [202, 190, 168, 115, 100, 87, 68, 63, 59, 40, 14, 13],
          jobs: [125, 118, 104, 57, 50, 44, 33, 31, 29, 6, 6, 5],
        },
        short: {
          exits: [131, 124, 110, 74, 65, 57, 45, 41, 38, 41, 5],
          jobs: [91, 86, 75, 41, 36, 32, 25, 22, 21, 12, 2],
        },
      },
      woman: {
        long: {
          exits: [159, 150, 132, 106, 92, 80, 70, 65, 61, 73, 24, 24],
          jobs: [92, 87, 76, 49, 43, 37, 33, 30, 28, 10, 10, 10],
        },
        short: {
          exits: [39, 37, 33, 26, 22, 20, 17, 16, 15, 21, 2],
          jobs: [20, 19, 16, 10, 9, 8, 7, 7, 6, 6, 1],
        },
      },
      unknown: {
        long: {
          exits: [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
          jobs: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        },
        short: {
          exits: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
          jobs: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        },
      },
    },
  },
};
