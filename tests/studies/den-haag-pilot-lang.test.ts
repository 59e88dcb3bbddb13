/**
 * `reproduce den-haag --lang nl` (issue #17): the pilot's Markdown (stdout and
 * `den-haag-pilot.md`) in Dutch — the sections and tables of the English report with Dutch
 * titles, labels, notes and sentences (those of the Dutch HTML report), the Dutch number style
 * (decimal comma, thousands dot, "%" against the number, "procentpunt"), and the same cells
 * suppressed as in English — and English unchanged (the default). The expected Dutch numbers are
 * written out from the result's own numbers by hand (toFixed and a comma), not by the formatter
 * under test.
 */
import { inspect } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { JUPYTER_DISPLAY, type MimeBundle } from '../../src/display.js';
import { publishedJson } from '../../src/report/disclosure.js';
import { pilotDocument, pilotMarkdown } from '../../src/studies/den-haag-pilot/report.js';
import { DEN_HAAG_STUDY } from '../../src/studies/den-haag-pilot/study.js';
import {
  denHaagPilot,
  intensive2012,
  type PilotResult,
  personalServices2017,
} from '../../src/studies.js';
import { documentMarkdown } from '../../src/table/index.js';
import { englishLines } from '../fixtures/english-markers.js';
import { dataTable, denHaagPilotResult } from '../fixtures/shared.js';

/** A number with `digits` decimals, Dutch: the decimal comma, U+2212 for the minus. */
const nl = (x: number, digits: number) =>
  x.toFixed(digits).replace('.', ',').replace('-', '\u2212');
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, '.');

/** The data's own names the Dutch report keeps: the event column and the config's column name. */
const ALLOW = ['month_bijstand'];

/** The lines of one table (from its header to the blank line after it) under a heading. */
function tableAfter(md: string, heading: string): string[] {
  const rest = md.slice(md.indexOf(heading));
  const lines = rest.split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
  return lines.slice(start, end);
}

/** How many cells of a Markdown text are suppressed ("< 10" or "x"). */
function suppressedCells(md: string): number {
  return md
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .flatMap((l) => l.split('|').map((c) => c.trim()))
    .filter((c) => c === '< 10' || c === 'x').length;
}

