/**
 * Policy figures: translate an effect on a share (e.g. flow-through to bijstand) into the
 * numbers a policy report quotes — expected cases without the service, prevented cases,
 * relative reduction, and trajectories per success.
 */
import { InputError } from '../errors.js';
import { formatGeneral, formatNumber, formatPercent, formatPp } from '../format.js';
import { normalQuantile } from '../stats/distributions.js';
import type { Estimate } from '../stats/estimate.js';
import { rejectUnknownKeys } from '../stats/option-keys.js';
import { checkLevel, checkWholeNumber } from '../stats/validate.js';
import { formatP } from './participation.js';

/** A value with its standard error and a confidence interval at `level`. */
export interface FigureWithInterval {
  readonly value: number;
  readonly stdError: number;
  readonly ci: readonly [number, number];
}

/** What `impactFigures` needs: a share and an effect, each with its standard error. */
export interface ImpactInput {
  /** Number of clients the figures are about (e.g. the 978 experiment clients of decile 1). */
  readonly n: number;
  /** The control arm's share with the event (e.g. 0.415) and its standard error. */
  readonly controlRate: { readonly estimate: number; readonly stdError: number };
  /** The effect on the share, treatment − control (e.g. −0.063), and its standard error. */
  readonly effect: { readonly estimate: number; readonly stdError: number };
  /**
   * Cov(effect, control rate), e.g. from `effectAndControlRate` (joint influence functions).
   * Both are estimated on the same control clients, so they are correlated (−0.69 on the
   * pilot's decile 1); without it the relative reduction's SE assumes independence, and the
   * method text says so.
   */
  readonly covariance?: number;
  /** Clients who actually followed a trajectory (received the service), e.g. 334. */
  readonly participants?: number;
  /** Participation difference between the arms (e.g. 0.31), for the instrumental-variable reading. */
  readonly participationDifference?: number;
  /** Confidence level of the intervals (default 0.95). */
  readonly level?: number;
}

/** The policy figures, each with a delta-method interval; see {@link impactFigures}. */
export interface ImpactFigures {
  /** n × control rate: cases expected without the service. */
  readonly expected: FigureWithInterval;
  /** n × (−effect): cases prevented (positive when the effect lowers the share). */
  readonly prevented: FigureWithInterval;
  /** −effect / control rate: relative reduction of the share. */
  readonly relativeReduction: FigureWithInterval;
  /** participants / prevented, when participants are given; interval by inverting the prevented interval. */
  readonly trajectoriesPerSuccess?: FigureWithInterval;
  /** effect / participation difference (Wald/IV reading: the effect per participant). */
  readonly effectPerParticipant?: number;
  readonly level: number;
  /** How the intervals were computed. */
  readonly method: string;
}

/**
 * Policy figures from a subgroup's size, control rate and effect.
 *
 * - expected E = n·c, SE = n·se(c)
 * - prevented P = −n·a, SE = n·se(a)
 * - relative reduction R = −a/c, delta method with gradient (−1/c, a/c²):
 *   se(R)² = se(a)²/c² + a²·se(c)²/c⁴ − 2·a·cov(a, c)/c³ (cov = 0 when `covariance` is not given)
 * - trajectories per success T = m/P (m participants); its interval is [m/P_hi, m/P_lo],
 *   the prevented interval inverted (unbounded when that interval includes 0)
 * - IV reading a / Δparticipation (Wald estimator of the effect per participant)
 *
 * Intervals are normal-approximation intervals at `level`.
 *
 * @example
 * // a pilot's decile 1: 978 clients, control 41.5 %, adjusted effect −6.3 pp, 334 trajectories
 * const f = impactFigures({ n: 978, controlRate: { estimate: 0.415, stdError: 0.032 },
 *   effect: { estimate: -0.063, stdError: 0.03 }, participants: 334, participationDifference: 0.31 });
 * Math.round(f.expected.value)        // 406
 * Math.round(f.prevented.value)       // 62
 * Math.round(f.trajectoriesPerSuccess!.value) // 5 (1 in 5)
 */
