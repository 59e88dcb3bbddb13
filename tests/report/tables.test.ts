import {
  cumulativeOutflow,
  effectSeries,
  sampleRatioTest,
  tableCsv,
  tableHtml,
  tableMarkdown,
} from 'effectmeting';
import { describe, expect, it } from 'vitest';

const clients = Array.from({ length: 40 }, (_, i) => ({
  id: `c${i}`,
  arm: i % 2 === 0 ? 'experiment' : 'control',
  followup_months: 6,
  month_bijstand: i % 5 === 0 ? 2 : i % 7 === 0 ? 4 : null,
}));

describe('tables from any result', () => {
  it('renders a result with row objects as Markdown, HTML and CSV', () => {
    const series = effectSeries(clients, { event: 'month_bijstand', months: 6 });
    expect(tableMarkdown(series).split('\n')).toHaveLength(2 + 6);
    const html = tableHtml(series, 'Effect per month');
    expect(html).toMatch(/^<table|<figure|<div/);
    expect(html).toContain('<caption>Effect per month</caption>');
    expect((html.match(/<tr/g) ?? []).length).toBe(7);
    expect(tableCsv(series).split('\r\n')[0]).toMatch(/^month,n_treated,n_control/);
  });

  it('renders a result whose toTable() is an arquero table', () => {
    const outflow = cumulativeOutflow(clients, { events: ['month_bijstand'], months: 3 });
    expect(tableCsv(outflow).split('\r\n').filter(Boolean)).toHaveLength(1 + 2 * 3);
  });

  it('escapes text in HTML and neutralises formulas in CSV', () => {
    expect(tableHtml([{ arm: '<b>x</b>', n: 3 }])).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(tableCsv([{ arm: '=HYPERLINK("x")', n: 3 }])).toBe(
      'arm,n\r\n"\'=HYPERLINK(""x"")",3\r\n',
    );
  });

  it('renders a sample-ratio result', () => {
    const srm = sampleRatioTest({ experiment: 80, control: 20 }, { experiment: 0.8, control: 0.2 });
    expect(tableMarkdown(srm)).toContain('| experiment |');
  });
});

describe('toHTML on results', () => {
  it('renders a result as an HTML fragment with its table, not enumerable in JSON', () => {
    const series = effectSeries(clients, { event: 'month_bijstand', months: 3 });
    const html = series.toHTML();
    expect(html).toContain('<table');
    expect((html.match(/<tr/g) ?? []).length).toBe(4);
    expect(Object.keys(series)).not.toContain('toHTML');
    expect(JSON.stringify(series)).not.toContain('toHTML');
    const srm = sampleRatioTest({ experiment: 80, control: 20 }, { experiment: 0.8, control: 0.2 });
    expect(srm.toHTML()).toContain('experiment');
  });
});

describe('documentPage', () => {
  it('turns a document into a page with one section per level-2 heading', async () => {
    const { documentPage } = await import('effectmeting/kernels');
    const html = documentPage(
      [
        { kind: 'heading', level: 1, text: 'Study <x>' },
        { kind: 'paragraph', text: 'Intro.' },
        { kind: 'heading', level: 2, text: 'Table 1' },
        { kind: 'table', rows: [{ a: 'x', n: 1 }] },
        { kind: 'heading', level: 2, text: 'Notes' },
        { kind: 'list', items: ['one'] },
      ],
      'Source: synthetic.',
    );
    expect(html).toContain('<title>Study &lt;x&gt;</title>');
    expect((html.match(/<h2/g) ?? []).length).toBe(2);
    expect(html).toContain('<table');
    expect(html).toContain('Source: synthetic.');
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });
});
