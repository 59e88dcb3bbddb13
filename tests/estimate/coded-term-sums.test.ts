import { describe, expect, it } from 'vitest';
import { prefixCrossProducts } from '../../src/analysis/effect-series-prefix.js';
import { codedTermSums } from '../../src/estimate/coded-term-sums.js';
import { type ResidualTarget, whitenedTermSums } from '../../src/estimate/cumulative-pass.js';
import { olsPrepare, olsPrepareFromCross } from '../../src/estimate/ols.js';
import { createRng } from '../../src/stats/random.js';

// The coded pass against the dense one on the same design: an intercept, a treatment (70 %:
// dense), a wage with a large mean, a binary feature, a 4-level factor and a 300-level one (its
// 301 states times the others' exceed one joint code, so the pass also takes the terms between
// two joint codes). Any coefficient vectors serve as targets: the sums are defined for them all.
function design(n: number, levels: number) {
  const rng = createRng('coded-term-sums');
  const names = ['(Intercept)', 'treatment', 'wage', 'woman'];
  const one = new Float64Array(n).fill(1);
  const t = Float64Array.from({ length: n }, () => (rng.next() < 0.7 ? 1 : 0));
  const wage = Float64Array.from({ length: n }, () => 3000 + 500 * rng.normal());
  const woman = Float64Array.from({ length: n }, () => (rng.next() < 0.45 ? 1 : 0));
  const columns = [one, t, wage, woman];
  const education = Int32Array.from({ length: n }, () => Math.floor(rng.next() * 4));
  const region = Int32Array.from({ length: n }, (_, i) =>
    i < levels ? i : Math.floor(rng.next() * levels),
  );
  for (let l = 1; l < 4; l++) {
    names.push(`education[${l}]`);
    columns.push(Float64Array.from(education, (e) => (e === l ? 1 : 0)));
  }
  for (let l = 1; l < levels; l++) {
    names.push(`region[${l}]`);
    columns.push(Float64Array.from(region, (r) => (r === l ? 1 : 0)));
  }
  const event = Float64Array.from({ length: n }, () =>
    rng.next() < 0.6 ? 1 + Math.floor(rng.next() * 12) : Number.NaN,
  );
  return { X: { names, columns, n }, event, rng };
}

function close(a: Float64Array, b: Float64Array, tol: number) {
  const scale = b.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  a.forEach((v, i) => {
    expect(Math.abs(v - b[i]!)).toBeLessThanOrEqual(tol * scale);
  });
}

describe('codedTermSums', () => {
  for (const levels of [5, 300]) {
    const { X, event, rng } = design(4000, levels);
    const prep = olsPrepare(X);
    const { k, shiftedBread } = prep;
    const direction = (c: number) => shiftedBread.slice(c * k, (c + 1) * k);
    const targets: ResidualTarget[] = [3, 9].map((month) => ({
      eventMonth: event,
      month,
      beta: Float64Array.from({ length: k }, () => 0.1 * rng.normal()),
    }));
    for (const power of [0, 1, 2] as const) {
      it(`equals whitenedTermSums to 1e-12 (${levels}-level factor, p = ${power})`, () => {
        for (const directions of [[direction(1)], [direction(1), direction(4), direction(k - 1)]]) {
          const coded = codedTermSums(prep, directions, power, targets, 'HC2');
          expect(coded).not.toBeNull();
          const dense = whitenedTermSums(
            prep.columns,
            prep.factor,
            prep.shift,
            directions,
            power,
            targets,
            'HC2',
          );
          close(coded!.sums, dense.sums, 1e-12);
          close(coded!.wy, dense.wy, 1e-12);
          close(coded!.xse, dense.xse, 1e-12);
        }
      });
    }
  }

  it('leaves out a factor member the design dropped as aliased (coding from prefixCrossProducts)', () => {
    // Every level of the 300-level factor has a dummy: with the intercept the last is aliased,
    // so the coding handed down by prefixCrossProducts has a member without a column.
    const { X, event, rng } = design(4000, 300);
    const region = X.columns.slice(7);
    const last = Float64Array.from({ length: 4000 }, (_, i) =>
      region.every((c) => c[i] === 0) ? 1 : 0,
    );
    const x = { names: [...X.names, 'region[0]'], columns: [...X.columns, last], n: 4000 };
    const prep = olsPrepareFromCross(x, prefixCrossProducts(x.columns, [4000]).get(4000)!);
    expect(prep.aliased).toEqual(['region[0]']);
    expect(prep.coding!.groups.some((g) => g.columnOf.includes(-1))).toBe(true);
    const k = prep.k;
    const targets = [
      {
        eventMonth: event,
        month: 6,
        beta: Float64Array.from({ length: k }, () => 0.1 * rng.normal()),
      },
    ];
    const directions = [prep.shiftedBread.slice(k, 2 * k)];
    const coded = codedTermSums(prep, directions, 1, targets, 'HC2')!;
    const dense = whitenedTermSums(
      prep.columns,
      prep.factor,
      prep.shift,
      directions,
      1,
      targets,
      'HC2',
    );
    close(coded.sums, dense.sums, 1e-12);
    close(coded.xse, dense.xse, 1e-12);
  });

  it('declines a design without dummies worth coding', () => {
    const { X } = design(500, 5);
    const prep = olsPrepare({ names: X.names.slice(0, 3), columns: X.columns.slice(0, 3), n: 500 });
    const beta = new Float64Array(prep.k);
    const targets = [{ eventMonth: new Float64Array(500), month: 1, beta }];
    expect(codedTermSums(prep, [beta], 1, targets, 'HC2')).toBeNull();
  });

  it('names the row with leverage 1 (HC2), as the dense pass does', () => {
    const { X, event } = design(2000, 5);
    const lone = new Float64Array(2000);
    lone[1499] = 1;
    const prep = olsPrepare({
      names: [...X.names, 'lone'],
      columns: [...X.columns, lone],
      n: 2000,
    });
    const beta = new Float64Array(prep.k);
    const targets = [{ eventMonth: event, month: 6, beta }];
    const d = prep.shiftedBread.slice(prep.k, 2 * prep.k);
    expect(() => codedTermSums(prep, [d], 1, targets, 'HC2')).toThrow(
      /row 1500 of the design matrix X has leverage 1/,
    );
  });
});
