/**
 * Synthetic reconstruction of the 2012–2013 UWV experiment "intensive versus basic services"
 * (I-dvl / B-dvl, six offices, intake 23 Jul 2012 – 1 Apr 2013, observation to 31 Jan 2014),
 * one row per client.
 *
 * The real microdata are not public. This generator builds 9,237 synthetic clients whose
 * published design counts (arm sizes, Table 5.1 composition, Table 4.3–4.6 conversations,
 * 30 assignment errors) are imposed exactly, and whose outcomes follow monthly event counts per
 * arm × gender × follow-up group given as parameters. Which client gets which outcome is drawn
 * from a seeded latent ranking on age, household and office, so covariates are prognostic.
 * Parameters were found by `scripts/calibrate-intensive-2012.ts` (see
 * `docs/synthetic-data.md`); the generator itself never sees a published share. The data are
 * synthetic and describe no real person; the BSNs are generated (eleven-test valid, all
 * starting `000`).
 *
 * Everything is a pure function of the seed and the parameters.
 */

import { createRng, type Rng } from '../../stats/random.js';
import { toCsv } from '../shared/csv.js';
import {
  ARMS_2012,
  type Arm2012,
  ENTRY_OFFSET_DAYS,
  GENDERS_2012,
  type Gender2012,
  INTAKE_END,
  INTAKE_START,
  INTENSIVE_2012_RULE,
  MONTH_DAYS,
  OBSERVATION_END,
} from './design.js';

export type AgeBand2012 = '<35' | '35-45' | '45+' | 'unknown';
export type Household2012 = 'single' | 'single_with_child' | 'cohabiting' | 'unknown';
export type Conv4 = 'none' | 'individual' | 'group' | 'unclear';
export type ConvHeld = 'held' | 'not_held';

/** Last intake day with ≥ 15 months of follow-up from benefit start (day offset 191). */
export const LAST_LONG_ENTRY = '2013-01-30';
/** Last intake day with ≥ 14 months of follow-up (day offset 221). */
export const LAST_14_ENTRY = '2013-03-01';

/**
 * Published design counts, imposed by construction (report chapters 4 and 5). Categories that
 * the report leaves out are the residual `unknown`: age 2 / 1 (the clients of unknown gender)
 * and household 7 / 4 (the three published categories sum to 4,610 / 4,616).
 */
export const INTENSIVE_2012_COUNTS = {
  arm: { basic: 4617, intensive: 4620 },
  parityErrors: { basic: 15, intensive: 15 },
  gender: {
    basic: { man: 2841, woman: 1774, unknown: 2 },
    intensive: { man: 2709, woman: 1910, unknown: 1 },
  },
  age: {
    basic: { '<35': 1612, '35-45': 1194, '45+': 1809, unknown: 2 },
    intensive: { '<35': 1647, '35-45': 1195, '45+': 1777, unknown: 1 },
  },
  household: {
    basic: { single: 1612, single_with_child: 168, cohabiting: 2830, unknown: 7 },
    intensive: { single: 1544, single_with_child: 184, cohabiting: 2888, unknown: 4 },
  },
  office: {
    basic: [1308, 609, 448, 571, 1114, 567],
    intensive: [1321, 649, 498, 566, 1034, 552],
  },
  /** Table 4.3: among those still on WW at the 4th-month conversation. */
  conv4: {
    basic: { none: 522, individual: 0, group: 3007, unclear: 823 },
    intensive: { none: 459, individual: 3670, group: 0, unclear: 208 },
  },
  /** Tables 4.4–4.6: held / still on WW at the 7th-, 10th- and 12th-month conversation. */
  conv7: { basic: [108, 2897], intensive: [1599, 2961] },
  conv10: { basic: [132, 2229], intensive: [1127, 2204] },
  conv12: { basic: [282, 1713], intensive: [764, 1614] },
} as const;

/**
 * Month (since benefit start) in which each conversation's "still on WW" point falls: clients
 * who left WW in an earlier month have no entry; of those leaving in that month, the earliest
 * leavers have none. The 12th-month point falls in month 13: the published totals (1,713 /
 * 1,614) are below the numbers not yet exited after 12 months.
 */
export const CONVERSATION_MONTH = { conv4: 4, conv7: 7, conv10: 10, conv12: 13 } as const;

