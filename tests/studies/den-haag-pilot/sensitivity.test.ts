/**
 * The pilot report's sensitivity row: the month-24 effect by complete follow-up (the published
 * method), by Kaplan–Meier and as an RMST difference, each cross-checked against an independent
 * route through the library.
 */
import type { ColumnTable } from 'arquero';
import { cumulativeOutflow } from 'effectmeting';
import { restrictedMean } from 'effectmeting/kernels';
import { type PilotResult, pilotMarkdown } from 'effectmeting/studies';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataTable, denHaagPilotResult } from '../../fixtures/shared.js';

let table: ColumnTable;
let r: PilotResult;
beforeAll(async () => {
  table = await dataTable('den-haag-pilot.csv');
  r = await denHaagPilotResult();
});

describe('Den Haag pilot: sensitivity to the censoring method', () => {
  it('the complete follow-up row is the published raw month-24 effect', () => {
    const s = r.sensitivity;
    expect(s.month).toBe(24);
    expect(s.complete.effect).toBe(r.effects.months.at(-1)!.raw);
    expect(s.complete.control).toBe(r.final.shareControl);
  });
  it('the Kaplan–Meier row equals cumulativeOutflow with method kaplan-meier', () => {
    const decile1 = table.filter((d: { decile: number }) => d.decile === 1);
    const km = cumulativeOutflow(decile1, {
      events: ['month_bijstand'],
      groups: ['experiment', 'control'],
      months: 24,
      method: 'kaplan-meier',
    });
    const t = km.get('experiment', 'bijstand', 24)!;
    const c = km.get('control', 'bijstand', 24)!;
    const row = r.sensitivity.kaplanMeier;
    expect(row.treatment.estimable && row.treatment.incidence).toBe(t.share);
    expect(row.control.estimable && row.control.incidence).toBe(c.share);
    const d = row.difference!;
    expect(d.estimate).toBeCloseTo(t.share - c.share, 15);
    expect(d.stdError).toBeCloseTo(Math.hypot(t.stdError, c.stdError), 15);
  });
  it('the RMST row equals the restrictedMean kernel per arm', () => {
    const rows = table.objects() as {
      decile: number;
      arm: string;
      followup_months: number;
      month_bijstand: number | null;
    }[];
    for (const arm of r.sensitivity.rmst.arms) {
      const own = rows.filter((x) => x.decile === 1 && x.arm === arm.arm);
      const time = own.map((x) => x.month_bijstand ?? x.followup_months);
      const event = own.map((x) => (x.month_bijstand === null ? 0 : 1));
      const k = restrictedMean(time, event, 24);
      expect(arm.rmean).toBeCloseTo(k.rmean, 12);
      expect(arm.stdError).toBeCloseTo(k.stdError, 12);
    }
  });
  it('the report shows the rows and says which method the published report used', () => {
    const md = pilotMarkdown(r);
    expect(md).toContain('## Sensitivity: the censoring method');
    expect(md).toContain('| complete follow-up (published), share by month 24 |');
    expect(md).toContain('| Kaplan–Meier, 1 − S(24) |');
    expect(md).toContain('The published report used complete follow-up (first row)');
    // The figures docs/reproduction.md quotes.
    expect(md).toContain('| 34.3 % | 41.5 % | −7.2 pp** | 3.6 pp | −14.2 pp to −0.1 pp | 0.047 |');
    expect(md).toContain('| 34.9 % | 41.5 % | −6.6 pp* | 3.6 pp | −13.6 pp to 0.4 pp | 0.064 |');
    expect(md).toContain('| 18.21 m | 17.04 m | 1.17 m* | 0.64 m | −0.09 m to 2.42 m | 0.069 |');
  });
});
