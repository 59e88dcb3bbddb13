import { compareArms as compareInMemory, cumulativeOutflow as outflowInMemory } from 'effectmeting';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareArms } from '../../src/duckdb/compare-arms.js';
import { cumulativeOutflow } from '../../src/duckdb/outflow.js';
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

describe('cumulativeOutflow in DuckDB', () => {
  it('equals the in-memory complete follow-up curves (two destinations, censored)', async () => {
    const spec = {
      events: ['month_bijstand', 'month_work'],
      months: 24,
      groups: ['control', 'experiment'],
    };
    const mem = outflowInMemory(rows, spec);
    const sql = await cumulativeOutflow(db.connection, 'clients', { ...spec, threshold: 0 });
    expect(sql.rows.length).toBe(mem.rows.length);
    mem.rows.forEach((m, i) => {
      const s = sql.rows[i]!;
      expect([s.group, s.destination, s.month, s.atRisk, s.events]).toEqual([
        m.group,
        m.destination,
        m.month,
        m.atRisk,
        m.events,
      ]);
      close(s.share, m.share);
      close(s.stdError, m.stdError);
      close(s.ci[0], m.ci[0]);
      close(s.ci[1], m.ci[1]);
    });
    expect(sql.groups).toEqual(mem.groups.map((g) => ({ group: g.group, n: g.n })));
  });

  it('withholds small counts in SQL and says so', async () => {
    const sql = await cumulativeOutflow(db.connection, 'clients', {
      events: ['month_bijstand'],
      months: 24,
      groups: ['control', 'experiment', 'other'],
      threshold: 30,
    });
    expect(sql.groups.map((g) => g.group)).toEqual(['control', 'experiment']);
    expect(sql.suppressed.items[0]).toMatch(/group 'other': withheld/);
    for (const r of sql.rows) {
      expect(r.atRisk).toBeGreaterThanOrEqual(30);
      expect(r.events === 0 || r.events >= 30).toBe(true);
      expect(r.atRisk - r.events === 0 || r.atRisk - r.events >= 30).toBe(true);
    }
  });
});

describe('compareArms in DuckDB', () => {
  it('equals the in-memory comparison (binary and numeric, missing values, HC2 adjusted)', async () => {
    const spec = {
      outcomes: ['bijstand_12', 'ww_benefit', 'prior_bijstand'],
      covariates: ['gender', 'age', 'education', 'household'],
    };
    const mem = compareInMemory(rows, spec);
    const sql = await compareArms(db.connection, 'clients', { ...spec, threshold: 0 });
    expect(sql.covariates).toEqual(mem.covariates);
    mem.outcomes.forEach((m, i) => {
      const s = sql.outcomes[i]!;
      expect(s.kind).toBe(m.kind);
      expect([s.treatment.n, s.control.n, s.treatment.missing, s.control.missing]).toEqual([
        m.treatment.n,
        m.control.n,
        m.treatment.missing,
        m.control.missing,
      ]);
      close(s.treatment.mean, m.treatment.mean);
      close(s.control.sd, m.control.sd);
      for (const key of ['estimate', 'stdError', 'df'] as const)
        close(s.difference[key], m.difference[key]);
      close(s.difference.pValue, m.difference.pValue, 1e-8);
      close(s.adjusted!.estimate, m.adjusted!.estimate);
      close(s.adjusted!.stdError, m.adjusted!.stdError);
      expect(s.adjusted!.df).toBe(m.adjusted!.df);
    });
  });
});
