import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { columnCells } from '../../src/data/columns.js';
import {
  asTable,
  columnTypes,
  describeValue,
  isMissing,
  numberColumn,
  numericValue,
  requireColumns,
  stringColumn,
} from '../../src/data/index.js';
import { InputError } from '../../src/errors.js';

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const t = table({
  id: ['123456782', '2', '3', '4'],
  age: [30, null, 41.5, 50],
  month: [1, 2, 'abc', 'x'],
  arm: ['control', 'experiment', null, 7],
});

describe('missing values and cells', () => {
  it('treats null, undefined, NaN and blank strings as missing', () => {
    expect([null, undefined, Number.NaN, '', '  '].every(isMissing)).toBe(true);
    expect([0, false, 'a'].some(isMissing)).toBe(false);
  });

  it('reads numbers strictly', () => {
    expect(numericValue(2)).toBe(2);
    expect(numericValue(false)).toBe(0);
    expect(numericValue(3n)).toBe(3);
    expect(numericValue('3')).toBeUndefined();
    expect(numericValue(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(numericValue('')).toBeNull();
  });

  it('describes values for messages', () => {
    expect(describeValue('abc')).toBe("'abc'");
    expect(describeValue('x'.repeat(50))).toBe(`'${'x'.repeat(40)}…'`);
    expect(describeValue({})).toBe('an object');
  });
});

describe('numberColumn', () => {
  it('returns a Float64Array, missing as NaN when allowed', () => {
    const a = numberColumn(t, 'age', { missing: 'nan' });
    expect(a).toBeInstanceOf(Float64Array);
    expect([...a]).toEqual([30, Number.NaN, 41.5, 50]);
  });

  it('names column, rows and first value for non-numeric values', () => {
    const e = inputError(() => numberColumn(t, 'month'));
    expect(e.code).toBe('wrong-type');
    expect(e.rows).toEqual([3, 4]);
    expect(e.value).toBe("'abc'");
    expect(e.message).toBe(
      "column 'month' must be numeric, but has non-numeric values in rows 3, 4 (first: 'abc')",
    );
  });

  it('rejects missing values by default', () => {
    const e = inputError(() => numberColumn(t, 'age'));
    expect(e.message).toBe("column 'age' has missing values in row 2");
  });

  it('checks integer and range', () => {
    const e = inputError(() => numberColumn(t, 'age', { missing: 'nan', integer: true, min: 0 }));
    expect(e.code).toBe('out-of-range');
    expect(e.message).toBe("column 'age' must hold whole numbers ≥ 0, but has 41.5 in row 3");
  });

  it('names the missing column and the available ones', () => {
    const e = inputError(() => numberColumn(t, 'income'));
    expect(e.code).toBe('missing-column');
    expect(e.message).toBe("missing column 'income'; available columns: id, age, month, arm");
    expect(() => requireColumns(t, ['id', 'arm'])).not.toThrow();
  });
});

describe('stringColumn', () => {
  it('returns strings and nulls, numbers as text', () => {
    expect(stringColumn(t, 'arm')).toEqual(['control', 'experiment', null, '7']);
  });

  it("with missing: 'error' names the rows", () => {
    const e = inputError(() => stringColumn(t, 'arm', { missing: 'error' }));
    expect(e.message).toBe("column 'arm' has missing values in row 3");
  });

  it('never shows a value of a sensitive column', () => {
    const bad = table({ id: ['123456782', { x: 1 }] });
    const e = inputError(() => stringColumn(bad, 'id', { sensitive: true }));
    expect(e.message).toBe("column 'id' must hold text or numbers, but has other values in row 2");
    expect(e.value).toBeUndefined();
  });
});

describe('tables', () => {
  it('reifies filtered tables so row numbers are the visible rows', () => {
    const f = t.filter((d: { age: number | null }) => d.age !== null);
    const e = inputError(() => numberColumn(asTable(f), 'month'));
    expect(e.rows).toEqual([2, 3]);
  });

  it('reports column kinds', () => {
    expect(columnTypes(t)).toEqual({ id: 'string', age: 'number', month: 'mixed', arm: 'mixed' });
    expect(columnTypes([{ a: true, b: null, c: new Date(0) }])).toEqual({
      a: 'boolean',
      b: 'empty',
      c: 'date',
    });
  });
});

describe('columnCells', () => {
  it("reads a plain table's backing arrays without a copy, typed or not", () => {
    const ages = new Float64Array([30, Number.NaN, 41.5]);
    const plain = table({ age: ages, arm: ['control', 'experiment', null] });
    expect(columnCells(plain, 'age')).toBe(ages);
    expect(columnCells(plain, 'arm')).toBe(plain.column('arm'));
  });
  it('reads a filtered or ordered table in the order the caller sees', () => {
    const ordered = table({ v: [3, 1, 2] }).orderby('v');
    expect(Array.from(columnCells(ordered, 'v'))).toEqual([1, 2, 3]);
    const filtered = table({ v: [3, 1, 2] }).filter((d: { v: number }) => d.v > 1);
    expect(Array.from(columnCells(filtered, 'v'))).toEqual([3, 2]);
  });
  it('names a missing column', () => {
    expect(inputError(() => columnCells(t, 'nope')).code).toBe('missing-column');
  });
});
