/**
 * Where the statements run: a {@link SqlRunner} sends one statement and gives back its rows as
 * plain objects of numbers, strings, booleans and nulls (64-bit integers and decimals as
 * numbers), and the column kinds of a relation. `duckdbRunner` wraps a DuckDB connection; any
 * other engine (PostgreSQL, Spark SQL, Trino) needs only these two functions.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { DUCKDB, type SqlDialect } from './sql.js';

/** A value as it comes back from the database. */
export type SqlValue = number | string | boolean | null;

/** One result row. */
export type SqlRow = Readonly<Record<string, SqlValue>>;

/** How a column's type is used: numbers, text, booleans, or anything else (dates, lists). */
export type ColumnKind = 'number' | 'text' | 'boolean' | 'other';

/** One column of a relation. */
export interface SqlColumn {
  readonly name: string;
  readonly kind: ColumnKind;
  /** The engine's own type name, for messages. */
  readonly type: string;
}

/** Runs generated SQL on one engine. */
export interface SqlRunner {
  readonly dialect: SqlDialect;
  /** Runs a statement and returns its rows. */
  query(sql: string): Promise<readonly SqlRow[]>;
  /** The columns of `SELECT * FROM <relation>` (read with `LIMIT 0`: no row is read). */
  columns(relation: string): Promise<readonly SqlColumn[]>;
  /** Every statement sent, in order, when recording (for tests and audits). */
  readonly log?: string[];
}

/** Either a DuckDB connection or a runner already made. */
export type Database = DuckDBConnection | SqlRunner;

/**
 * A {@link SqlRunner} on a DuckDB connection (`@duckdb/node-api`).
 *
 * @example
 * const instance = await DuckDBInstance.create(':memory:');
 * const runner = duckdbRunner(await instance.connect());
 * await runner.query('SELECT 1 AS x'); // [{ x: 1 }]
 */
export function duckdbRunner(connection: DuckDBConnection): SqlRunner {
  return {
    dialect: DUCKDB,
    async query(sql) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJS().map((row) => {
        const out: Record<string, SqlValue> = {};
        for (const [k, v] of Object.entries(row)) out[k] = plain(v);
        return out;
      });
    },
    async columns(relation) {
      const reader = await connection.runAndReadAll(`SELECT * FROM ${relation} LIMIT 0`);
      const names = reader.columnNames();
      const types = reader.columnTypes();
      return names.map((name, i) => {
        const type = String(types[i]);
        return { name, type, kind: duckdbKind(type) };
      });
    },
  };
}

/**
 * The runner of a database argument: a runner as it is, a DuckDB connection wrapped.
 *
 * @example
 * const runner = asRunner(connection); // runner.dialect === DUCKDB
 */
export function asRunner(db: Database): SqlRunner {
  return 'dialect' in db && typeof (db as SqlRunner).query === 'function'
    ? (db as SqlRunner)
    : duckdbRunner(db as DuckDBConnection);
}

function plain(v: unknown): SqlValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/**
 * DuckDB type name → column kind.
 *
 * @example
 * duckdbKind('DECIMAL(18,3)'); // 'number'
 */
export function duckdbKind(type: string): ColumnKind {
  const t = type.toUpperCase();
  if (
    /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL)/.test(
      t,
    )
  ) {
    return 'number';
  }
  if (t === 'VARCHAR' || t.startsWith('VARCHAR') || t === 'TEXT') return 'text';
  if (t === 'BOOLEAN') return 'boolean';
  return 'other';
}
