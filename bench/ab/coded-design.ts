/**
 * The synthetic prepared designs of the coded-pass A/B tools (`coded-term-sums.ts`,
 * `kernel-passes.ts`): an intercept, a treatment at 80 %, `numeric` covariates with large means
 * and one factor per entry of `factors` (its levels, dummies for all but the first), n rows drawn
 * from `rng`, prepared from its prefix cross product as the series do. Not part of `npm run bench`.
 */
import { prefixCrossProducts } from '../../src/analysis/effect-series-prefix.js';
import { olsPrepareFromCross } from '../../src/estimate/ols.js';
import type { Rng } from '../../src/stats/random.js';

export function codedDesign(rng: Rng, n: number, numeric: number, factors: readonly number[]) {
  const names = ['(Intercept)', 'treatment'];
  const columns = [
    new Float64Array(n).fill(1),
    Float64Array.from({ length: n }, () => (rng.next() < 0.8 ? 1 : 0)),
  ];
  for (let j = 0; j < numeric; j++) {
    names.push(`x${j}`);
    columns.push(Float64Array.from({ length: n }, () => 1000 * j + rng.normal()));
  }
  factors.forEach((levels, f) => {
    const code = Int32Array.from({ length: n }, () => Math.floor(rng.next() * levels));
    for (let l = 1; l < levels; l++) {
      names.push(`f${f}[${l}]`);
      columns.push(Float64Array.from(code, (c) => (c === l ? 1 : 0)));
    }
  });
  return olsPrepareFromCross({ names, columns, n }, prefixCrossProducts(columns, [n]).get(n)!);
}
