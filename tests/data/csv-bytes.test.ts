import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvOptions, parseCsv } from '../../src/data/csv.js';
import { parseCsvBytes } from '../../src/data/csv-bytes.js';
import { cellNumber } from '../../src/data/csv-cell.js';
import { decodeText } from '../../src/data/decode.js';
import { loadTableSync } from '../../src/data/parse.js';

const encode = (text: string) => new TextEncoder().encode(text);

/** Table values as plain arrays (a Float64Array column compares as its numbers). */
function values(t: ReturnType<typeof parseCsv>['table']): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const name of t.columnNames()) out[name] = Array.from(t.array(name) as ArrayLike<unknown>);
  return out;
}

/**
 * The fast path (bytes) and the old behaviour (decode the bytes, then parseCsv on the text)
 * agree: the same result, or the same error.
 */
function agree(text: string, options: CsvOptions = {}): void {
  let expected: ReturnType<typeof parseCsv> | undefined;
  let error: unknown;
  try {
    expected = parseCsv(decodeText(encode(text), { what: 'the CSV data' }), options);
  } catch (e) {
    error = e;
  }
  if (error !== undefined) {
    // The loader on the same bytes gives the same error (the fast path hands over).
    expect(() => loadTableSync(encode(text), { format: 'csv', ...options })).toThrow(
      (error as Error).message,
    );
    return;
  }
  const fast = parseCsvBytes(encode(text), options) ?? parseCsv(text, options);
  expect(fast.types).toEqual(expected!.types);
  expect(fast.decimal).toBe(expected!.decimal);
  expect(fast.delimiter).toBe(expected!.delimiter);
  expect(fast.notes).toEqual(expected!.notes);
  expect(values(fast.table)).toEqual(values(expected!.table));
  const loaded = loadTableSync(encode(text), { format: 'csv', ...options });
  expect(values(loaded)).toEqual(values(expected!.table));
}