describe('reproduce den-haag in Dutch', () => {
  let r: PilotResult;
  let en: string;
  let md: string;
  beforeAll(async () => {
    r = await denHaagPilotResult();
    en = pilotMarkdown(r, { threshold: 10 });
    md = pilotMarkdown(r, { threshold: 10 }, 'nl');
  });

  it('English stays the default and unchanged', () => {
    expect(pilotMarkdown(r, { threshold: 10 }, 'en')).toBe(en);
    expect(documentMarkdown(pilotDocument(r, { threshold: 10 }))).toBe(en);
    expect(en.startsWith('# Den Haag pilot "WW (niet) naar bijstand": effect measurement\n')).toBe(
      true,
    );
    expect(en).toContain('## Effect per month, raw and adjusted (Figure 2b)');
    expect(en).not.toContain('procentpunt');
  });

  it('has the sections of the English report, with Dutch titles', () => {
    expect(md.startsWith('# Pilot Den Haag "WW (niet) naar bijstand": effectmeting\n')).toBe(true);
    const headings = (text: string) => text.split('\n').filter((l) => l.startsWith('#'));
    expect(headings(md)).toEqual([
      '# Pilot Den Haag "WW (niet) naar bijstand": effectmeting',
      '## Toewijzing',
      '## Deelname (tabel 2)',
      '## Cumulatieve doorstroom naar de bijstand per maand (figuur 2a)',
      '## Effect per maand, ongecorrigeerd en gecorrigeerd (figuur 2b)',
      '## Samenvatting',
      '## Beleidscijfers',
      '## Gevoeligheid: de methode voor censurering',
    ]);
    expect(headings(en)).toHaveLength(headings(md).length);
  });

  it('no English sentence is left but the data names', () => {
    expect(englishLines(md, ALLOW)).toEqual([]);
    // the scan is not vacuous: the English report has many such lines
    expect(englishLines(en, ALLOW).length).toBeGreaterThan(20);
  });

  it('writes the numbers in the Dutch style', () => {
    const c = r.config;
    // the sample ratio: the arm sizes with a thousands dot
    expect(md).toContain(`| ${c.treatment} | ${thousands(r.assignment.arms[0]!.observed)} |`);
    // Figure 2b at the last month: shares with a comma and "%", the effects in "procentpunt"
    const last = r.effects.months.at(-1)!;
    const row = tableAfter(md, '## Effect per maand').find((l) =>
      l.startsWith(`| ${last.month} |`),
    )!;
    expect(row).toContain(
      `${nl(100 * last.shareTreated, 1)}% (${last.eventsTreated}/${last.nTreated})`,
    );
    expect(row).toContain(
      `${nl(100 * last.adjusted!.estimate, 1)} procentpunt${last.adjusted!.stars}`,
    );
    expect(row).toContain(`| ${nl(last.adjusted!.pValue, 3)} |`);
    // the intervals as "lo tot hi procentpunt"
    const [lo, hi] = last.adjusted!.ci;
    expect(md).toContain(`${nl(100 * lo, 1)} tot ${nl(100 * hi, 1)} procentpunt`);
    // the policy figures and the summary come from the Dutch HTML report's sentences
    expect(md).toContain('- Verwachte doorstroom naar de bijstand zonder de dienst:');
    expect(md).toContain('- Het gecorrigeerde effect is significant op 10% vanaf maand');
    expect(md).toContain('Sterren: † p < 0,20, * p < 0,10, ** p < 0,05');
    expect(md).not.toMatch(/\d\.\d+ ?%/);
    expect(md).not.toContain(' pp');
  });

  it('suppresses the same cells as the English report, with the Dutch note', () => {
    expect(suppressedCells(md)).toBe(suppressedCells(en));
    expect(suppressedCells(md)).toBeGreaterThan(0);
    expect(md).toContain('Onthullingscontrole: aantallen onder 10');
    expect(md).not.toContain('Disclosure control');
    // month 1 of the control arm has fewer than 10 events: hidden, and the raw difference with it
    const first = r.effects.months[0]!;
    expect(first.eventsControl).toBeLessThan(10);
    const row = tableAfter(md, '## Effect per maand').find((l) => l.startsWith('| 1 |'))!;
    expect(row.split('|').map((c) => c.trim())).toEqual(expect.arrayContaining(['< 10', 'x']));
    // without disclosure control the counts are shown
    expect(suppressedCells(pilotMarkdown(r, { threshold: 0 }, 'nl'))).toBe(0);
  });

  it('reproduce writes this Markdown with --lang nl; its JSON is the English published tables', async () => {
    const table = await dataTable('den-haag-pilot.csv');
    const dutch = DEN_HAAG_STUDY.reproduction!.reproduce(table, {
      source: { path: 'data/den-haag-pilot.csv', synthetic: true },
      lang: 'nl',
    });
    expect(dutch.markdown).toBe(md);
    expect(JSON.stringify(dutch.json)).toBe(
      JSON.stringify(publishedJson(pilotDocument(r, { threshold: 10 }), 10)),
    );
  });
});

describe("denHaagPilot(table, { lang: 'nl' }): the result shows itself in Dutch", () => {
  let nlResult: PilotResult;
  let enResult: PilotResult;
  beforeAll(async () => {
    const table = await dataTable('den-haag-pilot.csv');
    enResult = await denHaagPilotResult();
    nlResult = denHaagPilot(table, { lang: 'nl' });
  });

  it('prints, displays and writes HTML from the Dutch document; the numbers are the same', () => {
    expect(nlResult.final).toEqual(enResult.final);
    const bundle = (nlResult as unknown as Record<symbol, () => MimeBundle>)[JUPYTER_DISPLAY]!();
    expect(bundle['text/markdown']).toBe(
      documentMarkdown(pilotDocument(nlResult, {}, 'nl'), { lang: 'nl' }),
    );
    const text = inspect(nlResult);
    expect(text).toContain('Toewijzing');
    expect(englishLines(text, ALLOW)).toEqual([]);
    expect(nlResult.toHTML()).toContain('Toewijzing');
    // The default stays English.
    expect(inspect(enResult)).toContain('Assignment');
  });

  it('rejects an unknown key or language of each study, naming it', async () => {
    const table = await dataTable('den-haag-pilot.csv');
    expect(() => denHaagPilot(table, { langs: 'nl' } as never)).toThrow(
      /denHaagPilot: unknown option "langs" \(did you mean "lang"\?\)/,
    );
    expect(() => denHaagPilot(table, { lang: 'de' as never })).toThrow(
      /lang: expected "en" or "nl"/,
    );
    expect(() => intensive2012(table, { arms: 'arm' } as never)).toThrow(
      /intensive2012: unknown option "arms" \(did you mean "arm"\?\)/,
    );
    expect(() => personalServices2017(table, { covariate: [] } as never)).toThrow(
      /personalServices2017: unknown option "covariate" \(did you mean "covariates"\?\)/,
    );
  });
});
