/**
 * What comes back from the database: small counts are withheld in SQL (the runner never sees
 * them), ids never leave it, column problems are named, and column names cannot inject SQL.
 */
import { effectSeries as inMemory } from 'effectmeting';
import { beforeAll, describe, expect, it } from 'vitest';
import { effectSeries } from '../../src/duckdb/effect-series.js';
import { duckdbRunner, type SqlRow, type SqlRunner } from '../../src/duckdb/runner.js';
import { censoredClients, duckdbWith, type Row } from './fixture.js';

let rows: Row[];
let db: Awaited<ReturnType<typeof duckdbWith>>;
beforeAll(async () => {
  rows = await censoredClients();
  db = await duckdbWith(rows);
});

/** A runner that keeps every row it receives. */
function recording(inner: SqlRunner): SqlRunner & { received: SqlRow[] } {
  const received: SqlRow[] = [];
  return {
    dialect: inner.dialect,
    columns: (r) => inner.columns(r),
    async query(sql) {
      const out = await inner.query(sql);
      received.push(...out);
      return out;
    },
    received,
  };
}

const spec = {
  event: 'month_bijstand',
  months: 24,
  covariates: ['gender', 'age', 'education', 'prior_bijstand'],
} as const;

describe('disclosure control in the database', () => {
  it('withholds months with small counts in SQL, says so, and equals in memory elsewhere', async () => {
    const runner = recording(duckdbRunner(db.connection));
    // Decile 1 only (a view): few events in the first months.
    await db.connection.run(
      'CREATE OR REPLACE VIEW decile1 AS SELECT * FROM clients WHERE decile = 1',
    );
    const sql = await effectSeries(runner, 'decile1', spec);
    const mem = inMemory(
      rows.filter((r) => r.decile === 1),
      spec,
    );
    expect(sql.suppressed.threshold).toBe(10);
    expect(sql.suppressed.items.length).toBeGreaterThan(0);
    expect(sql.suppressed.items[0]).toMatch(/^month 1: withheld/);
    for (const m of sql.months) {
      for (const c of [m.nTreated, m.nControl, m.eventsTreated, m.eventsControl]) {
        expect(c === 0 || c >= 10).toBe(true);
      }
      const ref = mem.months.find((x) => x.month === m.month)!;
      expect(m.raw.estimate).toBeCloseTo(ref.raw.estimate, 12);
      if (m.adjusted) expect(m.adjusted.estimate).toBeCloseTo(ref.adjusted!.estimate, 12);
    }
    // Every count that reached Node: n, events, X'X entries of 0/1 columns are 0 or ≥ 10.
    for (const row of runner.received) {
      for (const [k, v] of Object.entries(row)) {
        if (k === 'n' || k === 'events' || /^xx_[01]_[01]$/.test(k)) {
          expect(v === null || v === 0 || Number(v) >= 10, `${k} = ${v}`).toBe(true);
        }
      }
      // No id-like value ever comes back.
      for (const v of Object.values(row)) expect(String(v)).not.toMatch(/^DH\d+/);
    }
  });

  it('names the column and what was expected, and counts the rows instead of naming them', async () => {
    await db.connection.run(
      'CREATE OR REPLACE VIEW late AS SELECT * REPLACE (CASE WHEN decile = 2 THEN followup_months + 30 ELSE month_bijstand END AS month_bijstand) FROM clients',
    );
    await expect(effectSeries(db.connection, 'late', spec)).rejects.toThrow(
      /column 'month_bijstand' has an event after the end of follow-up \('followup_months'\) in \d+ rows \(row numbers are not read from the database\)/,
    );
    await expect(
      effectSeries(db.connection, 'clients', { ...spec, event: 'month_nothing' }),
    ).rejects.toThrow(/month_nothing/);
    await expect(
      effectSeries(db.connection, 'clients', { ...spec, event: 'gender' }),
    ).rejects.toMatchObject({ code: 'wrong-type', column: 'gender' });
    await expect(
      effectSeries(db.connection, 'clients', { ...spec, reference: { education: 'none' } }),
    ).rejects.toMatchObject({ code: 'unknown-level', column: 'education' });
    await expect(
      effectSeries(db.connection, 'clients', { ...spec, treatment: 'intensive' }),
    ).rejects.toMatchObject({ code: 'unknown-arm' });
  });

  it('quotes column names: a hostile name is one identifier, never SQL', async () => {
    await db.connection.run(
      `CREATE OR REPLACE TABLE hostile AS SELECT *, age AS "age""; DROP TABLE clients; --" FROM clients`,
    );
    const s = await effectSeries(db.connection, 'hostile', {
      ...spec,
      months: [24],
      covariates: ['gender', 'age"; DROP TABLE clients; --'],
      threshold: 0,
    });
    expect(s.covariates).toContain('age"; DROP TABLE clients; --');
    const still = await duckdbRunner(db.connection).query('SELECT COUNT(*) AS n FROM clients');
    expect(still[0]!.n).toBe(rows.length);
  });
});
