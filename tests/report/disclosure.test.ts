import * as aq from 'arquero';
import {
  evaluate,
  evaluationSections,
  parsePlan,
  suppressSmallCounts,
  suppressTable,
  tableFromRows,
  toCsv,
} from 'effectmeting';
import {
  csvSafe,
  markdownOfTable,
  protectParticipation,
  protectTable,
  suppressCells,
} from 'effectmeting/kernels';
import { describe, expect, it } from 'vitest';
import {
  csvOfTable,
  jsonOfTable,
  renderCsv,
  renderJson,
  renderMarkdown,
  renderTable,
} from '../../src/table/index.js';
import { dataTable, denHaagPilotResult, intensive2012Result } from '../fixtures/shared.js';

describe('suppressCells', () => {
  it('suppresses counts below the threshold, not zeros, and nothing at threshold 0', () => {
    const cells = { a: 0, b: 3, c: 9, d: 10, e: 250 };
    const s = suppressCells(cells);
    expect(s.primary).toEqual(['b', 'c']);
    expect(s.secondary).toEqual([]);
    expect(s.text('b', '3')).toBe('< 10');
    expect(s.text('d', '10')).toBe('10');
    expect(s.text('a', '0')).toBe('0');
    expect(suppressCells(cells, [], { threshold: 5 }).primary).toEqual(['b']);
    expect(suppressCells(cells, [], { suppressZeros: true }).primary).toEqual(['a', 'b', 'c']);
    const off = suppressCells(cells, [], { threshold: 0 });
    expect(off.primary).toEqual([]);
    expect(off.note).toBe('');
    expect(() => suppressCells(cells, [], { threshold: -1 })).toThrow(RangeError);
  });

  it('Table 2, control column: 240 = 232 + 0 + 8 and 8 = 0 + 8 (hand-derived)', () => {
    // Primary: the two 8s. Relation 1 then holds one suppressed cell (conversation), so the
    // smallest published non-zero member is suppressed too: 232 (< 240; the 0 is not chosen).
    // Relation 2 holds two suppressed cells: nothing more to do.
    const s = suppressCells(
      { all: 240, notAssessed: 232, noConversation: 0, conversation: 8, uwv: 0, threeWay: 8 },
      [
        { total: 'all', parts: ['notAssessed', 'noConversation', 'conversation'] },
        { total: 'conversation', parts: ['uwv', 'threeWay'] },
      ],
    );
    expect(s.primary).toEqual(['conversation', 'threeWay']);
    expect(s.secondary).toEqual(['notAssessed']);
    expect(s.text('notAssessed', '232')).toBe('x');
    expect(s.status('all')).toBe('published');
    expect(s.note).toContain('"< 10"');
    expect(s.note).toContain('secondary');
  });

  it('propagates: a secondary cell can need a secondary cell of its own (hand-derived)', () => {
    // a = 4 and g = 4 are primary, so g = a + b already holds two suppressed cells. But
    // total = g + c holds one (g): the smallest published non-zero member, c = 56 (< 60), is
    // suppressed as well.
    const s = suppressCells({ a: 4, b: 0, g: 4, c: 56, total: 60 }, [
      { total: 'g', parts: ['a', 'b'] },
      { total: 'total', parts: ['g', 'c'] },
    ]);
    expect(s.primary).toEqual(['a', 'g']);
    expect(s.secondary).toEqual(['c']);
  });

  it('leaves a relation alone when only zeros are left to suppress', () => {
    const s = suppressCells({ t: 5, a: 5, b: 0 }, [{ total: 't', parts: ['a', 'b'] }]);
    expect(s.primary).toEqual(['t', 'a']);
    expect(s.secondary).toEqual([]);
  });

  it('rejects relations naming unknown cells', () => {
    expect(() => suppressCells({ a: 1 }, [{ total: 'a', parts: ['b'] }])).toThrow(
      /unknown cell 'b'/,
    );
  });
});

