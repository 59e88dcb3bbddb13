// Unknown keys of options and spec objects are rejected with a did-you-mean, everywhere.
import { describe, expect, it } from 'vitest';
import {
  compareArms,
  impactFigures,
  kaplanMeier,
  linAdjusted,
  modelMatrix,
  ols,
} from '../../src/index.js';
import { didYouMean, rejectUnknownKeys } from '../../src/stats/option-keys.js';

describe('rejectUnknownKeys', () => {
  it('names the key, the closest allowed one and the allowed list', () => {
    expect(() =>
      rejectUnknownKeys<{ se?: string; level?: number }>(
        { se: 'HC2', lvel: 0.9 } as never,
        { se: true, level: true },
        'regress',
      ),
    ).toThrow('regress: unknown option "lvel" (did you mean "level"?); allowed: se, level');
    expect(() =>
      rejectUnknownKeys<{ se?: string; level?: number }>(
        { zzz: 1 } as never,
        { se: true, level: true },
        'f',
      ),
    ).toThrow('f: unknown option "zzz"; allowed: se, level');
    expect(() => rejectUnknownKeys<{ se?: string }>(undefined, { se: true }, 'f')).not.toThrow();
    expect(didYouMean('covariats', ['covariates', 'months'])).toBe(' (did you mean "covariates"?)');
  });

  it('is applied by the kernels and table-level functions', () => {
    const one = new Float64Array(6).fill(1);
    const x = Float64Array.from([1, 2, 3, 4, 5, 7]);
    const X = { names: ['(Intercept)', 'x'], columns: [one, x], n: 6 };
    const y = [2, 1, 4, 3, 6, 5];
    expect(() => ols(X, y, { sse: 'HC1' } as never)).toThrow(/olsPrepare: unknown option/);
    expect(() => ols(X, y, { levl: 0.9 } as never)).toThrow(/did you mean "level"/);
    expect(() => linAdjusted({ x }, [0, 1, 0, 1, 0, 1], y, { treatment: 'T' } as never)).toThrow(
      /linAdjusted: unknown option "treatment"/,
    );
    expect(() => kaplanMeier([1, 2, 3], [1, 0, 1], { conftype: 'log' } as never)).toThrow(
      /did you mean "confType"/,
    );
    expect(() =>
      modelMatrix([{ a: 1 }, { a: 2 }], { columns: ['a'], intercpt: false } as never),
    ).toThrow(/modelMatrix: unknown option "intercpt" \(did you mean "intercept"\?\)/);
    expect(() =>
      impactFigures({ n: 100, controlRate: 0.3, effect: 0.05, lvel: 0.9 } as never),
    ).toThrow(/impactFigures: unknown option "lvel"/);
    expect(() =>
      compareArms([], { outcomes: ['y'], adjustment: 'lin', covariats: ['a'] } as never),
    ).toThrow(/did you mean "covariates"/);
  });
});
