import { describe, expect, it } from 'vitest';
import { impactFigures, oneIn } from '../../src/analysis/impact.js';
import { InputError } from '../../src/errors.js';

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