/** Monthly event counts of one cell; index 0 is month 4 since benefit start. */
export interface Intensive2012CellCounts {
  /** Exits from WW (any destination) per month. */
  readonly exits: readonly number[];
  /** Exits to a job per month (≤ exits). */
  readonly jobs: readonly number[];
}

/**
 * Per arm and gender: `long` = clients observed ≥ 15 months (entry ≤ 30 Jan 2013), counts for
 * months 4–15; `short` = observed 13–14 months, counts for months 4–14 (month-14 exits only
 * among those observed 14 months).
 */
export interface Intensive2012Outcomes {
  readonly long: Intensive2012CellCounts;
  readonly short: Intensive2012CellCounts;
}

/** Per-arm timing knobs of the time fractions (Table 5.3). */
export interface Intensive2012Timing {
  /** Exit position within its month is u^exitSkew (u uniform): > 1 earlier, < 1 later. */
  readonly exitSkew: number;
  /** Scale of the share of the time after a job exit spent in a job. */
  readonly jobCoverage: number;
  /** Scale of part-time work while on benefit (time in job overlapping benefit). */
  readonly overlap: number;
}

/** Per-arm targets of the first-job quality fields, imposed as sample means (Table 5.4 shape). */
export interface Intensive2012JobQuality {
  /** Share of job holders whose first job is permanent (count = round(share × holders)). */
  readonly permanent: number;
  readonly firstJobDays: number;
  readonly nJobs: number;
  readonly partTime: number;
  readonly wage: number;
}

/** All parameters of the generator. */
export interface Intensive2012Params {
  /** Clients per arm and gender observed ≥ 15 months (entry on or before 30 Jan 2013). */
  readonly followed15: Readonly<Record<Arm2012, Readonly<Record<Gender2012, number>>>>;
  /** Entry-day density within the long window ∝ 1 + entrySlope·(x − ½), x ∈ [0, 1]. */
  readonly entrySlope: number;
  readonly outcomes: Readonly<Record<Arm2012, Readonly<Record<Gender2012, Intensive2012Outcomes>>>>;
  /** Monthly exit probability after month 15 (long group), and the job share of those exits. */
  readonly lateExitHazard: number;
  readonly lateJobShare: number;
  /** Latent exit-propensity terms (logistic noise of scale `noise`). */
  readonly prognosis: {
    readonly age: Readonly<Record<AgeBand2012, number>>;
    readonly household: Readonly<Record<Household2012, number>>;
    readonly office: readonly number[];
    readonly noise: number;
    /** Log-weight of a job (versus other) exit by age band. */
    readonly jobAge: Readonly<Record<AgeBand2012, number>>;
  };
  /** Log-weight of the 45+ band (minus it for < 35) per arm and gender. */
  readonly ageTilt: Readonly<Record<Arm2012, Readonly<Record<'man' | 'woman', number>>>>;
  /** Clients back on benefit after an exit, within the window, per arm. */
  readonly backOnBenefit: Readonly<Record<Arm2012, number>>;
  readonly timing: Readonly<Record<Arm2012, Intensive2012Timing>>;
  readonly jobs: Readonly<Record<Arm2012, Intensive2012JobQuality>>;
}

/** One synthetic client. Column order of the CSV follows `INTENSIVE_2012_COLUMNS`. */
export interface Intensive2012Row {
  readonly bsn: string;
  readonly arm: Arm2012;
  readonly entry_date: string;
  readonly benefit_start_date: string;
  readonly followup_months: number;
  readonly gender: Gender2012;
  readonly age_band: AgeBand2012;
  readonly household: Household2012;
  readonly office: number;
  readonly conv_m4: Conv4 | null;
  readonly conv_m7: ConvHeld | null;
  readonly conv_m10: ConvHeld | null;
  readonly conv_m12: ConvHeld | null;
  readonly month_exit: number | null;
  readonly month_job: number | null;
  readonly back_on_benefit: 0 | 1;
  readonly months_observed_from_entry: number;
  readonly months_on_benefit: number;
  readonly months_in_job: number;
  readonly months_other: number;
  readonly first_job_permanent: 0 | 1 | null;
  readonly first_job_days: number | null;
  readonly n_jobs: number | null;
  readonly part_time_factor: number | null;
  readonly hourly_wage: number | null;
}

