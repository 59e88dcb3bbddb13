import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTable } from '../../src/data/index.js';
import { InputError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'effectmeting-load-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A CSV of `n` rows: ≈ 30 bytes a row, so 400,000 rows are several read chunks (8 MiB). */
function writeCsv(n: number): string {
  const lines = ['id,arm,x'];
  for (let i = 0; i < n; i++) lines.push(`${i},${i % 2 ? 'control' : 'experiment'},${i / 7}`);
  const path = join(dir, `clients-${n}.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('loadTable reports its progress: the bytes read, then the parse', () => {
  it('gives fractions that rise to 1, the file read first, and the same table', async () => {
    const path = writeCsv(400_000);
    const fractions: number[] = [];
    const t = await loadTable(path, { onProgress: (f) => fractions.push(f) });
    const plain = await loadTable(path);
    expect(t.numRows()).toBe(400_000);
    expect(Array.from(t.array('x') as Float64Array)).toEqual(
      Array.from(plain.array('x') as Float64Array),
    );
    expect(t.array('arm')).toEqual(plain.array('arm'));
    // Reading the file (> 8 MiB: more than one chunk) is the first tenth of the bar.
    const reads = fractions.filter((f) => f <= 0.1);
    expect(reads.length).toBeGreaterThan(1);
    expect(reads.at(-1)).toBe(0.1);
    // Then the parse, every 65,536 records.
    expect(fractions.length - reads.length).toBe(Math.floor(400_000 / 65_536));
    for (let i = 1; i < fractions.length; i++) {
      expect(fractions[i]!).toBeGreaterThanOrEqual(fractions[i - 1]!);
    }
    expect(fractions.at(-1)!).toBeLessThanOrEqual(1);
  });

  it('says a missing file or a directory as without progress', async () => {
    const missing = loadTable(join(dir, 'nope.csv'), { onProgress: () => {} });
    await expect(missing).rejects.toThrow(InputError);
    await expect(missing).rejects.toThrow(/file not found/);
    const folder = join(dir, 'folder.csv');
    mkdirSync(folder);
    await expect(loadTable(folder, { onProgress: () => {} })).rejects.toThrow(/is a directory/);
    await expect(loadTable(folder)).rejects.toThrow(/is a directory/);
  });
});