export function impactFigures(input: ImpactInput): ImpactFigures {
  rejectUnknownKeys(
    input,
    {
      n: true,
      controlRate: true,
      effect: true,
      participants: true,
      participationDifference: true,
      level: true,
      covariance: true,
    },
    'impactFigures',
  );
  const { n, controlRate: c, effect: a, participants, participationDifference } = input;
  const cov = input.covariance ?? 0;
  const level = checkLevel(input.level, 'impactFigures');
  if (!(Number.isInteger(n) && n > 0)) {
    throw new InputError(`impactFigures: n must be a positive whole number, got ${n}`, {
      code: 'invalid-option',
      value: String(n),
    });
  }
  for (const [name, v] of [
    ['controlRate.estimate', c.estimate],
    ['controlRate.stdError', c.stdError],
    ['effect.estimate', a.estimate],
    ['effect.stdError', a.stdError],
    ['covariance', cov],
  ] as const) {
    if (!Number.isFinite(v)) {
      throw new InputError(`impactFigures: ${name} must be a finite number, got ${v}`, {
        code: 'invalid-option',
        value: String(v),
      });
    }
  }
  if (!(c.estimate > 0 && c.estimate <= 1)) {
    throw new InputError(
      `impactFigures: controlRate.estimate must be a share in (0, 1], got ${c.estimate}`,
      { code: 'invalid-option', value: String(c.estimate) },
    );
  }
  const z = normalQuantile(1 - (1 - level) / 2);
  const interval = (value: number, se: number): FigureWithInterval => ({
    value,
    stdError: se,
    ci: [value - z * se, value + z * se],
  });

  const expected = interval(n * c.estimate, n * c.stdError);
  const prevented = interval(-n * a.estimate, n * a.stdError);
  const r = -a.estimate / c.estimate;
  const seR = Math.sqrt(
    a.stdError ** 2 / c.estimate ** 2 +
      (a.estimate ** 2 * c.stdError ** 2) / c.estimate ** 4 -
      (2 * a.estimate * cov) / c.estimate ** 3,
  );
  const relativeReduction = interval(r, seR);

  let trajectoriesPerSuccess: FigureWithInterval | undefined;
  if (participants !== undefined) {
    checkWholeNumber(participants, 'participants', 0, { fn: 'impactFigures' });
    const t = participants / prevented.value;
    const [pLo, pHi] = prevented.ci;
    // T = m/P is monotone in P on each side of 0: invert the interval of P when it excludes 0.
    const ci: [number, number] =
      pLo > 0 ? [participants / pHi, participants / pLo] : [participants / pHi, Infinity];
    trajectoriesPerSuccess = {
      value: t,
      stdError: (participants / prevented.value ** 2) * prevented.stdError,
      ci: pHi > 0 ? ci : [Number.NaN, Number.NaN],
    };
  }

  let effectPerParticipant: number | undefined;
  if (participationDifference !== undefined) {
    if (!(participationDifference > 0 && participationDifference <= 1)) {
      throw new InputError(
        `impactFigures: participationDifference must be in (0, 1], got ${participationDifference}`,
        { code: 'invalid-option', value: String(participationDifference) },
      );
    }
    effectPerParticipant = a.estimate / participationDifference;
  }

  return {
    expected,
    prevented,
    relativeReduction,
    ...(trajectoriesPerSuccess ? { trajectoriesPerSuccess } : {}),
    ...(effectPerParticipant !== undefined ? { effectPerParticipant } : {}),
    level,
    method: `normal-approximation intervals: linear figures scale the SEs; relative reduction by the delta method (${
      input.covariance === undefined
        ? 'covariance of effect and control rate not given: treated as independent'
        : 'with the covariance of effect and control rate'
    }); trajectories per success by inverting the interval of prevented cases`,
  };
}

/**
 * The one rounding rule for counts of clients in the policy figures: to the nearest whole
 * client, halves away from zero, the sign kept (405.7 → 406, 62.1 → 62, −0.9 → −1). Expected,
 * prevented and their interval bounds all use it; no count is truncated.
 *
 * @example
 * clientCount(405.7); // 406
 * clientCount(-0.9);  // -1
 */
export function clientCount(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.sign(x) * Math.round(Math.abs(x));
  return r === 0 ? 0 : r;
}

/** What {@link impactSentences} writes about, besides the figures. */
export interface ImpactSentenceSpec {
  /** Clients the figures are about (the `n` of `impactFigures`). */
  readonly n: number;
  readonly controlRate: number;
  /** The effect on the share (treatment − control). */
  readonly effect: number;
  /** Clients who received the service, for trajectories per success. */
  readonly participants?: number;
  /** Complier effect by 2SLS (received service instrumented by assignment), for the IV reading. */
  readonly complier?: Estimate;
  /** Participation difference between the arms, for the ratio ITT / participation. */
  readonly participationDifference?: number;
  /** First-stage F of the 2SLS fit: below `weakF` (default 10) the reading is flagged weak. */
  readonly firstStageF?: number;
  readonly weakF?: number;
  /** What a case is, e.g. 'flow-throughs into bijstand' (default 'cases'). */
  readonly cases?: string;
}

