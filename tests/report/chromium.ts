/**
 * Debian's Chromium (headless, through playwright-core) for the end-to-end report tests: one
 * browser per test file, launched when its first page opens, and one page in it that every
 * check of the file reuses (navigated to each file in turn, its console problems and requests
 * recorded per load). Starting Chromium is most of what such a check costs, so a file that
 * opens six reports starts it once, not six times. The tests skip when /usr/bin/chromium is
 * absent.
 *
 * @example
 * const chromium = chromiumSession();
 * afterAll(() => chromium.close());
 * it('loads', () => chromium.withPage('test-output/report.html', async (page, load) => {
 *   expect(load.problems).toEqual([]);
 * }));
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** What the page did while loading. */
export interface PageLoad {
  readonly url: string;
  readonly problems: readonly string[];
  readonly requests: readonly string[];
}

/** Per chart (`figure > svg`): its size and how many marks of each kind it drew. */
export interface ChartMarks {
  readonly width: number;
  readonly height: number;
  readonly symbols: number;
  readonly lines: number;
  readonly areas: number;
  readonly bars: number;
  readonly texts: number;
}

/** One Chromium and its one page, for the checks of one test file. */
export interface ChromiumSession {
  /** Opens `file` (load event) in the session's page and hands the page and its load to `check`. */
  withPage(file: string, check: (page: Page, load: PageLoad) => Promise<void>): Promise<void>;
  /** Closes the browser, if it was started. */
  close(): Promise<void>;
}

/** What the page records for the current load; reset before every navigation. */
interface Recorder {
  problems: string[];
  requests: string[];
}

/**
 * A session whose browser starts on the first `withPage`: headless, no network services, no
 * sandbox (containers), a fresh incognito context (no profile on disk, nothing kept from other
 * sessions), viewport 1100 × 900.
 */
export function chromiumSession(): ChromiumSession {
  let started: Promise<{ browser: Browser; page: Page; recorder: Recorder }> | undefined;
  const start = async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const recorder: Recorder = { problems: [], requests: [] };
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') {
        recorder.problems.push(`${m.type()}: ${m.text()}`);
      }
    });
    page.on('pageerror', (e) => recorder.problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => recorder.requests.push(r.url()));
    return { browser, page, recorder };
  };
  return {
    async withPage(file, check) {
      started ??= start();
      const { page, recorder } = await started;
      // The previous check may have switched to print media (the pilot's PDF).
      await page.emulateMedia({ media: null });
      recorder.problems = [];
      recorder.requests = [];
      const url = pathToFileURL(file).href;
      await page.goto(url, { waitUntil: 'load' });
      // The arrays of this load: a later navigation gets new ones.
      const { problems, requests } = recorder;
      await check(page, { url, problems, requests });
    },
    async close() {
      if (!started) return;
      const { browser } = await started;
      started = undefined;
      await browser.close();
    },
  };
}

/** The marks of every chart on the page. */
export function chartMarks(page: Page): Promise<ChartMarks[]> {
  return page.$$eval('figure > svg', (svgs) =>
    svgs.map((svg) => {
      const box = svg.getBoundingClientRect();
      return {
        width: box.width,
        height: box.height,
        symbols: svg.querySelectorAll('.mark-symbol path').length,
        lines: svg.querySelectorAll('.mark-line path').length,
        areas: svg.querySelectorAll('.mark-area path').length,
        bars: svg.querySelectorAll('.mark-rect path').length,
        texts: svg.querySelectorAll('text').length,
      };
    }),
  );
}
