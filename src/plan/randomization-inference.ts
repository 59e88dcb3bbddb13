/**
 * Randomisation inference: the p-value of the ITT and the adjusted effect at one month from the
 * distribution of the statistic over re-draws of the assignment under the rule actually used,
 * holding every client's outcome fixed (Fisher's sharp null of no effect for anybody).
 *
 * Each draw costs O(n·k): by Frisch–Waugh–Lovell the treatment coefficient of y ~ 1 + T + Z is
 * β = t̃'y / t̃'t̃ with t̃ the residual of T on [1, Z]; the covariate design is prepared once
 * (`olsPrepare`), t̃ is one solve on it, the full model's residuals are ẽ_y − β·t̃ (ẽ_y the
 * residual of y on [1, Z], computed once) and its leverages h_i = h_Z,i + t̃_i²/t̃'t̃, so the HC2
 * variance Σ e_i²/(1 − h_i)·(t̃_i/t̃'t̃)² needs no new factorisation. The observed statistic
 * equals `olsTermPrepared` on the full design (tested). The draws compute t̃ = T − Z·(Z'Z)⁻¹Z'T
 * from the design's factor codes when it has enough dummies (`fwlDrawCoded`), else
 * t̃ = T − Q·Q'T on an orthonormal basis Q of [1, Z] built once (`fwlDrawMany`), in buffers
 * reused across draws; a draw counts as extreme when |S*| ≥ |S|·(1 − 10⁻⁹), so rounding
 * differences of order 10⁻¹³ between the computations cannot change a count.
 */

import { type Comparison, type ComparisonSpec, comparisonSample } from '../analysis/comparison.js';
import { outcomeAt, sampleAt } from '../analysis/effect-series.js';
import { createHashUniform } from '../assign/hash.js';
import type { AssignmentRule } from '../assign/rules.js';
import { asTable, stringColumn, type TableInput } from '../data/columns.js';
import { DEFAULT_EXPERIMENT_SCHEMA } from '../data/schema.js';
import { InputError } from '../errors.js';
import { olsLeverages, olsPrepare, olsSolve, olsTermPrepared } from '../estimate/ols.js';
import { normalCdf } from '../stats/distributions.js';
import { indices } from '../stats/gather.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { createRng, type Rng } from '../stats/random.js';
import { fwlDrawCoded, fwlDrawMany, orthonormalColumns } from './fwl-draw.js';

/** Options of {@link randomizationTest}. */
export interface RandomizationSpec extends ComparisonSpec {
  /** Month of the outcome (clients observed at least this many months; default 24). */
  readonly month?: number;
  /**
   * The assignment rule that was used (as stored by `assignArms`): hashed → re-drawn with new
   * keys; complete → the realised arm sizes re-dealt; blocked → re-dealt within each block
   * (column `rule.block`); parity → each client's last BSN digit re-drawn as uniform, i.e. the
   * arm is odd with probability ½ independently per client (arm sizes random, as in the real
   * design). Default: complete.
   */
  readonly rule?: AssignmentRule | { readonly kind: 'complete' };
  /** Client id column for hashed re-draws (default `id`). */
  readonly id?: string;
  /** Monte-Carlo draws (default 10,000). */
  readonly draws?: number;
  /** Enumerate every assignment when there are at most this many (default 100,000). */
  readonly exactLimit?: number;
  readonly seed?: number | string;
}

/** One statistic's randomisation distribution summary. */
export interface RandomizationStat {
  readonly estimate: number;
  /** Studentised statistic (estimate / SE): the test statistic (robust to unequal variances). */
  readonly statistic: number;
  /** Two-sided p-value of |statistic| (studentised). */
  readonly pValue: number;
  /** Two-sided p-value of |estimate| (unstudentised). */
  readonly pValueEstimate: number;
  /** The p-value of the usual (model-based) test, for comparison. */
  readonly pValueModel: number;
  /**
   * Monte Carlo standard error of `pValue`: √(p(1 − p)/R) for R draws (0 when exact) — the
   * binomial spread of the estimated p around the p over all assignments.
   */
  readonly monteCarloSe: number;
}

