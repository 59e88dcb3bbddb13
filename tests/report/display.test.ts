/**
 * The display protocols (src/display.ts, src/report/display.ts): results show as a table in
 * Deno's Jupyter kernel (a MIME bundle under Symbol.for('Jupyter.display')) and as a compact
 * text table in a Node REPL / console.log (Symbol.for('nodejs.util.inspect.custom')); chart
 * specs display as Vega-Lite with a static SVG.
 */
import { inspect } from 'node:util';
import {
  balanceTable,
  type Document,
  display,
  documentHtml,
  effectChart,
  type MimeBundle,
  outflowChart,
  sampleRatioTest,
  tableFromRows,
} from 'effectmeting';
import { displayBundle, documentText, VEGA_LITE_MIME, withDisplay } from 'effectmeting/kernels';
import { type PilotResult, pilotMarkdown } from 'effectmeting/studies';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataTable, denHaagPilotResult } from '../fixtures/shared.js';

const JUPYTER = Symbol.for('Jupyter.display');
const NODE = Symbol.for('nodejs.util.inspect.custom');
const DENO = Symbol.for('Deno.customInspect');

let pilot: PilotResult;
let clients: Awaited<ReturnType<typeof dataTable>>;

beforeAll(async () => {
  clients = await dataTable('den-haag-pilot.csv');
  pilot = await denHaagPilotResult();
});

async function bundleOf(value: unknown): Promise<MimeBundle> {
  const show = (value as Record<symbol, unknown>)[JUPYTER];
  expect(typeof show).toBe('function');
  return (show as () => MimeBundle | Promise<MimeBundle>).call(value);
}

describe('results display in a notebook', () => {
  const results = (): [string, { toMarkdown(): string }][] => [
    ['effectSeries', pilot.effects],
    ['cumulativeOutflow', pilot.outflow],
    ['participationTable', pilot.participation],
    ['sampleRatioTest', pilot.assignment],
    ['balanceTable', balanceTable(clients, { covariates: ['gender', 'age'] })],
  ];

  it('each main result returns a MIME bundle with HTML, Markdown and text', async () => {
    for (const [name, result] of results()) {
      const bundle = await bundleOf(result);
      expect(Object.keys(bundle).sort(), name).toEqual([
        'text/html',
        'text/markdown',
        'text/plain',
      ]);
      expect(bundle['text/markdown'], name).toBe(result.toMarkdown());
      expect(bundle['text/html'], name).toMatch(/<table>[\s\S]*<th[^>]*>[\s\S]*<\/table>/);
      expect(bundle['text/html'], name).not.toMatch(/<script|on\w+=/i);
      expect(bundle['text/plain'].length, name).toBeGreaterThan(0);
    }
  });

  it('the pilot result displays as the whole pilot report', async () => {
    const bundle = await bundleOf(pilot);
    expect(bundle['text/markdown']).toBe(pilotMarkdown(pilot));
    expect(bundle['text/html']).toContain('Participation (Table 2)');
    expect(bundle['text/html']).toContain('<ul><li>');
  });

  it('the protocols are invisible to keys, spreading and JSON', () => {
    const series = pilot.effects;
    expect(Object.keys(series)).not.toContain(String(JUPYTER));
    expect(Object.getOwnPropertySymbols({ ...series })).toEqual([]);
    expect(JSON.stringify(series)).not.toContain('Jupyter');
    expect(Object.getOwnPropertySymbols(series)).toEqual(
      expect.arrayContaining([JUPYTER, NODE, DENO]),
    );
  });

  it('the bundle follows the result when the symbol is called on another receiver', async () => {
    const doc = (r: { x: string }): Document => [{ kind: 'table', rows: [{ x: r.x }] }];
    const a = withDisplay({ x: 'a' }, doc);
    const b = { x: 'b' };
    const show = (a as unknown as Record<symbol, () => MimeBundle>)[JUPYTER]!;
    expect(show.call(b)['text/markdown']).toContain('| b |');
    expect(show.call(undefined)['text/markdown']).toContain('| a |');
  });
});

