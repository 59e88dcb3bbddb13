import type { ColumnTable } from 'arquero';
import { table } from 'arquero';
import { beforeAll, describe, expect, it } from 'vitest';
import { followupPattern } from '../../src/data/followup-pattern.js';
import { checkExperiment } from '../../src/data/validate.js';
import { createRng } from '../../src/stats/random.js';
import { dataTable } from '../fixtures/shared.js';

const nan = Number.NaN;

describe('followupPattern: potential follow-up or observation end', () => {
  it('(a) follow-up ending in the event month for most clients with the event', () => {
    const p = followupPattern(
      Float64Array.of(3, 5, 24, 24, 2, 7, 4, 6, 24),
      Float64Array.of(3, 5, nan, nan, 2, 7, 4, 6, 20),
    );
    expect(p).toMatchObject({ survivalShaped: true, withEvent: 7, endAtEvent: 6, longest: 24 });
  });
  it('administrative follow-up (staggered entry) is not flagged', () => {
    const rng = createRng('potential');
    const n = 2000;
    const f = new Float64Array(n);
    const e = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      f[i] = 1 + rng.int(24);
      const latent = 1 + rng.int(40);
      e[i] = latent <= f[i]! ? latent : nan;
    }
    const p = followupPattern(f, e);
    expect(p.survivalShaped).toBe(false);
    // An event needs f ≥ e, so clients with it are short less often than those without.
    expect(p.z).toBeLessThan(0);
  });
});

describe('validation warns on survival-shaped follow-up', () => {
  let pilot: ColumnTable;
  beforeAll(async () => {
    pilot = (await dataTable('den-haag-pilot.csv')).filter(
      (d: { decile: number }) => d.decile === 1,
    );
  });
  it('the Den Haag pilot (potential follow-up) passes without a warning', () => {
    const check = checkExperiment(pilot, { events: ['month_bijstand'] });
    expect(check.ok).toBe(true);
    expect(check.warnings).toEqual([]);
  });
  it('ending follow-up 6 months after the event for 30 % of clients with the event is flagged, naming the estimator', () => {
    const rng = createRng('den-haag-sensitivity');
    const rows = (
      pilot.objects() as { followup_months: number; month_bijstand: number | null }[]
    ).map((r) =>
      r.month_bijstand !== null && rng.bernoulli(0.3)
        ? { ...r, followup_months: Math.min(r.followup_months, r.month_bijstand + 6) }
        : r,
    );
    const check = checkExperiment(rows, { events: ['month_bijstand'] });
    expect(check.ok).toBe(true);
    expect(check.warnings).toHaveLength(1);
    const w = check.warnings[0]!;
    expect(w).toMatchObject({
      code: 'survival-shaped-followup',
      column: 'followup_months',
      event: 'month_bijstand',
    });
    expect(w.message).toContain('would be biased');
    expect(w.message).toContain("censoring: 'ipcw'");
  });
  it('follow-up equal to the event month (Surv-shaped) is flagged', () => {
    const check = checkExperiment(
      table({
        id: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
        arm: ['experiment', 'control', 'experiment', 'control', 'experiment', 'control', 'control'],
        followup_months: [3, 5, 2, 7, 4, 24, 12],
        month_bijstand: [3, 5, 2, 7, 4, null, null],
      }),
    );
    expect(check.warnings.map((w) => w.code)).toEqual(['survival-shaped-followup']);
    expect(check.warnings[0]!.message).toMatch(/5 of 5 clients with the event stop being followed/);
  });
});