/** Result of {@link randomizationTest}. */
export interface RandomizationResult {
  readonly month: number;
  readonly n: number;
  readonly nTreated: number;
  readonly itt: RandomizationStat;
  readonly adjusted?: RandomizationStat;
  /** Draws used (all assignments when exact). */
  readonly draws: number;
  readonly exact: boolean;
  /** The seed of the Monte Carlo draws (the same seed gives the same p-values). */
  readonly seed: number | string;
  /** How the assignment was re-drawn, in words (incl. what was done for BSN parity). */
  readonly design: string;
  readonly method: string;
}

const PARITY_NOTE =
  'BSN parity: the arm is a fixed function of the BSN, so the BSN itself cannot be re-randomised; ' +
  'the last digit is treated as a uniform draw unrelated to the outcomes (what the audit and the ' +
  'balance table support but cannot prove), so each client is re-assigned to the odd arm with ' +
  'probability ½ independently, arm sizes random as in the real design';

/** The keys of {@link RandomizationSpec}. */
const SPEC_KEYS: AllKeys<RandomizationSpec> = {
  arm: true,
  treatment: true,
  control: true,
  covariates: true,
  reference: true,
  factors: true,
  missing: true,
  rareLevels: true,
  event: true,
  followup: true,
  time: true,
  status: true,
  censored: true,
  month: true,
  rule: true,
  id: true,
  draws: true,
  exactLimit: true,
  seed: true,
};

/**
 * Randomisation test of the ITT (difference in shares) and, with covariates, the adjusted
 * effect (OLS, HC2) at one month, complete follow-up. p-values are (1 + #{|S*| ≥ |S|})/(1 + R)
 * for R Monte-Carlo draws (valid at every R), or the exact share over all assignments when the
 * design has at most `exactLimit` of them (complete or blocked).
 *
 * @example
 * const ri = randomizationTest(decile1, { event: 'month_bijstand', month: 24,
 *   covariates: ['age', 'education'], draws: 10_000, seed: 1 });
 * ri.adjusted.pValue;
 */
export function randomizationTest(data: TableInput, spec: RandomizationSpec): RandomizationResult {
  rejectUnknownKeys(spec, SPEC_KEYS, 'randomizationTest');
  return randomizationTests(data, spec, [spec.event])[0]!;
}

/**
 * {@link randomizationTest} of several event columns at once, with `spec` for every other key
 * (an `event` in it is ignored): one result per event, each equal bit for bit to
 * `randomizationTest(data, { ...spec, event })`. When the events' comparison samples are the same
 * clients (the usual case: an event column only sets the outcome), the assignments are drawn once
 * and each draw's residual t̃ of T on the covariates, its O(n·k) part, serves every event
 * (`fwlDrawCoded` or `fwlDrawMany` in fwl-draw.ts); the draws are the same as each event's own,
 * so are the p-values.
 *
 * @example
 * const [bijstand, work] = randomizationTests(table, { month: 24, covariates: ['age'],
 *   draws: 2000, seed: 1 }, ['month_bijstand', 'month_work']);
 * work.adjusted?.pValue;
 */
export function randomizationTests(
  data: TableInput,
  spec: Omit<RandomizationSpec, 'event'> & { readonly event?: string },
  events: readonly string[],
): RandomizationResult[] {
  rejectUnknownKeys(spec, SPEC_KEYS, 'randomizationTests');
  for (const [key, min] of [
    ['draws', 1],
    ['exactLimit', 0],
    ['month', 1],
  ] as const) {
    const v = spec[key];
    if (v !== undefined && !(Number.isInteger(v) && v >= min)) {
      throw new InputError(
        `randomizationTest: ${key} must be a whole number ≥ ${min}, got ${String(v)}`,
        { code: 'invalid-option', value: String(v) },
      );
    }
  }
  const table = asTable(data);
  const comparisons = events.map((event) => comparisonSample(table, { ...spec, event }));
  // Draws are shared only by events whose samples are the same clients in the same order.
  const c = comparisons[0]!;
  const same = comparisons.every(
    (o) =>
      o.rows.length === c.rows.length &&
      o.rows.every((r, i) => r === c.rows[i]) &&
      o.followup.every((f, i) => f === c.followup[i]),
  );
  if (!same) return comparisons.map((o) => testOf(table, spec, [o])[0]!);
  return testOf(table, spec, comparisons);
}

