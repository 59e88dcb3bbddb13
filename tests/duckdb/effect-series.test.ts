import { effectSeries as inMemory } from 'effectmeting';
import { beforeAll, describe, expect, it } from 'vitest';
import { effectSeries } from '../../src/duckdb/effect-series.js';
import { censoredClients, duckdbWith, type Row } from './fixture.js';

function close(a: number, b: number, tol = 1e-10) {
  if (a === b) return;
  const scale = Math.max(Math.abs(a), Math.abs(b), 1e-300);
  expect(Math.abs(a - b) / scale, `${a} vs ${b}`).toBeLessThanOrEqual(tol);
}

let rows: Row[];
let db: Awaited<ReturnType<typeof duckdbWith>>;
beforeAll(async () => {
  rows = await censoredClients();
  db = await duckdbWith(rows);
});

const spec = {
  event: 'month_bijstand',
  months: 24,
  covariates: ['gender', 'age', 'education', 'prior_bijstand', 'household', 'decile'],
  factors: ['decile'],
  reference: { education: 'middle' },
} as const;

describe('effectSeries in DuckDB', () => {
  it('equals the in-memory series (censored, factors, HC2) to 1e-10', async () => {
    const mem = inMemory(rows, { ...spec, rareLevels: 'error' });
    const sql = await effectSeries(db.connection, 'clients', { ...spec, threshold: 0 });
    expect(sql.months.map((m) => m.month)).toEqual(mem.months.map((m) => m.month));
    expect(sql.covariates).toEqual(mem.covariates);
    expect(sql.suppressed.items).toEqual([]);
    for (const [i, m] of mem.months.entries()) {
      const s = sql.months[i]!;
      expect([s.nTreated, s.nControl, s.eventsTreated, s.eventsControl]).toEqual([
        m.nTreated,
        m.nControl,
        m.eventsTreated,
        m.eventsControl,
      ]);
      close(s.raw.estimate, m.raw.estimate);
      close(s.raw.stdError, m.raw.stdError);
      close(s.raw.ci[0], m.raw.ci[0]);
      expect(s.adjusted === undefined).toBe(m.adjusted === undefined);
      if (m.adjusted && s.adjusted) {
        close(s.adjusted.estimate, m.adjusted.estimate);
        close(s.adjusted.stdError, m.adjusted.stdError);
        close(s.adjusted.pValue, m.adjusted.pValue, 1e-8);
        expect(s.adjusted.df).toBe(m.adjusted.df);
      }
    }
    expect(sql.excluded).toEqual(mem.excluded);
  });

  it('takes the months rule of the in-memory series: a repeat or a step back is an error', async () => {
    const months = [12, 6, 12];
    expect(() => inMemory(rows, { ...spec, months })).toThrow(
      'months must be strictly increasing: 6 after 12',
    );
    await expect(effectSeries(db.connection, 'clients', { ...spec, months })).rejects.toThrow(
      'months must be strictly increasing: 6 after 12',
    );
  });

  for (const se of ['HC0', 'HC1', 'HC3', 'classical'] as const) {
    it(`equals in memory with se ${se}`, async () => {
      const mem = inMemory(rows, { ...spec, se, months: [3, 12, 24] });
      const sql = await effectSeries(db.connection, 'clients', {
        ...spec,
        se,
        months: [3, 12, 24],
        threshold: 0,
      });
      mem.months.forEach((m, i) => {
        close(sql.months[i]!.adjusted!.stdError, m.adjusted!.stdError);
      });
    });
  }
});