describe('suppressTable', () => {
  it('protects rows and columns of a 2 × 2 table with margins (hand-derived)', () => {
    //            x    y   total
    // r1        50    4     54
    // r2        30   40     70
    // total     80   44    124
    // Primary: (r1, y) = 4. Column y: 44 = 4 + 40 → one suppressed → smallest of {40, 44}: (r2, y).
    // Row r1: 54 = 50 + 4 → one suppressed → smallest of {50, 54}: (r1, x).
    // Now row r2: 70 = 30 + 40 (one suppressed: (r2, y)) → smallest of {30, 70}: (r2, x).
    // Column x: 80 = 50 + 30, both suppressed; row total: 124 = 80 + 44 untouched. Every
    // relation holds 0 or ≥ 2 suppressed cells.
    const s = suppressTable({
      rows: ['r1', 'r2', 'total'],
      columns: ['x', 'y', 'total'],
      counts: [
        [50, 4, 54],
        [30, 40, 70],
        [80, 44, 124],
      ],
      rowRelations: [{ total: 'total', parts: ['r1', 'r2'] }],
      columnRelations: [{ total: 'total', parts: ['x', 'y'] }],
    });
    expect(s.primary).toEqual([{ row: 'r1', column: 'y' }]);
    expect(s.secondary).toEqual([
      { row: 'r2', column: 'y' },
      { row: 'r1', column: 'x' },
      { row: 'r2', column: 'x' },
    ]);
    expect(s.text('r1', 'y', '4')).toBe('< 10');
    expect(s.text('r2', 'x', '30')).toBe('x');
    expect(s.status('total', 'total')).toBe('published');
    expect(s.status('r1', 'total')).toBe('published');
  });

  it('checks the shape of the counts', () => {
    expect(() => suppressTable({ rows: ['a'], columns: ['x', 'y'], counts: [[1]] })).toThrow(
      /needs 2 counts/,
    );
  });
});

describe('protectParticipation', () => {
  const row = (
    category: string,
    treatment: number,
    control: number,
    extra: { depth?: number; group?: boolean; parent?: string } = {},
  ) => ({
    category,
    label: category,
    depth: extra.depth ?? 0,
    group: extra.group ?? false,
    received: false,
    ...(extra.parent ? { parent: extra.parent } : {}),
    treatment: { count: treatment, share: treatment / 978 },
    control: { count: control, share: control / 240 },
  });
  const table = {
    n: { treatment: 978, control: 240 },
    rows: [
      row('not_assessed', 206, 232),
      row('assessed_no_conversation', 438, 0),
      row('assessed_conversation', 334, 8, { group: true }),
      row('uwv_conversation', 213, 0, { depth: 1, parent: 'assessed_conversation' }),
      row('three_way_conversation', 121, 8, { depth: 1, parent: 'assessed_conversation' }),
    ],
  };

  it('suppresses the 8 three-way conversations in control, and what would reveal them', () => {
    const s = protectParticipation(table);
    expect(s.text('three_way_conversation', 'control', '3 % (8)')).toBe('< 10');
    expect(s.text('assessed_conversation', 'control', '3 % (8)')).toBe('< 10');
    expect(s.status('not_assessed', 'control')).toBe('secondary');
    expect(s.status('uwv_conversation', 'control')).toBe('published');
    for (const r of table.rows) expect(s.status(r.category, 'treatment')).toBe('published');
    expect(protectParticipation(table, { threshold: 0 }).primary).toEqual([]);
  });
});

describe('suppressSmallCounts', () => {
  it('replaces small counts in the named columns only', () => {
    const rows = [
      { decile: 1, n: 7, share: 0.5 },
      { decile: 2, n: 120, share: 0.2 },
      { decile: 3, n: 0, share: 0 },
    ];
    expect(suppressSmallCounts(rows, ['n'])).toEqual([
      { decile: 1, n: '< 10', share: 0.5 },
      { decile: 2, n: 120, share: 0.2 },
      { decile: 3, n: 0, share: 0 },
    ]);
    expect(suppressSmallCounts(rows, ['n'], { threshold: 0 })).toEqual(rows);
  });
});

