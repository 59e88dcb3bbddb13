/**
 * The generated SQL is portable: the same statements run on a PostgreSQL server this test
 * starts on localhost (Debian's `postgresql` package; .ci/run installs it), on the same data,
 * and give the same aggregates and results as DuckDB. Skipped, saying why, without the binaries.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceTable } from '../../src/duckdb/balance.js';
import { compareArms } from '../../src/duckdb/compare-arms.js';
import { effectSeries } from '../../src/duckdb/effect-series.js';
import { cumulativeOutflow } from '../../src/duckdb/outflow.js';
import { duckdbRunner, type SqlRunner } from '../../src/duckdb/runner.js';
import { POSTGRES } from '../../src/duckdb/sql.js';
import { censoredClients, columnTypes, duckdbWith, type Row } from './fixture.js';
import { loadRows, pgClient, pgRunner, postgresBin, startPostgres } from './postgres-server.js';

const bin = postgresBin();
if (!bin) {
  console.warn(
    "tests/duckdb/postgres.test.ts skipped: no PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin or $PG_BIN; install Debian's postgresql package (apt-get install -y postgresql) to run it",
  );
}

function close(a: number, b: number, tol = 1e-10) {
  if (a === b) return;
  const scale = Math.max(Math.abs(a), Math.abs(b), 1e-300);
  expect(Math.abs(a - b) / scale, `${a} vs ${b}`).toBeLessThanOrEqual(tol);
}

/** Every number in a nested result, in order (for comparing two results whole). */
function numbers(x: unknown, out: number[] = []): number[] {
  if (typeof x === 'number') out.push(x);
  else if (Array.isArray(x)) for (const v of x) numbers(v, out);
  else if (x && typeof x === 'object') for (const v of Object.values(x)) numbers(v, out);
  return out;
}

/** Rows in a fixed order (a statement without ORDER BY may return them in any order). */
function sortRows(rows: readonly Record<string, unknown>[]) {
  const key = (r: Record<string, unknown>) =>
    JSON.stringify(
      Object.values(r).map((v) => (typeof v === 'number' ? Number(v.toPrecision(8)) : v)),
    );
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

describe.skipIf(!bin)('the same SQL on PostgreSQL', () => {
  let server: { port: number; stop: () => void };
  let client: pg.Client;
  let postgres: ReturnType<typeof pgRunner>;
  let duck: SqlRunner;
  let rows: Row[];
  beforeAll(async () => {
    rows = await censoredClients();
    server = await startPostgres(bin!);
    client = pgClient(server.port);
    await client.connect();
    await loadRows(client, 'clients', rows, columnTypes(rows));
    const db = await duckdbWith(rows);
    // DuckDB with PostgreSQL's type names: the statements are then the same text.
    duck = { ...duckdbRunner(db.connection), dialect: POSTGRES };
  });
  afterAll(async () => {
    await client?.end();
    server?.stop();
  });

  it('effect series (censoring, factors, HC2): same statements, same aggregates, same results', async () => {
    const spec = {
      event: 'month_bijstand',
      months: 24,
      covariates: ['gender', 'age', 'education', 'prior_bijstand', 'decile'],
      factors: ['decile'],
      threshold: 0,
    };
    const onPg = await effectSeries(postgres_(), 'clients', spec);
    const statements = [...postgres.log];
    const onDuck = await effectSeries(duck, 'clients', spec);
    expect(onPg.months.length).toBe(24);
    const a = numbers(onPg.months);
    const b = numbers(onDuck.months);
    expect(a.length).toBe(b.length);
    a.forEach((x, i) => {
      close(x, b[i]!);
    });
    // Each statement, run on both engines, returns the same aggregates.
    for (const sql of statements) {
      const x = numbers(sortRows(await postgres.query(sql)));
      const y = numbers(sortRows(await duck.query(sql)));
      expect(x.length).toBe(y.length);
      // Relative 1e-10, or 1e-15 of the statement's largest aggregate for sums that cancel to ~0
      // (the centred covariates' column sums).
      const largest = Math.max(...x.map(Math.abs));
      x.forEach((v, i) => {
        const diff = Math.abs(v - y[i]!);
        expect(diff, `${v} vs ${y[i]}`).toBeLessThanOrEqual(
          1e-10 * Math.max(Math.abs(v), Math.abs(y[i]!)) + 1e-15 * largest,
        );
      });
    }
  });

  it('outflow, arm comparisons and balance table: same results', async () => {
    const outflow = {
      events: ['month_bijstand', 'month_work'],
      months: 24,
      groups: ['control', 'experiment'],
    };
    const arms = {
      outcomes: ['bijstand_12', 'ww_benefit'],
      covariates: ['gender', 'age', 'education'],
      threshold: 0,
    };
    const balance = {
      covariates: ['gender', 'age', 'education', 'decile'],
      factors: ['decile'],
      arms: ['control', 'experiment'],
      threshold: 0,
    };
    const pairs = [
      [
        await cumulativeOutflow(postgres_(), 'clients', outflow),
        await cumulativeOutflow(duck, 'clients', outflow),
      ],
      [await compareArms(postgres_(), 'clients', arms), await compareArms(duck, 'clients', arms)],
      [
        await balanceTable(postgres_(), 'clients', balance),
        await balanceTable(duck, 'clients', balance),
      ],
    ] as const;
    for (const [p, d] of pairs) {
      const x = numbers(p);
      const y = numbers(d);
      expect(x.length).toBe(y.length);
      x.forEach((v, i) => {
        close(v, y[i]!);
      });
    }
  });

  function postgres_() {
    postgres = pgRunner(client);
    return postgres;
  }
});