/** The randomisation tests of comparisons that differ only in their event months. */
function testOf(
  table: ReturnType<typeof asTable>,
  spec: Omit<RandomizationSpec, 'event'>,
  comparisons: readonly Comparison[],
): RandomizationResult[] {
  const month = spec.month ?? 24;
  const c = comparisons[0]!;
  const E = comparisons.length;
  const index = sampleAt(c.followup, month);
  const n = index.length;
  if (n < 4) {
    throw new InputError(`only ${n} clients are observed ${month} months; nothing to test`, {
      code: 'empty',
    });
  }
  const ys = comparisons.map((o) => outcomeAt(o.eventMonth, index, month));
  const tObs = new Float64Array(n);
  for (let j = 0; j < n; j++) tObs[j] = c.treated[index[j]!]!;
  const rule = spec.rule ?? { kind: 'complete' as const };
  // --- how to re-draw T over all comparison clients (assignment happened before censoring) ---
  const N = c.treated.length;
  const nTreatedAll = c.treated.reduce((a, b) => a + b, 0);
  let design: string;
  let groups: Int32Array[]; // complete/blocked: clients per block
  let hashed: ((r: number, out: Float64Array) => void) | undefined;
  if (rule.kind === 'parity') {
    const parityRng = createRng(`${spec.seed ?? 1}:randomization:parity`);
    hashed = (_r, out) => {
      for (let i = 0; i < N; i++) out[i] = parityRng.int(10) % 2;
    };
    groups = [];
    design = PARITY_NOTE;
  } else if (rule.kind === 'hashed') {
    const ids = stringColumn(table, spec.id ?? DEFAULT_EXPERIMENT_SCHEMA.id);
    const wT = rule.weights[c.labels.treatment];
    const wC = rule.weights[c.labels.control];
    if (wT === undefined || wC === undefined) {
      throw new InputError('the hashed rule has no weight for the treatment or control arm', {
        code: 'invalid-option',
      });
    }
    const share = wT / (wT + wC);
    const seedText = String(spec.seed ?? 1);
    hashed = (r, out) => {
      const u = createHashUniform(`ri:${seedText}:${r}`);
      for (let i = 0; i < N; i++) out[i] = u(ids[c.rows[i]!] ?? '') < share ? 1 : 0;
    };
    groups = [];
    design = `hashed ratio rule re-drawn with new keys (HMAC-SHA256, key "ri:<seed>:<draw>"): each client treated with probability ${share.toFixed(4)}, arm sizes random as in the real design`;
  } else if (rule.kind === 'blocked') {
    const blocks = stringColumn(table, rule.block);
    const byBlock = new Map<string, number[]>();
    for (let i = 0; i < N; i++) {
      const b = blocks[c.rows[i]!] ?? '';
      const g = byBlock.get(b);
      if (g) g.push(i);
      else byBlock.set(b, [i]);
    }
    groups = [...byBlock.values()].map((g) => Int32Array.from(g));
    design = `complete randomisation within ${groups.length} blocks of '${rule.block}', realised arm sizes per block kept`;
  } else {
    groups = [indices(N)];
    design = 'complete randomisation: the realised arm sizes re-dealt over the clients';
  }
  const treatedPerGroup = groups.map((g) => g.reduce((s, i) => s + c.treated[i]!, 0));

  // --- exact enumeration or Monte Carlo ---
  const limit = spec.exactLimit ?? 100_000;
  let total = 1;
  if (!hashed) {
    for (let g = 0; g < groups.length; g++) {
      total *= binomial(groups[g]!.length, treatedPerGroup[g]!);
      if (total > limit) break;
    }
  }
  const exact = !hashed && total <= limit;
  const draws = exact ? total : (spec.draws ?? 10_000);

  // --- statistics on the analysed sample ---
  const adjust = c.covariates.length > 0;
  const prepZ = adjust ? prepareCovariates(c.covariates, index, n) : undefined;
  const fwlParts = prepZ ? ys.map((y) => fwlInputs(prepZ, y)) : undefined;
  const observedRaw = ys.map((y) => rawStat(y, tObs));
  const observedAdj = ys.map((_, e) =>
    prepZ && fwlParts ? makeFwl(prepZ, fwlParts[e]!)(tObs) : undefined,
  );

  const countsRaw = ys.map(() => [0, 0]);
  const countsAdj = ys.map(() => [0, 0]);
  const tol = 1e-9;
  const tAll = new Float64Array(N);
  const tSample = new Float64Array(n);
  // The draws' adjusted statistic: the same FWL formula, t̃ from the coded design (factor
  // dummies as codes) or else an orthonormal basis of [1, Z], no allocation of length n per draw
  // (the observed one above stays the reference computation); t̃ once per draw for every event
  // whose observed statistic is defined.
  const adjusted = ys.flatMap((_, e) => (observedAdj[e] ? [e] : []));
  const drawOf = (z: NonNullable<typeof prepZ>) => {
    const eys = adjusted.map((e) => fwlParts![e]!.ey);
    const { hz, df } = fwlParts![adjusted[0]!]!;
    return (
      fwlDrawCoded(z, eys, hz, df) ?? fwlDrawMany(orthonormalColumns(z.columns, n), eys, hz, df)
    );
  };
  const draw = prepZ && adjusted.length > 0 ? drawOf(prepZ) : undefined;
  const adj = new Float64Array(2 * adjusted.length);
  const ok = new Uint8Array(adjusted.length);
  const s1 = new Float64Array(E);
  const s0 = new Float64Array(E);
  // The adjusted statistics of the draw in `tSample`, counted against the observed ones.
  const countAdjusted = () => {
    draw!(tSample, adj, ok);
    adjusted.forEach((e, a) => {
      const o = observedAdj[e]!;
      if (ok[a] !== 1) return;
      if (Math.abs(adj[2 * a + 1]!) >= Math.abs(o.t) * (1 - tol)) countsAdj[e]![0]!++;
      if (Math.abs(adj[2 * a]!) >= Math.abs(o.b) * (1 - tol)) countsAdj[e]![1]!++;
    });
  };
  // One pass over the sample: T of the analysed clients and the arms' counts and outcome sums.
  const record = () => {
    let n1 = 0;
    let n0 = 0;
    s1.fill(0);
    s0.fill(0);
    for (let j = 0; j < n; j++) {
      const tj = tAll[index[j]!]!;
      tSample[j] = tj;
      if (tj === 1) {
        n1++;
        for (let e = 0; e < E; e++) s1[e]! += ys[e]![j]!;
      } else {
        n0++;
        for (let e = 0; e < E; e++) s0[e]! += ys[e]![j]!;
      }
    }
    for (let e = 0; e < E; e++) {
      const r = rawFromSums(n1, s1[e]!, n0, s0[e]!);
      const o = observedRaw[e];
      if (r && o) {
        if (Math.abs(r.t) >= Math.abs(o.t) * (1 - tol)) countsRaw[e]![0]!++;
        if (Math.abs(r.b) >= Math.abs(o.b) * (1 - tol)) countsRaw[e]![1]!++;
      }
    }
    if (draw) countAdjusted();
  };
  // Dealt draws with at most 8 events: the arms' counts and outcome sums from the smaller side
  // of each dealt group (`armTotals`), not from a pass over the sample.
  const totals =
    !hashed && !exact && E <= 8 ? armTotals(N, index, ys, groups, treatedPerGroup) : undefined;
  const recordDealt = (scratch: readonly (Int32Array | Uint16Array)[]) => {
    const { n1, s1: t1 } = totals!.tally(scratch);
    // T of the analysed clients, in order (a gather in ascending order: at 2,000,000 clients a
    // write through the sample position of each dealt client, a random read, costs more).
    if (draw) for (let j = 0; j < n; j++) tSample[j] = tAll[index[j]!]!;
    for (let e = 0; e < E; e++) {
      const r = rawFromSums(n1, t1[e]!, n - n1, totals!.sums[e]! - t1[e]!);
      const o = observedRaw[e];
      if (r && o) {
        if (Math.abs(r.t) >= Math.abs(o.t) * (1 - tol)) countsRaw[e]![0]!++;
        if (Math.abs(r.b) >= Math.abs(o.b) * (1 - tol)) countsRaw[e]![1]!++;
      }
    }
    if (draw) countAdjusted();
  };
  if (exact) {
    enumerate(groups, treatedPerGroup, tAll, record);
  } else {
    const rng = createRng(`${spec.seed ?? 1}:randomization`);
    // The deal's working copy of each group: 16-bit client numbers when they fit, so that the
    // shuffle's random reads stay in a smaller cache footprint (the same values either way).
    const scratch: Int32Array[] | Uint16Array[] =
      N <= 65_536
        ? groups.map((g) => new Uint16Array(g.length))
        : groups.map((g) => new Int32Array(g.length));
    // With `totals` the assignment vector is needed only for the adjusted statistic.
    const dealOut = totals && !draw ? undefined : tAll;
    for (let r = 0; r < draws; r++) {
      if (hashed) {
        hashed(r, tAll);
        record();
      } else {
        deal(rng, groups, treatedPerGroup, dealOut, scratch);
        if (totals) recordDealt(scratch);
        else record();
      }
    }
  }
  const p = (count: number) => (exact ? count / draws : (1 + count) / (1 + draws));
  const mcSe = (pv: number) => (exact ? 0 : Math.sqrt((pv * (1 - pv)) / draws));

  return ys.map((y, e) => {
    const raw = observedRaw[e];
    if (!raw) {
      throw new InputError(`an arm has no client observed ${month} months`, {
        code: 'empty',
      });
    }
    const modelRawP = Number.isFinite(raw.t) ? 2 * (1 - normalCdfAbs(raw.t)) : 0;
    const itt: RandomizationStat = {
      estimate: raw.b,
      statistic: raw.t,
      pValue: p(countsRaw[e]![0]!),
      pValueEstimate: p(countsRaw[e]![1]!),
      pValueModel: modelRawP,
      monteCarloSe: mcSe(p(countsRaw[e]![0]!)),
    };
    const observed = observedAdj[e];
    let adjustedStat: RandomizationStat | undefined;
    if (adjust && observed) {
      const full = fullDesign(tObs, c.covariates, index, n);
      const model = olsTermPrepared(olsPrepare(full), y, 'treatment');
      adjustedStat = {
        estimate: observed.b,
        statistic: observed.t,
        pValue: p(countsAdj[e]![0]!),
        pValueEstimate: p(countsAdj[e]![1]!),
        pValueModel: model.pValue,
        monteCarloSe: mcSe(p(countsAdj[e]![0]!)),
      };
    }
    return {
      month,
      n,
      nTreated: tObs.reduce((a, b) => a + b, 0),
      itt,
      ...(adjustedStat ? { adjusted: adjustedStat } : {}),
      draws,
      exact,
      seed: spec.seed ?? 1,
      design: `${design}; ${nTreatedAll} of ${N} clients treated`,
      method:
        `randomisation inference under the sharp null of no effect for any client: outcomes at month ${month} (complete follow-up) held fixed, ` +
        `the assignment re-drawn over all ${N} clients of the two arms; statistic: studentised ITT (unpooled SE)` +
        `${adjust ? ' and studentised adjusted effect (OLS, HC2, via Frisch–Waugh–Lovell)' : ''}; ` +
        (exact
          ? `exact p-value over all ${draws} assignments`
          : `Monte-Carlo p-value (1 + count)/(1 + ${draws}), Monte Carlo SE √(p(1 − p)/${draws}), seed ${JSON.stringify(spec.seed ?? 1)}`),
    };
  });
}