export const INTENSIVE_2012_COLUMNS: readonly (keyof Intensive2012Row)[] = [
  'bsn',
  'arm',
  'entry_date',
  'benefit_start_date',
  'followup_months',
  'gender',
  'age_band',
  'household',
  'office',
  'conv_m4',
  'conv_m7',
  'conv_m10',
  'conv_m12',
  'month_exit',
  'month_job',
  'back_on_benefit',
  'months_observed_from_entry',
  'months_on_benefit',
  'months_in_job',
  'months_other',
  'first_job_permanent',
  'first_job_days',
  'n_jobs',
  'part_time_factor',
  'hourly_wage',
];

// ----------------------------------------------------------------------------- helpers

const DAY_MS = 86_400_000;
const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoDate = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const START_DAY = dayNumber(INTAKE_START);
const LONG_DAYS = dayNumber(LAST_LONG_ENTRY) - START_DAY + 1; // 192
const SHORT_DAYS = dayNumber(INTAKE_END) - dayNumber(LAST_LONG_ENTRY); // 61
const END_DAY = dayNumber(OBSERVATION_END);

/** Random streams: one generator per stage so that the stages do not disturb each other. */
const STREAMS = ['population', 'outcomes', 'timing', 'conversations', 'jobs', 'bsn'] as const;
type Stream = (typeof STREAMS)[number];
function stream(seed: number, name: Stream): Rng {
  return createRng(`intensive-2012/${seed}/${name}`);
}

/** Uniform in (0, 1). */
function open01(rng: Rng): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  return u;
}

/** Logistic deviate (uses `Math.log` only). */
function logistic(rng: Rng): number {
  const u = open01(rng);
  return Math.log(u / (1 - u));
}

/** Efraimidis–Spirakis: k items without replacement, probability ∝ weight. Returns indices. */
function weightedPick(
  rng: Rng,
  items: readonly number[],
  logWeight: (i: number) => number,
  k: number,
): number[] {
  const keyed = items.map((item) => ({
    item,
    key: Math.log(open01(rng)) / Math.exp(logWeight(item)),
  }));
  keyed.sort((a, b) => b.key - a.key || a.item - b.item);
  return keyed.slice(0, k).map((x) => x.item);
}

function shuffled(rng: Rng, items: readonly number[]): number[] {
  return rng.shuffle(items.slice());
}

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Working record of one client while the generator fills it in. */
interface Client {
  index: number;
  arm: Arm2012;
  gender: Gender2012;
  age: AgeBand2012;
  household: Household2012;
  office: number;
  long: boolean;
  entryOffset: number;
  /** Days from benefit start to the end of observation. */
  horizon: number;
  followup: number;
  exitMonth: number | null;
  job: boolean;
  /** Position of the exit within its month, in [0, 1). */
  exitU: number;
  beforePoint: boolean;
  latent: number;
  bsn: string;
}

// ----------------------------------------------------------------------------- population

