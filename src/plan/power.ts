/**
 * Power, minimum detectable effect (MDE) and required sample size for a difference in
 * proportions between a treated and a control arm, with unequal allocation, non-compliance and
 * covariate adjustment — the questions a team asks before it assigns anybody. (Differences in
 * means and cluster designs: `power-means.ts`.)
 *
 * Normal approximation. With control rate p_c, treated rate p_t = p_c + Δ, arm sizes n_c, n_t
 * and variance factor f = 1 − R² (prognostic covariates):
 *
 * - SE₁ = √(f·(p_c(1 − p_c)/n_c + p_t(1 − p_t)/n_t)) — the SE of the estimate when Δ is true;
 * - SE₀ = SE₁ for unpooled variance (the library's Neyman z test and the HC2 OLS test), or
 *   SE₀ = √(f·p̄(1 − p̄)(1/n_c + 1/n_t)), p̄ = (n_c p_c + n_t p_t)/(n_c + n_t), for pooled
 *   variance (the pooled z test; the null variance of R's `power.prop.test`);
 * - power = Φ((|Δ| − z₁₋α/₂·SE₀)/SE₁) + Φ((−|Δ| − z₁₋α/₂·SE₀)/SE₁), the second term (rejection
 *   in the wrong direction) only when both rejection regions count (`strict: true`).
 *
 * Two named methods: `'neyman'` (default: unpooled, both rejection regions — the test the
 * library runs afterwards) and `'r-compatible'` (pooled, one rejection region: R's
 * `power.prop.test(n, p1, p2)` with its default `strict = FALSE`). `variance` and `strict` can
 * also be set one by one. With n_c = n_t = n the pooled variants are exactly R's
 * `power.prop.test` with `strict = FALSE` / `TRUE` (checked to 1e-8 in the tests,
 * `tests/reference/power.R`); unequal allocation is the same formula with the two arm sizes
 * kept apart.
 */
import { InputError } from '../errors.js';
import { formatCount, formatNumber } from '../format.js';
import { normalCdf, normalQuantile } from '../stats/distributions.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';

/** Variance used for the critical value: unpooled (Neyman, default) or pooled under H₀. */
export type PowerVariance = 'unpooled' | 'pooled';

/**
 * Named test conventions: `'neyman'` = unpooled variance, both rejection regions (default);
 * `'r-compatible'` = pooled variance, one rejection region, as R's `power.prop.test` default.
 */
export type PowerMethod = 'neyman' | 'r-compatible';

/** Direction of the effect an MDE is sought for. */
export type EffectDirection = 'decrease' | 'increase';

/** Inference settings shared by the power functions. */
export interface PowerSettings {
  /** Two-sided significance level (default 0.05). */
  readonly alpha?: number;
  /** Named convention (default `'neyman'`); not together with `variance` or `strict`. */
  readonly method?: PowerMethod;
  /** Null variance (default `'unpooled'`; `'pooled'` with `method: 'r-compatible'`). */
  readonly variance?: PowerVariance;
  /**
   * Count rejections in the wrong direction as power (default true; false with
   * `method: 'r-compatible'`, as R's `power.prop.test`, whose default is `strict = FALSE`).
   */
  readonly strict?: boolean;
  /**
   * Expected R² of prognostic covariates in the outcome regression (default 0): the variance of
   * the adjusted estimator is the unadjusted one × (1 − R²).
   */
  readonly rSquared?: number;
}

/** Arm sizes and control rate of a two-arm comparison. */
export interface TwoArmDesign extends PowerSettings {
  /** Share with the event in the control arm without the service (e.g. 0.415). */
  readonly controlRate: number;
  readonly nTreatment: number;
  readonly nControl: number;
  /**
   * Participation difference between the arms (share receiving the service, treated − control;
   * e.g. 0.31). The ITT effect is the effect per participant × this difference (Wald).
   * Default 1 (full compliance).
   */
  readonly participationDifference?: number;
}

/** The design of {@link powerForEffect}: the two arms and the effect (ITT or per participant). */
export type PowerForEffectDesign = TwoArmDesign &
  ({ readonly effect: number } | { readonly effectPerParticipant: number });

/** The design of {@link minimumDetectableEffect}: the two arms, the power and the direction. */
export type MdeDesign = TwoArmDesign & {
  readonly power?: number;
  readonly direction?: EffectDirection;
};

