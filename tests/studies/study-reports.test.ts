/**
 * The three study reproductions as HTML reports (issue #17), in English and Dutch: the
 * plain-language summary and version/date stamp at the top, the "published (report)" column equal
 * to the study's targets next to the reproduced figure and its interval, intervals in the new
 * tables (the pilot's raw effect too: HTML, Markdown/JSON table), Dutch headings and number
 * style ("procentpunt"), unknown options and bad dates rejected, and byte-identical output for
 * the same inputs. The analyses run once, on the shipped synthetic data.
 */

import {
  effectIntervalsBlock,
  intensive2012Html,
  personalServicesHtml,
  pilotDocument,
  pilotHtml,
  ppText,
  shareText,
  stampText,
} from 'effectmeting/studies';
import { beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL_BENCHMARK_LABEL } from '../../src/studies/den-haag-pilot/national-benchmark.js';
import { DEN_HAAG_TARGETS } from '../../src/studies/den-haag-pilot/targets.js';
import { MONTHS, PUB, PUB_OTHER } from '../../src/studies/intensive-2012/targets.js';
import { PERSONAL_SERVICES_2017_TARGETS } from '../../src/studies/personal-services-2017/targets.js';
import { jsonOfDocument } from '../../src/table/index.js';
import { englishLines } from '../fixtures/english-markers.js';
import {
  type StudyResults,
  sectionHtml,
  studyResults,
  tableRows,
} from './shared/report-fixture.js';

const STAMP = { version: '9.9.9', date: '2026-12-01' };
type Lang = 'en' | 'nl';
type Html = Record<Lang, string>;

let results: StudyResults;
const html: { pilot: Html; intensive: Html; services: Html } = {
  pilot: { en: '', nl: '' },
  intensive: { en: '', nl: '' },
  services: { en: '', nl: '' },
};
let again: { pilot: string; intensive: string; services: string };

beforeAll(async () => {
  results = await studyResults();
  const r = results;
  for (const lang of ['en', 'nl'] as const) {
    html.pilot[lang] = await pilotHtml(r.pilot, { ...STAMP, lang });
    html.intensive[lang] = await intensive2012Html(r.intensive, { ...STAMP, lang });
    html.services[lang] = await personalServicesHtml(r.services, { ...STAMP, lang });
  }
  again = {
    pilot: await pilotHtml(r.pilot, { ...STAMP }),
    intensive: await intensive2012Html(r.intensive, { ...STAMP, lang: 'en' }),
    services: await personalServicesHtml(r.services, { ...STAMP, lang: 'en' }),
  };
  // Three analyses (the 2017 one on 60,000 clients) and nine reports: minutes on a busy machine.
}, 1_800_000);

/** The published column (2nd) and the interval column (4th) of a report's published table. */
function published(page: string): { published: string[]; ci: string[]; header: string[] } {
  const [header, ...rows] = tableRows(sectionHtml(page, 'published'));
  return { header: header!, published: rows.map((r) => r[1]!), ci: rows.map((r) => r[3]!) };
}