/**
 * The policy figures as sentences, the same for every study: each figure with its interval,
 * signs as computed (a negative number of prevented cases is printed, and said to mean more
 * cases with the service), counts of clients by {@link clientCount}, "1 in k" with its
 * interval, and the IV reading as the 2SLS complier effect with SE and CI (the plain ratio
 * ITT / participation difference next to it). Nothing here knows a published figure.
 *
 * @example
 * impactSentences(figures, { n: 1000, controlRate: 0.4, effect: -0.05, participants: 300 });
 * // ['Expected cases without the service: 1000 × 40.00 % = 400.0, ≈ 400 clients (95 % CI …).', …]
 */
export function impactSentences(f: ImpactFigures, spec: ImpactSentenceSpec): string[] {
  const cases = spec.cases ?? 'cases';
  const pct = Math.round(f.level * 100);
  const count = (x: number) => formatGeneral(clientCount(x));
  const range = (ci: readonly [number, number]) => `${pct} % CI ${count(ci[0])} to ${count(ci[1])}`;
  const out = [
    `Expected ${cases} without the service: ${formatGeneral(spec.n)} × ${formatPercent(spec.controlRate, 2)} = ${formatNumber(f.expected.value, 1)}, ≈ ${count(f.expected.value)} clients (${range(f.expected.ci)}).`,
    `Prevented: ${formatGeneral(spec.n)} × ${formatPercent(-spec.effect, 2)} = ${formatNumber(f.prevented.value, 1)}, ≈ ${count(f.prevented.value)} clients (${range(f.prevented.ci)})${
      f.prevented.value < 0 ? `; negative: more ${cases} with the service than without` : ''
    }.`,
    `Relative reduction: −effect / control share = ${formatPercent(f.relativeReduction.value, 1)} (${pct} % CI ${formatPercent(f.relativeReduction.ci[0], 1)} to ${formatPercent(f.relativeReduction.ci[1], 1)}).`,
  ];
  const t = f.trajectoriesPerSuccess;
  if (t && spec.participants !== undefined) {
    if (!(f.prevented.value > 0)) {
      out.push(
        `Trajectories per prevented case: not defined, since the estimate prevents no ${cases} (${formatGeneral(spec.participants)} clients received the service).`,
      );
    } else {
      const [lo, hi] = t.ci;
      const upper = Number.isFinite(hi)
        ? oneIn(hi)
        : 'no upper bound (the interval of prevented cases reaches 0)';
      out.push(
        `Trajectories per prevented case: ${formatGeneral(spec.participants)} / ${formatNumber(f.prevented.value, 1)} = ${formatNumber(t.value, 1)}, ${oneIn(t.value)} (${pct} % CI ${Number.isFinite(lo) ? oneIn(lo) : '–'} to ${upper}).`,
      );
    }
  }
  const c = spec.complier;
  if (c) {
    const ratio =
      spec.participationDifference === undefined
        ? ''
        : `; the ratio ITT / participation difference is ${formatPp(spec.effect)} / ${formatPp(spec.participationDifference)} = ${formatNumber(spec.effect / spec.participationDifference, 2)}`;
    const weakF = spec.weakF ?? 10;
    const weak =
      spec.firstStageF !== undefined && spec.firstStageF < weakF
        ? `; weak instrument (first-stage F = ${formatNumber(spec.firstStageF, 1)} < ${weakF}): the complier effect is unreliable`
        : '';
    out.push(
      `Instrumental-variable reading (complier effect, 2SLS: received service instrumented by assignment): ${formatPp(c.estimate)} per participant (SE ${formatPp(c.stdError)}, ${Math.round(c.level * 100)} % CI ${formatPp(c.ci[0])} to ${formatPp(c.ci[1])}, p ${formatP(c.pValue)})${ratio}${weak}.`,
    );
  }
  return out;
}

/**
 * "1 in k" wording for trajectories per success: k = round(participants / prevented).
 *
 * @example
 * oneIn(334 / 61.6) // "1 in 5"
 */
export function oneIn(trajectoriesPerSuccess: number): string {
  if (!(trajectoriesPerSuccess > 0) || !Number.isFinite(trajectoriesPerSuccess)) {
    return 'no prevented cases';
  }
  return `1 in ${Math.round(trajectoriesPerSuccess)}`;
}