/** Result of {@link powerForEffect}. */
export interface PowerResult {
  readonly power: number;
  /** ITT effect Δ = p_t − p_c. */
  readonly effect: number;
  /** Δ / participation difference. */
  readonly effectPerParticipant: number;
  readonly controlRate: number;
  readonly treatedRate: number;
  readonly nTreatment: number;
  readonly nControl: number;
  /** SE of the (adjusted) estimate under the alternative, SE₁. */
  readonly stdError: number;
  readonly alpha: number;
  readonly method: string;
}

/** Result of {@link minimumDetectableEffect}. */
export interface MdeResult {
  /** Detectable ITT effect Δ (signed: negative for a decrease). */
  readonly itt: number;
  /** Detectable effect per participant, Δ / participation difference (signed). */
  readonly perParticipant: number;
  /** |Δ| / control rate: the detectable relative reduction (or increase). */
  readonly relative: number;
  readonly controlRate: number;
  readonly treatedRate: number;
  readonly nTreatment: number;
  readonly nControl: number;
  readonly power: number;
  readonly alpha: number;
  readonly rSquared: number;
  readonly participationDifference: number;
  /** SE₁ at the MDE. */
  readonly stdError: number;
  readonly method: string;
}

/** Result of {@link requiredSampleSize}. */
export interface SampleSizeResult {
  /** Whole clients per arm (each arm rounded up), reaching at least the target power. */
  readonly nTreatment: number;
  readonly nControl: number;
  readonly total: number;
  /** The continuous solution before rounding (total, treated, control). */
  readonly exact: {
    readonly total: number;
    readonly nTreatment: number;
    readonly nControl: number;
  };
  /** Power at the rounded sizes. */
  readonly power: number;
  readonly effect: number;
  readonly effectPerParticipant: number;
  readonly treatmentShare: number;
  readonly method: string;
}

interface Resolved {
  readonly name: PowerMethod | undefined;
  readonly alpha: number;
  readonly variance: PowerVariance;
  readonly strict: boolean;
  readonly factor: number;
  readonly rSquared: number;
}

function fail(message: string, value?: unknown): never {
  throw new InputError(message, {
    code: 'invalid-option',
    ...(value === undefined ? {} : { value: String(value) }),
  });
}

function settings(s: PowerSettings): Resolved {
  const alpha = s.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) fail(`alpha must be in (0, 1), got ${alpha}`, alpha);
  const rSquared = s.rSquared ?? 0;
  if (!(rSquared >= 0 && rSquared < 1)) fail(`rSquared must be in [0, 1), got ${rSquared}`);
  if (s.method !== undefined) {
    if (s.method !== 'neyman' && s.method !== 'r-compatible') {
      fail(`method must be 'neyman' or 'r-compatible', got '${String(s.method)}'`, s.method);
    }
    if (s.variance !== undefined || s.strict !== undefined) {
      fail(
        `method '${s.method}' sets the variance and rejection regions; leave out variance and strict`,
      );
    }
  }
  const r = s.method === 'r-compatible';
  const variance = s.variance ?? (r ? 'pooled' : 'unpooled');
  if (variance !== 'unpooled' && variance !== 'pooled') {
    fail(`variance must be 'unpooled' or 'pooled', got ${String(variance)}`);
  }
  const named =
    s.method ??
    (s.variance === undefined && s.strict === undefined ? ('neyman' as const) : undefined);
  return {
    name: named,
    alpha,
    variance,
    strict: s.strict ?? !r,
    factor: 1 - rSquared,
    rSquared,
  };
}

function checkRate(p: number, name: string): void {
  if (!(p > 0 && p < 1)) fail(`${name} must be a share in (0, 1), got ${p}`, p);
}

function checkN(n: number, name: string): void {
  if (!(Number.isFinite(n) && n > 0)) fail(`${name} must be a positive number, got ${n}`, n);
}

function checkCompliance(d: number | undefined): number {
  const v = d ?? 1;
  if (!(v > 0 && v <= 1)) fail(`participationDifference must be in (0, 1], got ${v}`, v);
  return v;
}

