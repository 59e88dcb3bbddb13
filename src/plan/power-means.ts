/**
 * Power, minimum detectable difference and sample size for a difference in means: R's
 * `power.t.test` (two-sample, two-sided) generalised to unequal allocation, non-compliance,
 * covariate R² and cluster-randomised designs.
 *
 * Arm sizes n_t, n_c, outcome SD σ, variance factor f = 1 − R², design effect
 * DE = 1 + (m − 1)·ρ for clusters of m clients with intra-cluster correlation ρ (1 without
 * clusters), and true ITT difference δ:
 *
 * - noncentrality λ = |δ| / (σ·√(f·DE·(1/n_t + 1/n_c)));
 * - df = n_t + n_c − 2 without clusters; with G_t, G_c clusters the Bell–McCaffrey df of the
 *   CR2 test of a cluster-level treatment, (1/G_t + 1/G_c)² / (1/(G_t²(G_t − 1)) + 1/(G_c²(G_c − 1))),
 *   which is G − 2 at equal allocation (the t test on cluster means) and smaller otherwise;
 * - power = P(T_{df,λ} > t_{df,1−α/2}) [+ P(T_{df,λ} < −t_{df,1−α/2}) with `strict: true`],
 *   T_{df,λ} noncentral t ({@link noncentralTCdf}).
 *
 * With n_t = n_c = n, no clusters, R² = 0 this is exactly R's
 * `power.t.test(n, delta, sd, sig.level, strict = FALSE)` (its default; `strict` as R), checked
 * to 1e-8 in all three solve-for modes (`tests/reference/power-means.R`). The df of clustered
 * designs are checked against `clubSandwich::coef_test(…, vcov = "CR2")`.
 */
import { InputError } from '../errors.js';
import { studentTQuantile } from '../stats/distributions.js';
import { noncentralTCdf } from '../stats/noncentral-t.js';
import { checkFraction, checkPositive } from '../stats/validate.js';

/** Cluster-randomised design: whole clusters of `size` clients assigned, correlation `icc`. */
export interface ClusterDesign {
  /** Intra-cluster correlation ρ of the outcome, in [0, 1). */
  readonly icc: number;
  /** Clients per cluster m (equal sizes), ≥ 1. */
  readonly size: number;
}

/** Specification of {@link powerTTest}: leave out exactly one of sizes, `delta` and `power`. */
export interface MeansPowerSpec {
  /** Clients per arm at equal allocation (R's `n`). Or give `nTreatment` and `nControl`. */
  readonly n?: number;
  readonly nTreatment?: number;
  readonly nControl?: number;
  /** ITT difference in means δ (treated − control); its sign does not matter (two-sided). */
  readonly delta?: number;
  /** Difference per participant; δ = this × `participationDifference`. */
  readonly deltaPerParticipant?: number;
  /** Target or computed power. */
  readonly power?: number;
  /** Outcome SD σ (default 1, as R). */
  readonly sd?: number;
  /** Two-sided level (default 0.05). */
  readonly alpha?: number;
  /** Count rejections in the wrong direction as power (default false, R's default). */
  readonly strict?: boolean;
  /** Share treated when solving for sizes (default 0.5). */
  readonly treatmentShare?: number;
  /** Participation difference between the arms (default 1: full compliance). */
  readonly participationDifference?: number;
  /** Expected R² of prognostic covariates: variance × (1 − R²) (not with clusters). */
  readonly rSquared?: number;
  /** Cluster randomisation (design effect 1 + (m − 1)ρ, Bell–McCaffrey df). */
  readonly clusters?: ClusterDesign;
}

/** Result of {@link powerTTest}. */
export interface MeansPowerResult {
  /** Which quantity was solved for. */
  readonly solvedFor: 'power' | 'n' | 'delta';
  readonly power: number;
  /** |δ|, the ITT difference. */
  readonly delta: number;
  /** |δ| / participation difference. */
  readonly deltaPerParticipant: number;
  readonly sd: number;
  /** Clients per arm (rounded up to whole clients, or whole clusters, when solved for). */
  readonly nTreatment: number;
  readonly nControl: number;
  /** Clusters per arm (only for cluster designs). */
  readonly clustersTreatment?: number;
  readonly clustersControl?: number;
  /** The continuous solution when solved for sizes (R's `n` is `exact.nTreatment` at 50/50). */
  readonly exact?: { readonly nTreatment: number; readonly nControl: number };
  readonly designEffect: number;
  readonly df: number;
  /** Noncentrality λ at these sizes. */
  readonly ncp: number;
  /** SE of the estimated difference, σ·√(f·DE·(1/n_t + 1/n_c)). */
  readonly stdError: number;
  readonly alpha: number;
  readonly strict: boolean;
  readonly method: string;
}

const FN = { fn: 'powerTTest' } as const;

function fail(message: string, value?: unknown): never {
  throw new InputError(`powerTTest: ${message}`, {
    code: 'invalid-option',
    ...(value === undefined ? {} : { value: String(value) }),
  });
}

