/**
 * End to end (issue #17): `effectmeting analyze --lang nl --out dir` writes report.html, the
 * evaluation with its charts in Dutch; it opens in Debian's Chromium with no console errors and
 * no network requests, every chart drew marks, the page is Dutch (lang="nl", Dutch titles,
 * decimal commas, "procentpunt") and no client key appears in it; the English report of the same
 * run opens without errors too. Kept fast: a small config (two events, 12 months, three
 * covariates), one Chromium and one page for both. Saves screenshots to /tmp/shots/analyze-nl.png
 * and /tmp/shots/analyze-en.png.
 * Skips when /usr/bin/chromium is absent.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { CHROMIUM, chartMarks, chromiumSession, hasChromium } from './chromium.js';

if (!hasChromium) {
  console.warn(`[analyze-nl e2e] skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
}

const OUT = resolve('test-output/analyze-nl');
const OUT_EN = resolve('test-output/analyze-en');
const SHOT = '/tmp/shots/analyze-nl.png';
const SHOT_EN = '/tmp/shots/analyze-en.png';

const CONFIG = {
  title: 'Den Haag pilot, decile 1',
  columns: { id: 'id', arm: 'arm', followup: 'followup_months' },
  arms: {
    treatment: 'experiment',
    control: 'control',
    weights: { experiment: 0.8, control: 0.2 },
  },
  filter: { column: 'decile', equals: 1 },
  events: { bijstand: 'month_bijstand', work: 'month_work' },
  months: 12,
  covariates: ['gender', 'age', 'prior_bijstand'],
  methods: { se: 'HC2', adjustment: 'ols', level: 0.95 },
};

// One Chromium for the file's pages (tests/report/chromium.ts).
const chromium = chromiumSession();
afterAll(() => chromium.close());

describe.skipIf(!hasChromium)('the analyze report in Chromium, Dutch and English', () => {
  let html = '';

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    mkdirSync('/tmp/shots', { recursive: true });
    const config = join(OUT, 'analysis.config.json');
    writeFileSync(config, JSON.stringify(CONFIG));
    const io = { stdout: () => {}, stderr: () => {} };
    const args = ['analyze', '--input', 'data/den-haag-pilot.csv', '--config', config];
    const code = await runCli([...args, '--lang', 'nl', '--out', OUT, '--quiet'], io);
    expect(code).toBe(0);
    html = readFileSync(join(OUT, 'report.html'), 'utf8');
    // the English report of the same run, for the same checks in the browser
    expect(await runCli([...args, '--out', OUT_EN, '--quiet'], io)).toBe(0);
  });

  it('is Dutch and holds no client key', () => {
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('Cumulatieve uitstroom naar bijstand per maand');
    expect(html).toContain('Maanden sinds de start');
    expect(html).toContain('procentpunt');
    expect(html).toMatch(/\d,\d%/); // "28,3%"
    expect(html).not.toMatch(/\d\.\d %/); // no English percentage
    const ids = readFileSync('data/den-haag-pilot.csv', 'utf8')
      .split('\n')
      .slice(1, 200)
      .map((line) => line.split(',')[0]!)
      .filter((id) => id.length >= 6);
    expect(ids.length).toBeGreaterThan(100);
    for (const id of ids) expect(html).not.toContain(id);
  });

  it('loads with no console errors and no network requests, and every chart has marks', async () => {
    await chromium.withPage(join(OUT, 'report.html'), async (page, load) => {
      expect(load.problems).toEqual([]);
      expect(load.requests).toEqual([load.url]);
      const charts = await chartMarks(page);
      expect(charts.length).toBe(4); // outflow and effect, for bijstand and work
      for (const c of charts) {
        expect(c.width).toBeGreaterThan(200);
        expect(c.texts).toBeGreaterThan(5);
        expect(c.symbols + c.lines + c.areas).toBeGreaterThan(0);
      }
      const text = await page.$eval('body', (b) => b.textContent ?? '');
      expect(text).toContain('Controle van de toewijzing');
      expect(text).toContain('Onthullingscontrole');
      const rows = await page.$$eval('table tbody tr', (r) => r.length);
      expect(rows).toBeGreaterThan(20);
      await page.screenshot({ path: SHOT, fullPage: true });
    });
  });

  it('the English report of the same run loads with no console errors either', async () => {
    await chromium.withPage(join(OUT_EN, 'report.html'), async (page, load) => {
      expect(load.problems).toEqual([]);
      expect(load.requests).toEqual([load.url]);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      const charts = await chartMarks(page);
      expect(charts.length).toBe(4);
      for (const c of charts) expect(c.symbols + c.lines + c.areas).toBeGreaterThan(0);
      const text = await page.$eval('body', (b) => b.textContent ?? '');
      expect(text).toContain('Disclosure control');
      expect(text).not.toContain('Onthullingscontrole');
      await page.screenshot({ path: SHOT_EN, fullPage: true });
    });
  });
});