function normalCdfAbs(t: number): number {
  return normalCdf(Math.abs(t));
}

/** log-free binomial coefficient, saturating at Infinity. */
function binomial(n: number, k: number): number {
  let r = 1;
  const kk = Math.min(k, n - k);
  for (let i = 1; i <= kk; i++) {
    r = (r * (n - kk + i)) / i;
    if (!Number.isFinite(r)) return Number.POSITIVE_INFINITY;
  }
  return Math.round(r);
}

/** Difference in means and its studentised value (unpooled SE); undefined when an arm is empty. */
function rawStat(y: Float64Array, t: Float64Array): { b: number; t: number } | undefined {
  let n1 = 0;
  let s1 = 0;
  let n0 = 0;
  let s0 = 0;
  for (let i = 0; i < y.length; i++) {
    if (t[i] === 1) {
      n1++;
      s1 += y[i]!;
    } else {
      n0++;
      s0 += y[i]!;
    }
  }
  return rawFromSums(n1, s1, n0, s0);
}

/** {@link rawStat} from the arms' counts and outcome sums. */
function rawFromSums(
  n1: number,
  s1: number,
  n0: number,
  s0: number,
): { b: number; t: number } | undefined {
  if (n1 === 0 || n0 === 0) return undefined;
  const p1 = s1 / n1;
  const p0 = s0 / n0;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p0 * (1 - p0)) / n0);
  const b = p1 - p0;
  // SE 0 with a difference: perfectly separated, as extreme as it gets.
  return { b, t: se > 0 ? b / se : b === 0 ? 0 : Math.sign(b) * Number.POSITIVE_INFINITY };
}

