import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { columnTypes, loadTable, loadTableSync } from '../../src/data/index.js';
import { InputError } from '../../src/errors.js';
import { EXPERIMENT_COLUMNS, EXPERIMENT_ROWS } from '../fixtures/experiment-rows.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const expected = EXPERIMENT_ROWS.map((r) => ({ ...r }));

function catchError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

async function catchAsync(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('loadTable: every format gives the same table', () => {
  it.each(['experiment.csv', 'experiment.json', 'experiment.arrow', 'experiment.parquet'])(
    '%s',
    async (name) => {
      const t = await loadTable(fixture(name));
      expect(t.columnNames()).toEqual([...EXPERIMENT_COLUMNS]);
      expect(t.objects()).toEqual(expected);
      expect(columnTypes(t)).toEqual({
        id: 'string',
        arm: 'string',
        followup_months: 'number',
        month_bijstand: 'number',
        month_work: 'number',
        age: 'number',
        gender: 'string',
        start: 'string',
      });
    },
  );

  it('reads bytes, sniffing the format from magic bytes or content', async () => {
    for (const name of [
      'experiment.csv',
      'experiment.json',
      'experiment.arrow',
      'experiment.parquet',
    ]) {
      const bytes = new Uint8Array(readFileSync(fixture(name)));
      expect((await loadTable(bytes)).objects()).toEqual(expected);
      expect((await loadTable({ bytes: bytes.buffer as ArrayBuffer })).objects()).toEqual(expected);
    }
  });

  it('passes an arquero table through and builds tables from rows', async () => {
    const t = table({ id: [1, 2] });
    expect(await loadTable(t)).toBe(t);
    expect((await loadTable([{ id: 1 }, { id: 2 }])).array('id')).toEqual(['1', '2']);
  });

  it('reads a file: URL and { path }', async () => {
    const url = pathToFileURL(fixture('experiment.csv'));
    expect((await loadTable(url)).numRows()).toBe(6);
    expect((await loadTable({ path: fixture('experiment.json') })).numRows()).toBe(6);
  });

  it('takes options.format for a file without a known extension', async () => {
    const e = await catchAsync(loadTable('/tmp/some-file.xlsx'));
    expect(e.code).toBe('unknown-format');
    expect(e.message).toContain("'/tmp/some-file.xlsx'");
    expect(e.message).toContain('options.format');
    const t = await loadTable(fixture('experiment.csv'), { format: 'csv' });
    expect(t.numRows()).toBe(6);
  });

  it('rejects an unknown options.format', async () => {
    const e = await catchAsync(
      loadTable(fixture('experiment.csv'), { format: 'xlsx' as unknown as 'csv' }),
    );
    expect(e.code).toBe('unknown-format');
    expect(e.message).toContain("unknown format 'xlsx'");
  });

  it('reports a missing file', async () => {
    const e = await catchAsync(loadTable('/nonexistent/clients.csv'));
    expect(e.code).toBe('file-not-found');
    expect(e.message).toBe("file not found: '/nonexistent/clients.csv'");
  });

  it('applies stringColumns to typed sources (JSON numbers → strings)', async () => {
    const t = await loadTable(
      { text: '[{"id": 12, "bsn": 123456782, "n": 3}]' },
      {
        stringColumns: ['bsn'],
      },
    );
    expect(t.objects()).toEqual([{ id: '12', bsn: '123456782', n: 3 }]);
  });

  it('reports malformed Arrow and Parquet bytes', async () => {
    const arrow = await catchAsync(loadTable(new Uint8Array([255, 255, 255, 255, 1, 2, 3])));
    expect(arrow.code).toBe('malformed-input');
    const parquet = await catchAsync(
      loadTable(new TextEncoder().encode('PAR1 not really parquet'), { format: 'parquet' }),
    );
    expect(parquet.code).toBe('malformed-input');
  });
});

describe('loadTableSync: in-memory inputs', () => {
  it('passes an arquero table through unchanged', () => {
    const t = table({ id: [1, 2], x: [3, 4] });
    expect(loadTableSync(t)).toBe(t);
  });

  it('builds a table from row objects (union of keys, absent → null)', () => {
    const t = loadTableSync([
      { id: '001', a: 1 },
      { id: '002', b: 'x', a: '' },
    ]);
    expect(t.columnNames()).toEqual(['id', 'a', 'b']);
    expect(t.objects()).toEqual([
      { id: '001', a: 1, b: null },
      { id: '002', a: null, b: 'x' },
    ]);
  });

  it('normalises rows: Dates → ISO, bigints → numbers, NaN → null', () => {
    const t = loadTableSync([
      { id: 7, d: new Date('2024-05-01T00:00:00Z'), n: 5n, x: Number.NaN },
      { id: 8, d: new Date('2024-05-01T10:30:00Z'), n: 2n ** 60n, x: 1 },
    ]);
    expect(t.objects()).toEqual([
      { id: '7', d: '2024-05-01', n: 5, x: null },
      { id: '8', d: '2024-05-01T10:30:00.000Z', n: '1152921504606846976', x: 1 },
    ]);
  });

  it('rejects rows that are not objects, naming the rows', () => {
    const e = catchError(() => loadTableSync([{ a: 1 }, 3, [1]] as unknown as object[] as never));
    expect(e.code).toBe('wrong-type');
    expect(e.rows).toEqual([2, 3]);
    expect(e.message).toBe(
      'rows must be an array of row objects, but rows 2, 3 are not an object (first: a number)',
    );
  });

  it('rejects nested values', () => {
    const e = catchError(() => loadTableSync([{ a: 1 }, { a: { b: 2 } }]));
    expect(e.code).toBe('wrong-type');
    expect(e.column).toBe('a');
    expect(e.rows).toEqual([2]);
  });

  it('reads CSV and JSON text; a bare string with a newline or [ is content', () => {
    expect(loadTableSync('id,x\n001,1\n').objects()).toEqual([{ id: '001', x: 1 }]);
    expect(loadTableSync('[{"id":"001"}]').objects()).toEqual([{ id: '001' }]);
    expect(loadTableSync({ text: 'id;x\n1;2,5' }, { decimal: ',' }).objects()).toEqual([
      { id: '1', x: 2.5 },
    ]);
    expect(loadTableSync({ text: 'a\tb\n1\t2\n' }, { format: 'tsv' }).objects()).toEqual([
      { a: 1, b: 2 },
    ]);
  });

  it('reads Arrow bytes', () => {
    const bytes = new Uint8Array(readFileSync(fixture('experiment.arrow')));
    expect(loadTableSync(bytes).objects()).toEqual(expected);
  });

  it('refuses paths and Parquet, which need the async loader', () => {
    expect(catchError(() => loadTableSync('clients.csv')).code).toBe('needs-async');
    const parquet = new Uint8Array(readFileSync(fixture('experiment.parquet')));
    const e = catchError(() => loadTableSync(parquet));
    expect(e.code).toBe('needs-async');
    expect(e.message).toContain('await loadTable');
  });

  it('reports malformed JSON with line and column, without echoing the input', () => {
    const text = '[\n  {"id": "123456782", "arm": "control"},\n  {"id": "987654321" "arm": 1}\n]';
    const e = catchError(() => loadTableSync({ text }));
    expect(e.code).toBe('malformed-input');
    expect(e.message).toMatch(/^malformed JSON at line 3, column 22 \(character 64\): /);
    expect(e.message).not.toContain('987654321');
    expect(e.message).not.toContain('123456782');
  });

  it('locates JSON errors V8 reports without a position', () => {
    const e = catchError(() => loadTableSync({ text: '[{"id": "1"},]' }, { format: 'json' }));
    expect(e.message).toBe(
      "malformed JSON at line 1, column 14 (character 13): Unexpected token ']'",
    );
  });

  it('rejects JSON that is not an array of objects', () => {
    const obj = catchError(() => loadTableSync({ text: '{"id": "1"}' }));
    expect(obj.code).toBe('wrong-type');
    expect(obj.message).toBe(
      'JSON must be an array of row objects, but the top level is an object',
    );
    const nums = catchError(() => loadTableSync({ text: '[{"id": "1"}, 2, "x"]' }));
    expect(nums.code).toBe('wrong-type');
    expect(nums.rows).toEqual([2, 3]);
    expect(nums.message).toBe(
      'JSON must be an array of row objects, but rows 2, 3 are not an object (first: a number)',
    );
  });
});
