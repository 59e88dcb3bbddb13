/**
 * Synthetic reconstruction of the Den Haag pilot "WW (niet) naar bijstand" (UWV and the
 * municipality of Den Haag, 1 Oct 2021 – 30 Sep 2022), one row per client.
 *
 * The real microdata are not public. This generator draws a population with the nine risk-scan
 * features and the ten adjustment covariates, scores it with a logistic risk scan, cuts deciles,
 * assigns arms and participation with the published counts imposed exactly, and then simulates
 * monthly outcomes (first month in bijstand, first month in work) from a structural model in
 * which participation in the service prevents part of the bijstand entries, with an effect that
 * builds up after the first conversation. Parameters and seeds were found by
 * `calibrate.ts` (see `docs/synthetic-data.md`); the result is synthetic and
 * calibrated to the published margins — it describes no real person.
 *
 * Everything is a pure function of the seeds and the parameters.
 */

import { SCAN_FEATURES } from '../../scan/model.js';
import { type Draws, permutation, streamRng, weightedSample } from '../shared/random.js';
import type { ScanFeatureRow } from '../shared/scan-feature-row.js';
import { type Arm, DEN_HAAG_COUNTS, FOLLOW_UP } from './design.js';

/** Received service (Table 2 categories). */
export type Participation =
  | 'not_assessed'
  | 'assessed_no_conversation'
  | 'uwv_conversation'
  | 'three_way_conversation';

export type Gender = 'man' | 'woman';
export type Education = 'low' | 'middle' | 'high';
export type HouseholdType = 'single' | 'single_parent' | 'cohabiting' | 'cohabiting_with_children';
export type Industry =
  | 'temp_agency'
  | 'retail'
  | 'hospitality'
  | 'health_welfare'
  | 'business_services'
  | 'public_education'
  | 'transport_logistics'
  | 'manufacturing_construction'
  | 'other';

export const INDUSTRIES: readonly Industry[] = [
  'temp_agency',
  'retail',
  'hospitality',
  'health_welfare',
  'business_services',
  'public_education',
  'transport_logistics',
  'manufacturing_construction',
  'other',
];
const INDUSTRY_SHARE = [0.15, 0.12, 0.08, 0.13, 0.16, 0.1, 0.08, 0.1, 0.08];
/** Industry term of the latent bijstand index (see `DenHaagParams.covariateStrength`). */
const INDUSTRY_EFFECT = [0.55, 0.35, 0.45, 0.0, -0.35, -0.55, 0.15, -0.1, 0.1];

/** One client of the synthetic pilot. Column order of the CSV follows `DEN_HAAG_COLUMNS`. */
export interface DenHaagRow extends ScanFeatureRow {
  readonly id: string;
  readonly arm: Arm;
  // the nine risk-scan features: see ScanFeatureRow
  readonly risk: number;
  readonly decile: number;
  // adjustment covariates (prior_bijstand, ww_supplement, ww_entitlement_months shared)
  readonly gender: Gender;
  readonly education: Education;
  readonly age: number;
  readonly avg_weekly_hours: number;
  readonly household_type: HouseholdType;
  readonly ww_monthly_wage: number;
  readonly industry: Industry;
  // service and outcomes
  readonly participation: Participation;
  readonly month_bijstand: number | null;
  readonly month_work: number | null;
  readonly followup_months: number;
}

/** CSV column order. */
export const DEN_HAAG_COLUMNS: readonly (keyof DenHaagRow)[] = [
  'id',
  'arm',
  ...SCAN_FEATURES,
  'risk',
  'decile',
  'gender',
  'education',
  'age',
  'avg_weekly_hours',
  'household_type',
  'ww_monthly_wage',
  'industry',
  'participation',
  'month_bijstand',
  'month_work',
  'followup_months',
];

/** Independent random streams, one per stage, so each stage can be searched separately. */
export interface DenHaagSeeds {
  /** Features, scan, deciles, arms, participation, conversation months, censoring. */
  readonly population: number;
  /** Outcomes of the 240 decile-1 control clients. */
  readonly control: number;
  /** Outcomes of the 978 decile-1 experiment clients. */
  readonly experiment: number;
  /** Outcomes of everybody outside decile 1. */
  readonly other: number;
}