/** The power formula of this module (see the module comment); n's may be fractional. */
function powerAt(pc: number, pt: number, nt: number, nc: number, r: Resolved): number {
  const delta = Math.abs(pt - pc);
  const v1 = r.factor * ((pc * (1 - pc)) / nc + (pt * (1 - pt)) / nt);
  const se1 = Math.sqrt(v1);
  let se0 = se1;
  if (r.variance === 'pooled') {
    const pbar = (nc * pc + nt * pt) / (nc + nt);
    se0 = Math.sqrt(r.factor * pbar * (1 - pbar) * (1 / nc + 1 / nt));
  }
  if (!(se1 > 0)) return delta > 0 ? 1 : r.alpha;
  const z = normalQuantile(1 - r.alpha / 2);
  const upper = normalCdf((delta - z * se0) / se1);
  return r.strict ? upper + normalCdf((-delta - z * se0) / se1) : upper;
}

function describe(r: Resolved, nt: number, nc: number): string {
  const variance = r.variance === 'pooled' ? 'pooled null variance' : 'unpooled (Neyman) variance';
  const name =
    r.name === 'r-compatible'
      ? "method 'r-compatible' (as R power.prop.test, strict = FALSE): "
      : r.name === 'neyman'
        ? "method 'neyman': "
        : '';
  return (
    `${name}normal approximation, two-sided α = ${r.alpha}, ${variance}` +
    `${r.strict ? ', both rejection regions' : ', one rejection region'}` +
    `${r.rSquared > 0 ? `, covariate adjustment: variance × (1 − R²), R² = ${r.rSquared}` : ''}` +
    `, n = ${fmtN(nt)} treated / ${fmtN(nc)} control`
  );
}

function fmtN(n: number): string {
  return Number.isInteger(n) ? formatCount(n) : formatNumber(n, 1);
}

/** Root of a monotone f on [lo, hi] with f(lo) < 0 < f(hi) by bisection to `tol` (absolute). */
function bisect(f: (x: number) => number, lo: number, hi: number, tol: number): number {
  let flo = f(lo);
  for (let i = 0; i < 200 && hi - lo > tol; i++) {
    const mid = 0.5 * (lo + hi);
    const fm = f(mid);
    if (fm === 0) return mid;
    if (fm < 0 === flo < 0) {
      lo = mid;
      flo = fm;
    } else {
      hi = mid;
    }
  }
  return 0.5 * (lo + hi);
}

const POWER_FOR_EFFECT_KEYS: AllKeys<PowerForEffectDesign> = {
  controlRate: true,
  nTreatment: true,
  nControl: true,
  participationDifference: true,
  alpha: true,
  method: true,
  variance: true,
  strict: true,
  rSquared: true,
  effect: true,
  effectPerParticipant: true,
};

/**
 * Power to detect an ITT effect (`effect` = treated − control share, e.g. −0.063) with the given
 * arm sizes. Give `effectPerParticipant` instead to have it multiplied by the participation
 * difference.
 *
 * @example
 * powerForEffect({ controlRate: 0.415, nTreatment: 978, nControl: 240, effect: -0.063 }).power // ≈ 0.43
 */
export function powerForEffect(design: PowerForEffectDesign): PowerResult {
  rejectUnknownKeys(design, POWER_FOR_EFFECT_KEYS, 'powerForEffect');
  return powerOf(design);
}

/** powerForEffect without the key check, for the callers here that pass a wider design. */
function powerOf(design: PowerForEffectDesign): PowerResult {
  const r = settings(design);
  checkRate(design.controlRate, 'controlRate');
  checkN(design.nTreatment, 'nTreatment');
  checkN(design.nControl, 'nControl');
  const d = checkCompliance(design.participationDifference);
  const effect = 'effect' in design ? design.effect : design.effectPerParticipant * d;
  const pt = design.controlRate + effect;
  if (!(pt >= 0 && pt <= 1)) {
    fail(`controlRate + effect must be a share in [0, 1], got ${pt}`, effect);
  }
  const pc = design.controlRate;
  return {
    power: powerAt(pc, pt, design.nTreatment, design.nControl, r),
    effect,
    effectPerParticipant: effect / d,
    controlRate: pc,
    treatedRate: pt,
    nTreatment: design.nTreatment,
    nControl: design.nControl,
    stdError: Math.sqrt(
      r.factor * ((pc * (1 - pc)) / design.nControl + (pt * (1 - pt)) / design.nTreatment),
    ),
    alpha: r.alpha,
    method: describe(r, design.nTreatment, design.nControl),
  };
}

