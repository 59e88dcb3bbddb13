/**
 * Charts in Dutch (issue #17): `lang: 'nl'` gives Dutch axis titles, legends and tooltips, and
 * Vega's number locale, so the rendered SVG shows decimal commas ("−2,5") and "25%" ticks.
 */
import { effectChart, outflowChart, renderSvg } from 'effectmeting';
import { describe, expect, it } from 'vitest';

const estimate = (e: number, p: number, stars: '' | '†' | '*' | '**', half = 0.04) => ({
  estimate: e,
  stdError: 0.02,
  ci: [e - half, e + half] as const,
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
  rows: [1, 2, 3].flatMap((month) =>
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
  benchmark: [],
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

/** The texts drawn in an SVG, in order. */
const texts = (svg: string): string[] =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!.replaceAll('&lt;', '<').replaceAll('&amp;', '&'),
  );

describe('charts in Dutch', () => {
  it('the effect chart: Dutch titles and legend, decimal commas on the pp axis', async () => {
    const en = texts(await renderSvg(effectChart(series)));
    const nl = texts(await renderSvg(effectChart(series, { lang: 'nl' })));
    expect(nl).toContain('Maanden sinds de start');
    expect(nl).toContain('Effect op het cumulatieve aandeel (procentpunt)');
    expect(nl).toContain('Effect per maand: experiment − control');
    expect(nl).toContain('niet significant');
    expect(nl).toContain('p < 0,05 (**)');
    expect(nl).toContain('Significantie van het gecorrigeerde effect');
    expect(en).toContain('p < 0.05 (**)');
    expect(en).toContain('Months since the start');
  });

  it('a pp axis with decimals: "−0,4" in Dutch, "−0.4" in English', async () => {
    const small = {
      ...series,
      months: series.months.map((m, i) => ({
        ...m,
        raw: estimate(-0.002 * i, 0.5, '', 0.004),
        adjusted: estimate(-0.002 * i, 0.5, '', 0.004),
      })),
    };
    const nl = texts(await renderSvg(effectChart(small, { lang: 'nl' })));
    const en = texts(await renderSvg(effectChart(small)));
    expect(nl).toContain('\u22120,4');
    expect(nl).not.toContain('\u22120.4');
    expect(en).toContain('\u22120.4');
  });

  it('the outflow chart: Dutch titles and "%" ticks', async () => {
    const nl = texts(await renderSvg(outflowChart(outflow, { lang: 'nl' })));
    expect(nl).toContain('Maanden sinds de start');
    expect(nl).toContain('Cumulatief aandeel met bijstand (%)');
    expect(nl).toContain('25%');
    expect(nl).toContain('Cumulatieve uitstroom naar bijstand per maand');
    expect(nl.at(-1)).toContain('95%-betrouwbaarheidsinterval');
  });
});
