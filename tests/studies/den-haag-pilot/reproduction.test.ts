/**
 * The Den Haag pilot's published figures (the pilot report "WW (niet) naar bijstand"; docs/reproduction.md), reproduced from
 * the synthetic reconstruction `data/den-haag-pilot.csv` through the public API. Each figure is
 * asserted at the precision the report publishes it. The data are synthetic, calibrated to these
 * margins by `scripts/calibrate-den-haag.ts`; the analysis code below never sees the targets.
 */

import type { ColumnTable } from 'arquero';
import { cumulativeOutflow, documentHtml, documentMarkdown } from 'effectmeting';
import { clientCount, oneIn } from 'effectmeting/kernels';
import { loadTable } from 'effectmeting/node';
import { type PilotResult, pilotDocument, pilotMarkdown } from 'effectmeting/studies';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataTable, denHaagPilotResult } from '../../fixtures/shared.js';

const pct = (x: number, digits = 1) => Number((100 * x).toFixed(digits));

let table: ColumnTable;
let r: PilotResult;
beforeAll(async () => {
  table = await dataTable('den-haag-pilot.csv');
  r = await denHaagPilotResult();
});

describe('Den Haag pilot, design (Box 2)', () => {
  it('assigned 9,788 experiment and 2,403 control clients, consistent with 80/20', () => {
    const arms = Object.fromEntries(r.assignment.arms.map((a) => [a.arm, a.observed]));
    expect(arms).toEqual({ experiment: 9788, control: 2403 });
    expect(r.assignment.pValue).toBeGreaterThan(0.05);
  });
  it('has 978 experiment and 240 control clients in decile 1', () => {
    expect(r.decileCounts).toEqual({ treatment: 978, control: 240 });
  });
  it('control flow-through by month 24: decile 1 ≈ 42 %, decile 2 ≈ 9 %, deciles 3–10 ≈ 0 %', () => {
    const outflow = cumulativeOutflow(
      (table.objects() as Record<string, unknown>[]).filter((d) => d.arm === 'control'),
      { events: ['month_bijstand'], group: 'decile', months: 24 },
    );
    const share = (decile: number) => outflow.get(String(decile), 'bijstand', 24)!.share;
    // "≈": the report gives these as round numbers; month 24 is 41.5 % exactly below.
    expect(Math.abs(share(1) - 0.42)).toBeLessThan(0.01);
    expect(Math.abs(share(2) - 0.09)).toBeLessThan(0.01);
    // Deciles 3–10 "≈ 0 %": decile 3 of the reconstruction has 1.3 % (see docs/reproduction.md),
    // deciles 4–10 round to 0 %.
    expect(share(3)).toBeLessThan(0.015);
    for (let d = 4; d <= 10; d++) expect(pct(share(d), 0)).toBe(0);
  });
});

describe('Den Haag pilot, participation in decile 1 (Table 2)', () => {
  const row = (category: string) => r.participation.rows.find((x) => x.category === category)!;
  it('matches the published counts per category', () => {
    expect(row('not_assessed').treatment.count).toBe(206);
    expect(row('not_assessed').control.count).toBe(232);
    expect(row('assessed_no_conversation').treatment.count).toBe(438);
    expect(row('assessed_conversation').treatment.count).toBe(334);
    expect(row('assessed_conversation').control.count).toBe(8);
    expect(row('uwv_conversation').treatment.count).toBe(213);
    expect(row('three_way_conversation').treatment.count).toBe(121);
    expect(row('three_way_conversation').control.count).toBe(8);
  });
  it('matches the published shares 21 %, 45 %, 34 %, 97 %, 3 %', () => {
    expect(pct(row('not_assessed').treatment.share, 0)).toBe(21);
    expect(pct(row('assessed_no_conversation').treatment.share, 0)).toBe(45);
    expect(pct(row('assessed_conversation').treatment.share, 0)).toBe(34);
    expect(pct(row('not_assessed').control.share, 0)).toBe(97);
    expect(pct(row('assessed_conversation').control.share, 0)).toBe(3);
  });
  it('gives a 31 pp difference in received service', () => {
    expect(pct(r.participation.received.difference.estimate, 0)).toBe(31);
  });
});

