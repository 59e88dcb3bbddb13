/**
 * End to end: `effectmeting review` writes the yearly review; its HTML opens in Debian's Chromium
 * with no console errors and no network requests, and every chart drew marks. Saves a screenshot
 * to test-output/review-2024.png. The Dutch review (`--lang nl`, issue #17) likewise, Dutch on
 * the page and in every chart, its review.json the same bytes as the English one; screenshot
 * /tmp/shots/review-nl.png. Skips when /usr/bin/chromium is absent.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { reuseScanReviews } from '../fixtures/reuse.js';
import { CHROMIUM, chartMarks, chromiumSession, hasChromium } from './chromium.js';

if (!hasChromium) {
  console.warn(`[review-html e2e] skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
}

const OUT = resolve('test-output/review-2024');
const OUT_NL = resolve('test-output/review-2024-nl');
const SHOT_NL = '/tmp/shots/review-nl.png';
const ARGS = [
  'review',
  '--current',
  'data/scan-population-2024.csv',
  '--previous',
  'data/scan-population-2023.csv',
];

// The Dutch run reviews the same two years as the English one: one review, rendered twice
// (the language is in the writers, not in the review's numbers; tests/fixtures/reuse.ts).
reuseScanReviews();

// One Chromium for the file's pages (tests/report/chromium.ts).
const chromium = chromiumSession();
afterAll(() => chromium.close());

describe.skipIf(!hasChromium)('the yearly review HTML in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const io = { stdout: () => {}, stderr: () => {} };
    const code = await runCli([...ARGS, '--out', OUT], io);
    expect(code).toBe(0);
  });

  it('loads with no console errors and no network requests, and every chart has marks', async () => {
    await chromium.withPage(join(OUT, 'review.html'), async (page, load) => {
      expect(load.problems).toEqual([]);
      expect(load.requests).toEqual([load.url]);
      const charts = await chartMarks(page);
      expect(charts.length).toBeGreaterThanOrEqual(4); // gains, calibration, drift, subgroups
      // drawn at their own size (not stretched to the column: equal fonts in every chart)
      const sizes = await page.$$eval('figure svg', (els) =>
        els.map((e) => [e.getBoundingClientRect().width, Number(e.getAttribute('width'))]),
      );
      for (const [shown, drawn] of sizes) expect(Math.abs(shown! - drawn!)).toBeLessThan(1);
      // the shipped files are synthetic: the page and every chart say so
      const text = await page.$eval('body', (b) => b.textContent ?? '');
      expect(text).toContain('Synthetic data');
      const rows = await page.$$eval('table tbody tr', (r) => r.length);
      expect(rows).toBeGreaterThan(10);
      for (const c of charts) {
        expect(c.width).toBeGreaterThan(200);
        expect(c.texts).toBeGreaterThan(5);
        expect(c.symbols + c.lines + c.areas + c.bars).toBeGreaterThan(0);
      }
      await page.screenshot({ path: resolve('test-output/review-2024.png'), fullPage: true });
      const svgText = await page.$$eval('figure svg', (els) => els.map((e) => e.textContent ?? ''));
      for (const t of svgText) expect(t).toContain('Synthetic data');
    });
  });
});

describe.skipIf(!hasChromium)('the Dutch yearly review HTML in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(OUT_NL, { recursive: true });
    mkdirSync('/tmp/shots', { recursive: true });
    const io = { stdout: () => {}, stderr: () => {} };
    const code = await runCli([...ARGS, '--out', OUT_NL, '--lang', 'nl', '--quiet'], io);
    expect(code).toBe(0);
  });

  it('loads with no console errors and no network requests; Dutch on the page and in every chart', async () => {
    const html = readFileSync(join(OUT_NL, 'review.html'), 'utf8');
    expect(html).toContain('<html lang="nl">');
    expect(html).not.toMatch(/\d\.\d %/); // no English percentage
    await chromium.withPage(join(OUT_NL, 'review.html'), async (page, load) => {
      expect(load.problems).toEqual([]);
      expect(load.requests).toEqual([load.url]);
      const charts = await chartMarks(page);
      expect(charts.length).toBeGreaterThanOrEqual(4);
      for (const c of charts) {
        expect(c.width).toBeGreaterThan(200);
        expect(c.texts).toBeGreaterThan(5);
        expect(c.symbols + c.lines + c.areas + c.bars).toBeGreaterThan(0);
      }
      const text = await page.$eval('body', (b) => b.textContent ?? '');
      for (const words of [
        'Jaarlijkse review van de risicoscan',
        'Synthetische gegevens',
        'Oordeel',
        'Onderscheidend vermogen',
        'Gains en lift per deciel',
        'procentpunt',
      ]) {
        expect(text).toContain(words);
      }
      expect(text).toMatch(/\d{1,3}\.\d{3} cliënten/); // thousands dot
      expect(text).toMatch(/\d,\d%/); // decimal comma
      const svgText = await page.$$eval('figure svg', (els) => els.map((e) => e.textContent ?? ''));
      for (const t of svgText) expect(t).toContain('Synthetische gegevens');
      expect(svgText.join(' ')).toContain('Drift per kenmerk');
      expect(svgText.join(' ')).toMatch(/\d+%/); // percentage axes in the Dutch locale
      await page.screenshot({ path: SHOT_NL, fullPage: true });
    });
    // the JSON is the machine file: the same bytes as the English run's
    expect(readFileSync(join(OUT_NL, 'review.json'), 'utf8')).toBe(
      readFileSync(join(OUT, 'review.json'), 'utf8'),
    );
  });
});
