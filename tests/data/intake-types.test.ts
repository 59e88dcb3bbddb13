/**
 * Column types and text decoding never silently change data (issue 12): a numeric column with
 * a few other cells is an error naming the column, the data rows and the values, unless the
 * missing-value tokens or the decimal mark are declared; a Dutch export is detected with a note;
 * 19-digit numbers keep their digits; UTF-16, NUL bytes and Latin-1 bytes are refused by line;
 * truncated Arrow/Parquet and directories are said as such; booleans and 222,000,016 are not months.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeText } from '../../src/data/decode.js';
import {
  checkExperiment,
  experimentIntake,
  loadTable,
  loadTableSync,
  parseCsv,
  parseJsonRows,
} from '../../src/data/index.js';
import { InputError } from '../../src/errors.js';

function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

async function thrownAsync(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

/** 20 clients with an age column; `cells` replaces the age of some (0-based) rows. */
function ages(cells: Record<number, string> = {}, sep = ',', dec = '.'): string {
  const rows = Array.from({ length: 20 }, (_, i) => {
    const age = cells[i] ?? `${30 + i}${dec}5`;
    return [`C${i}`, i % 2 ? 'control' : 'experiment', age].join(sep);
  });
  return `${['id', 'arm', 'age'].join(sep)}\n${rows.join('\n')}\n`;
}

const dir = mkdtempSync(join(tmpdir(), 'effectmeting-intake-types-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a numeric column with a few other cells is an error, not a 20-level factor', () => {
  it("'NA': names the column, the data rows and the value, and how to declare it", () => {
    const e = thrown(() => parseCsv(ages({ 3: 'NA', 10: 'NA' })));
    expect(e.code).toBe('wrong-type');
    expect(e.column).toBe('age');
    expect(e.rows).toEqual([4, 11]);
    expect(e.value).toBe("'NA'");
    expect(e.message).toBe(
      `column 'age' holds numbers except in rows 4, 11: 'NA'; if 'NA' means missing, declare it (na: ["NA"]; --na NA); to keep the column as text, name it in stringColumns (--text-columns)`,
    );
    const { table, types } = parseCsv(ages({ 3: 'NA', 10: 'NA' }), { na: ['NA'] });
    expect(types.age).toBe('number');
    expect(table.array('age').slice(2, 5)).toEqual([32.5, null, 34.5]);
  });

  it("'NaN' and '32,5' / '1,5' (decimal commas in a '.' file)", () => {
    expect(thrown(() => parseCsv(ages({ 0: 'NaN' }))).message).toMatch(
      /^column 'age' holds numbers except in row 1: 'NaN'; if 'NaN' means missing/,
    );
    const e = thrown(() => parseCsv(ages({ 3: '"32,5"', 7: '"1,5"' })));
    expect(e.rows).toEqual([4, 8]);
    expect(e.message).toBe(
      "column 'age' holds numbers except in rows 4, 8: '32,5', '1,5'; for a decimal comma give decimal ',' (--decimal ,); to keep the column as text, name it in stringColumns (--text-columns)",
    );
  });

  it('lists the first five rows, "and N more", and the first three distinct values', () => {
    const cells = Object.fromEntries(
      [0, 1, 2, 3, 4, 5, 6].map((i) => [i, ['x', 'y', 'z', 'w'][i % 4]!]),
    );
    const e = thrown(() => parseCsv(ages(cells)));
    expect(e.rows).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(e.message).toMatch(
      /^column 'age' holds numbers except in rows 1, 2, 3, 4, 5 and 2 more: 'x', 'y', 'z', …; /,
    );
  });

  it('never shows a value with nine digits (a BSN in the wrong column)', () => {
    const e = thrown(() => parseCsv(ages({ 5: '1000 00071' })));
    expect(e.message).not.toMatch(/1000 ?00071/);
    expect(e.message).toContain('(a value with 9 or more digits, not shown)');
  });

  it('a column that is mostly text stays text, and so does one with codes (leading zeros)', () => {
    expect(parseCsv('x\n1\nabc\n').types.x).toBe('string');
    expect(parseCsv('x\n1\n2\nabc\nd\n').types.x).toBe('string');
    expect(parseCsv('code\n0123\n0456\nA12\n').types.code).toBe('string');
  });

  it("'true' in a column of months is an error, in the CSV and from JSON rows", () => {
    const csv =
      'id,arm,followup_months,month_work\nA,experiment,12,true\nB,control,12,3\nC,control,12,4\n';
    const e = thrown(() => parseCsv(csv));
    expect([e.code, e.column, e.rows]).toEqual(['wrong-type', 'month_work', [1]]);
    const rows = [
      { id: 'A', arm: 'experiment', followup_months: 12, month_work: true },
      { id: 'B', arm: 'control', followup_months: 12, month_work: 3 },
    ];
    const p = checkExperiment(rows).problems;
    expect(p.map((x) => [x.code, x.column, x.rows])).toEqual([['wrong-type', 'month_work', [1]]]);
    const intake = thrown(() => experimentIntake(rows, {}, { events: ['month_work'] }));
    expect([intake.code, intake.column, intake.rows]).toEqual(['wrong-type', 'month_work', [1]]);
  });
});

describe('a Dutch export is detected, and says so', () => {
  it("';' with decimal commas: read with ',' and a note naming the columns", () => {
    const r = parseCsv(ages({}, ';', ','));
    expect(r.delimiter).toBe(';');
    expect(r.decimal).toBe(',');
    expect(r.types.age).toBe('number');
    expect(r.table.array('age').slice(0, 2)).toEqual([30.5, 31.5]);
    expect(r.notes).toEqual([
      "read as a Dutch export: ';' separates the fields and ',' is the decimal mark (column 'age'); give the decimal mark (decimal / --decimal) to read it otherwise",
    ]);
  });

  it('no note without a decimal comma, or when the decimal mark is given', () => {
    expect(parseCsv('a;b\n1;2\n').notes).toEqual([]);
    const given = parseCsv(ages({}, ';', ','), { decimal: ',' });
    expect(given.notes).toEqual([]);
    expect(given.types.age).toBe('number');
  });

  it('loadTable passes the note to onNote, with the file named', async () => {
    const notes: string[] = [];
    const t = await loadTable({ text: ages({}, ';', ',') }, { onNote: (n) => notes.push(n) });
    expect(t.array('age')[0]).toBe(30.5);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^the CSV data: read as a Dutch export/);
  });
});