function drawPopulation(seed: number, params: Intensive2012Params): Client[] {
  const rng = stream(seed, 'population');
  const C = INTENSIVE_2012_COUNTS;
  const clients: Client[] = [];
  for (const arm of ARMS_2012) {
    const base = clients.length;
    const n = C.arm[arm];
    const idx = Array.from({ length: n }, (_, i) => base + i);
    for (const i of idx) {
      clients.push({
        index: i,
        arm,
        gender: 'man',
        age: 'unknown',
        household: 'unknown',
        office: 0,
        long: false,
        entryOffset: 0,
        horizon: 0,
        followup: 0,
        exitMonth: null,
        job: false,
        exitU: 0,
        beforePoint: false,
        latent: 0,
        bsn: '',
      });
    }
    // gender: exact counts in a random order
    const order = shuffled(rng, idx);
    let p = 0;
    for (const g of GENDERS_2012) {
      for (let k = 0; k < C.gender[arm][g]; k++) clients[order[p++]!]!.gender = g;
    }
    const known = idx.filter((i) => clients[i]!.gender !== 'unknown');
    const tilt = (i: number): number => {
      const g = clients[i]!.gender;
      return g === 'unknown' ? 0 : params.ageTilt[arm][g];
    };
    // age: unknown = the clients of unknown gender; 45+ and <35 drawn with the arm × gender tilt
    const old = weightedPick(rng, known, tilt, C.age[arm]['45+']);
    for (const i of old) clients[i]!.age = '45+';
    const rest = known.filter((i) => clients[i]!.age === 'unknown');
    const young = weightedPick(rng, rest, (i) => -tilt(i), C.age[arm]['<35']);
    for (const i of young) clients[i]!.age = '<35';
    for (const i of rest) if (clients[i]!.age === 'unknown') clients[i]!.age = '35-45';
    // household: unknown includes the clients of unknown gender; single parents mostly women
    // aged 35–45; singles more often young
    const unknownHh = idx.filter((i) => clients[i]!.gender === 'unknown');
    const others = shuffled(rng, known).slice(0, C.household[arm].unknown - unknownHh.length);
    for (const i of [...unknownHh, ...others]) clients[i]!.household = 'unknown';
    const open = (): number[] =>
      known.filter((i) => clients[i]!.household === 'unknown' && !others.includes(i));
    const parents = weightedPick(
      rng,
      open(),
      (i) => (clients[i]!.gender === 'woman' ? 1.6 : 0) + (clients[i]!.age === '35-45' ? 0.6 : 0),
      C.household[arm].single_with_child,
    );
    for (const i of parents) clients[i]!.household = 'single_with_child';
    const singles = weightedPick(
      rng,
      open(),
      (i) => (clients[i]!.age === '<35' ? 0.7 : clients[i]!.age === '45+' ? -0.2 : 0),
      C.household[arm].single,
    );
    for (const i of singles) clients[i]!.household = 'single';
    for (const i of open()) clients[i]!.household = 'cohabiting';
    // office: exact counts in a random order
    const officeOrder = shuffled(rng, idx);
    p = 0;
    C.office[arm].forEach((count, o) => {
      for (let k = 0; k < count; k++) clients[officeOrder[p++]!]!.office = o + 1;
    });
    // follow-up group and entry date
    for (const g of GENDERS_2012) {
      const members = shuffled(
        rng,
        idx.filter((i) => clients[i]!.gender === g),
      );
      const nLong = params.followed15[arm][g];
      if (nLong > members.length || nLong < 0) {
        throw new Error(`followed15.${arm}.${g} = ${nLong} exceeds the ${members.length} clients`);
      }
      members.forEach((i, k) => {
        const c = clients[i]!;
        c.long = k < nLong;
        c.entryOffset = c.long ? entryDay(rng, params.entrySlope) : LONG_DAYS + rng.int(SHORT_DAYS);
        c.horizon = END_DAY - (START_DAY + c.entryOffset) + ENTRY_OFFSET_DAYS;
        c.followup = Math.floor(c.horizon / MONTH_DAYS);
      });
    }
  }
  return clients;
}

/** Day offset in the long window with density ∝ 1 + s(x − ½) (inversion of the linear CDF). */
function entryDay(rng: Rng, s: number): number {
  const u = rng.next();
  let x: number;
  if (Math.abs(s) < 1e-9) x = u;
  else {
    // F(x) = x + s(x² − x)/2 = u
    const a = s / 2;
    const b = 1 - s / 2;
    x = (-b + Math.sqrt(b * b + 4 * a * u)) / (2 * a);
  }
  return Math.min(LONG_DAYS - 1, Math.floor(x * LONG_DAYS));
}

// ----------------------------------------------------------------------------- outcomes

function allocateOutcomes(seed: number, clients: Client[], params: Intensive2012Params): void {
  const rng = stream(seed, 'outcomes');
  const P = params.prognosis;
  for (const c of clients) {
    c.latent =
      P.age[c.age] +
      P.household[c.household] +
      (P.office[c.office - 1] ?? 0) +
      P.noise * logistic(rng);
  }
  for (const arm of ARMS_2012) {
    for (const g of GENDERS_2012) {
      for (const group of ['long', 'short'] as const) {
        const counts = params.outcomes[arm][g][group];
        const members = clients
          .filter((c) => c.arm === arm && c.gender === g && c.long === (group === 'long'))
          .sort((a, b) => b.latent - a.latent || a.index - b.index);
        const label = `${arm}/${g}/${group}`;
        const maxMonth = group === 'long' ? 15 : 14;
        if (counts.exits.length !== maxMonth - 3 || counts.jobs.length !== maxMonth - 3) {
          throw new Error(`outcomes ${label}: expected counts for months 4–${maxMonth}`);
        }
        let next = 0;
        for (let m = 4; m <= maxMonth; m++) {
          const k = counts.exits[m - 4]!;
          const jobs = counts.jobs[m - 4]!;
          if (jobs > k || jobs < 0 || k < 0)
            throw new Error(`outcomes ${label}: bad counts in month ${m}`);
          let chosen: Client[];
          if (m === 14 && group === 'short') {
            chosen = members
              .slice(next)
              .filter((c) => c.followup >= 14)
              .slice(0, k);
          } else {
            chosen = members.slice(next, next + k);
            next += k;
          }
          if (chosen.length < k)
            throw new Error(`outcomes ${label}: too few clients for month ${m}`);
          for (const c of chosen) c.exitMonth = m;
          const ids = chosen.map((c) => c.index);
          for (const i of weightedPick(rng, ids, (i) => P.jobAge[clients[i]!.age], jobs)) {
            clients[i]!.job = true;
          }
        }
      }
    }
  }
}

