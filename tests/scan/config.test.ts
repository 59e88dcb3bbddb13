import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/data/spec-reader.js';
import { DEFAULT_REVIEW_CONFIG, resolveReviewConfig } from '../../src/scan/config.js';

function problems(json: unknown): readonly string[] {
  try {
    resolveReviewConfig(json);
  } catch (error) {
    if (error instanceof SpecError) return error.problems;
    throw error;
  }
  throw new Error('expected a SpecError');
}

describe('resolveReviewConfig (the shared spec reader)', () => {
  it('keeps the defaults and accepts comment keys', () => {
    expect(resolveReviewConfig({ $comment: 'defaults', description: 'x' })).toEqual(
      DEFAULT_REVIEW_CONFIG,
    );
    expect(resolveReviewConfig({ scoreColumn: null, coefficients: null })).toEqual(
      DEFAULT_REVIEW_CONFIG,
    );
  });

  it('reads every kind of value', () => {
    const c = resolveReviewConfig({
      outcome: 'y',
      subgroups: ['gender'],
      coefficients: { '(Intercept)': -3, age: 0.01 },
      subgroupReferences: { gender: 'man' },
      weeklyWeeks: 0,
      thresholds: { calibrationSlopeRange: [0.7, 1.3], subgroupMinCases: 20 },
    });
    expect(c.outcome).toBe('y');
    expect(c.subgroups).toEqual(['gender']);
    expect(c.coefficients).toEqual({ '(Intercept)': -3, age: 0.01 });
    expect(c.subgroupReferences).toEqual({ gender: 'man' });
    expect(c.weeklyWeeks).toBe(0);
    expect(c.thresholds.calibrationSlopeRange).toEqual([0.7, 1.3]);
    expect(c.thresholds.subgroupMinCases).toBe(20);
    expect(c.thresholds.aucMin).toBe(0.8);
  });

  it('lists every problem with its field, unknown keys with a did-you-mean', () => {
    expect(
      problems({
        outcom: 'y',
        level: 1.5,
        coefficients: { age: 'x' },
        thresholds: { aucMn: 0.7, captureTop10Min: 55, observedExpectedRange: [1.1, 0.9] },
      }),
    ).toEqual([
      expect.stringMatching(
        /^config: unknown key "outcom" \(did you mean "outcome"\?\); allowed keys: outcome, /,
      ),
      expect.stringMatching(/^config\.thresholds: unknown key "aucMn" \(did you mean "aucMin"\?\)/),
      'config.thresholds.captureTop10Min: expected a fraction in [0, 1], got 55',
      'config.thresholds.observedExpectedRange: expected a pair [low, high] with low ≤ high, got [1.1,0.9]',
      'config.coefficients: expected an object of term name → number, got {"age":"x"}',
      'config.level: expected a number strictly between 0 and 1, got 1.5',
    ]);
    expect(() => resolveReviewConfig([], 'review config r.json')).toThrow(
      'invalid review config r.json: config: expected an object, got []',
    );
  });
});
