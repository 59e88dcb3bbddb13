/**
 * The yearly review in Dutch (issue #17): the document, its Markdown, flags and verdict with
 * `lang: 'nl'` (Dutch headings and sentences, decimal comma, thousands dot, "procentpunt",
 * "[lo; hi]" intervals), English the default and unchanged, the same judgement in both
 * languages, and the charts with Dutch titles, legends and Vega's Dutch number locale. On slices
 * of the synthetic populations (as review-verdict.test.ts), so it stays quick. The expected Dutch
 * numbers are written out from the review's own numbers by hand (toFixed and a comma), not by
 * the formatter under test. The review holds no dates, so no month names appear.
 */
import type { ColumnTable } from 'arquero';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { type ScanReview, scanReview } from '../../src/index.js';
import { renderSvg } from '../../src/report/charts/render.js';
import { scanReviewCharts } from '../../src/report/scan-review-html.js';
import { reviewFlags, reviewVerdict } from '../../src/scan/review-checks.js';
import { scanReviewDocument, scanReviewMarkdown } from '../../src/scan/review-document.js';
import { documentMarkdown, documentText } from '../../src/table/index.js';
import { dataTable } from '../fixtures/shared.js';

/** A number with `digits` decimals, Dutch: the decimal comma, U+2212 for the minus. */
const nl = (x: number, digits: number) =>
  x.toFixed(digits).replace('.', ',').replace('-', '\u2212');

