/**
 * Synthetic reconstruction of the UWV experiment "personal services in WW" (effectmeting
 * persoonlijke dienstverlening WW): everybody who flowed into WW between 1 Dec 2017 and
 * 31 Dec 2018 was randomly assigned to the service group (80 %), a control group with
 * enforcement (handhaving, 10 %) or a control group without enforcement (10 %), and followed
 * for at most 30 months. One row per client.
 *
 * The real microdata are not public. This generator draws 60,000 clients (a reduced-scale
 * reconstruction; see `docs/synthetic-data.md` for why this size), assigns each one an arm by
 * an independent 80/10/10 draw, and simulates potential outcomes from a structural model:
 *
 * - without service and without enforcement, the month of the first job is geometric with a
 *   client-specific monthly hazard (a logistic index of age, education, prior WW, gender,
 *   region and unobserved heterogeneity); a job is a full resumption (WW ends that month) or
 *   partial (WW continues at a reduced level and ends after a geometric delay); other exits
 *   (sickness benefit ZW/WIA, other benefits, …) have their own hazard; the claim ends after
 *   the entitlement at the latest;
 * - personal service brings a first job forward into months 2–12 for some clients who would
 *   otherwise have found one only in months 13–30 (more so for clients with a high job
 *   chance), and leads some clients with a low job chance to leave WW without work (the
 *   reported flow into ZW/WIA after an invitation);
 * - enforcement makes some clients whose claim would end without work in months
 *   `enforcementFrom`–`enforcementTo` leave WW a few months earlier; it never changes jobs.
 *   Service-group clients receive enforcement too (the service includes it).
 *
 * Every client draws the same uniforms in the same order whatever the parameters (common
 * random numbers), so the calibration in `scripts/calibrate-personal-services-2017.ts` moves
 * outcomes smoothly. The parameters were found there (see `docs/synthetic-data.md`); this
 * module never sees a published figure. The data are synthetic and describe no real person.
 *
 * Everything is a pure function of the seeds and the parameters.
 */

import { type Draws, streamRng } from '../shared/random.js';
import {
  SERVICES_INFLOW_END,
  SERVICES_INFLOW_START,
  SERVICES_MAX_FOLLOWUP,
  type ServicesArm,
} from './design.js';

export type ServicesGender = 'man' | 'woman';
export type ServicesEducation = 'low' | 'middle' | 'high';
export type ServicesRegion = 'north' | 'east' | 'south' | 'west';

/** One client. Column order of the CSV follows `PERSONAL_SERVICES_2017_COLUMNS`. */
export interface PersonalServices2017Row {
  /** Pseudonym `PS000001` …, in order of inflow. */
  readonly id: string;
  readonly arm: ServicesArm;
  /** Day of inflow into WW, ISO `YYYY-MM-DD`. */
  readonly inflow_date: string;
  /** Months observed since inflow (30, or fewer when censored: death, emigration). */
  readonly followup_months: number;
  /** First month (1-based, since inflow) with a job; empty if none observed. */
  readonly month_job: number | null;
  /** First month without WW benefit (exit from WW); empty if still on WW at the end. */
  readonly month_ww_exit: number | null;
  /** Months with WW benefit among months 1–12; empty if censored before month 12 on WW. */
  readonly months_on_ww_12: number | null;
  readonly gender: ServicesGender;
  readonly age: number;
  readonly education: ServicesEducation;
  /** Had a WW benefit before (0/1). */
  readonly prior_ww: 0 | 1;
  readonly region: ServicesRegion;
  /** Maximum WW duration of the claim, months (3–24). */
  readonly ww_entitlement_months: number;
}

/** CSV column order. */
export const PERSONAL_SERVICES_2017_COLUMNS: readonly (keyof PersonalServices2017Row)[] = [
  'id',
  'arm',
  'inflow_date',
  'followup_months',
  'month_job',
  'month_ww_exit',
  'months_on_ww_12',
  'gender',
  'age',
  'education',
  'prior_ww',
  'region',
  'ww_entitlement_months',
];

/** Independent random streams. */
export interface PersonalServices2017Seeds {
  /** Covariates, inflow dates, arms, censoring. */
  readonly population: number;
  /** The outcome uniforms of every client. */
  readonly outcomes: number;
}

