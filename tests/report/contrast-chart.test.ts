// The chart of every contrast of a several-arm effect series (issue #14), on the synthetic
// 2017–2018 three-arm data: one line and band per contrast, significance from the adjusted
// p-values across the month's contrasts, small raw counts not plotted, byte-identical SVG.
import { type ChartSpec, effectSeries, renderSvg } from 'effectmeting';
import { contrastChart } from 'effectmeting/kernels';
import { describe, expect, it } from 'vitest';
import { threeArmRows } from '../reference/three-arm-data.js';

// biome-ignore lint/suspicious/noExplicitAny: tests walk the nested spec objects
type Loose = Record<string, any>;
const loose = (spec: ChartSpec): Loose => spec as unknown as Loose;

const rows = threeArmRows();
const series = effectSeries(rows, {
  arms: ['service', 'control_enforcement', 'control_none'],
  reference: 'control_none',
  contrasts: 'all-pairs',
  event: 'month_job',
  months: 12,
  covariates: ['gender', 'age', 'education'],
  pAdjust: 'holm',
});

describe('contrastChart', () => {
  const spec = contrastChart(series, { source: 'Source: synthetic (test)' });
  const data = loose(spec).data.values as Loose[];

  it('has one coloured line per contrast, each with its band, and a zero line', () => {
    const layers = loose(spec).layer as Loose[];
    const line = layers.find((l) => l.mark.type === 'line')!;
    expect(line.encoding.color.scale.domain).toEqual([
      'service − control_enforcement',
      'service − control_none',
      'control_enforcement − control_none',
    ]);
    expect(layers.find((l) => l.mark.type === 'area')!.encoding.y2.field).toBe('upper');
    expect(layers.find((l) => l.mark.type === 'rule')!.encoding.y.datum).toBe(0);
    expect(data).toHaveLength(12 * 3);
  });

  it('reads significance from the Holm-adjusted p-values and says so', () => {
    const m = series.months[11]!;
    const point = data.find((d) => d.month === 12 && d.contrast === m.contrasts[2]!.contrast)!;
    expect(point.pValue).toBe(m.contrasts[2]!.pAdjusted!.adjusted);
    expect(point.estimate).toBe(m.contrasts[2]!.adjusted!.estimate);
    expect(loose(spec).title.subtitle).toContain(
      'p adjusted (holm) across the contrasts of each month',
    );
    const pointwise = loose(contrastChart(series, { usePAdjusted: false })).data.values as Loose[];
    expect(pointwise.find((d) => d.month === 12 && d.contrast === point.contrast)!.pValue).toBe(
      m.contrasts[2]!.adjusted!.pValue,
    );
  });

  it('leaves out a raw contrast whose arm has a small event count', () => {
    const raw = loose(contrastChart(series, { show: 'raw', threshold: 40 })).data.values as Loose[];
    for (const d of raw) {
      const m = series.months[d.month - 1]!;
      const c = m.contrasts.find((x) => x.contrast === d.contrast)!;
      for (const arm of [c.first, c.second]) {
        expect(m.arms.find((a) => a.arm === arm)!.events).toBeGreaterThanOrEqual(40);
      }
    }
    expect(raw.length).toBeLessThan(36);
    expect(raw.length).toBeGreaterThan(0);
  });

  it('renders to the same SVG every time', async () => {
    const a = await renderSvg(spec);
    const b = await renderSvg(contrastChart(series, { source: 'Source: synthetic (test)' }));
    expect(a).toBe(b);
    expect(a).toContain('control_enforcement − control_none');
  });
});
