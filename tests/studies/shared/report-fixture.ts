/**
 * The three study reproductions, analysed once per test file from the shipped synthetic data,
 * and helpers to read their HTML reports' tables (shared by study-reports.test.ts and the
 * Chromium end-to-end test).
 */
import { loadTable } from 'effectmeting/node';
import {
  denHaagPilot,
  type Intensive2012Result,
  intensive2012,
  type PersonalServicesResult,
  type PilotResult,
  personalServices2017,
} from 'effectmeting/studies';

export interface StudyResults {
  readonly pilot: PilotResult;
  readonly intensive: Intensive2012Result;
  readonly services: PersonalServicesResult;
}

/** The three analyses on the shipped data files (the pilot without its benchmark line). */
export async function studyResults(): Promise<StudyResults> {
  const [pilotTable, intensiveTable, servicesTable] = await Promise.all([
    loadTable('data/den-haag-pilot.csv'),
    loadTable('data/intensive-vs-basic-2012.csv', { stringColumns: ['bsn'] }),
    loadTable('data/personal-services-2017.csv'),
  ]);
  return {
    pilot: denHaagPilot(pilotTable),
    intensive: intensive2012(intensiveTable),
    services: personalServices2017(servicesTable),
  };
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
