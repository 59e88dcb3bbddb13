/**
 * The published figures of the personal-services experiment in WW, 2017–2018
 * (docs/reproduction.md, "Personal services in WW"; Kamerbrief of 11 June 2021 on the second interim
 * report), reproduced from the synthetic reconstruction `data/personal-services-2017.csv`
 * through the public API. Each figure is asserted at the precision it is published. The data
 * are synthetic, calibrated to these margins by `scripts/calibrate-personal-services-2017.ts`;
 * the analysis code never sees the targets.
 */

import {
  type PersonalServicesResult,
  personalServicesDocument,
  personalServicesMarkdown,
} from 'effectmeting/studies';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentPage } from '../../../src/report/document-report.js';
import { documentMarkdown, type ModelTableBlock } from '../../../src/table/index.js';
import { personalServices2017Result } from '../../fixtures/shared.js';

const pp = (x: number, digits = 1) => Number((100 * x).toFixed(digits));

let r: PersonalServicesResult;
beforeAll(async () => {
  r = await personalServices2017Result();
});

describe('Personal services in WW, design', () => {
  it('assigned the WW inflow of 1 Dec 2017 – 31 Dec 2018 at random, consistent with 80/10/10', () => {
    expect(r.assignment.arms.map((a) => a.arm)).toEqual([
      'service',
      'control_enforcement',
      'control_none',
    ]);
    expect(r.assignment.arms.map((a) => a.intended)).toEqual([0.8, 0.1, 0.1]);
    expect(r.assignment.df).toBe(2);
    expect(r.assignment.pValue).toBeGreaterThan(0.05);
  });
  it('follows clients up to 30 months', () => {
    expect(r.outflow.months).toBe(30);
    expect(r.outflow.get('service', 'job', 30)!.atRisk).toBeGreaterThan(0);
  });
});

describe('Personal services in WW, effects within 12 months of inflow (service vs no service)', () => {
  it('job-finding +2.0 pp', () => {
    const e = r.comparisons.service.atMonth.jobFinding;
    expect(e.month).toBe(12);
    expect(pp(e.raw.estimate)).toBe(2.0);
    expect(e.raw.stars).toBe('**');
  });
  it('WW reliance −2.1 pp', () => {
    const e = r.comparisons.service.atMonth.wwReliance;
    expect(pp(e.raw.estimate)).toBe(-2.1);
    expect(e.raw.stars).toBe('**');
  });
});

describe('Personal services in WW, enforcement alone', () => {
  it('has no significant effect on job-finding in the first year', () => {
    const e = r.comparisons.enforcement;
    expect(e.significant.jobFinding.months).toEqual([]);
    expect(e.atMonth.jobFinding.raw.pValue).toBeGreaterThan(0.05);
  });
  it('lowers WW reliance in the short run (significant in months 6–11)', () => {
    const e = r.comparisons.enforcement;
    for (const m of [6, 7, 8, 9, 10, 11]) expect(e.significant.wwReliance.months).toContain(m);
    for (const m of e.wwExit.months.filter((x) => x.month <= 11)) {
      expect(m.raw.estimate).toBeGreaterThanOrEqual(0); // more left WW = lower reliance
    }
  });
});

describe('Personal services in WW, report', () => {
  it('prints every figure, with stars and the method', () => {
    const text = personalServicesMarkdown(r);
    for (const figure of ['2.0 pp**', '−2.1 pp**', 'HC2', 'unpooled (Neyman) SE', '80 %']) {
      expect(text).toContain(figure);
    }
  });
});

describe('Personal services in WW, report document', () => {
  it('is what the Markdown report writes, the sample-ratio blocks included', () => {
    const doc = personalServicesDocument(r);
    expect(documentMarkdown(doc)).toBe(personalServicesMarkdown(r));
    expect(doc).toEqual(expect.arrayContaining([...r.assignment.toDocument()]));
  });
  it('keeps p-values and shares as numbers in typed columns', () => {
    const tables = personalServicesDocument(r).filter(
      (b): b is ModelTableBlock => b.kind === 'table' && 'table' in b,
    );
    const effects = tables.find((b) => b.table.id === 'effects')!.table;
    expect(effects.columns.find((c) => c.id === 'rawP')!.format).toBe('p');
    expect(effects.rows[0]!.rawP).toBe(r.comparisons.service.atMonth.jobFinding.raw.pValue);
    const curves = tables.find((b) => b.table.id === 'curves')!.table;
    expect(curves.rows.find((row) => row.month === 12)!['service job']).toBe(
      r.outflow.get('service', 'job', 12)!.share,
    );
    expect(personalServicesMarkdown(r)).toContain('| 12 | 53.5 % | 51.5 % | 50.7 % | 20.3 % |');
  });
  it('writes an HTML page, one section per heading', () => {
    const html = documentPage(personalServicesDocument(r));
    expect(html).toContain(
      '<h1>Personal services in WW, 2017–2018: effects within 12 months of inflow</h1>',
    );
    // five result sections, the randomisation inference and the summary
    expect(html.match(/<section id=/g)).toHaveLength(7);
  });
  it('says of every significance reading whether it is pointwise or Holm-adjusted, and shows the adjusted p', () => {
    const text = personalServicesMarkdown(r);
    const e = r.comparisons.enforcement;
    expect(text).toContain(
      'significant pointwise in months 3, 4, 5, 6, 7, 8, 9, 10, 11 (p < 0.05)',
    );
    expect(text).toContain('Holm-adjusted over the 12 months');
    expect(e.holm.wwReliance).toHaveLength(12);
    // Holm never lowers a p-value.
    for (const [i, q] of e.holm.wwReliance.entries()) {
      expect(q).toBeGreaterThanOrEqual(e.wwExit.months[i]!.raw.pValue);
    }
    expect(text).toContain('raw p, Holm');
    expect(r.headlineHolm.raw).toHaveLength(6);
  });
  it('shows the randomisation p of the service contrast at month 12, seeded, with its MC SE', () => {
    const ri = r.randomization.jobFinding;
    expect(ri.month).toBe(12);
    expect(ri.draws).toBe(2000);
    expect(ri.itt.estimate).toBeCloseTo(r.comparisons.service.atMonth.jobFinding.raw.estimate, 12);
    expect(ri.itt.monteCarloSe).toBeCloseTo(
      Math.sqrt((ri.itt.pValue * (1 - ri.itt.pValue)) / 2000),
      12,
    );
    expect(Math.abs(ri.itt.pValue - ri.itt.pValueModel)).toBeLessThan(
      5 * ri.itt.monteCarloSe + 0.005,
    );
    const text = personalServicesMarkdown(r);
    expect(text).toContain('## Randomisation inference at month 12');
    expect(text).toContain('Stars: † p < 0.20');
  });
});
