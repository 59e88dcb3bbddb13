import { htmlReport, renderSvg } from 'effectmeting';
import { escapeHtml, gainsChart, inlineHtml } from 'effectmeting/kernels';
import { loadTable } from 'effectmeting/node';
import { denHaagPilot, type PilotResult, pilotHtml } from 'effectmeting/studies';
import { beforeAll, describe, expect, it } from 'vitest';
import { denHaagPilotResult } from '../fixtures/shared.js';

/** Anything in HTML that would make a browser fetch a resource. */
const EXTERNAL =
  /<(?:script|link|img|iframe|object|embed|audio|video|source)\b|\b(?:src|srcset|poster)\s*=|href\s*=\s*"(?!#)|url\(\s*['"]?(?!#)|@import|@font-face|\bhttps?:\/\/(?!www\.w3\.org\/(?:2000\/svg|1999\/xlink)")/i;

describe('escaping', () => {
  it('escapes & < > " and \' in text', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;',
    );
  });

  it("renders Markdown-ish inline text, and leaves the reports' stars alone", () => {
    expect(inlineHtml('**34.3 %** of <n> and *some* `code <x>`')).toBe(
      '<strong>34.3 %</strong> of &lt;n&gt; and <em>some</em> <code>code &lt;x&gt;</code>',
    );
    expect(inlineHtml('−6.3 pp** and −7.2 pp**')).toBe('−6.3 pp** and −7.2 pp**');
    expect(inlineHtml('stars † p < 0.20, * p < 0.10, ** p < 0.05')).toBe(
      'stars † p &lt; 0.20, * p &lt; 0.10, ** p &lt; 0.05',
    );
    expect(inlineHtml('month_bijstand and follow_up')).toBe('month_bijstand and follow_up');
  });

  it('escapes every text of a report: title, headings, cells, captions, footer', () => {
    const evil = '<script>alert("x")</script>';
    const html = htmlReport({
      title: evil,
      subtitle: evil,
      sections: [
        {
          title: evil,
          blocks: [
            { kind: 'heading', text: evil },
            { kind: 'paragraph', text: evil },
            { kind: 'list', items: [evil] },
            { kind: 'note', text: evil },
            { kind: 'table', rows: [{ [evil]: evil, n: 1 }], caption: evil, note: evil },
            { kind: 'table', rows: [{ a: evil, b: 1 }] },
          ],
        },
      ],
      footer: evil,
    });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('"x"');
    expect(html.match(/&lt;script&gt;/g)!.length).toBeGreaterThanOrEqual(11);
  });
});

describe('htmlReport', () => {
  it('is one self-contained document: inline CSS, CSP, no scripts, no external resources', async () => {
    const svg = await renderSvg(
      gainsChart([
        { share: 0.2, capture: 0.5 },
        { share: 1, capture: 1 },
      ]),
    );
    const html = htmlReport({
      title: 'Review',
      sections: [
        { title: 'One', blocks: [{ kind: 'figure', svg, caption: 'Gains' }] },
        {
          title: 'Two',
          blocks: [{ kind: 'table', rows: [{ decile: 1, n: 1234, share: 0.3431 }] }],
        },
        { title: 'Two', blocks: [] },
      ],
    });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('Content-Security-Policy" content="default-src \'none\'');
    expect(html).toContain('<style>');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(EXTERNAL);
    for (const bad of [
      '<link rel="stylesheet" href="https://cdn.example/x.css">',
      '<img src="logo.png">',
      "@font-face { src: url('https://fonts.example/a.woff2') }",
      '<script src="x.js"></script>',
    ]) {
      expect(bad).toMatch(EXTERNAL);
    }
    expect(html).toContain('<figure>\n<svg');
    // markdownTable semantics: integers grouped, 4 significant digits, numbers right-aligned
    expect(html).toContain('<td class="num">1,234</td>');
    expect(html).toContain('<td class="num">0.3431</td>');
    // contents with unique anchors
    expect(html).toContain('<section id="two">');
    expect(html).toContain('<section id="two-2">');
  });

  it('refuses SVG with scripts or external references', () => {
    const report = (svg: string) =>
      htmlReport({ title: 't', sections: [{ blocks: [{ kind: 'figure', svg }] }] });
    expect(() => report('<svg><script>x</script></svg>')).toThrow(/script/);
    expect(() => report('<svg><image href="https://x.org/a.png"/></svg>')).toThrow(/external/);
    expect(() => report('<svg onload="x()"></svg>')).toThrow();
    expect(() => report('<div></div>')).toThrow(/single <svg>/);
    expect(() => report('<svg><path clip-path="url(#c1)"/></svg>')).not.toThrow();
  });
});

describe('pilotHtml', () => {
  let result: PilotResult;
  let html = '';
  beforeAll(async () => {
    result = await denHaagPilotResult();
    html = await pilotHtml(result);
  });

  it('has the three charts, the tables and the policy figures', () => {
    expect(html.match(/<figure>\n<svg/g)).toHaveLength(3);
    expect(html).toContain('Figure 2a');
    expect(html).toContain('Figure 2b');
    expect(html).toContain('Participation (Table 2)');
    expect(html).toContain('Policy figures');
    expect(html).toContain('Prevented: 978');
    expect(html).toContain('Sensitivity: the censoring method');
    expect(html).toContain('The published report used complete follow-up');
    expect(html).toContain('Source: synthetic reconstruction');
  });

  it('applies disclosure control: the 8 three-way conversations in control are "< 10"', () => {
    const row = html.match(/<tr><td>– of which one or more three-way[^\n]*<\/tr>/)![0];
    expect(row).toContain('<td class="num">12 % (121)</td>');
    expect(row).toContain('<td class="num">&lt; 10</td>');
    expect(html).not.toContain('3 % (8)');
    expect(html).toContain('Disclosure control: counts below 10');
    // month 1, control: 4 of 240 flowed into bijstand
    expect(html).toContain('&lt; 10 of 240');
    expect(html).not.toContain('(4/240)');
  });

  it('makes no external requests and is deterministic', async () => {
    expect(html).not.toMatch(EXTERNAL);
    const again = await pilotHtml(denHaagPilot(await loadTable('data/den-haag-pilot.csv')));
    expect(again).toBe(html);
  });

  it('shows every count with the threshold at 0', async () => {
    const all = await pilotHtml(result, {
      threshold: 0,
      source: 'Source: my extract',
    });
    expect(all).toContain('3 % (8)');
    expect(all).toContain('(4/240)');
    expect(all).toContain('Source: my extract');
  });
});