describe('the yearly review in Dutch', () => {
  let review: ScanReview;
  let md: string;
  beforeAll(async () => {
    const t23 = (await dataTable('scan-population-2023.csv')).slice(0, 6000) as ColumnTable;
    const t24 = (await dataTable('scan-population-2024.csv')).slice(0, 20000) as ColumnTable;
    review = scanReview({
      current: t24,
      previous: t23,
      config: { weeklyWeeks: 8, currentLabel: '2024', previousLabel: '2023', synthetic: true },
    });
    md = scanReviewMarkdown(review, { gains: 'gains.svg' }, { lang: 'nl' });
  });

  it('English stays the default and unchanged', () => {
    expect(scanReviewDocument(review, { lang: 'en' })).toEqual(scanReviewDocument(review));
    expect(scanReviewMarkdown(review, {}, { lang: 'en' })).toBe(review.toMarkdown());
    expect(review.toMarkdown()).toContain('## Verdict');
    // the English texts rebuilt by the checks are the review's own, word for word
    expect(reviewFlags(review)).toEqual(review.flags);
    expect(reviewVerdict(review, review.flags)).toEqual(review.verdict);
  });

  it('the Dutch flags and verdict judge exactly as the English ones', () => {
    const flags = reviewFlags(review, 'nl');
    const strip = (f: (typeof flags)[number]) => [
      f.threshold,
      f.value,
      f.status,
      f.pValue,
      f.adjustedPValue,
    ];
    expect(flags.map(strip)).toEqual(review.flags.map(strip));
    const verdict = reviewVerdict(review, flags, 'nl');
    expect(verdict.map((v) => [v.value, v.ci, v.status, v.format])).toEqual(
      review.verdict.map((v) => [v.value, v.ci, v.status, v.format]),
    );
    expect(verdict[0]!.check).toBe('onderscheidend vermogen: AUC (2024)');
    expect(verdict[1]!.check).toBe('vangst in de top 10% (2024)');
    // the threshold as configured, with a decimal comma: "≥ 0,7"
    expect(verdict[0]!.bound).toBe(
      `≥ ${String(review.config.thresholds.aucMin).replace('.', ',')}`,
    );
    const [lo, hi] = review.config.thresholds.calibrationSlopeRange;
    expect(verdict.find((v) => v.check.startsWith('kalibratiehelling'))!.bound).toBe(
      `[${String(lo).replace('.', ',')}; ${String(hi).replace('.', ',')}]`,
    );
  });

  it('is Dutch: headings, verdict, numbers with a decimal comma, thousands dot and procentpunt', () => {
    const doc = scanReviewDocument(review, { lang: 'nl' });
    const headings = doc.flatMap((b) => (b.kind === 'heading' && b.level === 2 ? [b.text] : []));
    expect(headings).toEqual([
      'Oordeel',
      'Samenvatting',
      'Onderscheidend vermogen',
      'De scan tegenover een herschatting op 2024',
      'Gains en lift per deciel',
      'Kalibratie',
      'Drift tussen 2023 en 2024',
      'Subgroepen',
      'Fairness van de selectie',
      'Wekelijkse herscoring',
      'Het scanmodel',
      'Methoden',
      'Drempels',
    ]);
    expect(
      md.startsWith('# Jaarlijkse review van de risicoscan (Maatwerkscan): 2024 tegenover 2023\n'),
    ).toBe(true);
    expect(md).toContain('Synthetische gegevens: elk getal hieronder');
    const c = review.current;
    // "2024: 20.000 cliënten, 1.234 stroomden door naar de bijstand (6,2%)."
    const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, '.');
    expect(md).toContain(
      `2024: ${thousands(c.n)} cliënten, ${thousands(c.cases)} stroomden door naar de bijstand (${nl(100 * c.observedRate, 1)}%).`,
    );
    expect(c.n).toBeGreaterThanOrEqual(1000); // the thousands dot is exercised
    // the AUC in the verdict table: figure and "[lo; hi]"
    const a = c.auc;
    expect(md).toContain(
      `| onderscheidend vermogen: AUC (2024) | ${nl(a.estimate, 3)} | [${nl(a.ci[0], 3)}; ${nl(a.ci[1], 3)}] |`,
    );
    // the change in capture in percentage points: "−2,6 procentpunt"
    const d = review.drift.capture10.estimate;
    expect(md).toContain(`| ${nl(100 * d, 1)} procentpunt |`);
    expect(md).toContain('95%-BI');
    expect(md).toMatch(/\| (voldoet|aandacht|voldoet niet) \|/);
    expect(md).toContain('![Gains-curves](gains.svg)');
    // no English number format and no English unit anywhere
    expect(md).not.toMatch(/\d\.\d+ %/);
    expect(md).not.toMatch(/\d pp\b/);
    expect(md).not.toMatch(/\[\d+,\d+, /); // "[0,962, 0,993]" would be ambiguous
    // the typed tables are written by the writers in Dutch: "8.430", percentages "12,3%"
    const text = documentText(scanReviewDocument(review, { lang: 'nl' }), { lang: 'nl' });
    expect(text).toContain('Gains en lift per deciel');
    // the refit's row in the discrimination table: its label in the data stays English
    expect(review.refit?.metrics.label).toBe('2024 refit');
    expect(review.toMarkdown()).toMatch(/^\| 2024 refit \| /m);
    expect(md).toMatch(/^\| 2024 herschat \| /m);
    expect(md).not.toContain('refit');
    expect(documentMarkdown(scanReviewDocument(review, { lang: 'nl' }), { lang: 'nl' })).toBe(
      scanReviewMarkdown(review, {}, { lang: 'nl' }),
    );
  });

  it('the sentences of the review data are Dutch: scoring, methods, separation, fairness', () => {
    expect(md).toContain('Scores: Firths gepenaliseerde logistische regressie van');
    expect(md).toContain('**Kalibratie.** Waargenomen tegenover gemiddeld voorspeld');
    expect(md).toContain('municipality = Zwolle (43 cliënten, 0 gevallen: geen gevallen)');
    expect(md).toContain('selectiegraad');
    expect(md).toContain('Beoordeelde cliënten: Elke cliënt wordt beoordeeld');
    // English prose left: none of these words of the English review (the thresholds' config
    // keys, variable names and coefficient terms are data and stay as written)
    const prose = md.slice(0, md.indexOf('## Drempels'));
    for (const english of [
      ' the ',
      ' of the ',
      'clients',
      ' cases',
      'capture',
      'Summary',
      'threshold',
      'fitted',
      'attention',
    ]) {
      expect(prose, english).not.toContain(english);
    }
  });

  it('refuses an unknown option or language, naming it', () => {
    expect(() => scanReviewDocument(review, { langs: 'nl' } as never)).toThrow(/langs/);
    expect(() => scanReviewDocument(review, { lang: 'de' as never })).toThrow(InputError);
    expect(() => scanReviewDocument(review, { lang: 'de' as never })).toThrow(/lang.*"en" or "nl"/);
    expect(() => scanReviewMarkdown(review, {}, { lang: 'fr' as never })).toThrow(/lang/);
    expect(() => scanReviewCharts(review, { lang: 'de' as never })).toThrow(/lang/);
    expect(() => scanReviewCharts(review, { sorce: 'x' } as never)).toThrow(/sorce/);
  });

  it('charts: Dutch titles, axes, legends and tooltips; the Dutch number locale; English unchanged', async () => {
    const en = scanReviewCharts(review);
    expect(scanReviewCharts(review, { lang: 'en' })).toEqual(en);
    const charts = scanReviewCharts(review, { lang: 'nl' });
    const json = JSON.stringify(charts);
    for (const c of Object.values(charts)) {
      expect(
        (c as { config: { locale: { number: { decimal: string } } } }).config.locale.number,
      ).toMatchObject({ decimal: ',', thousands: '.' });
    }
    expect(json).toContain('Gains-curves, 2023 en 2024');
    expect(json).toContain('Kalibratie per risicodeciel, 2024');
    expect(json).toContain('Drift per kenmerk, 2023 → 2024');
    expect(json).toContain('Vangst per subgroep, 2024');
    expect(json).toContain('stabiel (< 0,1)');
    expect(json).toContain('Synthetische gegevens');
    expect(json).toContain('deciel 1');
    expect(json).not.toContain('Synthetic data');
    const svg = await renderSvg(charts.drift, { idPrefix: 'drift' });
    expect(svg).toContain('Drift per kenmerk');
    expect(svg).toMatch(/>0,\d{2}</); // axis labels "0,05"
    expect(svg).not.toMatch(/>0\.\d{2}</);
  });
});
