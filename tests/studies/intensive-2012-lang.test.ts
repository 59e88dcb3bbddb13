/**
 * `reproduce intensive-2012 --lang nl` (issue #17): the Markdown report in the published layout
 * in Dutch — the report's own titles, labels, notes and sentences, the Dutch number style
 * (decimal comma, thousands dot, "%" against the number), Dutch dates — and English unchanged
 * (the default, the same bytes as `intensive2012Markdown` writes). The JSON is written from the
 * English document in both languages (intensive-2012-lang.e2e.test.ts: a whole reproduction). The expected Dutch numbers are written out from the
 * result's own numbers by hand (toFixed and a comma), not by the formatter under test.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  intensive2012Document,
  intensive2012Markdown,
} from '../../src/studies/intensive-2012/report-document.js';
import type { Intensive2012Result } from '../../src/studies.js';
import { documentMarkdown } from '../../src/table/index.js';
import { englishLines } from '../fixtures/english-markers.js';
import { intensive2012Result } from '../fixtures/shared.js';

/** A number with `digits` decimals, Dutch: the decimal comma, U+2212 for the minus. */
const nl = (x: number, digits: number) =>
  x.toFixed(digits).replace('.', ',').replace('-', '\u2212');
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, '.');

/**
 * What the Dutch report keeps: covariate names and level codes of the data (the window column
 * of Table 5.3 among them).
 */
const ALLOW = ['months_observed_from_entry'];

describe('reproduce intensive-2012 in Dutch', () => {
  let r: Intensive2012Result;
  let md: string;
  beforeAll(async () => {
    r = await intensive2012Result();
    md = intensive2012Markdown(r, { threshold: 10 }, 'nl');
  });

  it('English stays the default and unchanged', () => {
    const en = intensive2012Markdown(r, { threshold: 10 });
    expect(intensive2012Markdown(r, { threshold: 10 }, 'en')).toBe(en);
    expect(documentMarkdown(intensive2012Document(r, { threshold: 10 }))).toBe(en);
    expect(en).toContain('## Table 5.1: composition of the groups');
    expect(en).toContain('(23 July 2012 – 1 April 2013)');
    expect(en).toContain('| net effect |');
  });

  it('the published-layout tables are Dutch, with Dutch numbers and dates', () => {
    expect(
      md.startsWith('# Intensieve versus basisdienstverlening, 2012–2013: reproductie\n'),
    ).toBe(true);
    for (const heading of [
      '## Controle van de toewijzing',
      '## Tabel 4.1: cliënten in het experiment (23 juli 2012 – 1 april 2013)',
      '## Tabel 4.3: gesprek in de 4e maand (cliënten nog in de WW)',
      '## Tabel 5.1: samenstelling van de groepen',
      '## Tabel 5.2: uitstroom binnen x maanden na het begin van de uitkering (%)',
      '## Tabel 5.3: gemiddeld deel van de observatieperiode (%)',
      '## Bijlage B.1: uitstroom naar geslacht (%)',
    ]) {
      expect(md).toContain(heading);
    }
    // Table 4.1: the arms' sizes with a thousands dot, the mean observation with a comma
    const a = r.arms;
    expect(md).toContain(
      `| B-dvl (basis) | ${thousands(a.control.n)} | ${nl(a.control.meanObservation, 1)} |`,
    );
    // Table 5.2 at the last month: the net effect of any exit in percent, decimal comma
    const last = r.exit.any.plain.months.at(-1)!;
    expect(md).toContain(`${nl(100 * last.raw.estimate, 1)}${last.raw.stars} |`);
    expect(md).toContain('| netto-effect |');
    expect(md).toContain('Sterren: † p < 0,20, * p < 0,10, ** p < 0,05');
    expect(md).toContain('Onthullingscontrole');
    expect(md).toContain('Regel: BSN-');
  });

  it('no English sentence is left but the names the report keeps', () => {
    expect(englishLines(md, ALLOW)).toEqual([]);
    // the scan is not vacuous: the English report has such lines
    expect(englishLines(intensive2012Markdown(r, { threshold: 10 }), ALLOW).length).toBeGreaterThan(
      20,
    );
  });

  it('the three method texts from below the report layer are Dutch', () => {
    // the randomisation design (plan/randomization-inference.ts), with Dutch counts
    expect(r.randomization.any.plain.design).toContain('BSN parity');
    expect(md).toContain('BSN-pariteit: de groep is een vaste functie van het BSN');
    const treated = r.arms.treatment.n;
    const all = r.arms.treatment.n + r.arms.control.n;
    expect(md).toContain(`${thousands(treated)} van ${thousands(all)} cliënten behandeld`);
    // the test of Table 5.3 (outcomes/time-fractions.ts)
    expect(md).toContain(
      "gemiddelde over de cliënten van de tijd in de toestand / 'months_observed_from_entry'",
    );
    expect(md).toContain('t-toets van Welch');
    // the naive comparison of Lee's bounds (estimate/lee-bounds.ts)
    expect(md).toContain('verschil in proporties van de geselecteerde cliënten');
    for (const english of ['BSN parity', 'mean over clients', 'of the selected', 'Welch t test']) {
      expect(md).not.toContain(english);
    }
  });

  it("Table 5.4's job-quality outcomes have their Dutch names", () => {
    for (const name of [
      'eerste baan: vast contract',
      'eerste baan: gemiddelde duur (dagen)',
      'gemiddeld aantal banen',
      'gemiddelde deeltijdfactor',
      'gemiddeld uurloon (€)',
    ]) {
      expect(md).toContain(name);
    }
    expect(md).not.toContain('mean number of jobs');
  });

  it("Table 5.1's levels are Dutch, the unknown ones of every characteristic too", () => {
    expect(intensive2012Markdown(r, { threshold: 10 })).toMatch(/\| unknown \|/);
    expect(md).not.toMatch(/\| unknown \|/);
    expect(md).toMatch(/\| onbekend \|/);
  });
});
