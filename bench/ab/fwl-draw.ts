/**
 * A/B of the randomisation draws' kernel `fwlDrawMany` on a checkout given as the first argument
 * (e.g. a `git worktree add --detach` of the base commit with node_modules linked):
 * `node --import tsx bench/ab/fwl-draw.ts <checkout>`. Seeded designs (an intercept and r − 1
 * covariates, every fourth one 0/1), two outcomes and random 0/1 assignments: prints every
 * statistic of every draw as hex bits (the bit check: the two checkouts' lines must be equal)
 * and, for r = 12, the time per draw at n = 12,191 and 200,000. Run it for both checkouts,
 * alternating, in the same minutes; docs/performance.md quotes the 2026-12-02 runs. Not part of
 * `npm run bench`.
 */
import { createHash } from 'node:crypto';

const root = process.argv[2]!;
const { fwlDrawMany, orthonormalColumns } = (await import(
  `${root}/src/plan/fwl-draw.ts`
)) as typeof import('../../src/plan/fwl-draw.js');

let state = 12345;
const uniform = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 4294967296;
};

function setup(n: number, r: number) {
  const columns = [new Float64Array(n).fill(1)];
  for (let j = 1; j < r; j++) {
    columns.push(
      Float64Array.from({ length: n }, () =>
        j % 4 === 0 ? (uniform() < 0.3 ? 1 : 0) : uniform() * 10,
      ),
    );
  }
  const eys = [0, 1].map(() => Float64Array.from({ length: n }, () => uniform() - 0.5));
  const hz = Float64Array.from({ length: n }, () => uniform() * 0.001);
  const draw = fwlDrawMany(orthonormalColumns(columns, n), eys, hz, n - r - 1);
  const assignment = (share: number) =>
    Float64Array.from({ length: n }, () => (uniform() < share ? 1 : 0));
  return { draw, assignment };
}

// The bit check: r = 1 … 9 and 13, three sizes, 30 assignments each (arms from 0 % to 100 %).
const hash = createHash('sha256');
const out = new Float64Array(4);
const ok = new Uint8Array(2);
for (const r of [1, 2, 3, 4, 5, 6, 7, 8, 9, 13]) {
  for (const n of [7, 50, 333]) {
    const { draw, assignment } = setup(n, r);
    for (let k = 0; k < 30; k++) {
      out.fill(0);
      draw(assignment(uniform()), out, ok);
      hash.update(new Uint8Array(out.buffer));
      hash.update(ok);
    }
  }
}
const lines = [`bits ${hash.digest('hex').slice(0, 16)}`];

// Time per draw (r = 12, two outcomes, 20 % treated), best of three rounds.
for (const n of [12_191, 200_000]) {
  const { draw, assignment } = setup(n, 12);
  const ts = Array.from({ length: 20 }, () => assignment(0.2));
  const reps = n > 100_000 ? 200 : 2000;
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    for (let k = 0; k < reps; k++) draw(ts[k % ts.length]!, out, ok);
    best = Math.min(best, ((performance.now() - t0) / reps) * 1000);
  }
  lines.push(`n=${n}: ${best.toFixed(1)} µs per draw`);
}
console.log(root, lines.join(' | '));
