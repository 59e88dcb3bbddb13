/**
 * Disclosure control of `assign` and `audit` through the CLI (src/report/assignment-disclosure.ts):
 * the same threshold (default 10, `--min-cell`), secondary suppression, Markdown and JSON alike.
 * Expected cells derived by hand from the counts written into the files.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'assignment-disclosure-'));

/**
 * 50 experiment / 6 control; g: experiment a 44, b 6; control a 6, b 0; age 20 + i.
 * So: control 6 < 10 (primary), and 50 + 6 = 56 rows printed → experiment secondary;
 * g: experiment b 6 primary, the arm's 50 published through the shares → a 44 secondary;
 * control a 6 primary, b 0 (zeros published, never chosen as secondary).
 */
function trialFile(): string {
  const rows = ['id,arm,g,age'];
  for (let i = 0; i < 56; i++) {
    const arm = i < 50 ? 'experiment' : 'control';
    const g = i < 44 || i >= 50 ? 'a' : 'b';
    rows.push(`p${i},${arm},${g},${20 + i}`);
  }
  const path = join(dir, 'trial.csv');
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

/** The cells of a Markdown table row whose first cell is `first` (after the leading `|`). */
function rowOf(markdown: string, first: string): string[] {
  const line = markdown.split('\n').find((l) => l.startsWith(`| ${first} |`));
  if (!line) throw new Error(`no row '${first}' in\n${markdown}`);
  return line
    .slice(1, -1)
    .split('|')
    .map((c) => c.trim());
}

describe('audit: sample ratio and balance under disclosure control', () => {
  const file = trialFile();
  const args = ['audit', '--input', file, '--weights', '90/10', '--covariates', 'g,age'];

  it('Markdown: small arm and level counts "< 10", what reveals them "x"', async () => {
    const r = await cli(args);
    expect(r.code).toBe(0);
    // arm | observed | expected | share | intended
    expect(rowOf(r.stdout, 'experiment')).toEqual(['experiment', 'x', '50.4', 'x', '0.9']);
    expect(rowOf(r.stdout, 'control')).toEqual(['control', '< 10', '5.6', 'x', '0.1']);
    // covariate | level | experiment | control | SMD | p
    const a = rowOf(r.stdout, 'g');
    expect(a.slice(1, 5)).toEqual(['a', 'x', '< 10', 'x']);
    const b = rowOf(r.stdout, '');
    expect(b.slice(1, 5)).toEqual(['b', '< 10', '0 (0.0 %)', 'x']);
    const age = rowOf(r.stdout, 'age');
    expect(age[2]).toMatch(/^44\.5 \(SD 14\.58, n 50\)$/);
    expect(age[3]).toBe('< 10');
    expect(r.stdout).toContain('Disclosure control: counts below 10 are not published');
    // the tests stay published: they do not determine a count
    expect(r.stdout).toMatch(/X² = [0-9.]+, p = [0-9.]+/);
    for (const hidden of ['| 6 |', '| 44 (', '| 6 (', '(n 6)', 'n 6)']) {
      expect(r.stdout).not.toContain(hidden);
    }
  });

  it('JSON: the published tables, with the threshold and the sample-ratio test', async () => {
    const r = await cli([...args, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      disclosure: { threshold: number };
      sampleRatio: { statistic: number };
      tables: { id: string; rows: Record<string, unknown>[] }[];
    };
    expect(j.disclosure.threshold).toBe(10);
    // R: chisq.test(c(50, 6), p = c(0.9, 0.1))$statistic = 0.07142857
    expect(j.sampleRatio.statistic).toBeCloseTo(0.4 ** 2 / 50.4 + 0.4 ** 2 / 5.6, 12);
    const srm = j.tables.find((t) => t.id === 'sample_ratio')!;
    expect(srm.rows.map((x) => x.observed)).toEqual(['x', '< 10']);
    expect(srm.rows.map((x) => x.share)).toEqual(['x', 'x']);
    const balance = j.tables.find((t) => t.id === 'balance')!;
    expect(balance.rows.map((x) => x.control)).toEqual(['< 10', '0 (0.0 %)', '< 10']);
    expect(r.stdout).not.toMatch(/"observed": 6\b/);
  });

  it('--min-cell 5 publishes the 6; --min-cell 0 gives the complete result', async () => {
    const five = await cli([...args, '--min-cell', '5']);
    expect(rowOf(five.stdout, 'control')).toEqual(['control', '6', '5.6', '0.1071', '0.1']);
    const off = await cli([...args, '--min-cell', '0', '--json']);
    const j = JSON.parse(off.stdout) as { sampleRatio: { arms: { observed: number }[] } };
    expect(j.sampleRatio.arms.map((a) => a.observed)).toEqual([50, 6]);
    const bad = await cli([...args, '--min-cell', 'ten']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--min-cell: expected a whole number ≥ 0 (default 10), got 'ten'");
  });
});

describe('assign: the printed summary under disclosure control', () => {
  // 57 clients, complete 0.9 / 0.1 with seed 1: 51 / 6 (largest remainder: 51.3 → 51, 5.7 → 6).
  const rows = ['id,wia'];
  for (let i = 0; i < 60; i++) rows.push(`c-${i},${i < 3 ? 1 : 0}`);
  const input = join(dir, 'clients.csv');
  writeFileSync(input, `${rows.join('\n')}\n`);
  const base = ['assign', '--input', input, '--rule', 'complete', '--weights'];
  const rule = [...base, 'experiment=0.9,control=0.1', '--seed', '1', '--exclude', 'wia=wia'];

  it('arm and exclusion counts below 10 are "< 10"; the totals printed force an "x"', async () => {
    const output = join(dir, 'assigned.csv');
    const r = await cli([...rule, '--output', output]);
    expect(r.code).toBe(0);
    // 60 rows = assigned + 3 excluded: with the 3 suppressed, the 57 assigned would give it back
    expect(r.stdout).toContain('; x of 60 rows assigned.');
    // arm | n | share | intended
    expect(rowOf(r.stdout, 'experiment')).toEqual(['experiment', 'x', 'x', '0.9']);
    expect(rowOf(r.stdout, 'control')).toEqual(['control', '< 10', 'x', '0.1']);
    expect(rowOf(r.stdout, 'excluded: wia')).toEqual(['excluded: wia', '< 10', '', '']);
    expect(r.stdout).toContain('Disclosure control: counts below 10');
    expect(r.stdout).not.toMatch(/\| (51|6|3) \|/);
  });

  it('with the CSV on stdout the summary on stderr is protected the same way', async () => {
    const r = await cli(rule);
    expect(r.code).toBe(0);
    expect(rowOf(r.stderr, 'control')).toEqual(['control', '< 10', 'x', '0.1']);
  });

  it('--min-cell 0 prints the exact counts', async () => {
    const r = await cli([...rule, '--output', join(dir, 'assigned0.csv'), '--min-cell', '0']);
    expect(rowOf(r.stdout, 'experiment')).toEqual(['experiment', '51', '0.8947', '0.9']);
    expect(rowOf(r.stdout, 'control')).toEqual(['control', '6', '0.1053', '0.1']);
    expect(rowOf(r.stdout, 'excluded: wia')).toEqual(['excluded: wia', '3', '', '']);
    expect(r.stdout).not.toContain('Disclosure control');
  });
});
