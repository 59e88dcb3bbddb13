/**
 * The pieces of generated SQL: quoted identifiers, string and number literals, and the one
 * engine difference the statements need (the name of the double type). Plain, portable SQL:
 * the statements run on DuckDB, PostgreSQL, Spark SQL and Trino.
 */
import { InputError } from '../errors.js';

/** What differs between SQL engines in the generated statements. */
export interface SqlDialect {
  /** Engine name, for messages. */
  readonly name: string;
  /** The 64-bit float type: `DOUBLE` (DuckDB, Spark, Trino) or `DOUBLE PRECISION` (PostgreSQL). */
  readonly double: string;
  /** Quote character of identifiers: `"` (standard; DuckDB, PostgreSQL, Trino) or `` ` `` (Spark). */
  readonly quote: '"' | '`';
}

/** DuckDB's dialect (also Trino's). */
export const DUCKDB: SqlDialect = { name: 'DuckDB', double: 'DOUBLE', quote: '"' };
/** PostgreSQL's dialect. */
export const POSTGRES: SqlDialect = { name: 'PostgreSQL', double: 'DOUBLE PRECISION', quote: '"' };
/** Spark SQL's dialect (backquoted identifiers). */
export const SPARK: SqlDialect = { name: 'Spark SQL', double: 'DOUBLE', quote: '`' };

/**
 * A quoted identifier: the name between the dialect's quotes, an embedded quote doubled, so that
 * any column name (spaces, quotes, keywords) is one identifier and never SQL.
 *
 * @example
 * quoteIdent('month "x"', DUCKDB); // '"month ""x"""'
 */
export function quoteIdent(name: string, dialect: SqlDialect): string {
  if (typeof name !== 'string' || name.length === 0 || name.includes('\u0000')) {
    throw new InputError(`column name must be a non-empty string, got ${JSON.stringify(name)}`, {
      code: 'invalid-option',
    });
  }
  const q = dialect.quote;
  return `${q}${name.split(q).join(q + q)}${q}`;
}

/**
 * A string literal, single quotes doubled (standard SQL). Used for arm labels and factor levels,
 * which are validated to be strings first.
 *
 * @example
 * quoteString("o'brien"); // "'o''brien'"
 */
export function quoteString(value: string): string {
  if (typeof value !== 'string' || value.includes('\u0000')) {
    throw new InputError(`expected a text value, got ${String(value)}`, { code: 'invalid-option' });
  }
  return `'${value.split("'").join("''")}'`;
}

/**
 * A number as a double literal: `CAST(<shortest round-trip decimal> AS DOUBLE)`, so every engine
 * reads back exactly the JavaScript double. Non-finite numbers are refused.
 *
 * @example
 * doubleLiteral(0.1, DUCKDB); // 'CAST(0.1 AS DOUBLE)'
 */
export function doubleLiteral(value: number, dialect: SqlDialect): string {
  if (!Number.isFinite(value)) {
    throw new InputError(`expected a finite number, got ${String(value)}`, {
      code: 'invalid-option',
    });
  }
  return `CAST(${String(value)} AS ${dialect.double})`;
}

/**
 * An expression cast to the double type.
 *
 * @example
 * asDouble('"age"', POSTGRES); // 'CAST("age" AS DOUBLE PRECISION)'
 */
export function asDouble(expression: string, dialect: SqlDialect): string {
  return `CAST(${expression} AS ${dialect.double})`;
}

/**
 * A literal of a value read back from the database (a factor level or an arm label): strings
 * quoted, finite numbers as they are, booleans as TRUE/FALSE.
 *
 * @example
 * valueLiteral(3); // '3'
 */
export function valueLiteral(value: string | number | boolean): string {
  if (typeof value === 'string') return quoteString(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (!Number.isFinite(value)) {
    throw new InputError(`expected a finite number, got ${String(value)}`, {
      code: 'invalid-option',
    });
  }
  return String(value);
}

/**
 * A constant table `(VALUES (…), (…)) AS name(col, …)`, standard SQL.
 *
 * @example
 * valuesTable('mm', ['m'], [['1'], ['2']], DUCKDB); // '(VALUES (1), (2)) AS mm("m")'
 */
export function valuesTable(
  name: string,
  columns: readonly string[],
  rows: readonly (readonly string[])[],
  dialect: SqlDialect,
): string {
  const body = rows.map((r) => `(${r.join(', ')})`).join(', ');
  return `(VALUES ${body}) AS ${quoteIdent(name, dialect)}(${columns.map((c) => quoteIdent(c, dialect)).join(', ')})`;
}
