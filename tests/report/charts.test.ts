import {
  balanceChart,
  type ChartSpec,
  effectChart,
  outflowChart,
  participationChart,
  renderSvg,
} from 'effectmeting';
import {
  CHART_FONT,
  calibrationChart,
  driftChart,
  gainsChart,
  OKABE_ITO,
} from 'effectmeting/kernels';
import { describe, expect, it } from 'vitest';

// Specs are plain objects; tests read them loosely.
// biome-ignore lint/suspicious/noExplicitAny: tests walk the nested spec objects
type Loose = Record<string, any>;
const loose = (spec: ChartSpec): Loose => spec as unknown as Loose;
const layers = (spec: ChartSpec): Loose[] => loose(spec).layer as Loose[];
const SOURCE = 'Source: synthetic reconstruction (test)';

const estimate = (e: number, p: number, stars: '' | '†' | '*' | '**') => ({
  estimate: e,
  stdError: 0.02,
  ci: [e - 0.04, e + 0.04] as const,
  statistic: e / 0.02,
  df: Number.POSITIVE_INFINITY,
  pValue: p,
  stars,
  n: 1200,
  level: 0.95,
  method: 'test',
});

const outflow = {
  level: 0.95,
  destinations: ['bijstand'],
  groups: [
    { group: 'experiment', n: 978, excluded: 0 },
    { group: 'control', n: 240, excluded: 0 },
  ],
  rows: [1, 2].flatMap((month) =>
    ['experiment', 'control'].map((group) => ({
      month,
      group,
      destination: 'bijstand',
      atRisk: 100,
      events: 10 * month,
      share: 0.1 * month,
      ci: [0.1 * month - 0.05, 0.1 * month + 0.05] as const,
      stdError: 0.02,
    })),
  ),
  benchmark: [
    {
      label: 'national',
      values: [
        { month: 1, share: 0.05 },
        { month: 2, share: 0.12 },
      ],
    },
  ],
};

const series = {
  level: 0.95,
  arms: { treatment: 'experiment', control: 'control' },
  months: [
    { month: 1, raw: estimate(-0.01, 0.5, ''), adjusted: estimate(-0.012, 0.45, '') },
    { month: 2, raw: estimate(-0.07, 0.04, '**'), adjusted: estimate(-0.063, 0.03, '**') },
    { month: 3, raw: estimate(-0.05, 0.08, '*'), adjusted: estimate(-0.05, 0.15, '†') },
  ].map((m) => ({
    ...m,
    nTreated: 978,
    nControl: 240,
    eventsTreated: 100,
    eventsControl: 30,
    shareTreated: 0.1,
    shareControl: 0.125,
  })),
};

describe('outflowChart', () => {
  const spec = outflowChart(outflow, { source: SOURCE });
  const l = layers(spec);

  it('is a layered Vega-Lite spec with title, font, palette and the source note', () => {
    const s = loose(spec);
    expect(s.$schema).toMatch(/vega-lite\/v6/);
    expect(s.title.text).toBe('Cumulative outflow into bijstand by month');
    expect(s.title.subtitle).toContain('95 % confidence interval');
    expect(s.config.font).toBe(CHART_FONT);
    expect(s.description).toContain(SOURCE);
    const note = l.at(-1)!;
    expect(note.mark.type).toBe('text');
    expect(note.data.values).toEqual([{ note: SOURCE }]);
  });

  it('labels the axes with units and shows shares as percentages', () => {
    const line = l.find((x) => x.mark.type === 'line')!;
    expect(line.encoding.x.title).toBe('Months since the start');
    expect(line.encoding.y.title).toBe('Cumulative share with bijstand (%)');
    expect(line.encoding.y.axis.format).toBe('.0%');
    expect(line.encoding.color.scale.domain).toEqual(['experiment', 'control', 'national']);
    expect(line.encoding.color.scale.range.slice(0, 2)).toEqual([OKABE_ITO[0], OKABE_ITO[1]]);
    // benchmark dashed, arms solid
    expect(line.encoding.strokeDash.scale.range).toEqual([
      [1, 0],
      [1, 0],
      [6, 4],
    ]);
  });

  it('carries estimates with intervals and the benchmark as data', () => {
    const data = loose(spec).data.values as Loose[];
    expect(data.filter((d) => d.kind === 'estimate')).toHaveLength(4);
    expect(data.filter((d) => d.kind === 'benchmark').map((d) => d.share)).toEqual([0.05, 0.12]);
    expect(data[0]).toMatchObject({ month: 1, series: 'experiment', share: 0.1, lower: 0.05 });
    // each arm's band as its two outlines (no fill: two fills would blend into a third band)
    const outlines = l.filter((x) => x.mark.type === 'line' && x.mark.strokeDash !== undefined);
    expect(outlines.map((x) => x.encoding.y.field)).toEqual(['lower', 'upper']);
    expect(l.some((x) => x.mark.type === 'area')).toBe(false);
    expect(
      layers(outflowChart(outflow, { bands: false })).filter((x) => x.mark.type === 'line'),
    ).toHaveLength(1);
  });
});

