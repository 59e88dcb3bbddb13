/**
 * Synthetic national WW populations for the yearly review of the risk scan (Maatwerkscan): every
 * client whose WW benefit ended in the year, with the nine scan features as they stood on the
 * scoring date, gender and age band for subgroup checks, and the observed outcome (flowed into
 * bijstand after WW).
 *
 * The real microdata are not public. The outcome is drawn from a logistic model in the nine
 * features, so a logistic scan on those features is correctly specified by construction (a real
 * scan is not). Parameters were found by `scripts/calibrate-scan-population.ts` so that a scan
 * fitted on 2023 reproduces the published margins on 2023 (see `docs/synthetic-data.md`); 2024
 * carries a documented, modest shift. The data are synthetic and describe no real person.
 *
 * Everything is a pure function of the parameters (including the seed).
 */

import { SCAN_FEATURES } from '../../scan/model.js';
import { streamRng } from '../shared/random.js';
import type { ScanFeatureRow } from '../shared/scan-feature-row.js';

/** Municipalities of residence: the 20 largest WW populations by name, the rest as `other`. */
export const SCAN_MUNICIPALITIES: readonly {
  readonly name: string;
  /** Share of the national WW outflow. */
  readonly share: number;
  /** Term of the outcome logit (before `scale`). */
  readonly effect: number;
}[] = [
  { name: 'Amsterdam', share: 0.055, effect: 0.3 },
  { name: 'Rotterdam', share: 0.05, effect: 0.45 },
  { name: 'Den Haag', share: 0.045, effect: 0.4 },
  { name: 'Utrecht', share: 0.025, effect: 0.1 },
  { name: 'Eindhoven', share: 0.017, effect: 0.1 },
  { name: 'Groningen', share: 0.016, effect: 0.25 },
  { name: 'Tilburg', share: 0.015, effect: 0.15 },
  { name: 'Almere', share: 0.014, effect: 0.2 },
  { name: 'Breda', share: 0.012, effect: 0.05 },
  { name: 'Nijmegen', share: 0.012, effect: 0.15 },
  { name: 'Apeldoorn', share: 0.01, effect: 0.0 },
  { name: 'Haarlem', share: 0.01, effect: 0.05 },
  { name: 'Arnhem', share: 0.011, effect: 0.2 },
  { name: 'Enschede', share: 0.011, effect: 0.3 },
  { name: 'Amersfoort', share: 0.009, effect: -0.05 },
  { name: 'Zaanstad', share: 0.009, effect: 0.1 },
  { name: 'Zwolle', share: 0.008, effect: -0.1 },
  { name: 'Leiden', share: 0.008, effect: 0.0 },
  { name: 'Maastricht', share: 0.008, effect: 0.15 },
  { name: 'Dordrecht', share: 0.008, effect: 0.2 },
  { name: 'other', share: 0.647, effect: -0.1 },
];

/** Age bands used for subgroup checks (from `age_at_ww_start`). */
export const SCAN_AGE_BANDS = ['18-34', '35-44', '45-54', '55+'] as const;
export type ScanAgeBand = (typeof SCAN_AGE_BANDS)[number];

/** One client. Column order of the CSV follows `SCAN_POPULATION_COLUMNS`. */
export interface ScanPopulationRow extends ScanFeatureRow {
  /** Pseudonym `S23000001` … (year, then a sequence number); carries no information. */
  readonly id: string;
  readonly gender: 'man' | 'woman';
  readonly age_band: ScanAgeBand;
  /** Flowed into bijstand after WW (0/1). */
  readonly bijstand: 0 | 1;
}

/** CSV column order. */
export const SCAN_POPULATION_COLUMNS: readonly (keyof ScanPopulationRow)[] = [
  'id',
  ...SCAN_FEATURES,
  'gender',
  'age_band',
  'bijstand',
];

/** Parameters of one year's population. */
export interface ScanPopulationParams {
  readonly year: number;
  readonly n: number;
  readonly seed: number;
  // --- feature distributions ---
  /** Mean age on the first WW day (normal, sd 12, truncated to 18–66). */
  readonly ageMean: number;
  readonly womanShare: number;
  readonly singleShare: number;
  readonly otherIncomeShare: number;
  /** Multiplier of the monthly wages on which WW is based (indexation). */
  readonly wageIndex: number;
  /** Months added to the mean WW entitlement. */
  readonly entitlementShift: number;
  /** Logit intercept of prior bijstand (then + younger, lower wage, single). */
  readonly priorBijstandLogit: number;
  /** Logit intercept of the Toeslagenwet supplement (then + low benefit, single). */
  readonly supplementLogit: number;
  // --- outcome model: logit = intercept + scale · (weights · x) ---
  readonly intercept: number;
  readonly scale: number;
  /** Weight of prior bijstand. */
  readonly priorWeight: number;
  /** Weight of the supplement. */
  readonly supplementWeight: number;
  /** Weight of months left until WW ends (per month; negative: risk rises as the end nears). */
  readonly monthsLeftWeight: number;
}

