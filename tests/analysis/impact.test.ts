import { describe, expect, it } from 'vitest';
import { clientCount, impactFigures, impactSentences, oneIn } from '../../src/analysis/impact.js';
import { InputError } from '../../src/errors.js';
import { estimateFromSe } from '../../src/stats/estimate.js';

// Hand derivation with round inputs (z = 1.959963984540054 for 95 %):
//   n = 1000, c = 0.40 (se 0.02), a = −0.05 (se 0.02), participants = 250
//   expected  = 1000·0.40 = 400,  se = 20
//   prevented = 1000·0.05 = 50,   se = 20, ci = 50 ± 39.1993 = [10.8007, 89.1993]
//   relative  = 0.05/0.40 = 0.125, se² = 0.02²/0.16 + 0.0025·0.0004/0.0256
//             = 0.0025 + 0.0000390625 = 0.0025390625, se = 0.05038911
//   trajectories per success = 250/50 = 5, ci = [250/89.1993, 250/10.8007] = [2.80271, 23.1466]
//   per participant (Δ = 0.25) = −0.05/0.25 = −0.2
describe('impactFigures', () => {
  const z = 1.959963984540054;
  const f = impactFigures({
    n: 1000,
    controlRate: { estimate: 0.4, stdError: 0.02 },
    effect: { estimate: -0.05, stdError: 0.02 },
    participants: 250,
    participationDifference: 0.25,
  });

  it('computes expected and prevented cases with scaled SEs', () => {
    expect(f.expected.value).toBeCloseTo(400, 10);
    expect(f.expected.stdError).toBeCloseTo(20, 10);
    expect(f.prevented.value).toBeCloseTo(50, 10);
    expect(f.prevented.ci[0]).toBeCloseTo(50 - 20 * z, 10);
    expect(f.prevented.ci[1]).toBeCloseTo(50 + 20 * z, 10);
  });

  it('computes the relative reduction with a delta-method SE', () => {
    expect(f.relativeReduction.value).toBeCloseTo(0.125, 12);
    expect(f.relativeReduction.stdError).toBeCloseTo(Math.sqrt(0.0025390625), 12);
  });

  it('uses the covariance of effect and control rate when given', () => {
    // cov(a, c) = −0.0002 (correlation −0.5): the extra term −2·a·cov/c³
    //   = −2·(−0.05)·(−0.0002)/0.064 = −0.0003125, se² = 0.0025390625 − 0.0003125 = 0.0022265625
    const g = impactFigures({
      n: 1000,
      controlRate: { estimate: 0.4, stdError: 0.02 },
      effect: { estimate: -0.05, stdError: 0.02 },
      covariance: -0.0002,
    });
    expect(g.relativeReduction.stdError).toBeCloseTo(Math.sqrt(0.0022265625), 12);
    expect(g.method).toContain('with the covariance');
    expect(f.method).toContain('treated as independent');
  });

  it('inverts the prevented interval for trajectories per success', () => {
    const t = f.trajectoriesPerSuccess!;
    expect(t.value).toBeCloseTo(5, 12);
    expect(t.ci[0]).toBeCloseTo(250 / (50 + 20 * z), 10);
    expect(t.ci[1]).toBeCloseTo(250 / (50 - 20 * z), 10);
    expect(oneIn(t.value)).toBe('1 in 5');
  });

  it('gives the IV reading per participant', () => {
    expect(f.effectPerParticipant).toBeCloseTo(-0.2, 12);
  });

  it('reproduces the Den Haag arithmetic from the published shares', () => {
    // 978 × 41.5 % ≈ 405.9 and 978 × 6.3 % = 61.6; 334 / 61.6 = 5.4 → "1 in 5".
    const dh = impactFigures({
      n: 978,
      controlRate: { estimate: 0.415, stdError: 0.03 },
      effect: { estimate: -0.063, stdError: 0.03 },
      participants: 334,
      participationDifference: 0.31,
    });
    expect(Math.round(dh.prevented.value)).toBe(62);
    expect(Math.round(dh.relativeReduction.value * 100)).toBe(15);
    expect(oneIn(dh.trajectoriesPerSuccess!.value)).toBe('1 in 5');
    expect(dh.effectPerParticipant!).toBeCloseTo(-0.2032, 4);
  });

  it('leaves the upper bound open when the prevented interval reaches 0', () => {
    const g = impactFigures({
      n: 100,
      controlRate: { estimate: 0.4, stdError: 0.05 },
      effect: { estimate: -0.05, stdError: 0.05 },
      participants: 30,
    });
    expect(g.trajectoriesPerSuccess!.ci[1]).toBe(Infinity);
  });

  it('rejects bad input with a message naming the argument', () => {
    const base = {
      n: 10,
      controlRate: { estimate: 0.4, stdError: 0.1 },
      effect: { estimate: -0.1, stdError: 0.1 },
    };
    expect(() => impactFigures({ ...base, n: 0 })).toThrow(/n must be a positive whole number/);
    expect(() => impactFigures({ ...base, controlRate: { estimate: 0, stdError: 0.1 } })).toThrow(
      /controlRate.estimate must be a share/,
    );
    expect(() =>
      impactFigures({ ...base, effect: { estimate: Number.NaN, stdError: 0.1 } }),
    ).toThrow(InputError);
    expect(() => impactFigures({ ...base, level: 1.2 })).toThrow(
      /impactFigures: level must be strictly between 0 and 1/,
    );
    expect(() => impactFigures({ ...base, participationDifference: 0 })).toThrow(
      /participationDifference/,
    );
  });
});