describe('Den Haag pilot, outcome curves and effects (Figures 2a, 2b)', () => {
  it('month 24: experiment 34.3 % (336 clients), control 41.5 % (100 clients)', () => {
    expect(pct(r.final.shareTreatment)).toBe(34.3);
    expect(Math.round(978 * r.final.shareTreatment)).toBe(336);
    expect(pct(r.final.shareControl)).toBe(41.5);
    expect(Math.round(240 * r.final.shareControl)).toBe(100);
  });
  it('raw difference −7.2 pp, adjusted effect −6.3 pp at month 24', () => {
    expect(pct(r.final.raw)).toBe(-7.2);
    expect(pct(r.final.adjusted)).toBe(-6.3);
  });
  it('is significant at 10 % from month 12 onward and at 5 % from month 14 onward, not before', () => {
    expect(r.significance.at10.from).toBe(12);
    expect(r.significance.at10.first).toBe(12);
    expect(r.significance.at05.from).toBe(14);
    expect(r.significance.at05.first).toBe(14);
  });
  it('carries the national first-decile line: almost 30 % at month 24', async () => {
    const benchmark = await loadTable('data/den-haag-national-benchmark.csv');
    const last = benchmark.objects().at(-1) as { month: number; share: number };
    expect(last.month).toBe(24);
    expect(last.share).toBeGreaterThan(0.28);
    expect(last.share).toBeLessThan(0.3);
  });
});

describe('Den Haag pilot, policy figures', () => {
  it('expected 405.7 ≈ 406 (published 405: not given by the data), prevented 62, 15 %, 1 in 5', () => {
    // The data give 978 × 41.48 % = 405.7; the report's 405 is not reproduced, and the output
    // is not bent to it (docs/reproduction.md, note 2). Counts are rounded to the nearest client.
    expect(r.impact.expected.value).toBeCloseTo(405.7, 1);
    expect(clientCount(r.impact.expected.value)).toBe(406);
    expect(clientCount(r.impact.prevented.value)).toBe(62);
    expect(pct(r.impact.relativeReduction.value, 0)).toBe(15);
    expect(r.participants).toBe(334);
    expect(oneIn(r.impact.trajectoriesPerSuccess!.value)).toBe('1 in 5');
  });
  it('relative reduction interval with the covariance of effect and control share', () => {
    expect(r.impact.method).toContain('with the covariance of effect and control rate');
    expect(r.impact.relativeReduction.stdError).toBeCloseTo(0.0608, 4);
  });
  it('IV reading: the 2SLS complier effect ≈ −0.20 (published: 6.3 pp / 31 pp ≈ 0.20)', () => {
    expect(Number(r.complier.estimate.toFixed(2))).toBe(-0.2);
    expect(r.complier.ci[1]).toBeLessThan(0);
  });
  it('prints every figure, computed, with its interval', () => {
    const text = pilotMarkdown(r);
    for (const figure of [
      '34.3 %',
      '41.5 %',
      '−7.2 pp',
      '−6.3 pp',
      'from month 12',
      'from month 14',
      '= 405.7, ≈ 406 clients',
      '≈ 62 clients',
      '15.3 %',
      '1 in 5 (95 % CI 1 in',
      '−19.9 pp per participant',
    ]) {
      expect(text).toContain(figure);
    }
    expect(text).not.toContain('405.9');
    expect(text).not.toContain('whole clients');
  });
});

describe('Den Haag pilot, the report document', () => {
  it('is one document: its Markdown is pilotMarkdown, its HTML has real tables', () => {
    const doc = pilotDocument(r);
    expect(documentMarkdown(doc)).toBe(pilotMarkdown(r));
    expect(doc.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual([
      'Den Haag pilot "WW (niet) naar bijstand": effect measurement',
      'Assignment',
      'Participation (Table 2)',
      'Cumulative flow-through into bijstand per month (Figure 2a)',
      'Effect per month, raw and adjusted (Figure 2b)',
      'Summary',
      'Policy figures',
      'Sensitivity: the censoring method',
    ]);
    const html = documentHtml(doc);
    // five result tables and both effects with their intervals (effect_intervals)
    expect(html.match(/<table/g)).toHaveLength(6);
    expect(html).not.toMatch(/^\|/m);
    expect(html).toContain('<li>Relative reduction: −effect / control share = 15.3 %');
  });
});
