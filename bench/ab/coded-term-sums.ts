/**
 * The coded residual pass against the dense one on two synthetic designs at 200,000 rows (two
 * targets, HC2, one direction): the analysis config's shape (intercept, treatment at 80 %, 4
 * numeric covariates, factors of 2, 3, 4, 8, 2 and 2 levels) and the effect-series bench's shape
 * (10 numeric covariates, six binaries and an 8-level factor). Prints, per design, k, the dense
 * and coded column counts, and the best of five rounds of five passes each (ms per pass) for
 * `codedTermSums` and `whitenedTermSums`, and the largest relative difference of their sums.
 * A design the gate declines prints "declined".
 * `node --import tsx bench/ab/coded-term-sums.ts`. Not part of `npm run bench`.
 */
import { codedBasis } from '../../src/estimate/coded-basis.js';
import { codedTermSums } from '../../src/estimate/coded-term-sums.js';
import { whitenedTermSums } from '../../src/estimate/cumulative-pass.js';
import { createRng } from '../../src/stats/random.js';
import { codedDesign } from './coded-design.js';

const n = 200_000;
const rng = createRng('bench-coded-term-sums');

const design = (numeric: number, factors: readonly number[]) =>
  codedDesign(rng, n, numeric, factors);

const best = (f: () => void) => {
  let min = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) f();
    min = Math.min(min, (performance.now() - t0) / 5);
  }
  return min;
};

for (const [label, prep] of [
  ['analysis', design(4, [2, 3, 4, 8, 2, 2])],
  ['effect-series bench', design(10, [2, 2, 2, 2, 2, 2, 8])],
] as const) {
  const k = prep.k;
  const event = Float64Array.from({ length: n }, () =>
    rng.next() < 0.5 ? 1 + Math.floor(rng.next() * 24) : Number.NaN,
  );
  const targets = [5, 6].map((month) => ({
    eventMonth: event,
    month,
    beta: Float64Array.from({ length: k }, () => rng.normal()),
  }));
  const directions = [prep.shiftedBread.slice(k, 2 * k)];
  const coded = codedTermSums(prep, directions, 1, targets, 'HC2');
  const dense = whitenedTermSums(
    prep.columns,
    prep.factor,
    prep.shift,
    directions,
    1,
    targets,
    'HC2',
  );
  const basis = codedBasis(prep)!;
  let diff = 0;
  if (coded) {
    coded.sums.forEach((v, i) => {
      diff = Math.max(diff, Math.abs(v - dense.sums[i]!) / Math.abs(dense.sums[i]!));
    });
  }
  const tCoded = coded
    ? best(() => codedTermSums(prep, directions, 1, targets, 'HC2'))
    : Number.NaN;
  const tDense = best(() =>
    whitenedTermSums(prep.columns, prep.factor, prep.shift, directions, 1, targets, 'HC2'),
  );
  console.log(
    `${label}: k ${k}, dense columns ${basis.p}, joint codes ${basis.joints.length}; ` +
      `coded ${coded ? `${tCoded.toFixed(1)} ms` : 'declined'}, dense ${tDense.toFixed(1)} ms; ` +
      `sums max rel. diff ${diff.toExponential(1)}`,
  );
}
