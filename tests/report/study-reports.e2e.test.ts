/**
 * End to end: the three study reproductions' HTML reports (the Den Haag pilot, 2012–2013,
 * 2017–2018), each in English and in Dutch, opened in Debian's Chromium (headless, through
 * playwright-core; one browser and one page for the six): no console errors, no network
 * requests, every chart rendered with marks, the page's language, and no English sentence on
 * a Dutch page (the marker scan of tests/fixtures/english-markers.ts, the data's own names
 * allowed). The analyses run once. Saves screenshots to test-output/<report>.png.
 *
 * Skips when /usr/bin/chromium is absent (install: apt-get install -y chromium; .ci/run does).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { intensive2012Html, personalServicesHtml, pilotHtml } from 'effectmeting/studies';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishLines } from '../fixtures/english-markers.js';
import { studyResults } from '../studies/shared/report-fixture.js';
import { CHROMIUM, chartMarks, chromiumSession, hasChromium } from './chromium.js';

if (!hasChromium) {
  console.warn(
    `[study-reports e2e] skipped: ${CHROMIUM} not found (apt-get install -y --no-install-recommends chromium)`,
  );
}

const OUT = resolve('test-output');

/** The data's own names a Dutch page keeps (event and window columns, a covariate). */
const DATA_NAMES = ['month_bijstand', 'months_observed_from_entry', 'ww_entitlement_months'];
const STAMP = { version: '0.0.0-test', date: '2026-12-01' };

// One Chromium for the file's pages (tests/report/chromium.ts).
const chromium = chromiumSession();
afterAll(() => chromium.close());

describe.skipIf(!hasChromium)('the study HTML reports in Chromium', () => {
  const files: { name: string; file: string; charts: number; text: string; nl: boolean }[] = [];

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const r = await studyResults();
    const pages = [
      {
        name: 'den-haag-pilot-report',
        html: await pilotHtml(r.pilot, STAMP),
        charts: 3,
        text: 'In brief',
      },
      {
        name: 'intensive-2012-report',
        html: await intensive2012Html(r.intensive, STAMP),
        charts: 4,
        text: 'Published versus reproduced',
      },
      {
        name: 'intensive-2012-report-nl',
        html: await intensive2012Html(r.intensive, { ...STAMP, lang: 'nl' }),
        charts: 4,
        text: 'Gepubliceerd versus gereproduceerd',
      },
      {
        name: 'personal-services-2017-report',
        html: await personalServicesHtml(r.services, STAMP),
        charts: 4,
        text: 'Published versus reproduced',
      },
      {
        name: 'den-haag-pilot-report-nl',
        html: await pilotHtml(r.pilot, { ...STAMP, lang: 'nl' }),
        charts: 3,
        text: 'In het kort',
      },
      {
        name: 'personal-services-2017-report-nl',
        html: await personalServicesHtml(r.services, { ...STAMP, lang: 'nl' }),
        charts: 4,
        text: 'Gepubliceerd versus gereproduceerd',
      },
    ];
    for (const p of pages) {
      const file = join(OUT, `${p.name}.html`);
      writeFileSync(file, p.html);
      files.push({
        name: p.name,
        file,
        charts: p.charts,
        text: p.text,
        nl: p.name.endsWith('-nl'),
      });
    }
    // Three analyses (the 2017 one on 60,000 clients): minutes on a busy machine.
  }, 1_800_000);

  it('each loads with no console errors and no network requests, and every chart has marks', async () => {
    expect(files).toHaveLength(6);
    for (const f of files) {
      await chromium.withPage(f.file, async (page, load) => {
        expect(load.problems, f.name).toEqual([]);
        expect(load.requests, f.name).toEqual([load.url]);
        const charts = await chartMarks(page);
        expect(charts, f.name).toHaveLength(f.charts);
        for (const c of charts) {
          expect(c.width).toBeGreaterThan(200);
          expect(c.height).toBeGreaterThan(150);
          expect(c.symbols + c.lines + c.areas + c.bars).toBeGreaterThan(0);
        }
        expect(await page.textContent('body')).toContain(f.text);
        expect(await page.getAttribute('html', 'lang'), f.name).toBe(f.nl ? 'nl' : 'en');
        if (f.nl) {
          // no English sentence on a Dutch page (tables, notes, chart titles and legends)
          const texts = await page.$$eval('h1, h2, h3, p, li, th, td, figcaption, svg text', (e) =>
            e.map((x) => x.textContent ?? ''),
          );
          expect(texts.length, f.name).toBeGreaterThan(100);
          expect(englishLines(texts.join('\n'), DATA_NAMES), f.name).toEqual([]);
        }
        await page.screenshot({ path: join(OUT, `${f.name}.png`), fullPage: true });
      });
    }
  });
});