describe.each(['en', 'nl'] as const)('the study reports in %s', (lang) => {
  const heading = {
    en: [
      'In brief',
      'Published versus reproduced',
      'published (report)',
      'report date 1 December 2026',
    ],
    nl: [
      'In het kort',
      'Gepubliceerd versus gereproduceerd',
      'gepubliceerd (rapport)',
      'rapportdatum 1 december 2026',
    ],
  }[lang];

  it('open with a plain summary and the version/date stamp, in the language', () => {
    for (const page of Object.values(html).map((h) => h[lang])) {
      expect(page).toContain(`<html lang="${lang}">`);
      for (const text of heading) expect(page).toContain(text);
      expect(page).toContain(stampText(STAMP, lang));
      const brief = sectionHtml(page, 'in-brief');
      // 3–5 sentences, with the numbers in the language's style
      const sentences = brief.replace(/<[^>]+>/g, ' ').match(/[.!?](\s|$)/g) ?? [];
      expect(sentences.length).toBeGreaterThanOrEqual(4);
      expect(brief).toMatch(lang === 'nl' ? /\d,\d%/ : /\d\.\d %/);
      expect(brief).toContain(lang === 'nl' ? 'procentpunt' : ' pp');
      if (lang === 'nl') expect(brief).not.toMatch(/\d pp\b/);
    }
  });

  it('the pilot: published column equal to the targets, each figure with its interval', () => {
    const r = results.pilot;
    const p = published(html.pilot[lang]);
    expect(p.header[1]).toBe(lang === 'en' ? 'published (report)' : 'gepubliceerd (rapport)');
    expect(p.published).toEqual([
      shareText(DEN_HAAG_TARGETS.experimentShare24, lang),
      shareText(DEN_HAAG_TARGETS.controlDecile1, lang),
      ppText(DEN_HAAG_TARGETS.adjusted24, lang),
    ]);
    expect(p.published).toEqual(
      lang === 'en' ? ['34.3 %', '41.5 %', '−6.3 pp'] : ['34,3%', '41,5%', '−6,3 procentpunt'],
    );
    const adjusted = r.effects.months.at(-1)!.adjusted!;
    expect(p.ci[2]).toBe(
      lang === 'en'
        ? `${(100 * adjusted.ci[0]).toFixed(1).replace('-', '−')} to ${(100 * adjusted.ci[1]).toFixed(1).replace('-', '−')} pp`
        : `${(100 * adjusted.ci[0]).toFixed(1).replace('-', '−').replace('.', ',')} tot ${(100 * adjusted.ci[1]).toFixed(1).replace('-', '−').replace('.', ',')} procentpunt`,
    );
  });

  it('the pilot: the raw effect has its interval in the monthly table', () => {
    const [header, ...rows] = tableRows(sectionHtml(html.pilot[lang], 'figure-2b'));
    // Dutch: the unit in the header, "95%-interval (ongecorrigeerd) (procentpunt)"
    const rawCi = header!.findIndex((h) =>
      h.startsWith(lang === 'en' ? '95 % CI (raw)' : '95%-interval (ongecorrigeerd)'),
    );
    expect(rawCi).toBeGreaterThan(0);
    expect(rows).toHaveLength(24);
    const m24 = results.pilot.effects.months.at(-1)!.raw;
    expect(rows.at(-1)![rawCi]).toBe(
      lang === 'en'
        ? `${ppText(m24.ci[0], 'en').replace(' pp', '')} to ${ppText(m24.ci[1], 'en')}`
        : `${ppText(m24.ci[0], 'nl').replace(' procentpunt', '')} tot ${ppText(m24.ci[1], 'nl').replace(' procentpunt', '')}`,
    );
    if (lang === 'nl') expect(header![rawCi]).toBe('95%-interval (ongecorrigeerd) (procentpunt)');
    // month 1 has a control count below 10: its raw difference and interval are withheld
    expect(rows[0]![rawCi]).toBe('x');
  });

  it('2012: published column equal to Table 5.2, back on benefit and Table 5.3', () => {
    const p = published(html.intensive[lang]);
    const expected = [
      ...MONTHS.map((_, i) => ppText(PUB.all.any.net[i]!, lang) + PUB.all.any.stars[i]),
      ...MONTHS.map((_, i) => ppText(PUB.all.job.net[i]!, lang) + PUB.all.job.stars[i]),
      ppText(PUB_OTHER.back.net, lang),
      ...(['benefit', 'job', 'other'] as const).map(
        (s) => ppText(PUB_OTHER.fractions[s].net, lang) + PUB_OTHER.fractions[s].stars,
      ),
    ];
    expect(p.published).toEqual(expected);
    expect(p.published[2]).toBe(lang === 'en' ? '2.7 pp**' : '2,7 procentpunt**');
    for (const ci of p.ci)
      expect(ci).toMatch(lang === 'en' ? / to .* pp$/ : / tot .* procentpunt$/);
  });

  it('2017: published column equal to the headline +2.0 / −2.1 pp', () => {
    const p = published(html.services[lang]);
    expect(p.published).toEqual([
      ppText(PERSONAL_SERVICES_2017_TARGETS.job12, lang),
      ppText(PERSONAL_SERVICES_2017_TARGETS.reliance12, lang),
    ]);
    expect(p.published).toEqual(
      lang === 'en' ? ['2.0 pp', '−2.1 pp'] : ['2,0 procentpunt', '−2,1 procentpunt'],
    );
    const s = results.services.comparisons.service.atMonth;
    expect(p.ci[0]).toContain(ppText(s.jobFinding.raw.ci[1], lang));
    expect(p.ci[1]).toContain(ppText(s.wwReliance.raw.ci[1], lang));
  });

  it('every new table has an interval column, and each report has its charts', () => {
    const ciHeader = lang === 'en' ? '95 % CI' : '95%-';
    for (const [page, section, charts] of [
      [html.pilot[lang], 'figure-2b', 3],
      [html.intensive[lang], 'effects', 4],
      [html.services[lang], 'effects', 4],
    ] as const) {
      const [header] = tableRows(sectionHtml(page, section));
      expect(header!.some((h) => h.startsWith(ciHeader))).toBe(true);
      expect(published(page).header[3]).toContain(
        lang === 'en' ? '95 % CI' : '95%-betrouwbaarheidsinterval',
      );
      expect(page.match(/<figure/g)?.length).toBeGreaterThanOrEqual(charts);
    }
  });
});