// ----------------------------------------------------------------------------- timing

interface Timeline {
  exitDay: number | null;
  benefitDays: number;
  jobDays: number;
  otherDays: number;
  back: 0 | 1;
}

function drawTimelines(seed: number, clients: Client[], params: Intensive2012Params): Timeline[] {
  const rng = stream(seed, 'timing');
  // within-month positions; late exits (months 16+, long group) by a monthly hazard
  for (const c of clients) {
    c.exitU = rng.next();
    if (c.exitMonth === null && c.long) {
      for (let m = 16; m <= c.followup; m++) {
        if (rng.next() < params.lateExitHazard) {
          c.exitMonth = m;
          c.job = rng.next() < params.lateJobShare;
          break;
        }
      }
    }
  }
  const draws = clients.map(() => ({
    cover: rng.next(),
    otherJob: rng.next(),
    overlapOn: rng.next(),
    overlapV: rng.next(),
    gap: rng.next(),
    len: rng.next(),
  }));
  // back on benefit: among exits with room for a return (exit at least 60 days before the end)
  const back = new Set<number>();
  for (const arm of ARMS_2012) {
    const eligible = clients
      .filter(
        (c) => c.arm === arm && c.exitMonth !== null && c.exitMonth * MONTH_DAYS < c.horizon - 60,
      )
      .map((c) => c.index);
    for (const i of shuffled(rng, eligible).slice(0, params.backOnBenefit[arm])) back.add(i);
  }
  return clients.map((c) => {
    const t = params.timing[c.arm];
    const d = draws[c.index]!;
    const window = c.horizon - ENTRY_OFFSET_DAYS;
    let exitDay: number | null = null;
    if (c.exitMonth !== null) {
      const lo = Math.max((c.exitMonth - 1) * MONTH_DAYS, ENTRY_OFFSET_DAYS + 1);
      exitDay = lo + (c.exitMonth * MONTH_DAYS - lo) * c.exitU ** t.exitSkew;
    }
    const firstSpell = (exitDay ?? c.horizon) - ENTRY_OFFSET_DAYS;
    let benefit = firstSpell;
    let afterEnd = c.horizon;
    let isBack: 0 | 1 = 0;
    if (exitDay !== null && back.has(c.index)) {
      isBack = 1;
      const start = exitDay + 20 + d.gap * Math.min(120, c.horizon - exitDay - 40);
      const end = Math.min(c.horizon, start + 30 + d.len * 150);
      benefit += end - start;
      afterEnd = start;
    }
    let jobAfter = 0;
    if (exitDay !== null) {
      const room = afterEnd - exitDay;
      const cover = c.job
        ? Math.min(1, t.jobCoverage * (0.45 + 0.55 * d.cover))
        : d.otherJob < 0.25
          ? Math.min(1, t.jobCoverage * 0.5 * d.cover)
          : 0;
      jobAfter = room * cover;
    }
    const overlap = d.overlapOn < 0.3 ? Math.min(1, t.overlap * d.overlapV) * firstSpell : 0;
    const other = Math.max(0, window - benefit - jobAfter);
    return {
      exitDay,
      benefitDays: benefit,
      jobDays: jobAfter + overlap,
      otherDays: other,
      back: isBack,
    };
  });
}

// ----------------------------------------------------------------------------- conversations

interface Conversations {
  conv4: (Conv4 | null)[];
  conv7: (ConvHeld | null)[];
  conv10: (ConvHeld | null)[];
  conv12: (ConvHeld | null)[];
}

