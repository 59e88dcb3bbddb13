import { describe, expect, it } from 'vitest';
import { documentReport } from '../../src/report/document-report.js';
import { htmlReport } from '../../src/report/html.js';
import type { Document } from '../../src/table/index.js';

describe('documentReport: a document as the sections of an HTML page', () => {
  const doc: Document = [
    { kind: 'heading', text: 'Yearly review', level: 1 },
    { kind: 'paragraph', text: 'Two years of data.' },
    { kind: 'heading', text: 'Summary', level: 2 },
    { kind: 'heading', text: 'Flags (0)', level: 3 },
    { kind: 'paragraph', text: 'None.' },
    { kind: 'heading', text: 'Methods', level: 2 },
    { kind: 'list', items: ['**AUC.** DeLong.'] },
  ];
  it('takes the title from the level-1 heading and opens a section at each level-2 heading', () => {
    const report = documentReport(doc, { footer: 'Source: synthetic.' });
    expect(report.title).toBe('Yearly review');
    expect(report.footer).toBe('Source: synthetic.');
    expect(report.sections).toEqual([
      { blocks: [{ kind: 'paragraph', text: 'Two years of data.' }] },
      {
        title: 'Summary',
        blocks: [
          { kind: 'heading', text: 'Flags (0)', level: 3 },
          { kind: 'paragraph', text: 'None.' },
        ],
      },
      { title: 'Methods', blocks: [{ kind: 'list', items: ['**AUC.** DeLong.'] }] },
    ]);
    const html = htmlReport(report);
    expect(html).toContain('<h1>Yearly review</h1>');
    expect(html).toContain('<section id="summary">\n<h2>Summary</h2>\n<h3>Flags (0)</h3>');
    expect(html).toContain('<li><strong>AUC.</strong> DeLong.</li>');
  });
  it('falls back to a given title when the document has none', () => {
    const report = documentReport([{ kind: 'paragraph', text: 'x' }], {}, 'Review');
    expect(report.title).toBe('Review');
    expect(report.sections).toEqual([{ blocks: [{ kind: 'paragraph', text: 'x' }] }]);
  });
});