function pick(col: Float64Array, index: Int32Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) out[j] = col[index[j]!]!;
  return out;
}

function prepareCovariates(covariates: readonly Float64Array[], index: Int32Array, n: number) {
  const columns = [new Float64Array(n).fill(1), ...covariates.map((c) => pick(c, index, n))];
  const names = ['(Intercept)', ...covariates.map((_, j) => `z${j}`)];
  return olsPrepare({ names, columns, n });
}

function fullDesign(
  t: Float64Array,
  covariates: readonly Float64Array[],
  index: Int32Array,
  n: number,
) {
  const columns = [new Float64Array(n).fill(1), t, ...covariates.map((c) => pick(c, index, n))];
  const names = ['(Intercept)', 'treatment', ...covariates.map((_, j) => `z${j}`)];
  return { names, columns, n };
}

/** What the FWL statistic needs of the covariate design: y's residuals, leverages, df. */
function fwlInputs(prepZ: ReturnType<typeof olsPrepare>, y: Float64Array) {
  return {
    hz: olsLeverages(prepZ),
    ey: olsSolve(prepZ, y).residuals,
    df: prepZ.n - prepZ.k - 1,
  };
}

/**
 * The FWL statistic of the observed assignment: β and β/SE_HC2 of T in y ~ 1 + T + Z, t̃ by a
 * solve on the prepared design (the reference computation; the draws use {@link fwlDraw}).
 */