describe('CSV bytes straight into columns agree with parseCsv', () => {
  it('takes the fast path on plain files, with numbers in a Float64Array', () => {
    const r = parseCsvBytes(encode('id,age,arm\n007,41,control\n012,35.5,experiment\n'));
    expect(r).toBeDefined();
    expect(r!.table.column('age')).toBeInstanceOf(Float64Array);
    expect(r!.types).toEqual({ id: 'string', age: 'number', arm: 'string' });
  });

  it.each([
    ['quotes and embedded delimiters', 'id,name,x\n1,"a, b",2\n2,"say ""hi""",3\n'],
    ['embedded newlines in quotes', 'id,note,x\n1,"line1\nline2",2\n2,"cr\r\nlf",3\n'],
    ['text after a closing quote', 'id,a\n1,"x"y\n2,z"w"\n'],
    ['a quoted number', 'id,x\n1,"12"\n2," 3.5 "\n'],
    ['BOM', '\uFEFFid,x\n1,2\n'],
    ['double BOM', '\uFEFF\uFEFFid,x\n1,2\n'],
    ['CRLF and CR line ends, blank lines', 'id,x\r\n1,2\r\n\r\n2,3\r3,4\n\n'],
    ['no final newline', 'id,x\n1,2\n2,3'],
    ['empty cells and whitespace', 'id,x,y\n1,,a\n2, ,\n3,4, b \n'],
    ['ids with leading zeros', 'id,code,x\n001,007,1\n002,012,2\n'],
    ['a code column with leading zeros stays text', 'id,postcode\n1,0123\n2,4567\n'],
    ['booleans', 'id,flag\n1,true\n2,FALSE\n3,\n4,True\n'],
    ['exponents and signs', 'id,x\n1,1e3\n2,-2.5E-3\n3,+4\n4,.5\n5,6.\n6,-0\n'],
    [
      'long mantissas',
      'id,x\n1,0.12345678901234567\n2,-1.2345678901234567e-5\n3,123456789012345\n',
    ],
    ['big whole numbers (2^53 rule)', 'id,acct\n1,12345678901234567890\n2,1\n'],
    ['safe 16-digit whole numbers', 'id,acct\n1,9007199254740991\n2,1\n'],
    ['an empty column', 'id,x,y\n1,,2\n2,,3\n'],
    ['non-ASCII text', 'id,city,x\n1,Zoetermeer,1\n2,’s-Gravenhage,2\n3,Den Haag\u00a0,3\n'],
    ['non-ASCII whitespace around a number', 'id,x\n1,\u00a012\u00a0\n2,3\n'],
    ['tab-separated', 'id\tx\n1\t2.5\n'],
    ['semicolon without decimal commas', 'id;x\n1;2.5\n2;3\n'],
    ['a Dutch export (decimal comma detected)', 'id;x;y\n1;2,5;3\n2;3;4,25\n'],
    ['a Dutch export with a dot column', 'id;x;y\n1;2,5;3.5\n2;3;4.25\n'],
    ['a leading-zero comma number', 'id;x\n1;00,5\n2;1,5\n'],
    ['only a header', 'id,x\n'],
    ['dates stay text', 'id,d\n1,2024-01-31\n2,2024-02-29\n'],
  ])('%s', (_, text) => {
    agree(text);
  });

  // Pass 1 keeps numbers, then strings from a column's first text cell on; pass 2 reads the
  // text of the rows before it. These take the fast path (no hand-over to parseCsv).
  it.each([
    ['a text cell after numbers', 'id,code,x\n1,12,1\n2,ab,2\n3,,3\n4,cd,4\n'],
    ['quoted numbers after plain ones', 'id,x\n1,2\n2,"3"\n3,4.5\n'],
    ['quoted numbers after plain ones, with a missing cell', 'id,x\n1,2\n2,"3"\n3,\n4,4.5\n'],
    ['a quoted missing cell in a number column', 'id,x\n1,2\n2,""\n3,4\n'],
    ['booleans after missing cells', 'id,f\n1,\n2,true\n3, FALSE \n'],
    ['non-ASCII text after numbers', 'id,c\n1,1\n2,é\n3,ü\n4,ß\n'],
    [
      'a 17-digit mantissa tie and 20 digits',
      'id,x\n1,1234567890123456.5\n2,0.12345678901234567890\n',
    ],
    ['exponents among plain numbers', 'id,x\n1,1.5\n2,1e-7\n3,-2.5E+3\n'],
    ['spaces around numbers', 'id,x\n1, 1.5\n2,2 \n3,\t3\n'],
    ['a trailing delimiter per row', 'id,x,y\n1,2,\n2,3,\n'],
    ['a Dutch export with a text column', 'id;x;y\n1;2,5;a\n2;3;b\n'],
    ['a ; file with a comma column that is not numbers', 'id;x;y\n1;2,5;1,2,3\n2;3;4\n'],
    [
      'CR line ends over many records (the arrays grow)',
      `id,x,y\r${Array.from({ length: 3000 }, (_, i) => `${i},${i / 7},${i % 3 ? 'a' : 'b'}`).join('\r')}`,
    ],
  ])('fast path: %s', (_, text) => {
    expect(parseCsvBytes(encode(text))).toBeDefined();
    agree(text);
  });

  it.each([
    ['NA tokens', 'id,x\n1,NA\n2,3\n3, NA \n', { na: ['NA'] }],
    ['several NA tokens', 'id,x,y\n1,.,-\n2,3,a\n', { na: ['.', '-'] }],
    ['decimal comma given', 'id,x\n1,"2,5"\n2,3\n', { decimal: ',' }],
    ['decimal comma with ;', 'id;x\n1;2,5\n2;3,75\n', { decimal: ',', delimiter: ';' }],
    ['decimal dot given on a Dutch file', 'id;x\n1;2,5\n2;3\n', { decimal: '.' }],
    ['text columns', 'id,x,y\n1,2,3\n2,4,5\n', { stringColumns: ['x'] }],
    ['delimiter |', 'id|x\n1|2\n', { delimiter: '|' }],
    ['delimiter | with a comma in a number cell', 'id|x\n1|2,5\n2|3\n', { delimiter: '|' }],
    ['a numeric NA token', 'id,x\n1,-99\n2,3\n3,-99\n', { na: ['-99'] }],
    ['a decimal comma with , as delimiter', 'id,x\n1,"2,5"\n2,3\n3,4.5\n', { decimal: ',' }],
  ] as [string, string, CsvOptions][])('%s', (_, text, options) => {
    agree(text, options);
  });

  it.each([
    ['a mixed column: the same wrong-type error', 'id,x\n1,2\n2,3\n3,NA\n'],
    ['a mixed column with a decimal comma', 'id,x\n1,2.5\n2,3\n3,"4,5"\n'],
    ['wrong field counts: rows and lines', 'id,x\n1,2\n2\n3,4,5\n'],
    ['an unterminated quote', 'id,x\n1,"2\n2,3\n'],
    ['an empty header name', 'id,,x\n1,2,3\n'],
    ['a duplicate header name', 'id,x,x\n1,2,3\n'],
    ['empty input', ''],
    ['a NUL byte', 'id,x\n1,\u00002\n'],
  ])('%s', (_, text) => {
    agree(text);
  });

  it('gives the same error for bytes that are not UTF-8', () => {
    const bytes = new Uint8Array([...encode('id,city\n1,'), 0xe9, ...encode('\n')]);
    expect(parseCsvBytes(bytes)).toBeUndefined();
    expect(() => loadTableSync(bytes, { format: 'csv' })).toThrow(/is not UTF-8: byte 0xE9/);
  });

  it('agrees on random files of tricky cells', () => {
    const cell = fc.oneof(
      fc.constantFrom('', ' ', 'NA', 'true', 'False', '007', '0', '-0', '1e5', '.5', '5.', 'x y'),
      fc.constantFrom('"a,b"', '"q""q"', '"1"', '"line\nbreak"', '3,5', '12345678901234567'),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.integer({ min: -1e6, max: 1e6 }).map(String),
    );
    const file = fc
      .integer({ min: 1, max: 4 })
      .chain((k) =>
        fc.tuple(
          fc.constant(k),
          fc.array(fc.array(cell, { minLength: k, maxLength: k }), { maxLength: 8 }),
          fc.constantFrom(',', ';'),
          fc.constantFrom<string[]>([], ['NA']),
        ),
      );
    fc.assert(
      fc.property(file, ([k, rows, d, na]) => {
        const header = Array.from({ length: k }, (_, j) => `c${j}`).join(d);
        // A ';' file keeps its commas inside cells; a ',' file quotes them.
        const quote = (c: string) =>
          d === ',' && c.includes(',') && !c.startsWith('"') ? `"${c}"` : c;
        const text = [header, ...rows.map((r) => r.map(quote).join(d))].join('\n');
        agree(text, { na });
      }),
      { numRuns: 300 },
    );
  });
});

describe('cellNumber', () => {
  it('gives what Number gives, or leaves the cell to Number', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
          fc.integer().map(String),
          fc
            .tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 99999999 }))
            .map(([a, b]) => `${a}.${b}`),
          fc
            .tuple(fc.integer({ min: -999, max: 999 }), fc.integer({ min: -30, max: 30 }))
            .map(([a, e]) => `${a}e${e}`),
        ),
        (text) => {
          const bytes = encode(text);
          const value = cellNumber(bytes, 0, bytes.length, false);
          if (value !== undefined) expect(Object.is(value, Number(text))).toBe(true);
        },
      ),
      { numRuns: 20000 },
    );
  });
});