/** Parameters of the structural model; all fixed or found by the calibration script. */
export interface PersonalServices2017Params {
  /** Number of clients. */
  readonly n: number;
  /** Logit of the monthly job hazard at the reference client (age 41, middle education). */
  readonly jobIntercept: number;
  /** Standard deviation of the unobserved heterogeneity in the job logit. */
  readonly frailtySd: number;
  /** Monthly hazard of leaving WW without a job (ZW/WIA, other benefit, …) at the reference. */
  readonly otherExitRate: number;
  /** Share of first jobs that end WW at once (full resumption). */
  readonly fullResumption: number;
  /** Monthly hazard of leaving WW after a partial resumption. */
  readonly partialExitRate: number;
  /**
   * Service: probability (times 0.5 + the client's 12-month job chance) that a first job of
   * months 13–30 is brought forward into months 2–12.
   */
  readonly serviceJobPull: number;
  /**
   * Service: probability (times 1 − the client's 12-month job chance) of an extra exit from
   * WW without work in months 3–12 (sickness reported after the invitation).
   */
  readonly serviceSickExit: number;
  /** Enforcement: probability that a non-job exit in the window comes earlier. */
  readonly enforcementPull: number;
  /** Enforcement window: first and last month of the non-job exits it brings forward. */
  readonly enforcementFrom: number;
  readonly enforcementTo: number;
  /** Enforcement: largest number of months an exit comes earlier (uniform 1…shift). */
  readonly enforcementShift: number;
  /** Monthly probability of leaving observation (death, emigration). */
  readonly censoringRate: number;
}

const DAY_MS = 86_400_000;
// ISO dates without a time are UTC midnight.
const START_MS = Date.parse(SERVICES_INFLOW_START);
const INFLOW_DAYS = (Date.parse(SERVICES_INFLOW_END) - START_MS) / DAY_MS + 1; // 396

const EDUCATION: readonly ServicesEducation[] = ['low', 'middle', 'high'];
const EDUCATION_SHARE = [0.3, 0.42, 0.28];
const EDUCATION_EFFECT = [-0.3, 0, 0.25];
const REGIONS: readonly ServicesRegion[] = ['north', 'east', 'south', 'west'];
const REGION_SHARE = [0.12, 0.22, 0.22, 0.44];
const REGION_EFFECT = [-0.12, 0, 0.04, 0.1];

interface Person {
  readonly day: number;
  readonly order: number;
  readonly arm: ServicesArm;
  readonly gender: ServicesGender;
  readonly age: number;
  readonly education: number;
  readonly priorWw: 0 | 1;
  readonly region: number;
  readonly entitlement: number;
  readonly censor: number;
  /** Outcome uniforms, drawn for everybody in a fixed order. */
  readonly u: Float64Array;
}

const U_COUNT = 11;

function pick(rng: Draws, shares: readonly number[]): number {
  const u = rng.next();
  let acc = 0;
  for (let i = 0; i < shares.length; i++) {
    acc += shares[i]!;
    if (u < acc) return i;
  }
  return shares.length - 1;
}

/** Month (1-based) of a geometric event with monthly probability h, or Infinity beyond `max`. */
function geometric(u: number, h: number, max: number): number {
  if (h <= 0) return Number.POSITIVE_INFINITY;
  if (h >= 1) return 1;
  const m = Math.ceil(Math.log(1 - u) / Math.log(1 - h));
  const month = Math.max(1, m);
  return month > max ? Number.POSITIVE_INFINITY : month;
}

function population(seeds: PersonalServices2017Seeds, p: PersonalServices2017Params): Person[] {
  const rng = streamRng(seeds.population, 1);
  const out = streamRng(seeds.outcomes, 2);
  const people: Person[] = [];
  for (let i = 0; i < p.n; i++) {
    const day = rng.int(INFLOW_DAYS);
    const a = rng.next();
    const arm: ServicesArm = a < 0.8 ? 'service' : a < 0.9 ? 'control_enforcement' : 'control_none';
    const gender: ServicesGender = rng.next() < 0.45 ? 'woman' : 'man';
    const age = Math.min(66, Math.max(18, Math.round(41 + 12 * rng.normal())));
    const education = pick(rng, EDUCATION_SHARE);
    const priorWw: 0 | 1 = rng.next() < 0.3 ? 1 : 0;
    const region = pick(rng, REGION_SHARE);
    const entitlement = 3 + Math.floor(rng.next() * Math.min(22, 2 + (age - 18) * 0.8));
    const censorMonth = geometric(rng.next(), p.censoringRate, SERVICES_MAX_FOLLOWUP);
    const censor = Number.isFinite(censorMonth) ? censorMonth : SERVICES_MAX_FOLLOWUP;
    const u = new Float64Array(U_COUNT);
    for (let k = 0; k < U_COUNT; k++) u[k] = out.next();
    u[0] = out.normal(); // frailty
    people.push({
      day,
      order: i,
      arm,
      gender,
      age,
      education,
      priorWw,
      region,
      entitlement,
      censor,
      u,
    });
  }
  people.sort((x, y) => x.day - y.day || x.order - y.order);
  return people;
}