const MINIMUM_DETECTABLE_EFFECT_KEYS: AllKeys<MdeDesign> = {
  controlRate: true,
  nTreatment: true,
  nControl: true,
  participationDifference: true,
  alpha: true,
  method: true,
  variance: true,
  strict: true,
  rSquared: true,
  power: true,
  direction: true,
};

/**
 * Minimum detectable effect: the smallest ITT effect |Δ| in the given direction (default
 * `'decrease'`, as a lower flow into bijstand) detected with probability `power` (default 0.8),
 * solved by bisection to 1e-12; plus the detectable effect per participant (Δ / participation
 * difference) and relative to the control rate. Throws when even the largest possible effect
 * (down to 0 or up to 1) is not detectable.
 *
 * @example
 * // 978 / 240 clients, 41.5 % control, 31 pp participation difference
 * const m = minimumDetectableEffect({ controlRate: 0.415, nTreatment: 978, nControl: 240,
 *   participationDifference: 0.31 });
 * m.itt;            // ≈ −0.098 (9.8 pp)
 * m.perParticipant; // ≈ −0.32
 */
export function minimumDetectableEffect(design: MdeDesign): MdeResult {
  rejectUnknownKeys(design, MINIMUM_DETECTABLE_EFFECT_KEYS, 'minimumDetectableEffect');
  return mdeOf(design);
}

/** minimumDetectableEffect without the key check, for the callers here that pass a wider design. */
function mdeOf(design: MdeDesign): MdeResult {
  const r = settings(design);
  const pc = design.controlRate;
  checkRate(pc, 'controlRate');
  checkN(design.nTreatment, 'nTreatment');
  checkN(design.nControl, 'nControl');
  const d = checkCompliance(design.participationDifference);
  const target = design.power ?? 0.8;
  if (!(target > r.alpha / 2 && target < 1)) {
    fail(`power must be in (α/2, 1), got ${target}`, target);
  }
  const sign = (design.direction ?? 'decrease') === 'decrease' ? -1 : 1;
  const room = sign < 0 ? pc : 1 - pc;
  const { nTreatment: nt, nControl: nc } = design;
  const f = (delta: number) => powerAt(pc, pc + sign * delta, nt, nc, r) - target;
  if (f(room) < 0) {
    fail(
      `no ${sign < 0 ? 'decrease' : 'increase'} from ${pc} is detectable with power ${target} at n = ${nt} / ${nc}; the groups are too small`,
    );
  }
  const delta = bisect(f, 0, room, 1e-13);
  const itt = sign * delta;
  const pt = pc + itt;
  return {
    itt,
    perParticipant: itt / d,
    relative: delta / pc,
    controlRate: pc,
    treatedRate: pt,
    nTreatment: nt,
    nControl: nc,
    power: target,
    alpha: r.alpha,
    rSquared: r.rSquared,
    participationDifference: d,
    stdError: Math.sqrt(r.factor * ((pc * (1 - pc)) / nc + (pt * (1 - pt)) / nt)),
    method: describe(r, nt, nc),
  };
}

const REQUIRED_SAMPLE_SIZE_KEYS: AllKeys<Parameters<typeof requiredSampleSize>[0]> = {
  alpha: true,
  method: true,
  variance: true,
  strict: true,
  rSquared: true,
  controlRate: true,
  treatmentShare: true,
  power: true,
  participationDifference: true,
  effect: true,
  effectPerParticipant: true,
};

/**
 * Sample size to detect an ITT effect (or `effectPerParticipant` × participation difference)
 * with probability `power` (default 0.8) when a share `treatmentShare` (default 0.5; 0.8 for
 * 80/20) of the clients is treated. The continuous total N solves power(N·w, N·(1 − w)) =
 * target (bisection to 1e-9 relative); each arm is then rounded up.
 *
 * @example
 * requiredSampleSize({ controlRate: 0.415, effect: -0.063, treatmentShare: 0.8 }).total
 */