/** A page's visible text, one line per block (charts, styles and tags removed). */
function pageText(page: string): string {
  return page
    .replace(/<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<\/(p|h\d|li|tr|caption|figcaption|div|td|th)>/g, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

/** Column names and data labels a Dutch report shows as they are. */
const NAMES = ['month_bijstand', 'months_on_ww_12', 'ww_entitlement_months', 'month_job'];

describe('the Dutch study reports', () => {
  it('hold no English sentence (each page whole, the 2012 tables in the published layout too)', () => {
    expect(englishLines(pageText(html.pilot.nl), NAMES)).toEqual([]);
    expect(englishLines(pageText(html.services.nl), NAMES)).toEqual([]);
    const intensive = html.intensive.nl;
    expect(intensive).toContain('<section id="tabellen-in-de-gepubliceerde-opmaak');
    expect(englishLines(pageText(intensive), [...NAMES, 'months_observed_from_entry'])).toEqual([]);
    // the scan is not vacuous: the English pages are full of marker words
    expect(englishLines(pageText(html.services.en), NAMES).length).toBeGreaterThan(10);
    expect(englishLines(pageText(html.intensive.en), NAMES).length).toBeGreaterThan(10);
  });

  it('name the benchmark line in Dutch and write percent thresholds without a space', async () => {
    // the fixture's pilot has no benchmark line: give it the national one (its data label)
    const values = [{ month: 1, share: 0.011 }];
    const benchmark = [{ label: NATIONAL_BENCHMARK_LABEL.en, values }];
    const pilot = { ...results.pilot, outflow: { ...results.pilot.outflow, benchmark } };
    const withLine = { nl: await pilotHtml(pilot, { ...STAMP, lang: 'nl' }), en: '' };
    withLine.en = await pilotHtml(pilot, STAMP);
    expect(withLine.nl).toContain('rest van Nederland, deciel 1');
    expect(withLine.nl).not.toContain('rest of the Netherlands');
    expect(withLine.en).toContain('rest of the Netherlands, decile 1');
    expect(html.pilot.nl).toMatch(/significant op 10% vanaf maand \d+/);
    expect(pageText(html.pilot.nl)).not.toMatch(/\d %/);
    expect(pageText(html.services.nl)).not.toMatch(/\d %/);
  });

  it('2017: the tables of the full report have interval columns, in both languages', () => {
    const [en] = tableRows(sectionHtml(html.services.en, 'effects-at-month-12'));
    const [nl] = tableRows(sectionHtml(html.services.nl, 'effecten-in-maand-12'));
    expect(en).toContain('95 % CI (raw)');
    expect(en).toContain('95 % CI (adjusted)');
    expect(nl).toContain('95%-BI (ongecorrigeerd)');
    expect(nl).toContain('95%-BI (gecorrigeerd)');
  });
});

describe('the study reports', () => {
  it('are byte-identical for the same inputs (the date is an input, never the clock)', () => {
    expect(again.pilot).toBe(html.pilot.en);
    expect(again.intensive).toBe(html.intensive.en);
    expect(again.services).toBe(html.services.en);
  });

  it('say they are undated when no date is given', async () => {
    expect(stampText({ version: '1.0.0' }, 'en')).toBe(
      'effectmeting 1.0.0 · undated (no report date given)',
    );
    expect(stampText({}, 'nl')).toBe(
      'effectmeting (versie niet opgegeven) · zonder datum (geen rapportdatum opgegeven)',
    );
  });

  it('reject unknown options, a bad language and a bad date, naming them', async () => {
    const r = results;
    await expect(pilotHtml(r.pilot, { langg: 'nl' } as never)).rejects.toThrow(/langg.*lang/);
    await expect(intensive2012Html(r.intensive, { lang: 'de' as never })).rejects.toThrow(
      /lang: expected "en" or "nl", got "de"/,
    );
    await expect(personalServicesHtml(r.services, { date: '2026-02-30' })).rejects.toThrow(
      /date: expected a date YYYY-MM-DD, got "2026-02-30"/,
    );
  });

  it('the pilot JSON and Markdown carry the raw effect with its interval', () => {
    const r = results.pilot;
    const table = jsonOfDocument(pilotDocument(r, { threshold: 10 })).find(
      (t) => t.id === 'effect_intervals',
    )!;
    expect(table.rows).toHaveLength(24);
    const m24 = r.effects.months.at(-1)!;
    expect(table.rows.at(-1)).toMatchObject({
      month: 24,
      raw: m24.raw.estimate,
      raw_ci_lower: m24.raw.ci[0],
      raw_ci_upper: m24.raw.ci[1],
      adjusted_ci_lower: m24.adjusted!.ci[0],
    });
    // month 1: a control count below 10, so the raw difference and its interval are withheld
    expect(table.rows[0]!.raw_ci_lower).toBe('x');
    expect(effectIntervalsBlock(r).kind).toBe('table');
  });
});