describe('results print as a compact table in a Node REPL', () => {
  it('util.inspect of an effect series is the aligned table, not the internals', () => {
    const text = inspect(pilot.effects);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(
      /^month\s+experiment\s+control\s+raw\s+raw p\s+adjusted\s+adjusted p$/,
    );
    expect(lines[1]).toMatch(/^-+( +-+)+$/);
    expect(lines[2]).toMatch(/^ {4}1 {2}1\.6 % \(16\/978\)/);
    // header, rule, 24 months, blank, the star legend, blank, method, blank, the note on months
    // with few events
    expect(lines).toHaveLength(2 + 24 + 2 + 2 + 2);
    expect(lines[27]).toMatch(/^Stars: † p < 0\.20, \* p < 0\.10, \*\* p < 0\.05 \(p-values: /);
    expect(lines.at(-1)).toMatch(/^Few events at month 1: an expected count below 5 in an arm/);
    expect(text).not.toMatch(/\[Function|toMarkdown|\bmonths:|\{/);
    // Columns line up: every row is as long as the rule or shorter.
    const width = lines[1]!.length;
    for (const line of lines.slice(0, 26)) expect([...line].length).toBeLessThanOrEqual(width);
  });

  it('numbers are right-aligned and the stars stay', () => {
    const text = inspect(pilot.assignment);
    expect(text).toContain('X² = 0.6352');
    expect(text).toMatch(/\nexperiment +9,788 +9,753 +0\.8029 +0\.8\n/);
    expect(inspect(pilot.participation)).toContain('30.8 pp**');
  });

  it("Deno's console.log gets the same text", () => {
    const deno = (pilot.outflow as unknown as Record<symbol, () => string>)[DENO]!;
    expect(deno.call(pilot.outflow)).toBe(inspect(pilot.outflow));
  });
});

describe('display()', () => {
  it('shows a chart spec as Vega-Lite with a static SVG', async () => {
    const spec = outflowChart(pilot.outflow);
    const bundle = await displayBundle(spec);
    expect(bundle[VEGA_LITE_MIME]).toBe(spec);
    expect(String(bundle['image/svg+xml'])).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(bundle['text/plain']).toMatch(/^Vega-Lite chart: /);
    expect(bundle['text/html']).toBeUndefined(); // HTML would outrank the chart in JupyterLab
    // The same SVG as a Markdown image, which nbconvert's HTML export keeps intact.
    const markdown = String(bundle['text/markdown']);
    const image = /^!\[([^\]]*)\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)$/.exec(markdown);
    expect(image?.[1]).toBe(String(bundle['text/plain']).replace('Vega-Lite chart: ', ''));
    expect(Buffer.from(image?.[2] ?? '', 'base64').toString('utf8')).toBe(bundle['image/svg+xml']);
    const withoutSvg = await bundleOf(display(effectChart(pilot.effects), { svg: false }));
    expect(Object.keys(withoutSvg).sort()).toEqual([VEGA_LITE_MIME, 'text/plain']);
    expect(inspect(display(spec))).toMatch(/^Vega-Lite chart: /);
  });

  it('shows results and rows as tables, Markdown as Markdown for the notebook to render', async () => {
    expect((await bundleOf(display(pilot.effects)))['text/html']).toContain('<table>');
    // Nothing parses Markdown back: a string (or a bare toMarkdown()) goes to the notebook as is.
    expect(await displayBundle('**34.3 %** of <n>')).toEqual({
      'text/plain': '**34.3 %** of <n>',
      'text/markdown': '**34.3 %** of <n>',
    });
    const bare = { toMarkdown: () => '| x |\n| --- |\n| a |' };
    expect((await displayBundle(bare))['text/markdown']).toBe(bare.toMarkdown());
    expect(inspect(display(bare))).toBe(bare.toMarkdown());
    const rows = await displayBundle([
      { arm: 'experiment', n: 978 },
      { arm: 'control', n: 240 },
    ]);
    expect(rows['text/plain']).toBe(
      'arm           n\n----------  ---\nexperiment  978\ncontrol     240',
    );
    expect(inspect(display(sampleRatioTest({ a: 50, b: 50 }, { a: 0.5, b: 0.5 })))).toContain(
      'Sample ratio',
    );
  });
});

describe('document writers', () => {
  it('escape HTML and keep significance stars as text', () => {
    const table = tableFromRows([{ 'x <b>': 'a & b', est: '−7.5 pp**' }]);
    const html = documentHtml(
      [
        {
          kind: 'table',
          table: {
            ...table,
            columns: [table.columns[0]!, { ...table.columns[1]!, align: 'right' }],
          },
        },
        { kind: 'paragraph', text: '30.8 pp** (SE 1.9 pp)' },
      ],
      { inlineAlign: true },
    );
    expect(html).toContain('<th scope="col">x &lt;b&gt;</th>');
    expect(html).toContain('<td class="num" style="text-align:right">−7.5 pp**</td>');
    expect(html).toContain('<td>a &amp; b</td>');
    expect(html).toContain('<p>30.8 pp** (SE 1.9 pp)</p>');
  });

  it('underline headings, keep lists, write table cells as they are', () => {
    expect(
      documentText([
        { kind: 'heading', text: 'Title', level: 1 },
        { kind: 'list', items: ['one', 'two'] },
        { kind: 'table', table: tableFromRows([{ a: 'x | y' }]) },
      ]),
    ).toBe('Title\n=====\n\n- one\n- two\n\na\n-----\nx | y');
  });
});
