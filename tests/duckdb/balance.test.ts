import { balanceTable as inMemory } from 'effectmeting';
import { beforeAll, describe, expect, it } from 'vitest';
import { balanceTable } from '../../src/duckdb/balance.js';
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
  covariates: ['gender', 'age', 'education', 'household', 'decile'],
  factors: ['decile'],
};

describe('balanceTable in DuckDB', () => {
  for (const arms of [undefined, ['control', 'experiment']]) {
    it(`equals the in-memory balance table (${arms ? 'two arms' : 'all three arms'})`, async () => {
      const mem = inMemory(rows, { ...spec, ...(arms ? { arms } : {}) });
      const sql = await balanceTable(db.connection, 'clients', {
        ...spec,
        ...(arms ? { arms } : {}),
        threshold: 0,
      });
      expect(sql.arms).toEqual(mem.arms);
      expect(sql.rows.map((r) => [r.covariate, r.level])).toEqual(
        mem.rows.map((r) => [r.covariate, r.level]),
      );
      mem.rows.forEach((m, i) => {
        const s = sql.rows[i]!;
        m.stats.forEach((st, g) => {
          expect(s.stats[g]!.n).toBe(st.n);
          close(s.stats[g]!.share ?? s.stats[g]!.mean!, st.share ?? st.mean!);
          if (st.sd !== undefined) close(s.stats[g]!.sd!, st.sd);
        });
        for (const a of Object.keys(m.smd)) close(s.smd[a]!, m.smd[a]!);
      });
      mem.tests.forEach((t, i) => {
        close(sql.tests[i]!.statistic, t.statistic);
        close(sql.tests[i]!.pValue, t.pValue, 1e-8);
      });
      expect(sql.omnibus.length).toBe(mem.omnibus.length);
      mem.omnibus.forEach((o, i) => {
        const s = sql.omnibus[i]!;
        expect(s.terms).toEqual(o.terms);
        expect(s.n).toBe(o.n);
        expect(s.df).toEqual(o.df);
        close(s.statistic, o.statistic);
        close(s.pValue, o.pValue, 1e-8);
        close(s.adjustedPValue, o.adjustedPValue, 1e-8);
      });
    });
  }

  it('withholds a covariate whose level × arm counts are small, in SQL', async () => {
    const sql = await balanceTable(db.connection, 'clients', { ...spec });
    // The third arm has 24 clients: its small level counts withhold the factors.
    expect(sql.suppressed.items.some((s) => s.startsWith("covariate 'education': withheld"))).toBe(
      true,
    );
    for (const r of sql.rows) for (const s of r.stats) expect(s.n === 0 || s.n >= 10).toBe(true);
  });
});
