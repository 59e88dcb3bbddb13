/**
 * Opens a local HTML file in Debian's Chromium (headless, through playwright-core) with a fresh
 * profile, records console problems and every request, and hands the page to a check. Shared by
 * the end-to-end report tests; they skip when /usr/bin/chromium is absent.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';

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

export async function withPage(
  file: string,
  check: (page: Page, load: PageLoad) => Promise<void>,
): Promise<void> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'effectmeting-chromium-'));
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
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    const url = pathToFileURL(file).href;
    await page.goto(url, { waitUntil: 'load' });
    await check(page, { url, problems, requests });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
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