function drawConversations(seed: number, clients: Client[], timelines: Timeline[]): Conversations {
  const rng = stream(seed, 'conversations');
  const C = INTENSIVE_2012_COUNTS;
  const n = clients.length;
  const out: Conversations = {
    conv4: new Array(n).fill(null),
    conv7: new Array(n).fill(null),
    conv10: new Array(n).fill(null),
    conv12: new Array(n).fill(null),
  };
  for (const arm of ARMS_2012) {
    const members = clients.filter((c) => c.arm === arm);
    for (const key of ['conv4', 'conv7', 'conv10', 'conv12'] as const) {
      const month = CONVERSATION_MONTH[key];
      const total = key === 'conv4' ? sumValues(C.conv4[arm]) : C[key][arm][1];
      // on WW at the point: no exit before `month`; of the exits in `month`, the latest leavers
      const later = members.filter((c) => c.exitMonth === null || c.exitMonth > month);
      const inMonth = members
        .filter((c) => c.exitMonth === month)
        .sort(
          (a, b) =>
            timelines[b.index]!.exitDay! - timelines[a.index]!.exitDay! || a.index - b.index,
        );
      const need = total - later.length;
      if (need < 0 || need > inMonth.length) {
        throw new Error(
          `${key} ${arm}: ${total} still on WW needs ${need} of the ${inMonth.length} exits in month ${month}`,
        );
      }
      const onWw = shuffled(
        rng,
        [...later, ...inMonth.slice(0, need)].map((c) => c.index),
      );
      if (key === 'conv4') {
        let p = 0;
        for (const cat of ['none', 'individual', 'group', 'unclear'] as const) {
          for (let k = 0; k < C.conv4[arm][cat]; k++) out.conv4[onWw[p++]!] = cat;
        }
      } else {
        const held = C[key][arm][0];
        onWw.forEach((i, k) => {
          out[key][i] = k < held ? 'held' : 'not_held';
        });
      }
    }
  }
  return out;
}

function sumValues(r: Readonly<Record<string, number>>): number {
  return Object.values(r).reduce((a, b) => a + b, 0);
}

// ----------------------------------------------------------------------------- jobs

interface JobFields {
  permanent: 0 | 1;
  days: number;
  n: number;
  partTime: number;
  wage: number;
}

function drawJobs(
  seed: number,
  clients: Client[],
  timelines: Timeline[],
  params: Intensive2012Params,
): (JobFields | null)[] {
  const rng = stream(seed, 'jobs');
  const out: (JobFields | null)[] = clients.map(() => null);
  for (const arm of ARMS_2012) {
    const q = params.jobs[arm];
    const holders = clients
      .filter((c) => c.arm === arm && timelines[c.index]!.jobDays > 0)
      .map((c) => c.index);
    const h = holders.length;
    if (h === 0) continue;
    const woman = (i: number): boolean => clients[i]!.gender === 'woman';
    // raw draws
    const days = holders.map((i) => (20 + -Math.log(open01(rng)) * 130) * (woman(i) ? 1.1 : 1));
    const pt = holders.map(
      (i) => Math.min(1, 0.25 + 0.75 * open01(rng) ** 0.55) * (woman(i) ? 0.95 : 1),
    );
    const wage = holders.map((i) => Math.exp(0.25 * logistic(rng)) * (woman(i) ? 0.93 : 1));
    const scaleDays = q.firstJobDays / mean(days);
    const scaleWage = q.wage / mean(wage);
    const ptShift = meanShift(pt, q.partTime, 0.1, 1);
    const permanent = new Set(shuffled(rng, holders).slice(0, Math.round(q.permanent * h)));
    const extra = new Array<number>(h).fill(0);
    const extras = Math.round((q.nJobs - 1) * h);
    for (let k = 0; k < extras; k++) extra[rng.int(h)]! += 1;
    holders.forEach((i, k) => {
      out[i] = {
        permanent: permanent.has(i) ? 1 : 0,
        days: Math.max(1, Math.round(days[k]! * scaleDays)),
        n: 1 + extra[k]!,
        partTime: round(ptShift[k]!, 3),
        wage: round(wage[k]! * scaleWage, 2),
      };
    });
  }
  return out;
}

function mean(x: readonly number[]): number {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}

