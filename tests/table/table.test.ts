/**
 * The one result-table model (src/table/index.ts): formatCell on the format primitives, and
 * the sibling writers (Markdown, HTML, text, CSV, JSON) over the same table, with suppression.
 */

import { describe, expect, it } from 'vitest';
import { markSmallCounts } from '../../src/report/disclosure.js';
import {
  csvOfTable,
  documentMarkdown,
  documentText,
  formatCell,
  htmlOfTable,
  jsonOfTable,
  markdownOfTable,
  type Table,
  tableFromRows,
  textOfTable,
  tidyEstimate,
} from '../../src/table/index.js';

const table: Table = {
  id: 'effects',
  title: 'Effect per month',
  columns: [
    { id: 'arm', label: 'arm', format: 'text' },
    { id: 'n', label: 'n', format: 'int' },
    { id: 'share', label: 'share', format: 'percent', unit: 'fraction' },
    { id: 'effect', label: 'effect', format: 'pp' },
    { id: 'p', label: 'p', format: 'p' },
  ],
  rows: [
    { arm: '=cmd', n: 1234, share: 0.3431, effect: -0.063, p: 0.0004 },
    { arm: 'control', n: 7, share: 0.5, effect: 0.012, p: 0.2 },
  ],
  notes: ['A note.'],
};

describe('formatCell', () => {
  it('formats by column format with the format.ts primitives', () => {
    expect(formatCell(-0.063, 'pp')).toBe('−6.3 pp');
    expect(formatCell(0.012, 'pp')).toBe('+1.2 pp');
    expect(formatCell(-0.0001, 'pp')).toBe('0.0 pp');
    expect(formatCell(0.021, 'points')).toBe('2.1 pp');
    expect(formatCell(0.3431, 'percent')).toBe('34.3 %');
    expect(formatCell(0.0004, 'p')).toBe('< 0.001');
    expect(formatCell(0.0412, 'p')).toBe('0.041');
    expect(formatCell(1234.4, 'int')).toBe('1,234');
    expect(formatCell(-1.955, 'stat')).toBe('−1.96');
    expect(formatCell(0.3, 'number')).toBe('0.3000');
    expect(formatCell(0.3, 'auto')).toBe('0.3');
    expect(formatCell(Number.POSITIVE_INFINITY, 'number')).toBe('∞');
    expect(formatCell(Number.NaN, 'number')).toBe('');
    expect(formatCell(true, 'text')).toBe('yes');
    expect(formatCell(null, 'int')).toBe('');
  });
});

describe('sibling writers over one table', () => {
  const marked = markSmallCounts(table, ['n']);

  it('Markdown: pipe table, numbers right-aligned, suppressed cells as "< 10"', () => {
    expect(markdownOfTable(marked)).toBe(
      [
        '| arm | n | share | effect | p |',
        '| --- | ---: | ---: | ---: | ---: |',
        '| =cmd | 1,234 | 34.3 % | −6.3 pp | < 0.001 |',
        '| control | < 10 | 50.0 % | +1.2 pp | 0.200 |',
      ].join('\n'),
    );
  });

  it('text: aligned columns', () => {
    expect(textOfTable(marked).split('\n')).toEqual([
      'arm          n   share   effect        p',
      '-------  -----  ------  -------  -------',
      '=cmd     1,234  34.3 %  −6.3 pp  < 0.001',
      'control   < 10  50.0 %  +1.2 pp    0.200',
    ]);
  });

  it('HTML: escaped, numbers in class="num"', () => {
    const html = htmlOfTable(
      { ...marked, rows: [{ ...marked.rows[0]!, arm: '<b>' }, marked.rows[1]!] },
      { caption: 'Effect' },
    );
    expect(html).toContain('<caption>Effect</caption>');
    expect(html).toContain('<td>&lt;b&gt;</td><td class="num">1,234</td>');
    expect(html).toContain('<td class="num">&lt; 10</td>');
  });

  it('CSV: full numbers, formula-safe text, suppressed count never written', () => {
    expect(csvOfTable(marked, { newline: '\n' })).toBe(
      "arm,n,share,effect,p\n'=cmd,1234,0.3431,-0.063,0.0004\ncontrol,< 10,0.5,0.012,0.2\n",
    );
  });

  it('JSON: metadata and full numbers', () => {
    const json = jsonOfTable(marked);
    expect(json.columns[2]).toEqual({
      id: 'share',
      label: 'share',
      format: 'percent',
      unit: 'fraction',
    });
    expect(json.rows[1]).toEqual({ arm: 'control', n: '< 10', share: 0.5, effect: 0.012, p: 0.2 });
    expect(json.notes).toEqual(['A note.']);
  });
});

describe('documents and rows', () => {
  it('tableFromRows infers numeric columns as markdownTable does', () => {
    const t = tableFromRows([{ arm: 'control', n: 240, ok: true }]);
    expect(markdownOfTable(t)).toBe(
      '| arm | n | ok |\n| --- | ---: | --- |\n| control | 240 | yes |',
    );
  });

  it('a document writes the same blocks to Markdown and text', () => {
    const doc = [
      { kind: 'heading' as const, text: 'Audit', level: 2 as const },
      { kind: 'table' as const, table: tableFromRows([{ arm: 'a', n: 1 }]) },
      { kind: 'paragraph' as const, text: 'Method `x`.' },
    ];
    expect(documentMarkdown(doc)).toBe(
      '## Audit\n\n| arm | n |\n| --- | ---: |\n| a | 1 |\n\nMethod `x`.\n',
    );
    expect(documentText(doc)).toBe('Audit\n-----\n\narm    n\n---  ---\na      1\n\nMethod x.');
  });

  it('tidy estimate columns, prefixed when a row holds several', () => {
    const e = {
      estimate: -0.063,
      stdError: 0.02,
      ci: [-0.1, -0.02] as const,
      statistic: -3.15,
      df: Number.POSITIVE_INFINITY,
      pValue: 0.0016,
      stars: '**' as const,
    };
    expect(Object.keys(tidyEstimate(e))).toEqual([
      'estimate',
      'std_error',
      'ci_lower',
      'ci_upper',
      'statistic',
      'df',
      'p_value',
      'stars',
    ]);
    expect(tidyEstimate(e, 'adjusted').adjusted_p_value).toBe(0.0016);
  });
});