describe('effectChart', () => {
  const spec = effectChart(series, { title: 'Figure 2b' });
  const l = layers(spec);

  it('shows the adjusted effect with its band, a zero line and the raw effect', () => {
    expect(loose(spec).title.text).toBe('Figure 2b');
    const band = l.find((x) => x.mark.type === 'area')!;
    expect(band.encoding.y.field).toBe('lower');
    expect(band.encoding.y2.field).toBe('upper');
    expect(l.find((x) => x.mark.type === 'rule')!.encoding.y.datum).toBe(0);
    const line = l.find((x) => x.mark.type === 'line')!;
    expect(line.encoding.color.scale.domain).toEqual(['adjusted effect', 'raw difference']);
  });

  it('labels the y axis in percentage points', () => {
    const line = l.find((x) => x.mark.type === 'line')!;
    expect(line.encoding.y.title).toBe('Effect on the cumulative share (percentage points)');
    expect(line.encoding.y.axis.labelExpr).toBe("format(datum.value * 100, '~r')");
  });

  it('marks each month by significance (the stars)', () => {
    const points = l.find((x) => x.mark.type === 'point')!;
    expect(points.encoding.shape.field).toBe('significance');
    const data = loose(spec).data.values as Loose[];
    const main = data.filter((d) => d.main);
    expect(main.map((d) => d.significance)).toEqual([
      'not significant',
      'p < 0.05 (**)',
      'p < 0.20 (†)',
    ]);
    expect(main.map((d) => d.estimate)).toEqual([-0.012, -0.063, -0.05]);
  });

  it('draws the raw effect alone on request, or when there is no adjusted effect', () => {
    const raw = effectChart(series, { show: 'raw' });
    const data = loose(raw).data.values as Loose[];
    expect(new Set(data.map((d) => d.series))).toEqual(new Set(['raw difference']));
    const noAdjusted = {
      ...series,
      months: series.months.map(({ adjusted: _a, ...m }) => m),
    };
    const data2 = loose(effectChart(noAdjusted)).data.values as Loose[];
    expect(data2.map((d) => d.significance)).toEqual([
      'not significant',
      'p < 0.05 (**)',
      'p < 0.10 (*)',
    ]);
  });
});

describe('participationChart', () => {
  const cell = (count: number, n: number) => ({ count, share: count / n });
  const table = {
    arms: { treatment: 'experiment', control: 'control' },
    n: { treatment: 978, control: 240 },
    rows: [
      {
        category: 'not',
        label: 'not assessed',
        depth: 0,
        group: false,
        received: false,
        treatment: cell(644, 978),
        control: cell(232, 240),
      },
      {
        category: 'conv',
        label: 'conversation',
        depth: 0,
        group: true,
        received: true,
        treatment: cell(334, 978),
        control: cell(8, 240),
      },
      {
        category: 'three',
        label: 'three-way',
        parent: 'conv',
        depth: 1,
        group: false,
        received: true,
        treatment: cell(334, 978),
        control: cell(8, 240),
      },
    ],
  };

  it('draws shares as percentages and hides suppressed cells', () => {
    const spec = participationChart(table);
    const bar = layers(spec).find((x) => x.mark.type === 'bar')!;
    expect(bar.encoding.x.axis.format).toBe('.0%');
    expect(bar.encoding.x.title).toBe("Share of the arm's clients (%)");
    const data = loose(spec).data.values as Loose[];
    const control = data.filter((d) => d.arm === 'control (n = 240)');
    expect(control.map((d) => d.label)).toEqual([
      'suppressed (x)',
      'suppressed (< 10)',
      'suppressed (< 10)',
    ]);
    expect(control.map((d) => d.share)).toEqual([null, null, null]);
    expect(data[0]).toMatchObject({ share: 644 / 978, label: '66 % (644)' });
    expect(data[4]!.category).toBe('– of which three-way');
  });

  it('shows everything with the threshold at 0', () => {
    const data = loose(participationChart(table, { threshold: 0 })).data.values as Loose[];
    expect(data.every((d) => d.share !== null)).toBe(true);
  });
});

