/**
 * The SVG safety check is structural (issue 12): escaped text that merely looks like an event
 * handler passes; single-quoted javascript: URLs, animation, entity-encoded URLs and event
 * handlers do not. Through `svgProblem`, `blockHtml` and a chart drawn with a `--source`-like
 * note (the path `review --source` and `reproduce` take; a CLI run takes a minute here).
 */
import { describe, expect, it } from 'vitest';
import { outflowChart } from '../../src/report/charts/outcomes.js';
import { renderSvg } from '../../src/report/charts/render.js';
import { blockHtml } from '../../src/table/index.js';
import { svgProblem } from '../../src/table/svg-safety.js';

const NS = 'xmlns="http://www.w3.org/2000/svg"';
const svg = (body: string, attrs = '') => `<svg ${NS}${attrs}>${body}</svg>`;

describe('svgProblem', () => {
  it('passes harmless escaped text that the old pattern refused', () => {
    for (const ok of [
      svg('<text x="1" y="2">status onbekend = x</text>'),
      svg('<text>Source: a &lt;script&gt; tag, &amp; href="x" &#39;q&#39;</text>'),
      svg('<g><path d="M0,0L1,1" clip-path="url(#c1)"/></g><!-- a comment -->'),
      svg('<defs><clipPath id="c1"><rect width="1" height="1"/></clipPath></defs>'),
    ]) {
      expect(svgProblem(ok)).toBeUndefined();
    }
  });

  it('refuses what the old pattern let through, naming what it found', () => {
    const cases: [string, string][] = [
      [svg("<a href='javascript:alert(1)'><text>x</text></a>"), 'element <a> is not allowed'],
      [svg("<text fill='url(javascript:alert(1))'>x</text>"), 'attribute fill refers outside'],
      [
        svg('<animate attributeName="href" to="javascript:alert(1)"/>'),
        'element <animate> is not allowed',
      ],
      [svg('<set attributeName="onclick" to="x"/>'), 'element <set> is not allowed'],
      [svg('<rect onclick = "x()"/>'), 'attribute onclick is not allowed'],
      [svg('<rect\tonload="x()"/>'), 'attribute onload is not allowed'],
      [svg('<rect fill="url(&#104;ttp://x.org/a)"/>'), 'attribute fill refers outside'],
      [svg('<rect style="fill:red"/>'), 'attribute style is not allowed'],
      [svg('<rect fill=red/>'), 'attribute fill is not quoted'],
      [svg('<image href="https://x.org/a.png"/>'), 'element <image> is not allowed'],
      [svg('<foreignObject><div/></foreignObject>'), 'element <foreignObject> is not allowed'],
      [svg('<style>@import url(x)</style>'), 'element <style> is not allowed'],
      [svg('<g>'), 'element <g> is not closed'],
      [`${svg('')}<script>x</script>`, 'element <script> is not allowed'],
      [`<!DOCTYPE svg [<!ENTITY x "y">]>${svg('')}`, 'a DOCTYPE, CDATA section'],
      [svg('<text>&nbsp;</text>'), 'unknown entity'],
    ];
    for (const [bad, why] of cases) expect(svgProblem(bad), bad).toContain(why);
  });

  it('every chart renderSvg draws passes', async () => {
    const out = await renderSvg(
      outflowChart(
        {
          level: 0.95,
          destinations: ['work'],
          groups: [{ group: 'a', n: 100, excluded: 0 }],
          rows: [1, 2].map((month) => ({
            month,
            group: 'a',
            destination: 'work',
            atRisk: 100,
            events: 20 * month,
            share: 0.2 * month,
            ci: [0.1, 0.3] as const,
            stdError: 0.02,
          })),
          benchmark: [],
        },
        { source: 'status onbekend = x; <script> & co' },
      ),
    );
    expect(svgProblem(out)).toBeUndefined();
    expect(blockHtml({ kind: 'figure', svg: out })).toContain('<figure>');
  });

  it('blockHtml refuses an unsafe figure with the reason', () => {
    expect(() => blockHtml({ kind: 'figure', svg: svg("<a href='javascript:x()'/>") })).toThrow(
      'figure: the svg is refused: element <a> is not allowed; only static drawing is inlined',
    );
  });
});
