import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  checkFraction,
  checkLevel,
  checkOneOf,
  checkPositive,
  checkWholeNumber,
} from '../../src/stats/validate.js';

function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('option checks', () => {
  it('checkWholeNumber: a whole number ≥ min', () => {
    expect(checkWholeNumber(24, 'months')).toBe(24);
    expect(checkWholeNumber(0, 'participants', 0)).toBe(0);
    const e = thrown(() => checkWholeNumber(2.5, 'months'));
    expect(e.message).toBe('months must be a whole number ≥ 1, got 2.5');
    expect(e.code).toBe('invalid-option');
    expect(e.value).toBe('2.5');
    expect(
      thrown(() => checkWholeNumber(-1, 'participants', 0, { fn: 'impactFigures' })).message,
    ).toBe('impactFigures: participants must be a whole number ≥ 0, got -1');
    expect(thrown(() => checkWholeNumber(Number.NaN, 'months')).message).toMatch(/got NaN/);
  });
  it('checkPositive: a finite number > 0', () => {
    expect(checkPositive(0.5, 'ratio')).toBe(0.5);
    expect(thrown(() => checkPositive(0, 'n')).message).toBe('n must be a positive number, got 0');
    expect(thrown(() => checkPositive(Number.POSITIVE_INFINITY, 'n')).code).toBe('invalid-option');
  });
  it('checkFraction and checkLevel: strictly between 0 and 1', () => {
    expect(checkFraction(0.3, 'share')).toBe(0.3);
    const e = thrown(() => checkFraction(1, 'share'));
    expect(e.message).toBe('share must be strictly between 0 and 1, got 1');
    expect(e.code).toBe('out-of-range');
    expect(checkLevel(undefined)).toBe(0.95);
    expect(thrown(() => checkLevel(95, 'ols')).message).toBe(
      'ols: level must be strictly between 0 and 1, got 95',
    );
  });
  it('checkOneOf: one of a list, named in the message', () => {
    expect(checkOneOf('wald', ['wilson', 'wald'] as const, 'interval')).toBe('wald');
    const e = thrown(() => checkOneOf('exact', ['wilson', 'wald'], 'interval'));
    expect(e.message).toBe("interval must be 'wilson' or 'wald', got 'exact'");
    expect(e.code).toBe('invalid-option');
    expect(
      thrown(() => checkOneOf('x', ['complete', 'kaplan-meier', 'aalen-johansen'], 'method'))
        .message,
    ).toBe("method must be 'complete', 'kaplan-meier' or 'aalen-johansen', got 'x'");
  });
});
