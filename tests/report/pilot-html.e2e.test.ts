/**
 * End to end: writes the Den Haag pilot HTML report, opens it in Debian's Chromium (headless,
 * through playwright-core), and checks that it loads without console errors or network requests
 * and that every chart rendered. Saves a screenshot to test-output/den-haag-pilot.png.
 *
 * Skips when /usr/bin/chromium is absent (install: apt-get install -y chromium; .ci/run does).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadTable } from 'effectmeting/node';
import { denHaagPilot, pilotHtml } from 'effectmeting/studies';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, chartMarks, chromiumSession, hasChromium } from './chromium.js';

if (!hasChromium) {
  console.warn(
    `[pilot-html e2e] skipped: ${CHROMIUM} not found (apt-get install -y --no-install-recommends chromium)`,
  );
}

const OUT = resolve('test-output');

// One Chromium for the file's pages (tests/report/chromium.ts).
const chromium = chromiumSession();
afterAll(() => chromium.close());

describe.skipIf(!hasChromium)('the pilot HTML report in Chromium', () => {
  let file = '';

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const table = await loadTable('data/den-haag-pilot.csv');
    const benchmark = await loadTable('data/den-haag-national-benchmark.csv');
    const rows = benchmark.objects() as { month: number; share: number }[];
    const result = denHaagPilot(
      table,
      {},
      {
        label: 'rest of the Netherlands, decile 1',
        values: rows.map((r) => ({ month: Number(r.month), share: Number(r.share) })),
        note: 'synthetic reconstruction of the national line in Figure 2a',
      },
    );
    file = join(OUT, 'den-haag-pilot.html');
    writeFileSync(file, await pilotHtml(result));
  });

  it('loads with no console errors and no network requests, and every chart has marks', async () => {
    await chromium.withPage(file, async (page, load) => {
      expect(load.problems).toEqual([]);
      expect(load.requests).toEqual([load.url]);
      const charts = await chartMarks(page);
      expect(charts).toHaveLength(3);
      for (const c of charts) {
        expect(c.width).toBeGreaterThan(200);
        expect(c.height).toBeGreaterThan(150);
        expect(c.texts).toBeGreaterThan(5);
        expect(c.symbols + c.lines + c.areas + c.bars).toBeGreaterThan(0);
      }
      const [fig2a, fig2b, table2] = charts as [
        (typeof charts)[0],
        (typeof charts)[0],
        (typeof charts)[0],
      ];
      expect(fig2a.lines).toBeGreaterThanOrEqual(3); // two arms and the national line
      expect(fig2a.symbols).toBeGreaterThanOrEqual(48); // 24 months × 2 arms
      expect(fig2b.areas).toBeGreaterThanOrEqual(1); // the confidence band
      expect(fig2b.symbols).toBeGreaterThanOrEqual(24);
      expect(table2.bars).toBeGreaterThanOrEqual(6);

      const text = await page.textContent('body');
      expect(text).toContain('< 10');
      expect(text).toContain('Figure 2a');

      await page.screenshot({ path: join(OUT, 'den-haag-pilot.png'), fullPage: true });
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: join(OUT, 'den-haag-pilot.pdf'), format: 'A4' });
    });
  });
});
