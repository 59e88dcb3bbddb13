// Work shared between events (series-share.ts): the effect series, the subgroup series and the
// interaction tests of two events from one pass per sample equal, bit for bit, each event alone.
import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { effectSeries, effectSeriesShared } from '../../src/analysis/effect-series.js';
import { createSeriesShare } from '../../src/analysis/series-share.js';
import { effectSeriesBy, effectSeriesByShared } from '../../src/analysis/subgroups.js';
import { experimentIntake } from '../../src/data/intake.js';
import {
  olsCumulativeSeries,
  olsCumulativeSeriesMany,
} from '../../src/estimate/cumulative-series.js';
import { olsPrepare } from '../../src/estimate/ols.js';
import { smallRows } from '../evaluate/small-data.js';

const rows = smallRows();
const data = table(
  Object.fromEntries(Object.keys(rows[0]!).map((k) => [k, rows.map((r) => (r as never)[k])])),
);
const events = ['month_bijstand', 'month_work'];
const spec = {
  arm: 'arm',
  treatment: 'experiment',
  control: 'control',
  followup: 'followup_months',
  months: 12,
  covariates: ['age', 'gender', 'office'],
};
const intakeOf = () => experimentIntake(data, { ...spec, id: 'id' }, { events });

describe('series shared between events', () => {
  it('olsCumulativeSeriesMany equals olsCumulativeSeries per event', () => {
    const n = rows.length;
    const x = {
      names: ['(Intercept)', 'treatment', 'age'],
      columns: [
        new Float64Array(n).fill(1),
        Float64Array.from(rows, (r) => (r.arm === 'experiment' ? 1 : 0)),
        Float64Array.from(rows, (r) => r.age),
      ],
      n,
    };
    const prep = olsPrepare(x);
    const months = events.map((e) => Float64Array.from(rows, (r) => (r as never)[e] ?? Number.NaN));
    for (const se of ['HC2', 'HC0', 'HC1', 'HC3', 'classical'] as const) {
      const many = olsCumulativeSeriesMany(prep, months, [2, 4, 6], 'treatment', { se });
      months.forEach((m, e) => {
        expect(many[e]).toStrictEqual(olsCumulativeSeries(prep, m, [2, 4, 6], 'treatment', { se }));
      });
    }
  });

  it('effectSeriesShared equals effectSeries for every event, in either order', () => {
    for (const order of [events, [...events].reverse()]) {
      const intake = intakeOf();
      const share = createSeriesShare(intake, order);
      for (const event of order) {
        const shared = effectSeriesShared(intake, { ...spec, event }, share);
        const alone = effectSeries(intakeOf(), { ...spec, event });
        expect(shared.toTable()).toStrictEqual(alone.toTable());
        expect(shared.months).toStrictEqual(alone.months);
      }
    }
  });

  it('effectSeriesByShared equals effectSeriesBy (subgroup series and heterogeneity tests)', () => {
    const intake = intakeOf();
    const share = createSeriesShare(intake, events);
    for (const event of events) {
      const shared = effectSeriesByShared(intake, { ...spec, event, by: 'gender' }, share);
      const alone = effectSeriesBy(intakeOf(), { ...spec, event, by: 'gender' });
      expect(shared.toTable()).toStrictEqual(alone.toTable());
      expect(shared.heterogeneity).toStrictEqual(alone.heterogeneity);
      expect(shared.notEstimable).toStrictEqual(alone.notEstimable);
      // After the first event its fits and tests for the second wait in the share.
      if (event === events[0]) expect(share.pending.size).toBeGreaterThan(0);
    }
    // Everything left for the second event was taken.
    expect(share.pending.size).toBe(0);
  });
});
