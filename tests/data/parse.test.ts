import { readFileSync } from 'node:fs';
import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { parseTable } from '../../src/data/parse.js';
import { InputError } from '../../src/errors.js';
import { EXPERIMENT_COLUMNS, EXPERIMENT_ROWS } from '../fixtures/experiment-rows.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const expected = EXPERIMENT_ROWS.map((r) => ({ ...r }));

describe('parseTable: data in memory, no file access', () => {
  it.each(['experiment.csv', 'experiment.json', 'experiment.arrow', 'experiment.parquet'])(
    'reads the bytes of %s, sniffing the format',
    async (name) => {
      const bytes = readFileSync(fixture(name));
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      const t = await parseTable(buffer as ArrayBuffer);
      expect(t.columnNames()).toEqual([...EXPERIMENT_COLUMNS]);
      expect(t.objects()).toEqual(expected);
    },
  );

  it('reads text, rows and tables', async () => {
    const t = await parseTable({ text: 'id,arm,followup_months\n001,control,24\n' });
    expect(t.objects()).toEqual([{ id: '001', arm: 'control', followup_months: 24 }]);
    expect((await parseTable([{ id: 7, arm: 'experiment' }])).objects()).toEqual([
      { id: '7', arm: 'experiment' },
    ]);
    const same = table({ id: ['a'] });
    expect(await parseTable(same)).toBe(same);
  });

  it('refuses a path: files are read by loadTable (effectmeting/node)', async () => {
    const error = await parseTable('clients.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('needs-async');
  });
});
