/**
 * The three study reproductions, analysed once per worker from the shipped synthetic data (the
 * cache of tests/fixtures/shared.ts, which the reproduction tests read too), and helpers to read their HTML reports' tables (shared by study-reports.test.ts and the
 * Chromium end-to-end test).
 */
import type {
  Intensive2012Result,
  PersonalServicesResult,
  PilotResult,
} from 'effectmeting/studies';
import {
  denHaagPilotResult,
  intensive2012Result,
  personalServices2017Result,
} from '../../fixtures/shared.js';

export interface StudyResults {
  readonly pilot: PilotResult;
  readonly intensive: Intensive2012Result;
  readonly services: PersonalServicesResult;
}

/** The three analyses on the shipped data files (the pilot without its benchmark line). */
export async function studyResults(): Promise<StudyResults> {
  const [pilot, intensive, services] = await Promise.all([
    denHaagPilotResult(),
    intensive2012Result(),
    personalServices2017Result(),
  ]);
  return { pilot, intensive, services };
}

/** The HTML of one `<section id="…">` of a report. */
export function sectionHtml(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}">`);
  if (start < 0) throw new Error(`no section ${id}`);
  return html.slice(start, html.indexOf('</section>', start));
}

/** The cells of every table row of an HTML fragment (tags stripped), header row first. */
export function tableRows(html: string): string[][] {
  return [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
      cell[1]!
        .replace(/<[^>]+>/g, '')
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .trim(),
    ),
  );
}