export function requiredSampleSize(
  design: PowerSettings & {
    readonly controlRate: number;
    readonly treatmentShare?: number;
    readonly power?: number;
    readonly participationDifference?: number;
  } & ({ readonly effect: number } | { readonly effectPerParticipant: number }),
): SampleSizeResult {
  rejectUnknownKeys(design, REQUIRED_SAMPLE_SIZE_KEYS, 'requiredSampleSize');
  const r = settings(design);
  const pc = design.controlRate;
  checkRate(pc, 'controlRate');
  const d = checkCompliance(design.participationDifference);
  const w = design.treatmentShare ?? 0.5;
  if (!(w > 0 && w < 1)) fail(`treatmentShare must be in (0, 1), got ${w}`, w);
  const target = design.power ?? 0.8;
  if (!(target > r.alpha && target < 1)) fail(`power must be in (α, 1), got ${target}`, target);
  const effect = 'effect' in design ? design.effect : design.effectPerParticipant * d;
  const pt = pc + effect;
  if (!(effect !== 0 && pt >= 0 && pt <= 1)) {
    fail(`effect must be non-zero and keep the treated share in [0, 1], got ${effect}`, effect);
  }
  const g = (total: number) => powerAt(pc, pt, total * w, total * (1 - w), r) - target;
  let hi = 4;
  while (g(hi) < 0) {
    hi *= 2;
    if (hi > 1e13) fail(`effect ${effect} is too small to detect with any sample size`);
  }
  const total = bisect(g, hi > 4 ? hi / 2 : 1e-6, hi, hi * 1e-12);
  const nTreatment = Math.ceil(total * w - 1e-9);
  const nControl = Math.ceil(total * (1 - w) - 1e-9);
  return {
    nTreatment,
    nControl,
    total: nTreatment + nControl,
    exact: { total, nTreatment: total * w, nControl: total * (1 - w) },
    power: powerAt(pc, pt, nTreatment, nControl, r),
    effect,
    effectPerParticipant: effect / d,
    treatmentShare: w,
    method: describe(r, nTreatment, nControl),
  };
}

/** One pairwise comparison of a multi-arm design. */
export interface PairwisePower {
  readonly treatment: string;
  readonly control: string;
  readonly nTreatment: number;
  readonly nControl: number;
  /** α used for this comparison (after a Bonferroni split when asked for). */
  readonly alpha: number;
  readonly mde: MdeResult;
}

const PAIRWISE_MDE_KEYS: AllKeys<Parameters<typeof pairwiseMde>[0]> = {
  alpha: true,
  method: true,
  variance: true,
  strict: true,
  rSquared: true,
  n: true,
  weights: true,
  controlRate: true,
  pairs: true,
  power: true,
  direction: true,
  participationDifference: true,
  bonferroni: true,
};

/**
 * Multi-arm designs (e.g. 80/10/10: service, control with enforcement, control without) are
 * analysed as pairwise two-arm comparisons; this gives the MDE of each pair at n·w_i vs n·w_j.
 * `pairs` defaults to all pairs in listed order (first arm as "treatment"); `bonferroni: true`
 * splits α over the pairs.
 *
 * @example
 * pairwiseMde({ n: 10_000, weights: { service: 0.8, enforcement: 0.1, none: 0.1 }, controlRate: 0.3 })
 */
export function pairwiseMde(
  design: PowerSettings & {
    readonly n: number;
    readonly weights: Readonly<Record<string, number>>;
    readonly controlRate: number;
    readonly pairs?: readonly (readonly [string, string])[];
    readonly power?: number;
    readonly direction?: EffectDirection;
    readonly participationDifference?: number;
    readonly bonferroni?: boolean;
  },
): PairwisePower[] {
  rejectUnknownKeys(design, PAIRWISE_MDE_KEYS, 'pairwiseMde');
  const arms = Object.keys(design.weights);
  if (arms.length < 2) fail('weights need at least two arms');
  let sum = 0;
  for (const a of arms) {
    const w = design.weights[a]!;
    if (!(w > 0)) fail(`weight of arm '${a}' must be > 0, got ${w}`, w);
    sum += w;
  }
  if (Math.abs(sum - 1) > 1e-9) fail(`weights must sum to 1, they sum to ${sum}`, sum);
  const pairs: (readonly [string, string])[] = design.pairs
    ? [...design.pairs]
    : arms.flatMap((a, i) => arms.slice(i + 1).map((b) => [a, b] as const));
  for (const [a, b] of pairs) {
    if (!(a in design.weights) || !(b in design.weights) || a === b) {
      fail(`unknown or repeated arm in pair ${a} / ${b}; arms: ${arms.join(', ')}`);
    }
  }
  const alpha = (design.alpha ?? 0.05) / (design.bonferroni ? pairs.length : 1);
  return pairs.map(([a, b]) => {
    const nTreatment = design.n * design.weights[a]!;
    const nControl = design.n * design.weights[b]!;
    return {
      treatment: a,
      control: b,
      nTreatment,
      nControl,
      alpha,
      mde: mdeOf({ ...design, alpha, nTreatment, nControl }),
    };
  });
}