/** Parameters of the structural model. All found or fixed by `calibrate.ts`. */
export interface DenHaagParams {
  /** Scan: intercept of the logit (includes the constant municipality term). */
  readonly scanIntercept: number;
  /** Scan: multiplier of the scan's feature weights. */
  readonly scanScale: number;
  /** Latent bijstand propensity: intercept. */
  readonly bijstandIntercept: number;
  /** Latent bijstand propensity: slope on the scan's logit. */
  readonly scanSlope: number;
  /** Latent bijstand propensity: weight of the covariate index W (education, hours, …). */
  readonly covariateStrength: number;
  /** Latent bijstand propensity: standard deviation of unobserved heterogeneity. */
  readonly noiseSd: number;
  /** Share of bijstand entries that happen while WW still runs (supplementary bijstand). */
  readonly earlyShare: number;
  /** Mean delay (months) between the end of WW and the bijstand start. */
  readonly delayMean: number;
  /** Monthly hazard of finding work for clients who do not enter bijstand (at W = 0). */
  readonly workHazard: number;
  /** Monthly hazard of finding work after entering bijstand. */
  readonly workHazardAfterBijstand: number;
  /** Largest probability that a participant's bijstand entry is prevented. */
  readonly preventionMax: number;
  /** Months after the first conversation before prevention starts. */
  readonly preventionLag: number;
  /** Months over which the prevention probability builds up to its maximum. */
  readonly preventionBuildUp: number;
  /**
   * Probability that a participant who does not enter bijstand and has no work by month 24
   * finds work after the first conversation instead (the service also speeds up work).
   */
  readonly workBoost: number;
  /**
   * Last month in which an entry can be prevented: the service ran during the pilot year, and
   * entries that would have happened after this month are not affected.
   */
  readonly preventionEnd: number;
  /**
   * Timing of the first conversation: month = 1 + floor(12 · U^skew), U uniform; a skew above 1
   * puts most conversations early in the pilot year (the existing caseload was invited first).
   */
  readonly conversationSkew: number;
  /** Monthly-free censoring probability outside decile 1 (moved, died) before month 24. */
  readonly censoringRate: number;
  /**
   * Decile-1 clients censored before month 24, per arm. Derived from the published figures:
   * 229 of 240 control clients observed 24 months makes 41.5 % (95 / 229) consistent with
   * "(100)", "405" and "−7.2 pp"; 938 experiment clients makes 34.3 % (322 / 938, "336").
   */
  readonly censoredDecile1: { readonly experiment: number; readonly control: number };
}

// ---------------------------------------------------------------------------------------------
// Population

/** A client before outcomes are drawn (internal; exported for the calibration script). */
export interface DenHaagClient {
  readonly index: number;
  id: string;
  arm: Arm;
  prior_bijstand: 0 | 1;
  ww_entitlement_months: number;
  ww_months_left: number;
  ww_benefit: number;
  other_income: 0 | 1;
  ww_supplement: 0 | 1;
  age_at_ww_start: number;
  household_type: HouseholdType;
  gender: Gender;
  education: Education;
  age: number;
  avg_weekly_hours: number;
  ww_monthly_wage: number;
  industry: number;
  /** Scan logit before intercept and scale. */
  scanLinear: number;
  risk: number;
  decile: number;
  participation: Participation;
  /** First conversation month (participants only; 0 otherwise). */
  conversationMonth: number;
  followup: number;
  /** Latent covariate index W (not in the data). */
  w: number;
}

/**
 * A drawn client's ten covariates as the data hold them (industry as its label): the rows the
 * calibration and the simulation model build their model matrices from.
 *
 * @example
 * covariateValues(drawPopulation(seed, params)[0]!).industry // e.g. "retail"
 */
export function covariateValues(c: DenHaagClient) {
  return {
    gender: c.gender,
    education: c.education,
    age: c.age,
    avg_weekly_hours: c.avg_weekly_hours,
    prior_bijstand: c.prior_bijstand,
    ww_supplement: c.ww_supplement,
    household_type: c.household_type,
    ww_monthly_wage: c.ww_monthly_wage,
    ww_entitlement_months: c.ww_entitlement_months,
    industry: INDUSTRIES[c.industry]!,
  };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(Math.max(x, lo), hi);
}