const KEYS = new Set([
  'n',
  'nTreatment',
  'nControl',
  'delta',
  'deltaPerParticipant',
  'power',
  'sd',
  'alpha',
  'strict',
  'treatmentShare',
  'participationDifference',
  'rSquared',
  'clusters',
]);

/**
 * Bell–McCaffrey degrees of freedom of the CR2 t test of a cluster-level treatment with G_t
 * treated and G_c control clusters of equal size (working model: independent errors, as
 * `clubSandwich`): (1/G_t + 1/G_c)² / (1/(G_t²(G_t − 1)) + 1/(G_c²(G_c − 1))). At G_t = G_c it
 * is G − 2, the df of the two-sample t test on cluster means.
 *
 * @example
 * clusterDf(10, 10); // 18
 * clusterDf(16, 4);  // 4.62963 (clubSandwich: coef_test(fit, vcov = "CR2")$df_Satt)
 */
export function clusterDf(gt: number, gc: number): number {
  if (gt === gc) return 2 * gt - 2; // the same value, without rounding
  const num = (1 / gt + 1 / gc) ** 2;
  return num / (1 / (gt * gt * (gt - 1)) + 1 / (gc * gc * (gc - 1)));
}

interface Setup {
  readonly sd: number;
  readonly alpha: number;
  readonly strict: boolean;
  readonly factor: number;
  readonly de: number;
  readonly m: number | undefined;
  readonly d: number;
}

/** Power, df and λ at (possibly fractional) arm sizes. */
function powerAt(delta: number, nt: number, nc: number, s: Setup) {
  const se = s.sd * Math.sqrt(s.factor * s.de * (1 / nt + 1 / nc));
  const df = s.m === undefined ? nt + nc - 2 : clusterDf(nt / s.m, nc / s.m);
  const ncp = Math.abs(delta) / se;
  const q = studentTQuantile(1 - s.alpha / 2, df);
  let power = 1 - noncentralTCdf(q, df, ncp);
  if (s.strict) power += noncentralTCdf(-q, df, ncp);
  return { power, df, ncp, se };
}