/** One targeted group of {@link targetingPower}. */
export interface TargetingRow {
  /** Share of the population analysed (top of the scan's ranking), e.g. 0.1 for decile 1. */
  readonly share: number;
  /** Share of all events (flow-throughs) in that group: the scan's capture. */
  readonly capture: number;
  readonly nTreatment: number;
  readonly nControl: number;
  /** Control rate in the group: base rate × capture / share. */
  readonly controlRate: number;
  readonly mde: MdeResult;
  /** Power for the assumed relative effect, when given. */
  readonly power?: number;
  /** Events prevented in the treated group at the assumed relative effect (ITT). */
  readonly prevented?: number;
}

const TARGETING_POWER_KEYS: AllKeys<Parameters<typeof targetingPower>[0]> = {
  alpha: true,
  method: true,
  variance: true,
  strict: true,
  rSquared: true,
  population: true,
  baseRate: true,
  capture: true,
  treatmentShare: true,
  power: true,
  participationDifference: true,
  relativeEffect: true,
  capacity: true,
};

/**
 * Subgroup targeting: power when only the top share(s) of a risk scan's ranking are analysed.
 * A group with share q of a population N has N·q clients and control rate base·capture(q)/q
 * (e.g. 63 % of flow-throughs in the top 10 % at a 3.7 % base rate: 23.3 %). A smaller group
 * has fewer clients but a higher base rate; with an effect proportional to the base rate
 * (`relativeEffect`, an ITT reduction of e.g. 15 % of the control rate) and no limit on the
 * number treated, a larger group always has more power (more events in total). The trade-off
 * appears with a fixed service `capacity` (advisers can treat only so many clients): then the
 * treated group has the same size wherever it is drawn, and the higher base rate of the top
 * decile wins. Compare `mde.relative` or the power column. The whole population (share 1,
 * capture 1) is always included as the last row.
 *
 * @example
 * targetingPower({ population: 12_191, baseRate: 0.037, treatmentShare: 0.8,
 *   capture: [{ share: 0.1, capture: 0.63 }, { share: 0.2, capture: 0.77 }], relativeEffect: 0.15 })
 */
export function targetingPower(
  design: PowerSettings & {
    readonly population: number;
    readonly baseRate: number;
    readonly capture: readonly { readonly share: number; readonly capture: number }[];
    readonly treatmentShare?: number;
    readonly power?: number;
    readonly participationDifference?: number;
    readonly relativeEffect?: number;
    /** Most clients the service can treat: nTreatment = min(N·q·w, capacity), control in ratio. */
    readonly capacity?: number;
  },
): TargetingRow[] {
  rejectUnknownKeys(design, TARGETING_POWER_KEYS, 'targetingPower');
  checkN(design.population, 'population');
  checkRate(design.baseRate, 'baseRate');
  const w = design.treatmentShare ?? 0.5;
  if (!(w > 0 && w < 1)) fail(`treatmentShare must be in (0, 1), got ${w}`, w);
  const groups = [...design.capture];
  if (!groups.some((g) => g.share === 1)) groups.push({ share: 1, capture: 1 });
  return groups.map(({ share, capture }) => {
    if (!(share > 0 && share <= 1 && capture > 0 && capture <= 1)) {
      fail(`capture rows need share and capture in (0, 1], got ${share} / ${capture}`);
    }
    const controlRate = (design.baseRate * capture) / share;
    if (!(controlRate < 1)) {
      fail(`base rate × capture / share = ${controlRate} is not a share below 1`, controlRate);
    }
    const n = design.population * share;
    const nTreatment = Math.min(n * w, design.capacity ?? Number.POSITIVE_INFINITY);
    const nControl = (nTreatment * (1 - w)) / w;
    const mde = mdeOf({ ...design, controlRate, nTreatment, nControl });
    const row: TargetingRow = { share, capture, nTreatment, nControl, controlRate, mde };
    if (design.relativeEffect === undefined) return row;
    const effect = -design.relativeEffect * controlRate;
    const p = powerOf({ ...design, controlRate, nTreatment, nControl, effect });
    return { ...row, power: p.power, prevented: -effect * nTreatment };
  });
}