describe('balance and scan charts', () => {
  it('balanceChart: one point per level and arm, SMD axis, ±0.1 lines', () => {
    const spec = balanceChart({
      arms: ['control', 'experiment'],
      reference: 'control',
      rows: [
        { covariate: 'age', level: null, kind: 'numeric', stats: [], smd: { experiment: 0.03 } },
        {
          covariate: 'gender',
          level: 'woman',
          kind: 'factor',
          stats: [],
          smd: { experiment: -0.12 },
        },
      ],
    });
    const data = loose(spec).data.values as Loose[];
    expect(data.map((d) => [d.label, d.smd])).toEqual([
      ['age', 0.03],
      ['gender: woman', -0.12],
    ]);
    const points = layers(spec).find((x) => x.mark.type === 'point')!;
    expect(points.encoding.x.title).toBe('Standardised mean difference (arm − control, in SDs)');
    const rules = layers(spec).find((x) => x.mark.type === 'rule')!;
    expect(rules.data.values.map((v: Loose) => v.at)).toEqual([0, -0.1, 0.1]);
  });

  it('gainsChart: percentages on both axes, the diagonal, a point at the origin', () => {
    const spec = gainsChart([
      { share: 0.1, capture: 0.3 },
      { share: 1, capture: 1 },
    ]);
    const line = layers(spec)[1]!;
    expect(line.encoding.x.axis.format).toBe('.0%');
    expect(line.encoding.y.axis.format).toBe('.0%');
    expect(line.encoding.y.title).toBe('Events captured (%)');
    expect((loose(spec).data.values as Loose[])[0]).toEqual({
      series: 'model',
      share: 0,
      capture: 0,
    });
    expect(layers(spec)[0]!.data.values).toEqual([
      { share: 0, capture: 0 },
      { share: 1, capture: 1 },
    ]);
  });

  it('calibrationChart: interval bars only where given', () => {
    const spec = calibrationChart([
      { predicted: 0.1, observed: 0.12, lower: 0.08, upper: 0.16 },
      { predicted: 0.4, observed: 0.35 },
    ]);
    const data = loose(spec).data.values as Loose[];
    expect(data[1]).toMatchObject({ lower: null, upper: null, label: 'bin 2' });
    const point = layers(spec).find((x) => x.mark.type === 'point')!;
    expect(point.encoding.x.title).toBe('Predicted probability (%)');
    expect(point.encoding.y.axis.format).toBe('.0%');
  });

  it('driftChart: sorted by PSI, coloured by the usual bands', () => {
    const spec = driftChart([
      { feature: 'age', psi: 0.03 },
      { feature: 'wage', psi: 0.3 },
      { feature: 'sector', psi: 0.15 },
    ]);
    const data = loose(spec).data.values as Loose[];
    expect(data.map((d) => [d.feature, d.band])).toEqual([
      ['wage', 'major (≥ 0.25)'],
      ['sector', 'moderate (0.1–0.25)'],
      ['age', 'stable (< 0.1)'],
    ]);
    expect(layers(spec)[0]!.encoding.x.title).toBe('Population stability index (PSI)');
  });
});

describe('renderSvg', () => {
  const specs: [string, ChartSpec][] = [
    ['outflow', outflowChart(outflow, { source: SOURCE })],
    ['effect', effectChart(series, { source: SOURCE })],
    [
      'gains',
      gainsChart([
        { share: 0.2, capture: 0.5 },
        { share: 1, capture: 1 },
      ]),
    ],
    ['calibration', calibrationChart([{ predicted: 0.2, observed: 0.25, lower: 0.2, upper: 0.3 }])],
    ['drift', driftChart([{ feature: 'age', psi: 0.2 }])],
  ];

  it.each(specs)(
    '%s: renders an SVG with marks, without warnings, deterministically',
    async (_, spec) => {
      const warnings: string[] = [];
      const svg = await renderSvg(spec, { onWarning: (m) => warnings.push(m) });
      expect(warnings).toEqual([]);
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toMatch(/class="mark-(line|symbol|rect|area|rule)/);
      expect(svg).toMatch(/<path[^>]+d="M/);
      expect(svg).toContain('font-family="Arial, Helvetica');
      expect(await renderSvg(spec)).toBe(svg);
    },
  );

  it('puts the title and the source note in the SVG, text escaped', async () => {
    const svg = await renderSvg(outflowChart(outflow, { title: 'A <b> & C', source: SOURCE }));
    expect(svg).toContain('A &lt;b&gt; &amp; C');
    expect(svg).toContain(SOURCE);
  });

  it('prefixes ids so several charts can share a page', async () => {
    const spec = effectChart(series);
    const a = await renderSvg(spec, { idPrefix: 'fig-a' });
    const ids = [...a.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]!);
    for (const id of ids) expect(id.startsWith('fig-a-')).toBe(true);
    for (const m of a.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(m[1]);
  });

  it('refuses specs that load data from elsewhere', async () => {
    const spec = {
      ...loose(gainsChart([{ share: 1, capture: 1 }])),
      data: { url: 'https://example.org/data.json' },
    } as unknown as ChartSpec;
    await expect(renderSvg(spec)).rejects.toThrow(/loaded from a URL/);
  });
});