describe('CSV safety', () => {
  it('prefixes text that a spreadsheet would evaluate', () => {
    expect(csvSafe('=1+1')).toBe("'=1+1");
    expect(csvSafe('+31 6 1234')).toBe("'+31 6 1234");
    expect(csvSafe('-5')).toBe("'-5");
    expect(csvSafe('−7.2 pp**')).toBe("'−7.2 pp**");
    expect(csvSafe('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvSafe('\tx')).toBe("'\tx");
    expect(csvSafe('\rx')).toBe('"\'\rx"');
    expect(csvSafe('＝1')).toBe("'＝1");
    expect(csvSafe('experiment')).toBe('experiment');
    expect(csvSafe('a = b')).toBe('a = b');
  });

  it('keeps numbers numbers, and quotes per RFC 4180', () => {
    expect(csvSafe(-0.063)).toBe('-0.063');
    expect(csvSafe(1e-7)).toBe('1e-7');
    expect(csvSafe(Number.NaN)).toBe('');
    expect(csvSafe(Number.POSITIVE_INFINITY)).toBe('');
    expect(csvSafe(null)).toBe('');
    expect(csvSafe(undefined)).toBe('');
    expect(csvSafe(true)).toBe('true');
    expect(csvSafe('a,b')).toBe('"a,b"');
    expect(csvSafe('say "hi"')).toBe('"say ""hi"""');
    expect(csvSafe('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvSafe('line\nbreak')).toBe('"line\nbreak"');
    expect(csvSafe('a;b', ';')).toBe('"a;b"');
  });

  it('writes rows with a header, every cell escaped', () => {
    const csv = toCsv([
      { month: 24, effect: -0.063, label: '−6.3 pp**' },
      { month: 1, effect: 0, label: '=cmd|calc', extra: 'x' },
    ]);
    expect(csv).toBe("month,effect,label,extra\r\n24,-0.063,'−6.3 pp**,\r\n1,0,'=cmd|calc,x\r\n");
    expect(toCsv([{ '=a': 1 }], { separator: ';', newline: '\n' })).toBe("'=a\n1\n");
    expect(toCsv([{ a: 1, b: 2 }], { columns: ['b'] })).toBe('b\r\n2\r\n');
  });
});

describe('protectTable: the one rule of every writer', () => {
  it('primary, secondary across rows (the published total), and the cells that reveal a count', () => {
    // n = 4 is primary; the total 34 = 4 + 30 would give it back, so the smallest other member,
    // 30 (< 34), is suppressed too; each share reveals its n and goes with it.
    const t = tableFromRows([
      { arm: 'a', n: 4, share: 4 / 34 },
      { arm: 'b', n: 30, share: 30 / 34 },
    ]);
    const p = protectTable(t, { counts: [{ id: 'n', reveals: ['share'], total: 34 }] });
    expect(p.suppressed).toEqual([
      { n: 'primary', share: 'secondary' },
      { n: 'secondary', share: 'secondary' },
    ]);
    expect(csvOfTable(p)).toBe('arm,n,share\r\na,< 10,x\r\nb,x,x\r\n');
    expect(protectTable(t, { counts: [{ id: 'n' }] }, { threshold: 0 })).toBe(t);
  });

  it('a count a reader computes (events = round(share × n)) hides the share and the difference', () => {
    // 0.07 × 100 = 7 events: primary; 0.2 × 100 = 20: published; the difference reveals both.
    const t = tableFromRows([{ n: 100, share: 0.07, n2: 100, share2: 0.2, diff: -0.13 }]);
    const events = (s: 'share' | 'share2', n: 'n' | 'n2') => ({
      id: `events_${s}`,
      value: (row: Readonly<Record<string, unknown>>) =>
        Math.round((row[s] as number) * (row[n] as number)),
      reveals: [s, 'diff'],
    });
    const p = protectTable(t, { counts: [events('share', 'n'), events('share2', 'n2')] });
    expect(p.suppressed).toEqual([{ share: 'secondary', diff: 'secondary' }]);
    expect(markdownOfTable(p)).toContain('| 100 | x | 100 | 0.2 | x |');
  });

  it('within a row: total = parts keeps two cells hidden', () => {
    const t = tableFromRows([{ all: 50, a: 3, b: 47 }]);
    const p = protectTable(t, {
      counts: [{ id: 'all' }, { id: 'a' }, { id: 'b' }],
      relations: [{ total: 'all', parts: ['a', 'b'] }],
    });
    expect(p.suppressed).toEqual([{ a: 'primary', b: 'secondary' }]);
  });
});

describe('evaluationSections: every format publishes the same protected cells', () => {
  // 30 clients per arm; in month 1, 3 treated and 12 controls have worked (3 < 10).
  const n = 60;
  const data = aq.table({
    id: Array.from({ length: n }, (_, i) => `P${String(i).padStart(5, '0')}`),
    arm: Array.from({ length: n }, (_, i) => (i < 30 ? 'experiment' : 'control')),
    followup_months: Array.from({ length: n }, () => 3),
    month_work: Array.from({ length: n }, (_, i) =>
      i < 3 ? 1 : i < 30 ? (i < 20 ? 2 : null) : i < 42 ? 1 : null,
    ),
  });
  const result = evaluate(data, parsePlan({ events: ['month_work'], months: 2 }));
  const sections = evaluationSections(result);
  const outflow = sections.find((s) => s.id === 'outflow')!;
  const effect = sections.find((s) => s.id === 'effect')!;

  it('month 1: the 3 treated events are "< 10", their share and CI hidden, the raw test too', () => {
    expect(outflow.rows[0]).toMatchObject({ month: 1, events_t: 3, events_c: 12 });
    expect(outflow.suppressed?.[0]).toEqual({
      events_t: 'primary',
      share_t: 'secondary',
      ci_t: 'secondary',
      lower_t: 'secondary',
      upper_t: 'secondary',
    });
    expect(effect.suppressed?.[0]).toEqual({
      share_t: 'secondary',
      raw: 'secondary',
      raw_ci: 'secondary', // the raw interval column (shown when there is no adjustment)
      raw_se: 'secondary',
      raw_p: 'secondary',
      raw_stars: 'secondary',
      raw_q: 'secondary',
    });
    // month 2: 20 and 12 events, nothing hidden
    expect(effect.suppressed?.[1]).toEqual({});
    expect(outflow.notes?.at(-1)).toMatch(/^Disclosure control: counts below 10/);
  });

  it('Markdown, text and CSV show "< 10" / "x" and never the hidden numbers', () => {
    const md = renderMarkdown('t', sections);
    expect(md).toContain('| work | 1 | 30 | < 10 | x | x | 30 | 12 | 40.0 % | 24.6–57.7 |');
    // Wilson 95 % for 12 / 30 by hand: (0.4 + 1.96²/60 ± 1.96·√(0.008 + 1.96²/3600)) / (1 + 1.96²/30)
    expect(md).toContain('| 1 | 30 | 30 | x | 40.0 % | x | x | x |');
    const text = renderTable('t', sections);
    expect(text).not.toMatch(/10\.0 %/); // 3 / 30
    const csv = renderCsv(sections);
    expect(csv).toContain('outflow,work,,,experiment,1,events,< 10');
    expect(csv).toContain('outflow,work,,,experiment,1,share,x');
    expect(csv).not.toContain('outflow,work,,,experiment,1,share,0.1');
    expect(renderJson(sections.map(jsonOfTable))).not.toContain('"events_t": 3');
  });

  it('threshold 0 publishes everything', () => {
    const open = evaluationSections(result, { threshold: 0 });
    expect(open.every((s) => s.suppressed === undefined)).toBe(true);
  });
});

describe('the Den Haag report: Markdown and charts hide what the HTML tables hide', async () => {
  const { pilotMarkdown } = await import('effectmeting/studies');
  const { effectChart, outflowChart, participationChart } = await import('effectmeting');
  const r = await denHaagPilotResult();
  const m1 = r.effects.months[0]!;

  it('month 1: 4 of 240 controls in bijstand (< 10) — Markdown shows "< 10", never "(4/240)"', () => {
    expect([m1.eventsControl, m1.nControl]).toEqual([4, 240]);
    const md = pilotMarkdown(r);
    expect(md).toContain('| 1 | control | bijstand | 240 | < 10 | x | x |');
    expect(md).toContain('| 1 | 1.6 % (16/978) | < 10 | x | x | −0.1 pp | 0.920 |');
    expect(md).not.toContain('(4/240)');
    // Table 2: the 8 three-way conversations in control, and the 232 that would reveal them
    expect(md).toContain('| not assessed, no conversation | 21 % (206) | x |');
    expect(md).not.toMatch(/\(8\)|\(232\)/);
    expect(pilotMarkdown(r, { threshold: 0 })).toContain('1.7 % (4/240)');
  });

  it('the charts do not plot the month-1 control share nor the raw difference of month 1', () => {
    const points = (spec: unknown) =>
      (spec as { data: { values: Record<string, unknown>[] } }).data.values;
    const outflow = points(outflowChart(r.outflow));
    const control1 = outflow.find((d) => d.month === 1 && d.series === 'control')!;
    expect(control1).toMatchObject({ share: null, lower: null, upper: null, atRisk: 240 });
    expect(outflow.find((d) => d.month === 2 && d.series === 'control')!.share).toBeCloseTo(
      15 / 239,
      12,
    );
    const effect = points(effectChart(r.effects, { show: 'both' }));
    expect(effect.filter((d) => d.month === 1).map((d) => d.series)).toEqual(['adjusted effect']);
    expect(effect.filter((d) => d.month === 2)).toHaveLength(2);
    const shown = points(outflowChart(r.outflow, { threshold: 0 }));
    expect(shown.find((d) => d.month === 1 && d.series === 'control')!.share).toBe(4 / 240);
  });

  it('reproduce: the JSON holds the published tables, the complete result only at min-cell 0', async () => {
    const { STUDIES } = await import('../../src/studies/registry.js');
    const study = STUDIES.find((s) => s.name === 'den-haag')!.reproduction!;
    const table = await dataTable('den-haag-pilot.csv');
    const source = { path: 'data/den-haag-pilot.csv', synthetic: true };
    const json = JSON.stringify(study.reproduce(table, { source }).json);
    expect(json).toContain('"threshold":10');
    expect(json).toContain('"control (n = 240)":"< 10"');
    expect(json).not.toMatch(/4\/240|\(8\)|"eventsControl":4\b/);
    const open = study.reproduce(table, { source, minCell: 0 });
    expect(JSON.stringify(open.json)).toContain('"eventsControl":4');
    expect(open.markdown).toContain('1.7 % (4/240)');
  });

  it('a suppressed control bar says so: "suppressed (< 10)", not an empty bar', () => {
    const bars = (
      participationChart(r.participation) as { data: { values: Record<string, unknown>[] } }
    ).data.values.filter((d) => String(d.arm).startsWith('control'));
    expect(bars.map((d) => d.label)).toEqual([
      'suppressed (x)',
      '–',
      'suppressed (< 10)',
      '–',
      'suppressed (< 10)',
    ]);
  });
});

describe('the 2012–2013 report: Table 5.1 publishes no count below 10', async () => {
  const { intensive2012Markdown, intensive2012Document } = await import('effectmeting/studies');
  const r = await intensive2012Result();

  it('gender unknown (2 basic, 1 intensive) is "< 10"; woman, which the total would reveal, "x"', () => {
    const md = intensive2012Markdown(r);
    expect(md).toContain('| clients | 4,617 |  | 4,620 |  |  |');
    expect(md).toContain('| man | 2,841 | 62 % | 2,709 | 59 % |  |');
    // 4,617 − 2,841 − unknown would give the unknown back, so woman is suppressed as well
    expect(md).toContain('| woman | x | x | x | x |  |');
    expect(md).toContain('| unknown | < 10 | x | < 10 | x |  |');
    expect(md).not.toMatch(/\| unknown \| [1-9] \|/);
    expect(md).toMatch(/Disclosure control: counts below 10 are not published/);
  });

  it('threshold 0 shows the counts', () => {
    const doc = intensive2012Document(r, { threshold: 0 });
    const block = doc.find((b) => b.kind === 'table' && 'table' in b && b.table.id === 'table_5_1');
    expect(block && 'table' in block ? block.table.suppressed : 'none').toBeUndefined();
  });
});