describe('clientCount: the one rounding rule for counts of clients', () => {
  it('rounds to the nearest client, halves away from zero, sign kept', () => {
    expect(clientCount(405.7)).toBe(406);
    expect(clientCount(405.4)).toBe(405);
    expect(clientCount(62.5)).toBe(63);
    expect(clientCount(-0.9)).toBe(-1);
    expect(clientCount(-2.5)).toBe(-3);
    expect(Object.is(clientCount(-0.2), 0)).toBe(true);
  });
});

describe('impactSentences', () => {
  // The hand-derived figures above: expected 400 ± 39.20, prevented 50 ± 39.20,
  // relative 0.125 ± 1.96·0.05038911 = [2.6 %, 22.4 %], trajectories 5 in [2.80, 23.15].
  const f = impactFigures({
    n: 1000,
    controlRate: { estimate: 0.4, stdError: 0.02 },
    effect: { estimate: -0.05, stdError: 0.02 },
    participants: 250,
  });
  const complier = estimateFromSe(-0.2, 0.08, 997, 0.95, 1000, '2SLS');
  const text = impactSentences(f, {
    n: 1000,
    controlRate: 0.4,
    effect: -0.05,
    participants: 250,
    complier,
    participationDifference: 0.25,
    firstStageF: 40,
  });
  it('prints each figure with its interval and the counts rounded by clientCount', () => {
    expect(text[0]).toBe(
      'Expected cases without the service: 1,000 × 40.00 % = 400.0, ≈ 400 clients (95 % CI 361 to 439).',
    );
    expect(text[1]).toBe('Prevented: 1,000 × 5.00 % = 50.0, ≈ 50 clients (95 % CI 11 to 89).');
    expect(text[2]).toBe(
      'Relative reduction: −effect / control share = 12.5 % (95 % CI 2.6 % to 22.4 %).',
    );
    expect(text[3]).toBe(
      'Trajectories per prevented case: 250 / 50.0 = 5.0, 1 in 5 (95 % CI 1 in 3 to 1 in 23).',
    );
  });
  it('gives the IV reading as the 2SLS estimate with SE and CI, signs as computed', () => {
    // CI −0.2 ± t(997)·0.08 = −0.2 ± 0.15699: −35.7 pp to −4.3 pp; the ratio −0.05/0.25 = −0.20.
    expect(text[4]).toContain('−20.0 pp per participant (SE 8.0 pp, 95 % CI −35.7 pp to −4.3 pp');
    expect(text[4]).toContain('−5.0 pp / 25.0 pp = −0.20.');
    expect(text[4]).not.toContain('weak');
  });
  it('an effect that prevents nothing: negative count, no "1 in k", weak instrument flagged', () => {
    const g = impactFigures({
      n: 1000,
      controlRate: { estimate: 0.1, stdError: 0.01 },
      effect: { estimate: 0.001, stdError: 0.01 },
      participants: 40,
    });
    const t = impactSentences(g, {
      n: 1000,
      controlRate: 0.1,
      effect: 0.001,
      participants: 40,
      complier: estimateFromSe(0.025, 0.5, 997, 0.95, 1000, '2SLS'),
      participationDifference: 0.04,
      firstStageF: 4,
    });
    expect(t[1]).toContain('= −1.0, ≈ −1 clients');
    expect(t[1]).toContain('negative: more cases with the service than without');
    expect(t[3]).toBe(
      'Trajectories per prevented case: not defined, since the estimate prevents no cases (40 clients received the service).',
    );
    expect(t[4]).toContain('0.1 pp / 4.0 pp = 0.03');
    expect(t[4]).toContain('weak instrument (first-stage F = 4.0 < 10)');
  });
});