/** Outcomes of one client under its arm. Months are 1-based; Infinity = not within 30. */
function outcomes(q: Person, p: PersonalServices2017Params): { job: number; exit: number } {
  const u = q.u;
  const M = SERVICES_MAX_FOLLOWUP;
  const lin =
    p.jobIntercept -
    0.035 * (q.age - 41) +
    EDUCATION_EFFECT[q.education]! -
    0.2 * q.priorWw -
    (q.gender === 'woman' ? 0.05 : 0) +
    REGION_EFFECT[q.region]! +
    p.frailtySd * u[0]!;
  const h = 1 / (1 + Math.exp(-lin));
  const chance = 1 - (1 - h) ** 12;
  const otherRate = p.otherExitRate * Math.exp(0.03 * (q.age - 41) + (q.education === 0 ? 0.3 : 0));

  let job = geometric(u[1]!, h, M);
  const full = u[2]! < p.fullResumption;
  const partialDelay = geometric(u[3]!, p.partialExitRate, M);
  let other = geometric(u[4]!, otherRate, M);

  if (q.arm === 'service') {
    if (job > 12 && job <= M && u[5]! < p.serviceJobPull * (0.5 + chance)) {
      job = 2 + Math.floor(u[6]! * 11);
    }
    if (u[7]! < p.serviceSickExit * (1 - chance)) {
      other = Math.min(other, 3 + Math.floor(u[8]! * 10));
    }
  }

  const jobExit = job === Number.POSITIVE_INFINITY ? job : full ? job : job + partialDelay;
  const nonJobExit = Math.min(other, q.entitlement + 1);
  let exit = Math.min(jobExit, nonJobExit);
  if (
    q.arm !== 'control_none' &&
    nonJobExit < jobExit &&
    exit >= p.enforcementFrom &&
    exit <= p.enforcementTo &&
    u[9]! < p.enforcementPull
  ) {
    exit = Math.max(2, exit - 1 - Math.floor(u[10]! * p.enforcementShift));
  }
  return { job, exit: exit > M ? Number.POSITIVE_INFINITY : exit };
}

function isoDay(day: number): string {
  return new Date(START_MS + day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Generates the synthetic clients, sorted by inflow day, ids `PS000001`… in that order.
 *
 * @example
 * const rows = generatePersonalServices2017(PERSONAL_SERVICES_2017_SEEDS, PERSONAL_SERVICES_2017_PARAMS);
 * rows.length; // 60000
 */
export function generatePersonalServices2017(
  seeds: PersonalServices2017Seeds,
  params: PersonalServices2017Params,
): PersonalServices2017Row[] {
  return population(seeds, params).map((q, i) => {
    const { job, exit } = outcomes(q, params);
    const f = q.censor;
    const monthJob = job <= f ? job : null;
    const monthExit = exit <= f ? exit : null;
    const onWw12 = monthExit !== null && monthExit <= 12 ? monthExit - 1 : f >= 12 ? 12 : null;
    return {
      id: `PS${String(i + 1).padStart(6, '0')}`,
      arm: q.arm,
      inflow_date: isoDay(q.day),
      followup_months: f,
      month_job: monthJob,
      month_ww_exit: monthExit,
      months_on_ww_12: onWw12,
      gender: q.gender,
      age: q.age,
      education: EDUCATION[q.education]!,
      prior_ww: q.priorWw,
      region: REGIONS[q.region]!,
      ww_entitlement_months: q.entitlement,
    };
  });
}