function pickIndex(rng: Draws, shares: readonly number[]): number {
  const u = rng.next();
  let acc = 0;
  for (let i = 0; i < shares.length; i++) {
    acc += shares[i]!;
    if (u < acc) return i;
  }
  return shares.length - 1;
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Maximum monthly wage on which WW is based (approximately the 2022 cap). */
const WW_WAGE_CAP = 5_050;

/** Scan feature weights (before `scanScale`). The scan is a logistic score of these nine. */
function scanLinear(c: DenHaagClient): number {
  return (
    1.6 * c.prior_bijstand +
    1.1 * Math.exp(-(c.ww_months_left - 1) / 5) +
    -0.45 * (c.ww_benefit / 1000 - 1.5) +
    -0.35 * c.other_income +
    1.0 * c.ww_supplement +
    -0.012 * (c.age_at_ww_start - 40) +
    -0.03 * (c.ww_entitlement_months - 12) +
    (c.household_type === 'single' || c.household_type === 'single_parent' ? 0.4 : 0)
  );
}

/** Latent covariate index W: prognostic for bijstand beyond the scan. */
function covariateIndex(c: DenHaagClient): number {
  return (
    (c.education === 'low' ? 0.9 : c.education === 'high' ? -0.7 : 0) +
    (c.household_type === 'single_parent' ? 0.8 : c.household_type === 'single' ? 0.3 : 0) +
    -0.04 * (c.avg_weekly_hours - 30) +
    (INDUSTRY_EFFECT[c.industry] ?? 0) +
    0.6 * c.prior_bijstand +
    0.4 * c.ww_supplement +
    -0.35 * (c.ww_monthly_wage / 1000 - 2.8) +
    -0.02 * (c.ww_entitlement_months - 12) +
    (c.gender === 'woman' ? 0.1 : 0)
  );
}

/** Decile boundaries on the risk ranking: decile 1 has the published 1,218 clients. */
function decileBounds(): number[] {
  const first = DEN_HAAG_COUNTS.decile1.experiment + DEN_HAAG_COUNTS.decile1.control;
  const rest = DEN_HAAG_COUNTS.total - first;
  const b = [0, first];
  for (let d = 2; d <= 10; d++) b.push(first + Math.round(((d - 1) * rest) / 9));
  return b;
}

/**
 * Draws the population: features, scan, deciles, arms, participation, conversation months and
 * censoring. Uses only the `population` seed.
 */
export function drawPopulation(seed: number, params: DenHaagParams): DenHaagClient[] {
  const rng = streamRng(seed, 1);
  const n = DEN_HAAG_COUNTS.total;
  const clients: DenHaagClient[] = [];
  for (let i = 0; i < n; i++) {
    const gender: Gender = rng.bernoulli(0.47) ? 'woman' : 'man';
    const age = Math.round(clamp(41 + 12 * rng.normal(), 18, 66));
    const eduU = rng.next() + (age - 41) * 0.004;
    const education: Education = eduU < 0.33 ? 'middle' : eduU < 0.64 ? 'low' : 'high';
    const industry = pickIndex(rng, INDUSTRY_SHARE);
    const hours = Math.round(clamp((gender === 'woman' ? 27 : 34) + 8 * rng.normal(), 4, 40));
    const hourly =
      (education === 'low' ? 14.5 : education === 'middle' ? 18.5 : 27) *
      Math.exp(0.22 * rng.normal() + 0.006 * (age - 41));
    const wage = Math.round(hourly * hours * 4.33);
    const household_type = (
      ['single', 'single_parent', 'cohabiting', 'cohabiting_with_children'] as const
    )[pickIndex(rng, age < 30 ? [0.55, 0.06, 0.25, 0.14] : [0.33, 0.11, 0.27, 0.29])]!;
    const single = household_type === 'single' || household_type === 'single_parent';
    const priorP = logistic(
      -2.5 + (education === 'low' ? 0.9 : 0) + (household_type === 'single_parent' ? 0.8 : 0),
    );
    const prior_bijstand: 0 | 1 = rng.bernoulli(priorP) ? 1 : 0;
    const ent = Math.round(clamp(3 + 0.55 * (age - 18) + 3 * rng.normal(), 3, 24));
    // Existing caseload (any point of the entitlement) and new inflow (full entitlement left).
    const left = rng.bernoulli(0.3) ? ent : 1 + rng.int(ent);
    const other_income: 0 | 1 = rng.bernoulli(hours < 24 ? 0.3 : 0.15) ? 1 : 0;
    const baseBenefit = 0.7 * Math.min(wage, WW_WAGE_CAP);
    const benefit = Math.round(
      other_income ? baseBenefit * (0.35 + 0.45 * rng.next()) : baseBenefit,
    );
    // Toeslagenwet supplement: household income below the social minimum.
    const suppP = logistic(-2.2 + (1_450 - benefit) / 300 + (single ? 0 : 0.6));
    const ww_supplement: 0 | 1 = rng.bernoulli(suppP) ? 1 : 0;
    const elapsed = ent - left;
    const age_at_ww_start = age - Math.floor((elapsed + rng.int(12)) / 12);
    const c: DenHaagClient = {
      index: i,
      id: '',
      arm: 'control',
      prior_bijstand,
      ww_entitlement_months: ent,
      ww_months_left: left,
      ww_benefit: benefit,
      other_income,
      ww_supplement,
      age_at_ww_start,
      household_type,
      gender,
      education,
      age,
      avg_weekly_hours: hours,
      ww_monthly_wage: wage,
      industry,
      scanLinear: 0,
      risk: 0,
      decile: 0,
      participation: 'not_assessed',
      conversationMonth: 0,
      followup: FOLLOW_UP,
      w: 0,
    };
    c.scanLinear = scanLinear(c);
    c.w = covariateIndex(c);
    c.risk = logistic(params.scanIntercept + params.scanScale * c.scanLinear);
    clients.push(c);
  }

  // Deciles on the risk ranking (ties broken by draw order).
  const order = clients
    .map((c) => c.index)
    .sort((a, b) => clients[b]!.risk - clients[a]!.risk || a - b);
  const bounds = decileBounds();
  for (let d = 1; d <= 10; d++) {
    for (let r = bounds[d - 1]!; r < bounds[d]!; r++) clients[order[r]!]!.decile = d;
  }

  // Arms: exact counts, decile 1 and the rest each by a seeded shuffle.
  const d1 = order.slice(0, bounds[1]);
  const rest = order.slice(bounds[1]);
  assignArms(rng, d1, DEN_HAAG_COUNTS.decile1.experiment, clients);
  assignArms(rng, rest, DEN_HAAG_COUNTS.experiment - DEN_HAAG_COUNTS.decile1.experiment, clients);

  assignParticipation(rng, clients, d1, rest);

  // Conversation month of participants: the existing caseload was invited early in the pilot
  // year, the inflow later.
  for (const c of clients) {
    if (c.participation === 'uwv_conversation' || c.participation === 'three_way_conversation') {
      c.conversationMonth = 1 + Math.floor(12 * rng.next() ** params.conversationSkew);
    }
  }

  // Censoring (moved, died): exact counts in decile 1, a rate elsewhere.
  for (const arm of ['control', 'experiment'] as const) {
    const members = d1.filter((i) => clients[i]!.arm === arm);
    const perm = permutation(rng, members.length);
    for (let j = 0; j < params.censoredDecile1[arm]; j++) {
      clients[members[perm[j]!]!]!.followup = 1 + rng.int(FOLLOW_UP - 1);
    }
  }
  for (const i of rest) {
    if (rng.bernoulli(params.censoringRate)) clients[i]!.followup = 1 + rng.int(FOLLOW_UP - 1);
  }

  // Pseudonymous ids in random order.
  const ids = permutation(rng, n);
  for (let i = 0; i < n; i++) {
    clients[i]!.id = `DH${String(ids[i]! + 1).padStart(6, '0')}`;
  }
  return clients;
}

function assignArms(rng: Draws, members: number[], nExp: number, clients: DenHaagClient[]) {
  const perm = permutation(rng, members.length);
  for (let j = 0; j < members.length; j++) {
    clients[members[perm[j]!]!]!.arm = j < nExp ? 'experiment' : 'control';
  }
}

/**
 * Participation. Decile 1: the Table 2 counts exactly; advisers worked from the top of the
 * scan list, so the chance of being assessed and of a conversation rises mildly with the risk
 * rank (weights exp(0.3 z) and exp(0.3 z) again for three-way conversations, z = standardised
 * scan logit within the decile). Outside decile 1 (not published; our choice): in decile 2,
 * 6 % of experiment clients assessed without conversation, 3 % a UWV conversation and 1 % a
 * three-way conversation; in deciles 3–10, 1.5 % assessed without conversation and 0.5 % a UWV
 * conversation; control clients outside decile 1 are never assessed.
 */
function assignParticipation(
  rng: Draws,
  clients: DenHaagClient[],
  d1: number[],
  rest: number[],
): void {
  const zOf = (members: number[]) => {
    const xs = members.map((i) => clients[i]!.scanLinear);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length) || 1;
    return xs.map((x) => (x - mean) / sd);
  };
  const p1 = DEN_HAAG_COUNTS.participationDecile1;
  for (const arm of ['experiment', 'control'] as const) {
    const members = d1.filter((i) => clients[i]!.arm === arm);
    const z = zOf(members);
    const weightOf = new Map(members.map((m, j) => [m, Math.exp(0.3 * (z[j] ?? 0))]));
    const counts = p1[arm];
    const conv = weightedSample(
      rng,
      members,
      members.map((m) => weightOf.get(m)!),
      counts.uwv_conversation + counts.three_way_conversation,
    );
    const three = new Set(
      weightedSample(
        rng,
        conv,
        conv.map((m) => weightOf.get(m)!),
        counts.three_way_conversation,
      ),
    );
    for (const m of conv) {
      clients[m]!.participation = three.has(m) ? 'three_way_conversation' : 'uwv_conversation';
    }
    const convSet = new Set(conv);
    const left = members.filter((m) => !convSet.has(m));
    const assessed = weightedSample(
      rng,
      left,
      left.map((m) => weightOf.get(m)!),
      counts.assessed_no_conversation,
    );
    for (const m of assessed) clients[m]!.participation = 'assessed_no_conversation';
  }
  for (let d = 2; d <= 10; d++) {
    const members = rest.filter(
      (i) => clients[i]!.decile === d && clients[i]!.arm === 'experiment',
    );
    const shares: [Participation, number][] =
      d === 2
        ? [
            ['assessed_no_conversation', 0.06],
            ['uwv_conversation', 0.03],
            ['three_way_conversation', 0.01],
          ]
        : [
            ['assessed_no_conversation', 0.015],
            ['uwv_conversation', 0.005],
          ];
    const perm = permutation(rng, members.length);
    let j = 0;
    for (const [status, share] of shares) {
      const k = Math.round(share * members.length);
      for (let t = 0; t < k; t++) clients[members[perm[j++]!]!]!.participation = status;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Outcomes

/** Simulated first months of bijstand and work (null: not within follow-up). */
export interface Outcome {
  bijstand: number | null;
  work: number | null;
}

function geometric(rng: Draws, hazard: number): number {
  // Number of failures before the first success, hazard in (0, 1].
  if (hazard >= 1) return 0;
  return Math.floor(Math.log(1 - rng.next()) / Math.log(1 - hazard));
}

/**
 * Draws the outcome of one client: whether and when the client would enter bijstand without
 * the service, the first month of work, the prevention among participants, then censoring.
 */
export function drawOutcome(rng: Draws, c: DenHaagClient, params: DenHaagParams): Outcome {
  const u = rng.normal();
  const logit =
    params.bijstandIntercept +
    params.scanSlope * (params.scanIntercept + params.scanScale * c.scanLinear) +
    params.covariateStrength * c.w +
    params.noiseSd * u;
  const entersBijstand = rng.next() < logistic(logit);
  let bijstand: number | null = null;
  let work: number | null = null;
  const early = rng.next() < params.earlyShare;
  const timing = rng.next();
  const delay = geometric(rng, 1 / (1 + params.delayMean));
  const workGap = geometric(rng, params.workHazardAfterBijstand);
  const workU = rng.next();
  const preventU = rng.next();
  const newWorkU = rng.next();
  if (entersBijstand) {
    bijstand = early ? 1 + Math.floor(timing * c.ww_months_left) : c.ww_months_left + 1 + delay;
    work = bijstand + 1 + workGap;
  } else {
    const h = clamp(params.workHazard * Math.exp(-0.5 * c.w), 0.005, 0.6);
    work = 1 + Math.floor(Math.log(1 - workU) / Math.log(1 - h));
  }
  const s = c.conversationMonth;
  if (s > 0 && bijstand !== null && bijstand <= params.preventionEnd) {
    const ramp = (bijstand - s - params.preventionLag) / params.preventionBuildUp;
    const p = params.preventionMax * clamp(ramp, 0, 1);
    if (preventU < p) {
      work = s + 1 + Math.floor(newWorkU * (bijstand - s));
      bijstand = null;
    }
  }
  if (
    s > 0 &&
    bijstand === null &&
    (work === null || work > FOLLOW_UP) &&
    preventU < params.workBoost
  ) {
    work = s + 1 + Math.floor(newWorkU * (FOLLOW_UP - s));
  }
  const horizon = c.followup;
  return {
    bijstand: bijstand !== null && bijstand <= horizon ? bijstand : null,
    work: work !== null && work <= horizon ? work : null,
  };
}

/** Stage streams: one generator per seed and stage. */
export function outcomeStream(seed: number, stage: 'control' | 'experiment' | 'other'): Draws {
  return streamRng(seed, stage === 'control' ? 2 : stage === 'experiment' ? 3 : 4);
}

/** Index lists of the three outcome stages, in a fixed (draw) order. */
export function stageMembers(clients: readonly DenHaagClient[]): {
  control: number[];
  experiment: number[];
  other: number[];
} {
  const control: number[] = [];
  const experiment: number[] = [];
  const other: number[] = [];
  for (const c of clients) {
    if (c.decile !== 1) other.push(c.index);
    else if (c.arm === 'control') control.push(c.index);
    else experiment.push(c.index);
  }
  return { control, experiment, other };
}

/** Draws the outcomes of the given clients from one stream, in order. */
export function drawOutcomes(
  rng: Draws,
  clients: readonly DenHaagClient[],
  members: readonly number[],
  params: DenHaagParams,
  into: Outcome[],
): void {
  for (const i of members) into[i] = drawOutcome(rng, clients[i]!, params);
}

/**
 * The synthetic Den Haag pilot: 12,191 rows sorted by `id`.
 *
 * @example
 * const rows = generateDenHaag(DEN_HAAG_SEEDS, DEN_HAAG_PARAMS);
 * rows.length; // 12191
 */
export function generateDenHaag(seeds: DenHaagSeeds, params: DenHaagParams): DenHaagRow[] {
  const clients = drawPopulation(seeds.population, params);
  const stages = stageMembers(clients);
  const outcomes: Outcome[] = new Array(clients.length);
  drawOutcomes(outcomeStream(seeds.control, 'control'), clients, stages.control, params, outcomes);
  drawOutcomes(
    outcomeStream(seeds.experiment, 'experiment'),
    clients,
    stages.experiment,
    params,
    outcomes,
  );
  drawOutcomes(outcomeStream(seeds.other, 'other'), clients, stages.other, params, outcomes);
  const rows = clients.map((c) => toRow(c, outcomes[c.index]!));
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows;
}

function toRow(c: DenHaagClient, o: Outcome): DenHaagRow {
  return {
    id: c.id,
    arm: c.arm,
    prior_bijstand: c.prior_bijstand,
    ww_entitlement_months: c.ww_entitlement_months,
    ww_months_left: c.ww_months_left,
    ww_benefit: c.ww_benefit,
    other_income: c.other_income,
    ww_supplement: c.ww_supplement,
    age_at_ww_start: c.age_at_ww_start,
    household:
      c.household_type === 'single' || c.household_type === 'single_parent'
        ? 'single'
        : 'cohabiting',
    municipality: 'Den Haag',
    risk: Number(c.risk.toFixed(6)),
    decile: c.decile,
    gender: c.gender,
    education: c.education,
    age: c.age,
    avg_weekly_hours: c.avg_weekly_hours,
    household_type: c.household_type,
    ww_monthly_wage: c.ww_monthly_wage,
    industry: INDUSTRIES[c.industry]!,
    participation: c.participation,
    month_bijstand: o.bijstand,
    month_work: o.work,
    followup_months: c.followup,
  };
}
