/**
 * End to end: writes the Den Haag pilot HTML report, opens it in Debian's Chromium (headless,
 * through playwright-core), and checks that it loads without console errors or network requests
 * and that every chart rendered. Saves a screenshot to test-output/den-haag-pilot.png.
 *
 * Skips when /usr/bin/chromium is absent (install: apt-get install -y chromium; .ci/run does).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { denHaagPilot, loadTable, pilotHtml } from 'effectmeting';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `[pilot-html e2e] skipped: ${CHROMIUM} not found (apt-get install -y --no-install-recommends chromium)`,
  );
}

const OUT = resolve('test-output');

describe.skipIf(!hasChromium)('the pilot HTML report in Chromium', () => {
  let profile = '';
  let file = '';

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'effectmeting-chromium-'));
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

  afterAll(() => {
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('loads with no console errors and no network requests, and every chart has marks', async () => {
    const { chromium } = await import('playwright-core');
    // A fresh profile directory (the user-data-dir) per run.
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1100, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning')
          problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('request', (r) => requests.push(r.url()));
      const url = pathToFileURL(file).href;
      const response = await page.goto(url, { waitUntil: 'load' });
      expect(response?.ok() ?? true).toBe(true);

      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);

      const charts = await page.$$eval('figure > svg', (svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          return {
            width: box.width,
            height: box.height,
            paths: svg.querySelectorAll('path').length,
            rects: svg.querySelectorAll('rect').length,
            symbols: svg.querySelectorAll('.mark-symbol path').length,
            lines: svg.querySelectorAll('.mark-line path').length,
            areas: svg.querySelectorAll('.mark-area path').length,
            bars: svg.querySelectorAll('.mark-rect path').length,
            texts: svg.querySelectorAll('text').length,
          };
        }),
      );
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
    } finally {
      await context.close();
    }
  });
});