/** Fixed weights of the outcome logit (before `scale`). */
export const SCAN_FIXED_WEIGHTS = {
  /** per €1,000 of monthly benefit */
  benefit: -0.55,
  /** per month of total entitlement */
  entitlement: -0.035,
  otherIncome: -0.45,
  single: 0.45,
  /** per year of age at the first WW day, around 40 */
  age: -0.012,
} as const;

/** Features of one client before the outcome is drawn (what the generator and calibration share). */
export interface ScanFeatures {
  readonly rows: Omit<ScanPopulationRow, 'bijstand'>[];
  /** Per client: the outcome logit's feature part without prior, supplement, months left. */
  readonly base: Float64Array;
  /** Per client: one uniform for the outcome draw. */
  readonly u: Float64Array;
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(Math.max(x, lo), hi);
}

/** Draws the features (stream `<seed>:1`) and the outcome uniforms (stream `<seed>:2`). */
export function scanFeatures(p: ScanPopulationParams): ScanFeatures {
  const rng = streamRng(p.seed, 1);
  const cum: number[] = [];
  let acc = 0;
  for (const m of SCAN_MUNICIPALITIES) {
    acc += m.share;
    cum.push(acc);
  }
  const yy = String(p.year % 100).padStart(2, '0');
  const rows: Omit<ScanPopulationRow, 'bijstand'>[] = [];
  const base = new Float64Array(p.n);
  const w = SCAN_FIXED_WEIGHTS;
  for (let i = 0; i < p.n; i++) {
    const age = Math.round(clamp(p.ageMean + 12 * rng.normal(), 18, 66));
    const woman = rng.bernoulli(p.womanShare);
    const single = rng.bernoulli(p.singleShare);
    const um = rng.next() * acc;
    let mi = 0;
    while (mi < cum.length - 1 && um >= cum[mi]!) mi++;
    const muni = SCAN_MUNICIPALITIES[mi]!;
    // Wage on which WW is based: log-normal around €3,100, higher with age, lower for women.
    const wage =
      p.wageIndex * 3100 * Math.exp(0.38 * rng.normal() + 0.008 * (age - 40) - (woman ? 0.12 : 0));
    const otherIncome = rng.bernoulli(p.otherIncomeShare);
    const cap = 6000 * p.wageIndex;
    const benefit = Math.round(0.7 * Math.min(wage, cap) * (otherIncome ? 0.6 : 1));
    const entitlement = Math.round(
      clamp(4 + p.entitlementShift + 0.32 * (age - 18) + 3.5 * rng.normal(), 3, 24),
    );
    const monthsLeft = 1 + rng.int(entitlement);
    const prior = rng.bernoulli(
      logistic(
        p.priorBijstandLogit -
          0.03 * (age - 40) -
          1.1 * Math.log(wage / (3100 * p.wageIndex)) +
          (single ? 0.5 : 0),
      ),
    );
    const supplement = rng.bernoulli(
      logistic(p.supplementLogit - (benefit / p.wageIndex - 2000) / 500 + (single ? 0.3 : 0)),
    );
    const ageBand: ScanAgeBand =
      age < 35 ? '18-34' : age < 45 ? '35-44' : age < 55 ? '45-54' : '55+';
    base[i] =
      (w.benefit * benefit) / 1000 / p.wageIndex +
      w.entitlement * entitlement +
      (otherIncome ? w.otherIncome : 0) +
      (single ? w.single : 0) +
      w.age * (age - 40) +
      muni.effect;
    rows.push({
      id: `S${yy}${String(i + 1).padStart(6, '0')}`,
      prior_bijstand: prior ? 1 : 0,
      ww_entitlement_months: entitlement,
      ww_months_left: monthsLeft,
      ww_benefit: benefit,
      other_income: otherIncome ? 1 : 0,
      ww_supplement: supplement ? 1 : 0,
      age_at_ww_start: age,
      household: single ? 'single' : 'cohabiting',
      municipality: muni.name,
      gender: woman ? 'woman' : 'man',
      age_band: ageBand,
    });
  }
  const urng = streamRng(p.seed, 2);
  const u = new Float64Array(p.n);
  for (let i = 0; i < p.n; i++) u[i] = urng.next();
  return { rows, base, u };
}

/** True outcome probabilities of the clients in `f` under `p`. */
export function scanTrueRisk(f: ScanFeatures, p: ScanPopulationParams): Float64Array {
  const out = new Float64Array(f.rows.length);
  for (let i = 0; i < out.length; i++) {
    const r = f.rows[i]!;
    const lin =
      f.base[i]! +
      p.priorWeight * r.prior_bijstand +
      p.supplementWeight * r.ww_supplement +
      p.monthsLeftWeight * r.ww_months_left;
    out[i] = logistic(p.intercept + p.scale * lin);
  }
  return out;
}

/**
 * One year's synthetic population: features, then `bijstand = 1` when the client's uniform
 * falls below the true probability.
 *
 * @example
 * const rows = generateScanPopulation(SCAN_POPULATION_2023);
 */
export function generateScanPopulation(p: ScanPopulationParams): ScanPopulationRow[] {
  const f = scanFeatures(p);
  const risk = scanTrueRisk(f, p);
  return f.rows.map((r, i) => ({ ...r, bijstand: f.u[i]! < risk[i]! ? 1 : 0 }));
}
