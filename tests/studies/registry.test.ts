import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { asTable } from '../../src/data/columns.js';
import { loadTable } from '../../src/data/load.js';
import { STUDY_CATALOG } from '../../src/studies/catalog.js';
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

  it('the light registry lists the same studies, in order, and loads each one', async () => {
    expect(STUDY_CATALOG.map((s) => s.name)).toEqual(STUDIES.map((s) => s.name));
    for (const [i, entry] of STUDY_CATALOG.entries()) {
      const study = await entry.load();
      // the same object as the eager registry's, named and titled by the catalog
      expect(study).toBe(STUDIES[i]);
      expect(study.title).toBe(entry.title);
      // the data files `review` recognises without loading the study
      expect(entry.files, entry.name).toEqual(study.datasets.map((d) => d.file));
      // what `power --help` says of the planning question
      expect(entry.planning, entry.name).toEqual(
        study.planning ? { name: study.planning.name, help: study.planning.help } : undefined,
      );
      expect(entry.reproduction !== undefined, entry.name).toBe(study.reproduction !== undefined);
      if (!study.reproduction || !entry.reproduction) continue;
      expect(entry.reproduction.charts, entry.name).toBe(study.reproduction.charts);
      expect(entry.reproduction.benchmarkHelp, entry.name).toBe(study.reproduction.benchmark?.help);
      // the help names the benchmark file the study reads by default
      if (study.reproduction.benchmark) {
        expect(entry.reproduction.benchmarkHelp).toContain(
          `data/${study.reproduction.benchmark.file}`,
        );
      }
    }
    // reproduce --help lists each reproducible study by name and every line of its title
    const lines: string[] = [];
    expect(
      await runCli(['reproduce', '--help'], { stdout: (t) => lines.push(t), stderr: () => {} }),
    ).toBe(0);
    const help = lines.join('');
    for (const entry of STUDY_CATALOG) {
      if (!entry.reproduction) {
        expect(help).not.toContain(`  ${entry.name}\n`);
        continue;
      }
      expect(help).toContain(`  ${entry.name}\n`);
      for (const line of entry.title.split('\n')) expect(help).toContain(`      ${line.trim()}`);
    }
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