function makeFwl(
  prepZ: ReturnType<typeof olsPrepare>,
  { hz, ey, df }: ReturnType<typeof fwlInputs>,
) {
  const n = prepZ.n;
  return (t: Float64Array): { b: number; t: number } | undefined => {
    const tt = olsSolve(prepZ, t).residuals;
    let stt = 0;
    let sty = 0;
    for (let i = 0; i < n; i++) {
      stt += tt[i]! * tt[i]!;
      sty += tt[i]! * ey[i]!;
    }
    if (!(stt > 1e-12) || df <= 0) return undefined;
    const b = sty / stt;
    let v = 0;
    for (let i = 0; i < n; i++) {
      const e = ey[i]! - b * tt[i]!;
      const h = hz[i]! + (tt[i]! * tt[i]!) / stt;
      const w = tt[i]! / stt;
      v += ((e * e) / (1 - h)) * w * w;
    }
    const se = Math.sqrt(v);
    return se > 0 ? { b, t: b / se } : undefined;
  };
}

/**
 * Deals the realised number of treated clients within each group at random: a partial
 * Fisher–Yates shuffle of a copy of the group (in `scratch`, reused across draws; the dealt
 * clients are `scratch[k][0 … m_k)`), and the 0/1 assignment into `out` when one is given. The
 * groups partition the clients 0 … out.length − 1, so the smaller arm is written over a fill
 * with the larger one's value (the same vector, from the fewer scattered writes).
 */
function deal(
  rng: Rng,
  groups: readonly Int32Array[],
  treated: readonly number[],
  out: Float64Array | undefined,
  scratch: readonly (Int32Array | Uint16Array)[],
) {
  let ones = 0;
  for (let k = 0; k < groups.length; k++) {
    const idx = scratch[k]!;
    idx.set(groups[k]!);
    const m = treated[k]!;
    const len = idx.length;
    ones += m;
    for (let a = 0; a < m; a++) {
      // rng.int(left), inlined: the same rejection rule on the same 32-bit outputs (so the same
      // values and the same stream), without its argument check per call.
      const left = len - a;
      let u = rng.nextUint32();
      while (!(u < 4294967296 - left || u < 4294967296 - (4294967296 % left))) u = rng.nextUint32();
      const j = a + (u - Math.floor(u / left) * left);
      const picked = idx[j]!;
      idx[j] = idx[a]!;
      idx[a] = picked;
    }
  }
  if (!out) return;
  const fromOnes = ones <= out.length - ones;
  out.fill(fromOnes ? 0 : 1);
  const value = fromOnes ? 1 : 0;
  for (let k = 0; k < groups.length; k++) {
    const idx = scratch[k]!;
    const lo = fromOnes ? 0 : treated[k]!;
    const hi = fromOnes ? treated[k]! : idx.length;
    for (let a = lo; a < hi; a++) out[idx[a]!] = value;
  }
}