/** Root of increasing f on [lo, hi] (f(lo) < 0 ≤ f(hi)) by bisection to a relative `tol`. */
function bisect(f: (x: number) => number, lo: number, hi: number, tol: number): number {
  for (let i = 0; i < 300 && hi - lo > tol * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Power, sample size or detectable difference of a two-sample t test, as R's
 * `power.t.test(type = "two.sample", alternative = "two.sided")`: leave out exactly one of the
 * sizes (`n` or `nTreatment` + `nControl`), `delta` and `power`, and it is solved for (by
 * bisection to 1e-13 relative). See the module comment for the formulas. Sizes solved for are
 * rounded up per arm (to whole clusters for cluster designs), with the continuous solution in
 * `exact` and the power at the rounded sizes in `power`.
 *
 * @example
 * powerTTest({ n: 20, delta: 1 }).power;          // 0.8689528 (R: power.t.test(n = 20, delta = 1))
 * powerTTest({ delta: 1, power: 0.9 }).exact?.nTreatment; // 22.02110 (R's n)
 * // 40 offices of 25 clients, ICC 0.05, 80 % power: detectable difference in SDs
 * powerTTest({ nTreatment: 500, nControl: 500, power: 0.8, clusters: { icc: 0.05, size: 25 } }).delta;
 */
export function powerTTest(spec: MeansPowerSpec): MeansPowerResult {
  for (const key of Object.keys(spec)) {
    if (!KEYS.has(key)) fail(`unknown option '${key}' (options: ${[...KEYS].join(', ')})`, key);
  }
  const sd = checkPositive(spec.sd ?? 1, 'sd', FN);
  const alpha = checkFraction(spec.alpha ?? 0.05, 'alpha', FN);
  const rSquared = spec.rSquared ?? 0;
  if (!(rSquared >= 0 && rSquared < 1)) fail(`rSquared must be in [0, 1), got ${rSquared}`);
  const d = spec.participationDifference ?? 1;
  if (!(d > 0 && d <= 1)) fail(`participationDifference must be in (0, 1], got ${d}`, d);
  let de = 1;
  let m: number | undefined;
  if (spec.clusters !== undefined) {
    const { icc, size } = spec.clusters;
    if (!(icc >= 0 && icc < 1)) fail(`clusters.icc must be in [0, 1), got ${icc}`, icc);
    if (!(Number.isInteger(size) && size >= 1)) {
      fail(`clusters.size must be a whole number ≥ 1, got ${size}`, size);
    }
    if (rSquared > 0) {
      fail(
        'rSquared cannot be combined with clusters: covariates explain cluster and client variance differently',
      );
    }
    m = size;
    de = 1 + (size - 1) * icc;
  }
  const setup: Setup = { sd, alpha, strict: spec.strict ?? false, factor: 1 - rSquared, de, m, d };

  if (spec.delta !== undefined && spec.deltaPerParticipant !== undefined) {
    fail('give delta or deltaPerParticipant, not both');
  }
  const delta =
    spec.delta ??
    (spec.deltaPerParticipant === undefined ? undefined : spec.deltaPerParticipant * d);
  if (delta !== undefined && !Number.isFinite(delta)) fail(`delta must be a number, got ${delta}`);
  if (spec.n !== undefined && (spec.nTreatment !== undefined || spec.nControl !== undefined)) {
    fail('give n (per arm) or nTreatment and nControl, not both');
  }
  if ((spec.nTreatment === undefined) !== (spec.nControl === undefined)) {
    fail('give both nTreatment and nControl');
  }
  const nt = spec.n ?? spec.nTreatment;
  const nc = spec.n ?? spec.nControl;
  const missing = [nt === undefined, delta === undefined, spec.power === undefined].filter(
    Boolean,
  ).length;
  if (missing !== 1) {
    fail('leave out exactly one of the sizes (n, or nTreatment and nControl), delta and power');
  }
  if (spec.power !== undefined && !(spec.power > alpha / 2 && spec.power < 1)) {
    fail(`power must be in (α/2, 1), got ${spec.power}`, spec.power);
  }
  if (nt !== undefined && nc !== undefined) {
    checkSizes(nt, nc, m);
    if (spec.treatmentShare !== undefined) fail('treatmentShare is only used when solving for n');
  }

  if (spec.power === undefined) return result('power', delta!, nt!, nc!, setup);
  const target = spec.power;
  if (delta === undefined) {
    // Power rises with |δ|; double the bracket until the target is reached.
    const f = (x: number) => powerAt(x, nt!, nc!, setup).power - target;
    let hi = sd;
    for (let i = 0; f(hi) < 0; i++) {
      if (i > 60) fail('no difference reaches the target power at these sizes');
      hi *= 2;
    }
    return result('delta', bisect(f, 0, hi, 1e-13), nt!, nc!, setup);
  }
  if (delta === 0) fail('delta must be non-zero to solve for the sample size', delta);
  const w = spec.treatmentShare ?? 0.5;
  checkFraction(w, 'treatmentShare', FN);
  // Solve in clients (or clusters) per unit of total; from 2 per arm, as R's search from n = 2.
  const unit = m ?? 1;
  const lo = 2 / Math.min(w, 1 - w);
  const f = (g: number) => powerAt(delta, g * w * unit, g * (1 - w) * unit, setup).power - target;
  let total: number;
  if (f(lo) >= 0) total = lo;
  else {
    let hi = 2 * lo;
    for (let i = 0; f(hi) < 0; i++) {
      if (i > 60) fail(`difference ${delta} is too small to detect with any sample size`);
      hi *= 2;
    }
    total = bisect(f, lo, hi, 1e-13);
  }
  const exact = { nTreatment: total * w * unit, nControl: total * (1 - w) * unit };
  const gt = Math.ceil(total * w - 1e-9);
  const gc = Math.ceil(total * (1 - w) - 1e-9);
  return { ...result('n', delta, gt * unit, gc * unit, setup), exact };
}

function checkSizes(nt: number, nc: number, m: number | undefined): void {
  checkPositive(nt, 'nTreatment', FN);
  checkPositive(nc, 'nControl', FN);
  const unit = m ?? 1;
  if (m !== undefined && !(Number.isInteger(nt / m) && Number.isInteger(nc / m))) {
    fail(
      `with clusters of ${m}, nTreatment and nControl must be whole numbers of clusters (multiples of ${m}), got ${nt} / ${nc}`,
    );
  }
  if (!(nt / unit > 1 && nc / unit > 1)) {
    fail(
      m === undefined
        ? `each arm needs more than 1 client, got ${nt} / ${nc}`
        : `each arm needs more than one cluster of ${m}, got ${nt} / ${nc} clients`,
    );
  }
}

function result(
  solvedFor: MeansPowerResult['solvedFor'],
  delta: number,
  nt: number,
  nc: number,
  s: Setup,
): MeansPowerResult {
  const p = powerAt(delta, nt, nc, s);
  const clusters =
    s.m === undefined ? {} : { clustersTreatment: nt / s.m, clustersControl: nc / s.m };
  const parts = [
    `two-sample t test (noncentral t, as R power.t.test), two-sided α = ${s.alpha}`,
    s.strict ? 'both rejection regions' : 'one rejection region',
    s.m === undefined
      ? `df = n − 2 = ${fmt(p.df)}`
      : `clusters of ${s.m}, design effect ${fmt(s.de)}, Bell–McCaffrey (CR2) df = ${fmt(p.df)}`,
    ...(s.factor < 1
      ? [`covariate adjustment: variance × (1 − R²), R² = ${fmt(1 - s.factor)}`]
      : []),
  ];
  return {
    solvedFor,
    power: p.power,
    delta: Math.abs(delta),
    deltaPerParticipant: Math.abs(delta) / s.d,
    sd: s.sd,
    nTreatment: nt,
    nControl: nc,
    ...clusters,
    designEffect: s.de,
    df: p.df,
    ncp: p.ncp,
    stdError: p.se,
    alpha: s.alpha,
    strict: s.strict,
    method: parts.join(', '),
  };
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}