describe('numbers that would lose digits', () => {
  it('a CSV column of 19-digit numbers is kept as text, with a note', () => {
    const r = parseCsv('id,account,n\nA,1234567890123456789,1\nB,42,2\n');
    expect(r.types).toEqual({ id: 'string', account: 'string', n: 'number' });
    expect(r.table.array('account')).toEqual(['1234567890123456789', '42']);
    expect(r.notes).toEqual([
      "column 'account' holds whole numbers beyond 2^53, which a number cannot hold without losing digits; read as text",
    ]);
    // 2^53 itself is exact; 16 digits within the safe range stay numbers.
    expect(parseCsv('x\n9007199254740991\n').types.x).toBe('number');
  });

  it('JSON: a whole number beyond 2^53 has already lost digits: refused by column and row', () => {
    const e = thrown(() => parseJsonRows('[{"a": 1}, {"a": 1234567890123456789}]'));
    expect([e.code, e.column, e.rows]).toEqual(['out-of-range', 'a', [2]]);
    expect(e.message).toContain('write them as strings');
  });
});

describe('text must be UTF-8', () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);

  it('drops a UTF-8 byte-order mark', () => {
    expect(decodeText(utf8('\uFEFFid\n'))).toBe('id\n');
    expect(loadTableSync({ bytes: utf8('\uFEFFid,x\nA,1\n') }).objects()).toEqual([
      { id: 'A', x: 1 },
    ]);
  });

  it('UTF-16 with and without a byte-order mark', () => {
    const le = Uint8Array.from([0xff, 0xfe, 0x69, 0, 0x64, 0, 0x0a, 0]);
    expect(thrown(() => decodeText(le, { what: "'x.csv'" })).message).toBe(
      `'x.csv' is UTF-16 text (it starts with a UTF-16 byte-order mark); expected UTF-8: save it as UTF-8 (in Excel: "CSV UTF-8")`,
    );
    const bare = Uint8Array.from([0x69, 0, 0x64, 0, 0x0a, 0]);
    expect(thrown(() => decodeText(bare)).message).toMatch(
      /looks like UTF-16 text without a byte-order mark/,
    );
  });

  it('a NUL byte, by line', () => {
    const e = thrown(() => loadTableSync({ bytes: utf8('id,x\nA,1\nB\u0000,2\n') }));
    expect(e.code).toBe('malformed-input');
    expect(e.message).toBe(
      'the CSV data contains a NUL byte on line 3: it is binary data, not UTF-8 text',
    );
    expect(thrown(() => parseCsv('id,x\nA,1\u0000\n')).message).toMatch(/NUL character on line 2/);
  });

  it('Latin-1 bytes: refused by line, or read with encoding windows-1252', () => {
    // "id,plaats\nA,Zoeterwoude\nB,Ç" with Ç as the Latin-1 byte 0xC7.
    const bytes = Uint8Array.from([...utf8('id,plaats\nA,Zoeterwoude\nB,'), 0xc7, 0x0a]);
    const e = thrown(() => loadTableSync({ bytes }));
    expect(e.message).toBe(
      "the CSV data is not UTF-8: byte 0xC7 on line 3 is not a UTF-8 character; it is probably Latin-1 / Windows-1252 (an Excel or SPSS export): save it as UTF-8, or give encoding 'windows-1252' (--encoding windows-1252)",
    );
    expect(loadTableSync({ bytes }, { encoding: 'windows-1252' }).array('plaats')).toEqual([
      'Zoeterwoude',
      'Ç',
    ]);
    // Windows-1252 letters beyond Latin-1: 0x80 is the euro sign.
    expect(decodeText(Uint8Array.of(0x80), { encoding: 'windows-1252' })).toBe('€');
  });

  it('text someone decoded with replacement characters is refused', () => {
    const e = thrown(() => loadTableSync({ text: 'id,plaats\nA,\uFFFDrebro\n' }));
    expect(e.message).toMatch(/U\+FFFD, the replacement character, on line 2/);
  });

  it('accepts every well-formed UTF-8 sequence and rejects overlong and surrogate forms', () => {
    expect(decodeText(utf8('é € 𝄞 ĳ'))).toBe('é € 𝄞 ĳ');
    expect(() => decodeText(Uint8Array.of(0xc0, 0xaf))).toThrow(/byte 0xC0 on line 1/);
    expect(() => decodeText(Uint8Array.of(0xed, 0xa0, 0x80))).toThrow(/byte 0xED/);
    expect(() => decodeText(Uint8Array.of(0x61, 0xe2, 0x82))).toThrow(/byte 0xE2/);
  });
});

