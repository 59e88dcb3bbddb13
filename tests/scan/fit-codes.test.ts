import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { logisticRegression, logisticRegressionOfFactors } from '../../src/estimate/logistic.js';
import { fitScan, scanDesign } from '../../src/scan/model.js';
import { createRng } from '../../src/stats/random.js';

// fitScan fits on the features' level codes (logisticRegressionOfFactors, no dummy columns);
// the fit must be logisticRegression's on the written-out design, up to the order of additions.
describe('the scan fit on level codes', () => {
  const rng = createRng(7);
  const n = 4000;
  const towns = ['Almere', 'Breda', 'Delft', 'Ede', 'Zwolle'];
  const rows = Array.from({ length: n }, () => {
    const age = 20 + Math.floor(rng.next() * 45);
    const benefit = 900 + rng.next() * 1500;
    const town = Math.floor(rng.next() * 5);
    const single = rng.next() < 0.35;
    const eta = -2 + 0.02 * (age - 40) - 0.0008 * (benefit - 1500) + 0.3 * town - 0.5 * +single;
    return {
      age,
      benefit,
      household: single ? 'single' : 'cohabiting',
      municipality: towns[town]!,
      bijstand: rng.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0,
    };
  });
  const t = table(
    Object.fromEntries(
      Object.keys(rows[0]!).map((k) => [k, rows.map((r) => r[k as keyof typeof r])]),
    ),
  );
  const spec = { numeric: ['age', 'benefit'], factors: ['household', 'municipality'] };

  it('equals logisticRegression on the written-out dummies (estimates, SEs, deviance)', () => {
    const fit = fitScan(t, spec);
    expect(fit.separation.fit).toBe('ml');
    const X = scanDesign(fit.model, t);
    const dense = logisticRegression(
      X,
      Float64Array.from(rows, (r) => r.bijstand),
    );
    expect(fit.iterations).toBe(dense.iterations);
    expect(fit.deviance).toBeCloseTo(dense.deviance, 9);
    fit.coefficients.forEach((c, j) => {
      const d = dense.coefficients[j]!;
      expect(c.term).toBe(d.term);
      expect(Math.abs(c.estimate - d.estimate)).toBeLessThan(1e-10 * Math.abs(d.estimate));
      expect(Math.abs(c.stdError - d.stdError)).toBeLessThan(1e-10 * d.stdError);
    });
  });

  it('drops a dummy that is aliased and keeps the others (codes with an unused column)', () => {
    const ones = new Float64Array(6).fill(1);
    const x = Float64Array.of(0.5, 1.5, -1, 2, 0, 1);
    const y = Float64Array.of(0, 1, 0, 1, 1, 0);
    // city[B] and city[C] both 1 on rows 2, 3: the second is a copy of the first.
    const fit = logisticRegressionOfFactors(
      {
        n: 6,
        names: ['(Intercept)', 'x', 'city[B]', 'city2[B]'],
        dense: [
          { column: 0, values: ones },
          { column: 1, values: x },
        ],
        factors: [
          { code: Int32Array.of(0, 0, 1, 1, 0, 0), columnOf: Int32Array.of(-1, 2) },
          { code: Int32Array.of(0, 0, 1, 1, 0, 0), columnOf: Int32Array.of(-1, 3) },
        ],
      },
      y,
      { singular: 'drop' },
    );
    expect(fit.aliased).toEqual(['city2[B]']);
    const written = logisticRegression(
      {
        names: ['(Intercept)', 'x', 'city[B]'],
        columns: [ones, x, Float64Array.of(0, 0, 1, 1, 0, 0)],
        n: 6,
      },
      y,
    );
    fit.coefficients.forEach((c, j) => {
      expect(c.estimate).toBeCloseTo(written.coefficients[j]!.estimate, 10);
    });
  });
});
