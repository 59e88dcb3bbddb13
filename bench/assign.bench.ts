/**
 * Hashed assignment throughput: 10 million client ids (generated on the fly, never stored)
 * through the pure-TypeScript HMAC-SHA256 assigner, against Node's native `crypto` HMAC as a
 * yardstick; plus complete assignment (sort + seeded shuffle) of one million ids.
 * Run with `npm run bench assign`.
 */
import { createHmac } from 'node:crypto';
import { deriveArms } from '../src/assign/derive.js';
import { digestToUniform } from '../src/assign/hash.js';
import { createHashedAssigner } from '../src/assign/index.js';
import { type BenchSuite, type CaseResult, median, memory, peakRssMB } from './run.js';

const N = 10_000_000;
const WEIGHTS = { experiment: 0.8, control: 0.2 } as const;
const KEY = 'ww-den-haag-2021';
const RUNS = 3;

/** Times `body` RUNS times; `body` returns a check value (e.g. the experiment count). */
function timed(n: number, body: () => number, baselineRssMB: number): CaseResult {
  const runs: number[] = [];
  let check = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    check = body();
    runs.push((performance.now() - t0) / 1000);
  }
  const seconds = median(runs);
  const after = memory();
  return {
    seconds,
    runs,
    peakRssMB: peakRssMB(),
    baselineRssMB,
    heapUsedMB: after.heapUsedMB,
    note: `${Math.round(n / seconds).toLocaleString('en-US')} clients/s; ${check.toLocaleString('en-US')} in the first arm`,
    check: [check],
  };
}

const suite: BenchSuite = {
  title: 'Assignment: hashed ratio over 10 million ids',
  description:
    'Hashed 80/20 assignment, arm = first 53 bits of HMAC-SHA256(key, id) against the cumulative weights; ids `c0`…`c9999999` generated on the fly. The pure-TS HMAC precomputes the keyed state (two SHA-256 compressions per id). The node:crypto case computes the same arms with the native HMAC (check must match). Complete assignment: sort 1 million ids, largest-remainder counts, seeded Fisher–Yates.',
  cases: [
    {
      name: 'hashed-pure-ts',
      label: 'hashed, pure-TS HMAC-SHA256 (10M ids)',
      async run() {
        const base = memory().rssMB;
        const arm = createHashedAssigner(KEY, WEIGHTS);
        return timed(
          N,
          () => {
            let e = 0;
            for (let i = 0; i < N; i++) if (arm(`c${i}`) === 'experiment') e++;
            return e;
          },
          base,
        );
      },
    },
    {
      name: 'hashed-node-crypto',
      label: 'hashed, node:crypto HMAC (10M ids)',
      async run() {
        const base = memory().rssMB;
        return timed(
          N,
          () => {
            let e = 0;
            for (let i = 0; i < N; i++) {
              const d = createHmac('sha256', KEY).update(`c${i}`).digest();
              if (digestToUniform(d) < 0.8) e++;
            }
            return e;
          },
          base,
        );
      },
    },
    {
      name: 'complete-1m',
      label: 'complete, sort + seeded shuffle (1M ids)',
      async run() {
        const n = 1_000_000;
        const ids = Array.from({ length: n }, (_, i) => `c${(i * 7919) % n}`);
        const base = memory().rssMB;
        const result = timed(
          n,
          () => {
            const arms = deriveArms({ kind: 'complete', weights: WEIGHTS, seed: 42 }, { ids });
            return arms.filter((a) => a === 'experiment').length;
          },
          base,
        );
        // Not comparable with the hashed cases' check.
        const { check: _check, ...rest } = result;
        return rest;
      },
    },
  ],
};

export default suite;
