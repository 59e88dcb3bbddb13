import { describe, expect, it } from 'vitest';
import { sortLevels } from '../../src/duckdb/design.js';
import { publishable } from '../../src/duckdb/disclosure.js';
import { relationSql } from '../../src/duckdb/source.js';
import {
  DUCKDB,
  doubleLiteral,
  POSTGRES,
  quoteIdent,
  quoteString,
  SPARK,
  valueLiteral,
} from '../../src/duckdb/sql.js';

describe('the SQL pieces', () => {
  it('quotes identifiers and strings so that no name or label becomes SQL', () => {
    expect(quoteIdent('age"; DROP TABLE x; --', DUCKDB)).toBe('"age""; DROP TABLE x; --"');
    expect(quoteIdent('a`b', SPARK)).toBe('`a``b`');
    expect(quoteString("o'brien")).toBe("'o''brien'");
    expect(() => quoteIdent('', DUCKDB)).toThrow(/non-empty/);
    expect(relationSql({ table: ['register', 'clients'] }, POSTGRES)).toBe('"register"."clients"');
    expect(relationSql({ parquet: "it's.parquet" }, DUCKDB)).toBe("read_parquet('it''s.parquet')");
    expect(() => relationSql({ parquet: 'x.parquet' }, POSTGRES)).toThrow(/DuckDB only/);
  });

  it('writes doubles that read back exactly, and refuses non-finite values', () => {
    for (const x of [0.1, -1 / 3, 1e-300, Math.PI * 1e8]) {
      const text = doubleLiteral(x, DUCKDB);
      expect(Number(text.slice(5, text.indexOf(' AS')))).toBe(x);
    }
    expect(() => doubleLiteral(Number.NaN, DUCKDB)).toThrow(/finite/);
    expect(valueLiteral(true)).toBe('TRUE');
    expect(() => valueLiteral(Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });

  it('sorts levels as the in-memory model matrix does', () => {
    expect(sortLevels(['b', 'Z', 'a', null])).toEqual(['Z', 'a', 'b']);
    expect(sortLevels([10, 2, 1])).toEqual([1, 2, 10]);
    expect(sortLevels([true, false])).toEqual([false, true]);
  });

  it('publishes a count when it is 0 or at least the threshold', () => {
    expect(publishable('n', 10)).toBe('(n = 0 OR n >= 10)');
    expect(publishable('n', 0)).toBe('(1 = 1)');
  });
});
