/**
 * Policy figures: translate an effect on a share (e.g. flow-through to bijstand) into the
 * numbers a policy report quotes — expected cases without the service, prevented cases,
 * relative reduction, and trajectories per success.
 */
import { InputError } from '../errors.js';
import { normalQuantile } from '../stats/distributions.js';
import { rejectUnknownKeys } from '../stats/option-keys.js';
import { checkLevel, checkWholeNumber } from '../stats/validate.js';

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
 * - relative reduction R = −a/c, delta method treating a and c as independent:
 *   se(R)² = se(a)²/c² + a²·se(c)²/c⁴
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
    ['n', 'controlRate', 'effect', 'participants', 'participationDifference', 'level'],
    'impactFigures',
  );
  const { n, controlRate: c, effect: a, participants, participationDifference } = input;
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
    a.stdError ** 2 / c.estimate ** 2 + (a.estimate ** 2 * c.stdError ** 2) / c.estimate ** 4,
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
    method:
      'normal-approximation intervals: linear figures scale the SEs; relative reduction by the delta method (effect and control rate treated as independent); trajectories per success by inverting the interval of prevented cases',
  };
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
