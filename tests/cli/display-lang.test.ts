/**
 * The display protocol honours the language a result was built in (issue #17): an audit built
 * with `lang: 'nl'` and a scan review built with `lang: 'nl'` print, give `toHTML()`, the notebook
 * bundle and `toDocument()` in Dutch (the Dutch texts and the Dutch number style: decimal comma,
 * "%" against the number), as their `toMarkdown()` does; built in English (the default) they show
 * exactly what the English writers write. The review runs on small slices of the synthetic
 * populations (as tests/scan/review-document-nl.test.ts), so the file stays cheap.
 *
 * Reference value: 820 experiment / 180 control against 80/20 gives
 * X² = (820 − 800)²/800 + (180 − 200)²/200 = 0.5 + 2 = 2.5 on 1 df (R:
 * chisq.test(c(820, 180), p = c(0.8, 0.2)); as tests/cli/assign-audit-lang.test.ts).
 */
import { inspect } from 'node:util';
import type { ColumnTable } from 'arquero';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditAssignment, auditDocument } from '../../src/assign/audit.js';
import { documentBundle, JUPYTER_DISPLAY, type MimeBundle } from '../../src/display.js';
import { InputError } from '../../src/errors.js';
import { type ScanReview, scanReview } from '../../src/scan/review.js';
import { scanReviewDocument, scanReviewMarkdown } from '../../src/scan/review-document.js';
import { documentHtml, documentMarkdown, documentText } from '../../src/table/index.js';
import { englishLines } from '../fixtures/english-markers.js';
import { dataTable } from '../fixtures/shared.js';

const trial = Array.from({ length: 1000 }, (_, i) => ({
  id: `x${i}`,
  arm: i < 820 ? 'experiment' : 'control',
  decile: (i % 10) + 1,
}));
const weights = { weights: { experiment: 0.8, control: 0.2 } };

const bundleOf = (r: object) => (r as { [JUPYTER_DISPLAY](): MimeBundle })[JUPYTER_DISPLAY]();

describe('an audit shows itself in the language it was built in', () => {
  const nl = auditAssignment(trial, weights, { covariates: ['decile'], lang: 'nl' });
  const en = auditAssignment(trial, weights, { covariates: ['decile'] });

  it('Dutch: toHTML, the printed text and the bundle are Dutch, numbers included', () => {
    const html = nl.toHTML();
    expect(html).toContain('Controle van de toewijzing');
    // X² = 2.5 (hand derivation above) and the observed share 820/1000, with the decimal comma:
    // the share is a number cell, written by the table writer in the display's language
    expect(html).toContain('X² = 2,5, p = 0,1138');
    expect(html).toContain('<td class="num" style="text-align:right">0,82</td>');
    expect(html).not.toContain('0.82');
    const text = inspect(nl);
    expect(text).toMatch(/experiment +820 +800 +0,82 +0,8/);
    expect(text).not.toContain('0.82');
    const bundle = bundleOf(nl);
    expect(bundle['text/markdown']).toBe(nl.toMarkdown());
    expect(bundle['text/plain']).toBe(text);
    expect(bundle['text/html']).toBe(html);
    expect(nl.toDocument()).toEqual(auditDocument(nl, 'nl'));
    for (const shown of [html, text]) expect(englishLines(shown)).toEqual([]);
  });

  it('English: every display is what the English writers write, unchanged', () => {
    const doc = auditDocument(en, 'en');
    expect(en.toDocument()).toEqual(doc);
    expect(en.toHTML()).toBe(documentHtml(doc, { headingOffset: 2, inlineAlign: true }));
    expect(inspect(en)).toBe(documentText(doc));
    expect(bundleOf(en)['text/markdown']).toBe(documentMarkdown(doc));
    expect(en.toHTML()).toContain('X² = 2.5, p = 0.1138');
    expect(en.toHTML()).toContain('<td class="num" style="text-align:right">0.82</td>');
    expect(inspect(en)).toMatch(/experiment +820 +800 +0.82 +0.8/);
    expect(documentBundle(doc)).toEqual(documentBundle(doc, 'en'));
  });
});

describe('a scan review shows itself in the language it was built in', () => {
  let nl: ScanReview;
  let en: ScanReview;
  beforeAll(async () => {
    const previous = (await dataTable('scan-population-2023.csv')).slice(0, 2500) as ColumnTable;
    const current = (await dataTable('scan-population-2024.csv')).slice(0, 4000) as ColumnTable;
    const config = { weeklyWeeks: 4, currentLabel: '2024', previousLabel: '2023', synthetic: true };
    nl = scanReview({ current, previous, config, lang: 'nl' });
    en = scanReview({ current, previous, config });
  });

  it("Dutch: toMarkdown, toHTML, toDocument and the bundle are the Dutch document's", () => {
    const doc = scanReviewDocument(nl, { lang: 'nl' });
    expect(nl.toDocument()).toEqual(doc);
    expect(nl.toMarkdown()).toBe(scanReviewMarkdown(nl, {}, { lang: 'nl' }));
    expect(nl.toMarkdown()).toContain('## Oordeel');
    expect(nl.toHTML()).toBe(
      documentHtml(doc, { headingOffset: 2, inlineAlign: true, lang: 'nl' }),
    );
    expect(inspect(nl)).toBe(documentText(doc, { lang: 'nl' }));
    expect(bundleOf(nl)['text/markdown']).toBe(documentMarkdown(doc, { lang: 'nl' }));
    // the AUC as the review computed it, with a decimal comma
    const auc = nl.current.auc.estimate.toFixed(3).replace('.', ',');
    expect(nl.toMarkdown()).toContain(auc);
  });

  it('the data are the same in both languages; English is unchanged', () => {
    expect(JSON.stringify(nl)).toBe(JSON.stringify(en));
    expect(en.toMarkdown()).toBe(scanReviewMarkdown(en));
    expect(en.toDocument()).toEqual(scanReviewDocument(en));
    expect(en.toMarkdown()).toContain('## Verdict');
  });

  it('an unknown language is an InputError naming the option', () => {
    expect(() => scanReview({ current: [], previous: [], lang: 'de' as 'nl' })).toThrowError(
      InputError,
    );
    expect(() => scanReview({ current: [], previous: [], lang: 'de' as 'nl' })).toThrow(/lang/);
  });
});
