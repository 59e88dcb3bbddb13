import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { asTable } from '../../src/data/columns.js';
import { loadTable } from '../../src/data/load.js';
import { findStudy, STUDIES, studyDatasets } from '../../src/studies/registry.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the study registry', () => {
  it('lists every study once, and every data file once', () => {
    const names = STUDIES.map((s) => s.name);
    expect(names).toEqual([
      'den-haag',
      'intensive-2012',
      'personal-services-2017',
      'scan-population',
    ]);
    const files = studyDatasets().map((d) => d.file);
    expect(new Set(files).size).toBe(files.length);
    const sums = readFileSync(join(root, 'data', 'SHA256SUMS'), 'utf8');
    for (const f of files) expect(sums).toContain(`  ${f}\n`);
    // A reproduction reads one of its own study's files.
    for (const s of STUDIES) {
      if (!s.reproduction) continue;
      expect(s.datasets.map((d) => d.file)).toContain(s.reproduction.data);
    }
    expect(findStudy('den-haag')?.reproduction?.stem).toBe('den-haag-pilot');
    expect(findStudy('nope')).toBeUndefined();
  });

  it('reproduce without data/ generates the file in memory: same report as from data/', async () => {
    const study = findStudy('den-haag')!;
    const r = study.reproduction!;
    const table = await loadTable(join(root, 'data', r.data));
    const benchmarkPath = `data/${r.benchmark!.file}`;
    const benchmark = r.benchmark!.fromTable(
      asTable(await loadTable(join(root, benchmarkPath))),
      benchmarkPath,
    );
    const expected = r.reproduce(table, {
      benchmark,
      source: { path: `data/${r.data}`, synthetic: true },
    }).markdown;

    // In this process, in an empty working directory (the command resolves data/ against the
    // working directory): what `effectmeting reproduce den-haag` writes, without starting a
    // second Node and tsx, and without the test knowing how the command finds its data.
    const cwd = mkdtempSync(join(tmpdir(), 'effectmeting-reproduce-'));
    const previous = process.cwd();
    let stdout = '';
    let stderr = '';
    try {
      process.chdir(cwd);
      const status = await runCli(['reproduce', 'den-haag'], {
        stdout: (t) => {
          stdout += t;
        },
        stderr: (t) => {
          stderr += t;
        },
      });
      expect(status, stderr).toBe(0);
      expect(stdout).toBe(expected);
      const notes = stderr.trim().split('\n');
      expect(notes).toEqual([
        'note: data/den-haag-pilot.csv not found; generated it in memory from the seeded generator',
        'note: data/den-haag-national-benchmark.csv not found; generated it in memory from the seeded generator',
      ]);
      expect(readdirSync(cwd)).toEqual([]);
    } finally {
      process.chdir(previous);
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
