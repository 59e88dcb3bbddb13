import { describe, expect, it } from 'vitest';
import { didYouMean, SpecError, SpecReader, show } from '../../src/data/spec-reader.js';

describe('the spec reader', () => {
  it('suggests the closest name within a third of its length', () => {
    expect(didYouMean('covariats', ['covariates', 'months'])).toBe(' (did you mean "covariates"?)');
    expect(didYouMean('MONTHS', ['months'])).toBe(' (did you mean "months"?)');
    expect(didYouMean('zzz', ['covariates'])).toBe('');
    expect(didYouMean('se', [])).toBe('');
  });

  it('shows values as short JSON', () => {
    expect(show('24')).toBe('"24"');
    expect(show(undefined)).toBe('nothing');
    expect(show('x'.repeat(100))).toHaveLength(58);
  });

  it('collects every problem with its path, then throws them at once', () => {
    const r = new SpecReader();
    const o = r.object({ level: 2, levl: 1, range: [3, 1], refs: { a: 1 } }, 'config', [
      'level',
      'range',
      'refs',
    ])!;
    expect(r.fraction(o.level, 'config.level', 0.95)).toBe(0.95);
    expect(r.range(o.range, 'config.range', [0, 1])).toEqual([0, 1]);
    expect(r.record(o.refs, 'config.refs', 'string', 'column → level')).toBeUndefined();
    expect(r.number(3, 'config.n', 1, Number.isInteger, 'a whole number')).toBe(3);
    expect(r.nullableString(null, 'config.s', 'x')).toBe('x');
    expect(r.problems).toEqual([
      'config: unknown key "levl" (did you mean "level"?); allowed keys: level, range, refs',
      'config.level: expected a number between 0 and 1, got 2',
      'config.range: expected a pair [low, high] with low ≤ high, got [3,1]',
      'config.refs: expected an object of column → level, got {"a":1}',
    ]);
    let error: unknown;
    try {
      r.done('review config');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).code).toBe('invalid-option');
    expect((error as SpecError).message).toMatch(
      /^invalid review config, 4 problems:\n {2}- config:/,
    );
  });
});
