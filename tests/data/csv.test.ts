import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/data/index.js';
import { InputError } from '../../src/errors.js';

function csvError(text: string): InputError {
  try {
    parseCsv(text);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('parseCsv type inference', () => {
  it('keeps id as a string (leading zeros) and reports each column type', () => {
    const { table, types } = parseCsv(
      'id,arm,age,score,flag,start,empty\n000123,control,41,0.5,TRUE,2023-01-01,\n012345,experiment,,-1e2,false,2023-02-01,\n',
    );
    expect(types).toEqual({
      id: 'string',
      arm: 'string',
      age: 'number',
      score: 'number',
      flag: 'boolean',
      start: 'string',
      empty: 'empty',
    });
    expect(table.objects()).toEqual([
      {
        id: '000123',
        arm: 'control',
        age: 41,
        score: 0.5,
        flag: true,
        start: '2023-01-01',
        empty: null,
      },
      {
        id: '012345',
        arm: 'experiment',
        age: null,
        score: -100,
        flag: false,
        start: '2023-02-01',
        empty: null,
      },
    ]);
  });

  it('turns empty and blank cells into null, never NaN', () => {
    const { table } = parseCsv('id,x,y\n1,, \n2,3,4\n');
    expect(table.array('x')).toEqual([null, 3]);
    expect(table.array('y')).toEqual([null, 4]);
  });

  it('keeps a numeric-looking id string even when it has no leading zero', () => {
    expect(parseCsv('id\n123\n').table.array('id')).toEqual(['123']);
  });

  it('reads stringColumns as strings', () => {
    const { table, types } = parseCsv('bsn,postcode\n123456782,1234\n', { stringColumns: ['bsn'] });
    expect(types).toEqual({ bsn: 'string', postcode: 'number' });
    expect(table.array('bsn')).toEqual(['123456782']);
  });

  it('keeps any column with a leading-zero number as strings', () => {
    const { types, table } = parseCsv('code,n\n0123,1\n4567,2\n');
    expect(types.code).toBe('string');
    expect(table.array('code')).toEqual(['0123', '4567']);
  });

  it('treats `na` strings as missing', () => {
    const { table, types } = parseCsv('x\n1\nNA\n', { na: ['NA'] });
    expect(types.x).toBe('number');
    expect(table.array('x')).toEqual([1, null]);
  });

  it('mixed numbers and text make a string column', () => {
    const { table, types } = parseCsv('x\n1\nabc\n');
    expect(types.x).toBe('string');
    expect(table.array('x')).toEqual(['1', 'abc']);
  });
});

describe('parseCsv syntax', () => {
  it('handles quotes, escaped quotes, embedded delimiters/newlines, CRLF, BOM, blank lines', () => {
    const text = '\uFEFFid,note\r\n1,"a, ""quoted""\nnote"\r\n\r\n2,plain\r\n';
    const { table } = parseCsv(text);
    expect(table.objects()).toEqual([
      { id: '1', note: 'a, "quoted"\nnote' },
      { id: '2', note: 'plain' },
    ]);
  });

  it('detects ; and tab delimiters from the header', () => {
    expect(parseCsv('a;b\n1;2\n').table.objects()).toEqual([{ a: 1, b: 2 }]);
    expect(parseCsv('a\tb\n1\t2\n').table.objects()).toEqual([{ a: 1, b: 2 }]);
  });

  it('names the data rows and file lines with the wrong number of fields', () => {
    const e = csvError('id,arm,x\n1,a,1\n2,b\n3,c,3\n\n4,d,4,extra\n');
    expect(e.code).toBe('malformed-input');
    expect(e.rows).toEqual([2, 4]);
    expect(e.message).toBe(
      'CSV rows 2, 4 (lines 3, 6 of the file) have 2 or 4 fields; the header has 3',
    );
  });

  it('names a single bad row', () => {
    const e = csvError('a,b\n1,2\n3\n');
    expect(e.message).toBe('CSV row 2 (line 3 of the file) has 1 field; the header has 2');
  });

  it('reports an unterminated quote', () => {
    const e = csvError('a,b\n1,"open\n2,3\n');
    expect(e.code).toBe('malformed-input');
    expect(e.message).toBe('CSV has an unterminated quoted field starting on line 2');
  });

  it('reports empty input, empty and duplicate header names', () => {
    expect(csvError('').code).toBe('empty');
    expect(csvError('a,,b\n1,2,3\n').code).toBe('malformed-input');
    const dup = csvError('a,b,a\n1,2,3\n');
    expect(dup.code).toBe('duplicate-column');
    expect(dup.column).toBe('a');
  });

  it('reads a header-only file as an empty table', () => {
    const { table, types } = parseCsv('id,arm\n');
    expect(table.numRows()).toBe(0);
    expect(table.columnNames()).toEqual(['id', 'arm']);
    expect(types).toEqual({ id: 'string', arm: 'empty' });
  });
});
