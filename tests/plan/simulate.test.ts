import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { simulateDesign } from '../../src/plan/index.js';
import { DEN_HAAG_MODEL } from '../../src/studies.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

// A small parametric design: 3 months, one prognostic covariate, non-compliance, censoring.
const design = {
  model: 'parametric' as const,
  nTreatment: 240,
  nControl: 160,
  controlRates: [0.15, 0.25, 0.35],
  effect: -0.05,
  participation: { treatment: 0.6, control: 0.05 },
  censoring: 0.1,
  covariateCorrelation: 0.6,
};

describe('simulateDesign', () => {
  it('the library intervals cover at their nominal rate (500 replicates)', async () => {
    const sim = await simulateDesign(design, { replicates: 500, seed: 11, workers: 0 });
    expect(sim.failed).toBe(0);
    const tol = 3 * Math.sqrt((0.95 * 0.05) / 500); // ≈ 2.9 pp
    for (const m of sim.months) {
      expect(Math.abs(m.raw.coverage - 0.95)).toBeLessThan(tol);
      expect(Math.abs(m.adjusted!.coverage - 0.95)).toBeLessThan(tol);
      // Unbiased within Monte-Carlo error, and the covariate makes the adjusted estimate tighter.
      expect(Math.abs(m.adjusted!.bias)).toBeLessThan(
        4 * (m.adjusted!.empiricalSe / Math.sqrt(500)),
      );
      expect(m.adjusted!.empiricalSe).toBeLessThan(m.raw.empiricalSe);
    }
    expect(sim.months[2]!.truth).toBeCloseTo(-0.05, 12);
    const total = sim.firstSignificant.distribution.reduce((s, d) => s + d.share, 0);
    expect(total).toBeCloseTo(1, 12);
    expect(sim.toMarkdown()).toContain('coverage adjusted');
  });

  it('no effect: the rejection rate is the test size', async () => {
    const sim = await simulateDesign(
      { ...design, effect: 0 },
      { replicates: 300, seed: 3, workers: 0 },
    );
    const m = sim.months[2]!;
    expect(m.truth).toBe(0);
    expect(Math.abs(m.adjusted!.power - 0.05)).toBeLessThan(3 * Math.sqrt((0.05 * 0.95) / 300));
  });

  it('results do not depend on the number of workers (inline, 2), seeded per replicate', async () => {
    // One worker against inline is checked on the compiled build below: a worker started from
    // source loads the library through tsx (some 2 s of CPU each), a compiled one does not.
    const opts = { replicates: 24, seed: 'w', chunkSize: 5, progress: false };
    const inline = await simulateDesign(design, { ...opts, workers: 0 });
    const two = await simulateDesign(design, { ...opts, workers: 2 });
    expect(two.workers).toBe(2);
    expect(JSON.stringify(two.months)).toBe(JSON.stringify(inline.months));
    expect(two.firstSignificant).toEqual(inline.firstSignificant);
  });

  it('hashed assignment and the den-haag model run', async () => {
    const hashed = await simulateDesign(
      { ...design, assignment: 'hashed' },
      { replicates: 20, workers: 0 },
    );
    expect(hashed.failed).toBe(0);
    const dh = await simulateDesign(
      { model: DEN_HAAG_MODEL, nTreatment: 978, nControl: 240, months: 24 },
      { replicates: 4, workers: 0, seed: 5 },
    );
    // The calibrated model's true month-24 effect is close to the published −6.3 pp.
    expect(dh.months[23]!.truth).toBeLessThan(-0.04);
    expect(dh.months[23]!.truth).toBeGreaterThan(-0.08);
    expect(dh.months[0]!.adjusted).toBeDefined();
  });

  it('progress: a callback sees every chunk; bad designs are InputErrors', async () => {
    const seen: number[] = [];
    await simulateDesign(design, {
      replicates: 12,
      chunkSize: 5,
      workers: 0,
      progress: (d) => seen.push(d),
    });
    expect(seen).toEqual([5, 10, 12]);
    await expect(simulateDesign({ ...design, effect: 0.1 })).rejects.toThrow(InputError);
    await expect(simulateDesign({ ...design, effect: -0.5 })).rejects.toThrow(/larger than/);
  });

  it('workers also run from the compiled build (dist), with results independent of their number (inline, 1, 2)', async () => {
    const out = join(root, 'node_modules', '.cache', 'effectmeting-plan-test');
    rmSync(out, { recursive: true, force: true });
    // The dist layout of `npm run build`, emitted file by file with esbuild's transform (what
    // tsc emits under this tsconfig's isolatedModules + verbatimModuleSyntax: types erased,
    // imports kept as written), in seconds rather than a type-checking tsc run of the tree.
    // What is tested is that the compiled simulate.js starts compiled workers without tsx.
    const src = join(root, 'src');
    for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      const { code } = await transform(readFileSync(join(src, file), 'utf8'), {
        loader: 'ts',
        format: 'esm',
        target: 'es2022',
        tsconfigRaw: { compilerOptions: { target: 'ES2022', verbatimModuleSyntax: true } },
        sourcefile: file,
      });
      const target = join(out, 'dist', file.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, code);
    }
    expect(existsSync(join(out, 'dist', 'plan', 'simulate-worker.js'))).toBe(true);
    const script = join(out, 'run.mjs');
    writeFileSync(
      script,
      `import { simulateDesign } from './dist/plan/simulate.js';
const d = ${JSON.stringify(design)};
const a = await simulateDesign(d, { replicates: 12, workers: 2, chunkSize: 3, seed: 'dist', progress: false });
const b = await simulateDesign(d, { replicates: 12, workers: 0, seed: 'dist', progress: false });
const c = await simulateDesign(d, { replicates: 12, workers: 1, chunkSize: 5, seed: 'dist', progress: false });
const same = (x, y) => JSON.stringify(x.months) === JSON.stringify(y.months) && JSON.stringify(x.firstSignificant) === JSON.stringify(y.firstSignificant);
console.log(JSON.stringify({ workers: [a.workers, c.workers], same: same(a, b), sameOne: same(c, b) }));
`,
    );
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', cwd: out });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout.trim())).toEqual({ workers: [2, 1], same: true, sameOne: true });
    rmSync(out, { recursive: true, force: true });
  });
});
