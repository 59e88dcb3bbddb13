/**
 * A result holds its numbers, not the data it was computed from. A result's display methods
 * (`toTable`, `toMarkdown`) are closures; made inside the function that fits, they kept that
 * function's whole scope alive — the subgroup sample, the complier fit's outcome columns, the
 * participation table's clients, the Cox and RMST samples (740 MB after an `analyze` of 2,000,000
 * clients, a manual measurement in docs/performance.md; `displayResult` now builds them).
 * Measured here as the memory of array buffers (process-wide; vitest runs each file in a process
 * of its own) with the result held and after it is dropped, each after full garbage collections.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ColumnTable } from 'arquero';
import { beforeAll, describe, expect, it } from 'vitest';
import { experimentIntake } from '../../src/data/intake.js';
import { type AnalysisPlan, evaluate, parsePlan } from '../../src/evaluate/index.js';
import { dataTable } from '../fixtures/shared.js';

const root = new URL('../../', import.meta.url).pathname;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Bytes of array buffers alive: collected until two readings agree (buffers are freed lazily). */
async function liveBuffers(): Promise<number> {
  let last = -1;
  for (let i = 0; i < 50; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const now = process.memoryUsage().arrayBuffers;
    if (now === last) return now;
    last = now;
  }
  return last;
}

/**
 * Array-buffer bytes a result of `make` holds: the least over two results of (held − dropped),
 * after a first call that fills what the library keeps once per process.
 */
async function heldBy(make: () => unknown): Promise<number> {
  make();
  let least = Number.POSITIVE_INFINITY;
  for (let trial = 0; trial < 2; trial++) {
    let result: unknown = make();
    const held = await liveBuffers();
    expect(result).toBeTypeOf('object');
    result = undefined;
    least = Math.min(least, held - (await liveBuffers()));
  }
  return least;
}

/** The example plan without its filter (every client), with `extra` keys. */
function examplePlan(extra: Record<string, unknown> = {}): AnalysisPlan {
  const config = JSON.parse(
    readFileSync(join(root, 'examples/analysis-config.json'), 'utf8'),
  ) as Record<string, unknown>;
  delete config.filter;
  return parsePlan({ ...config, ...extra });
}

describe('a result does not hold the data it was computed from', () => {
  let data: ColumnTable;
  /** Bytes of the intake of every client: what the analyses work on. */
  let intakeBytes: number;
  beforeAll(async () => {
    data = await dataTable('den-haag-pilot.csv', { stringColumns: ['id', 'arm', 'participation'] });
    const plan = examplePlan();
    const before = await liveBuffers();
    const intake = experimentIntake(data, {
      id: plan.columns.id,
      arm: plan.columns.arm,
      treatment: plan.arms.treatment,
      control: plan.arms.control,
      followup: plan.columns.followup,
      covariates: plan.covariates,
      factors: plan.factors,
    });
    intakeBytes = (await liveBuffers()) - before;
    expect(intake.n).toBe(12191);
  });

  it('the intake of the 12,191 pilot clients takes more than 1 MB (20 design columns)', () => {
    expect(intakeBytes).toBeGreaterThan(1_000_000);
  });

  it('evaluate: effects, subgroups, participation, complier effects, randomisation inference', async () => {
    const plan = examplePlan();
    expect(plan.subgroups).toHaveLength(1);
    // Before displayResult: 2–5 MB here (1.4–2.9 × the intake); now a few kB at most.
    expect(await heldBy(() => evaluate(data, plan))).toBeLessThan(intakeBytes / 20);
  });

  it('evaluate: several arms, survival tests, RMST and Cox regression', async () => {
    const plan = examplePlan({
      arms: { labels: ['control', 'experiment'], reference: 'control' },
      tests: ['logrank', 'gray'],
      rmst: { tau: 12 },
      cox: {},
    });
    expect(await heldBy(() => evaluate(data, plan))).toBeLessThan(intakeBytes / 20);
  });
});
