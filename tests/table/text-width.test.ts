/** Text tables fit a terminal's width by folding whole columns; without a width nothing changes. */
import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/table/model.js';
import { renderTable } from '../../src/table/sections.js';
import { ANSI, textOfTable } from '../../src/table/text.js';

const table: Table = {
  id: 'effects',
  title: 'Effect per month',
  columns: [
    { id: 'event', label: 'event', format: 'text', key: 'event' },
    { id: 'month', label: 'month', format: 'int', key: 'month' },
    { id: 'share_t', label: 'share experiment', format: 'percent' },
    { id: 'share_c', label: 'share control', format: 'percent' },
    { id: 'raw', label: 'raw effect', format: 'pp' },
    { id: 'se', label: 'raw SE', format: 'points' },
    { id: 'p', label: 'raw p', format: 'p' },
    { id: 'n', label: 'clients analysed', format: 'int' },
  ],
  rows: [
    {
      event: 'bijstand',
      month: 12,
      share_t: 0.283,
      share_c: 0.343,
      raw: -0.0601,
      se: 0.0331,
      p: 0.0712,
      n: 1194,
    },
    {
      event: 'bijstand',
      month: 24,
      share_t: 0.343,
      share_c: 0.415,
      raw: -0.0721,
      se: 0.0345,
      p: 0.0371,
      n: 1167,
    },
  ],
  notes: [
    'Complete follow-up: at month m, the clients observed at least m months; raw: difference in shares with an unpooled SE.',
  ],
};

const lengths = (text: string) => text.split('\n').map((l) => [...l].length);

describe('textOfTable with a width', () => {
  const wide = textOfTable(table);

  it('leaves a table that fits, and every table without a width, as it was', () => {
    expect(textOfTable(table, { width: 500 })).toBe(wide);
    expect(wide.split('\n')).toHaveLength(4);
    expect(Math.max(...lengths(wide))).toBeGreaterThan(60);
  });

  it('folds into blocks of whole columns no wider than the terminal, labels repeated', () => {
    const folded = textOfTable(table, { width: 60 });
    expect(Math.max(...lengths(folded))).toBeLessThanOrEqual(60);
    const blocks = folded.split('\n\n');
    expect(blocks.length).toBeGreaterThan(1);
    for (const block of blocks) {
      const [header, , first, second] = block.split('\n');
      expect(header).toMatch(/^event +month/);
      expect(first).toMatch(/^bijstand +12/);
      expect(second).toMatch(/^bijstand +24/);
    }
    // Every number of the wide table is in the folded one, whole.
    for (const cell of [
      '28.3 %',
      '34.3 %',
      '41.5 %',
      '−6.0 pp',
      '−7.2 pp',
      '3.3 pp',
      '0.071',
      '0.037',
      '1,194',
      '1,167',
    ]) {
      expect(folded).toContain(cell);
    }
    const headers = blocks.flatMap((b) =>
      b
        .split('\n')[0]!
        .split(/\s{2,}/)
        .slice(2),
    );
    expect(headers).toEqual([
      'share experiment',
      'share control',
      'raw effect',
      'raw SE',
      'raw p',
      'clients analysed',
    ]);
  });

  it('never cuts a cell: on a very narrow terminal every column gets a block of its own', () => {
    const folded = textOfTable(table, { width: 10 });
    expect(folded).toContain('clients analysed');
    expect(folded.split('\n\n')).toHaveLength(8);
    expect(folded).toContain('−7.2 pp');
  });

  it('colours only when asked: bold header, dim rule, same text without escapes', () => {
    const coloured = textOfTable(table, { color: true });
    expect(coloured.startsWith(ANSI.bold('event').slice(0, -5))).toBe(true);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(wide);
    expect(wide).not.toContain('\u001b');
  });
});

describe('renderTable for a terminal', () => {
  it('wraps notes at spaces and folds tables; the default is byte-identical to before', () => {
    const file = renderTable('Analysis', [table]);
    expect(file).toContain(table.notes![0]);
    const terminal = renderTable('Analysis', [table], { width: 50 });
    expect(Math.max(...lengths(terminal))).toBeLessThanOrEqual(50);
    expect(terminal.replace(/\s+/g, ' ')).toContain(table.notes![0]);
    expect(renderTable('Analysis', [table], {})).toBe(file);
  });
});
