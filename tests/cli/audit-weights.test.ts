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

/** 820 experiment / 180 control (R: chisq.test(c(820, 180), p = c(0.8, 0.2)): X² = 2.5, p = 0.1138). */
function trialFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'audit-weights-'));
  const rows = ['id,arm,decile'];
  for (let i = 0; i < 1000; i++)
    rows.push(`x${i},${i < 820 ? 'experiment' : 'control'},${(i % 10) + 1}`);
  const path = join(dir, 'trial.csv');
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

describe('effectmeting audit --weights (an existing trial, no rule)', () => {
  const file = trialFile();
  it('an arm label that is a BSN is refused by column and row, never printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-weights-'));
    const path = join(dir, 'bsn-arm.csv');
    // 222000004 passes the eleven test: 9·2 + 8·2 + 7·2 − 4 = 44 = 4 · 11.
    writeFileSync(path, 'id,arm\nA1,experiment\nA2,control\nA3,222000004\nA4,experiment\n');
    const r = await cli(['audit', '--input', path, '--weights', '80/20']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      "column 'arm' holds a value that equals an id or looks like a BSN in row 3 (not shown)",
    );
    expect(r.stderr).not.toContain('222000004');
  });
  it('80/20 gives the sample ratio and the balance table, no conformance', async () => {
    const r = await cli(['audit', '--input', file, '--weights', '80/20', '--covariates', 'decile']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('X² = 2.5, p = 0.1138 †');
    expect(r.stdout).toContain('## Balance');
    expect(r.stdout).not.toContain('Conformance');
    expect(r.stdout).not.toContain('rows differ');
  });
  it('named arms, percentages or shares, give the same test', async () => {
    const a = await cli([
      'audit',
      '--input',
      file,
      '--weights',
      'experiment=80,control=20',
      '--json',
    ]);
    const b = await cli([
      'audit',
      '--input',
      file,
      '--weights',
      'experiment=0.8,control=0.2',
      '--json',
    ]);
    const ja = JSON.parse(a.stdout) as { sampleRatio: { statistic: number; pValue: number } };
    expect(ja.sampleRatio.statistic).toBeCloseTo(2.5, 12);
    expect(ja.sampleRatio.pValue).toBeCloseTo(0.11384629800665812, 12);
    expect(JSON.parse(b.stdout)).toEqual(JSON.parse(a.stdout));
  });
  it('errors name the flag', async () => {
    const sum = await cli(['audit', '--input', file, '--weights', '80/30']);
    expect(sum.code).toBe(2);
    expect(sum.stderr).toContain('--weights 80/30: the shares sum to 110, not 100 (or 1)');
    const key = await cli(['audit', '--input', file, '--weights', '80/20', '--key', 'k']);
    expect(key.code).toBe(2);
    expect(key.stderr).toContain('--key: only with --rule or --record');
    const three = await cli(['audit', '--input', file, '--weights', '80/10/10']);
    expect(three.stderr).toContain('name the arms');
    const none = await cli(['audit', '--input', file]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('or --weights (e.g. 80/20) to audit a trial without its rule');
    const arms = await cli(['audit', '--input', file, '--weights', 'basic=50,intensive=50']);
    expect(arms.code).toBe(1);
    expect(arms.stderr).toContain("column 'arm' holds 'experiment', 'control'");
  });
});