describe('files that are not what they claim', () => {
  const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

  it('a truncated Arrow file says so, with its size', async () => {
    const bytes = readFileSync(fixture('experiment.arrow')).subarray(0, 300);
    const e = await thrownAsync(loadTable({ bytes }, { format: 'arrow' }));
    expect(e.code).toBe('malformed-input');
    expect(e.message).toMatch(
      /^the ARROW data is an incomplete or damaged Arrow IPC file \(300 bytes; truncated in a copy or download\?\); expected a complete Arrow IPC file or stream\. The Arrow reader said: /,
    );
  });

  it('a truncated Parquet file, and Parquet bytes named .csv', async () => {
    const bytes = readFileSync(fixture('experiment.parquet'));
    const e = await thrownAsync(
      loadTable({ bytes: bytes.subarray(0, 200) }, { format: 'parquet' }),
    );
    expect(e.message).toMatch(
      /^the Parquet data is an incomplete or damaged Parquet file \(200 bytes\)/,
    );
    const csv = await thrownAsync(loadTable({ bytes }, { format: 'csv' }));
    expect(csv.message).toBe(
      'the CSV data is a Parquet file, not CSV text; give its real format (an extension or options.format)',
    );
    const arrow = await thrownAsync(
      loadTable({ bytes: new TextEncoder().encode('id,x\n') }, { format: 'arrow' }),
    );
    expect(arrow.message).toMatch(/is not Arrow IPC: it starts like text/);
  });

  it('a directory, whatever its name', async () => {
    for (const name of [dir, join(dir, '..', dir.split('/').pop()!)]) {
      const e = await thrownAsync(loadTable(name));
      expect(e.code).toBe('file-not-found');
      expect(e.message).toBe(
        `'${name}' is a directory, not a file; expected a data file (.csv, .tsv, .json, .arrow or .parquet)`,
      );
    }
  });
});

describe('implausible months', () => {
  const rows = (followup: number) => [
    { id: 'A', arm: 'experiment', followup_months: followup, month_work: 3 },
    { id: 'B', arm: 'control', followup_months: 12, month_work: null },
  ];

  it('a follow-up of 222,000,016 months: refused, the value withheld (nine digits)', () => {
    const [p] = checkExperiment(rows(222_000_016)).problems;
    expect(p).toEqual({
      code: 'out-of-range',
      column: 'followup_months',
      rows: [1],
      value: '(value withheld: 9 or more digits)',
      message:
        "column 'followup_months' has implausible follow-up: more than 1200 months (100 years; a date or id in the column?) in row 1 (first: (value withheld: 9 or more digits))",
    });
    const e = thrown(() => experimentIntake(rows(222_000_016), {}, { followup: true }));
    expect([e.code, e.rows]).toEqual(['out-of-range', [1]]);
    expect(e.message).toBe(
      "column 'followup_months' must hold numbers from 0 to 1200, but has 222000016 in row 1",
    );
  });

  it('1,200 months is the largest accepted', () => {
    expect(checkExperiment(rows(1200)).ok).toBe(true);
    expect(checkExperiment(rows(1201)).problems.map((p) => p.code)).toEqual(['out-of-range']);
  });
});