/** Shifts values so that their mean is `target`, clamped to [lo, hi] (a few passes). */
function meanShift(x: readonly number[], target: number, lo: number, hi: number): number[] {
  let y = x.slice();
  for (let pass = 0; pass < 20; pass++) {
    const d = target - mean(y);
    if (Math.abs(d) < 1e-9) break;
    y = y.map((v) => Math.min(hi, Math.max(lo, v + d)));
  }
  return y;
}

// ----------------------------------------------------------------------------- BSN

/**
 * Synthetic BSNs: `000` followed by five random digits and the check digit that makes the
 * eleven test pass; the last digit's parity is the one the client's assignment needs. Prefixes
 * whose check digit would be 10 are skipped; numbers are distinct.
 */
function drawBsns(seed: number, clients: Client[]): void {
  const rng = stream(seed, 'bsn');
  const used = new Set<string>();
  const errors = new Set<number>();
  for (const arm of ARMS_2012) {
    const ids = clients.filter((c) => c.arm === arm).map((c) => c.index);
    for (const i of shuffled(rng, ids).slice(0, INTENSIVE_2012_COUNTS.parityErrors[arm]))
      errors.add(i);
  }
  for (const c of clients) {
    // The parity rule of the design; an assignment error has the other parity.
    const wantOdd = (c.arm === INTENSIVE_2012_RULE.odd) !== errors.has(c.index);
    for (;;) {
      const body = String(rng.int(100_000)).padStart(5, '0');
      let sum = 0;
      for (let k = 0; k < 5; k++) sum += (6 - k) * (body.charCodeAt(k) - 48);
      const check = sum % 11;
      if (check > 9 || (check % 2 === 1) !== wantOdd) continue;
      const bsn = `000${body}${check}`;
      if (used.has(bsn) || bsn === '000000000') continue;
      used.add(bsn);
      c.bsn = bsn;
      break;
    }
  }
}

// ----------------------------------------------------------------------------- assembly

/**
 * The synthetic 2012–2013 experiment: 9,237 rows sorted by `bsn`.
 *
 * @example
 * const rows = generateIntensive2012(INTENSIVE_2012_SEED, INTENSIVE_2012_PARAMS);
 * rows.length; // 9237
 */
export function generateIntensive2012(
  seed: number,
  params: Intensive2012Params,
): Intensive2012Row[] {
  const clients = drawPopulation(seed, params);
  allocateOutcomes(seed, clients, params);
  const timelines = drawTimelines(seed, clients, params);
  const conv = drawConversations(seed, clients, timelines);
  const jobs = drawJobs(seed, clients, timelines, params);
  drawBsns(seed, clients);
  const rows = clients.map((c): Intensive2012Row => {
    const t = timelines[c.index]!;
    const j = jobs[c.index]!;
    const entry = START_DAY + c.entryOffset;
    const window = c.horizon - ENTRY_OFFSET_DAYS;
    const months = (days: number): number =>
      Math.min(round(window / MONTH_DAYS, 3), round(days / MONTH_DAYS, 3));
    return {
      bsn: c.bsn,
      arm: c.arm,
      entry_date: isoDate(entry),
      benefit_start_date: isoDate(entry - ENTRY_OFFSET_DAYS),
      followup_months: c.followup,
      gender: c.gender,
      age_band: c.age,
      household: c.household,
      office: c.office,
      conv_m4: conv.conv4[c.index]!,
      conv_m7: conv.conv7[c.index]!,
      conv_m10: conv.conv10[c.index]!,
      conv_m12: conv.conv12[c.index]!,
      month_exit: c.exitMonth,
      month_job: c.exitMonth !== null && c.job ? c.exitMonth : null,
      back_on_benefit: t.back,
      months_observed_from_entry: round(window / MONTH_DAYS, 3),
      months_on_benefit: months(t.benefitDays),
      months_in_job: months(t.jobDays),
      months_other: months(t.otherDays),
      first_job_permanent: j ? j.permanent : null,
      first_job_days: j ? j.days : null,
      n_jobs: j ? j.n : null,
      part_time_factor: j ? j.partTime : null,
      hourly_wage: j ? j.wage : null,
    };
  });
  rows.sort((a, b) => (a.bsn < b.bsn ? -1 : a.bsn > b.bsn ? 1 : 0));
  return rows;
}

/** CSV text of the rows (`toCsv`: header, `\n` line ends, empty field for a missing value). */
export function intensive2012ToCsv(rows: readonly Intensive2012Row[]): string {
  return toCsv(INTENSIVE_2012_COLUMNS, rows);
}
