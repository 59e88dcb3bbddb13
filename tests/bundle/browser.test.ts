/**
 * The root entry bundles for a browser: esbuild with `platform: 'browser'` and no externals, so
 * any `node:` import reachable from src/index.ts fails the build. The bundle then runs here (it is
 * plain ESM) and gives the same numbers as the source.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import * as source from '../../src/index.js';

const root = new URL('../../', import.meta.url).pathname;
const out = join(root, 'test-output/bundle');

/** Eight experiment clients (two in bijstand by month 2) and eight controls (four by month 1). */
const CSV = [
  'id,arm,followup_months,month_bijstand,age',
  ...Array.from({ length: 16 }, (_, i) => {
    const arm = i < 8 ? 'experiment' : 'control';
    const event = i < 8 ? (i < 2 ? 2 : '') : i < 12 ? 1 : '';
    return `C${i + 1},${arm},6,${event},${30 + ((i * 7) % 25)}`;
  }),
].join('\n');

/** Bundles src/index.ts for the browser, writes it to test-output/ and imports it. */
async function bundle(): Promise<{ code: string; api: typeof source }> {
  const result = await build({
    entryPoints: [join(root, 'src/index.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  mkdirSync(out, { recursive: true });
  const file = join(out, 'effectmeting.browser.js');
  writeFileSync(file, code);
  return {
    code,
    api: (await import(/* @vite-ignore */ pathToFileURL(file).href)) as typeof source,
  };
}

// Started once; the first test waits for it.
const bundled = bundle();
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the root entry bundled for a browser', () => {
  it('builds with no externals and names no node: module', async () => {
    const { code } = await bundled;
    expect(code.length).toBeGreaterThan(0);
    expect(code).not.toMatch(/["'`]node:/);
  });

  it('exports the same names as the source', async () => {
    const { api } = await bundled;
    expect(Object.keys(api).sort()).toEqual(Object.keys(source).sort());
  });

  it('diffInProportions: 34.3 % of 978 vs 41.5 % of 240', async () => {
    const { api } = await bundled;
    const d = api.diffInProportions({ successes: 336, n: 978 }, { successes: 100, n: 240 });
    expect(d.estimate).toBeCloseTo(336 / 978 - 100 / 240, 12);
    expect(d).toEqual(
      source.diffInProportions({ successes: 336, n: 978 }, { successes: 100, n: 240 }),
    );
  });

  it('powerForEffect: the Den Haag decile 1 design', async () => {
    const { api } = await bundled;
    const design = { controlRate: 0.415, nTreatment: 978, nControl: 240, effect: -0.063 };
    const power = api.powerForEffect(design).power;
    expect(power).toBeCloseTo(0.43, 2);
    expect(power).toBe(source.powerForEffect(design).power);
  });

  it('effectSeries on a table parsed by the bundle', async () => {
    const { api } = await bundled;
    const table = await api.parseTable({ text: CSV });
    const spec = { event: 'month_bijstand', months: 3, covariates: ['age'] };
    const series = api.effectSeries(table, spec);
    const month2 = series.months[1]!;
    expect([month2.shareTreated, month2.shareControl]).toEqual([2 / 8, 4 / 8]);
    expect(month2.raw.estimate).toBeCloseTo(-0.25, 12);
    const expected = source.effectSeries(source.loadTableSync({ text: CSV }), spec);
    expect(
      series.months.map((m) => [m.raw.estimate, m.raw.stdError, m.adjusted?.estimate]),
    ).toEqual(expected.months.map((m) => [m.raw.estimate, m.raw.stdError, m.adjusted?.estimate]));
  });
});