/**
 * The arms' totals after a {@link deal}, from the smaller side of each dealt group. Per client
 * of the comparison (N of them) the code Σ_e y_e·2^e of its 0/1 outcomes (at most 8 events; −1
 * when not in the analysed sample) is stored once, with each group's histogram of codes and the
 * sample's outcome sums `sums[e]` = Σ_j y_e,j. A draw then tallies group k's treated clients
 * `scratch[k][0 … m_k)` or, when fewer, its controls (the rest), whose histogram subtracted from
 * the group's gives the treated one: O(Σ_k min(m_k, len_k − m_k)) per draw instead of a pass
 * over the sample. Outcomes are 0/1, so every sum is an integer below 2⁵³ and exact — the same
 * values as summing over the sample in order.
 */
interface ArmTotals {
  readonly sums: Float64Array;
  /** Writes n₁ and s₁,e (treated arm's count and outcome sums) for the dealt `scratch`. */
  readonly tally: (scratch: readonly (Int32Array | Uint16Array)[]) => {
    readonly n1: number;
    readonly s1: Float64Array;
  };
}

function armTotals(
  N: number,
  index: Int32Array,
  ys: readonly Float64Array[],
  groups: readonly Int32Array[],
  treated: readonly number[],
): ArmTotals {
  const E = ys.length;
  const bins = 1 << E;
  const code = new Int16Array(N).fill(-1);
  const sums = new Float64Array(E);
  for (let j = 0; j < index.length; j++) {
    let c = 0;
    for (let e = 0; e < E; e++) {
      const y = ys[e]![j]!;
      c |= y << e;
      sums[e]! += y;
    }
    code[index[j]!] = c;
  }
  const groupHists = groups.map((g) => {
    const h = new Float64Array(bins);
    for (let a = 0; a < g.length; a++) {
      const c = code[g[a]!]!;
      if (c >= 0) h[c]!++;
    }
    return h;
  });
  const hist = new Float64Array(bins);
  const side = new Float64Array(bins);
  const s1 = new Float64Array(E);
  const result = { n1: 0, s1 };
  return {
    sums,
    tally: (scratch) => {
      hist.fill(0);
      for (let k = 0; k < groups.length; k++) {
        const idx = scratch[k]!;
        const m = treated[k]!;
        const fromTreated = m <= idx.length - m;
        side.fill(0);
        const lo = fromTreated ? 0 : m;
        const hi = fromTreated ? m : idx.length;
        for (let a = lo; a < hi; a++) {
          const c = code[idx[a]!]!;
          if (c >= 0) side[c]!++;
        }
        const g = groupHists[k]!;
        for (let c = 0; c < bins; c++) hist[c]! += fromTreated ? side[c]! : g[c]! - side[c]!;
      }
      let n1 = 0;
      s1.fill(0);
      for (let c = 0; c < bins; c++) {
        const h = hist[c]!;
        n1 += h;
        for (let e = 0; e < E; e++) if ((c >> e) & 1) s1[e]! += h;
      }
      result.n1 = n1;
      return result;
    },
  };
}

/** Calls `visit` for every assignment (product over groups of combinations). */
function enumerate(
  groups: readonly Int32Array[],
  treated: readonly number[],
  out: Float64Array,
  visit: () => void,
) {
  const go = (g: number) => {
    if (g === groups.length) {
      visit();
      return;
    }
    const members = groups[g]!;
    const k = treated[g]!;
    const comb = Array.from({ length: k }, (_, i) => i);
    for (;;) {
      for (const i of members) out[i] = 0;
      for (const i of comb) out[members[i]!] = 1;
      go(g + 1);
      let i = k - 1;
      while (i >= 0 && comb[i] === members.length - k + i) i--;
      if (i < 0) break;
      comb[i]!++;
      for (let j = i + 1; j < k; j++) comb[j] = comb[j - 1]! + 1;
    }
  };
  go(0);
}
