import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('effectmeting power', () => {
  it('--pilot answers the pilot question', async () => {
    const r = await cli(['power', '--pilot']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('−9.8 pp');
    expect(r.stdout).toContain('half city');
    expect(r.stdout).toContain('2,965');
  });
  it('MDE for given sizes, power for an effect, JSON', async () => {
    const r = await cli([
      'power',
      '--control-rate',
      '0.415',
      '--n-treatment',
      '978',
      '--n-control',
      '240',
      '--participation',
      '0.31',
      '--effect=-0.063',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { mde: { itt: number }; power: { power: number } };
    expect(j.mde.itt).toBeCloseTo(-0.0984, 3);
    expect(j.power.power).toBeCloseTo(0.431, 3);
  });
  it('sample size with 80/20, pairwise arms, simulation', async () => {
    const n = await cli([
      'power',
      '--control-rate',
      '0.415',
      '--effect=-0.063',
      '--allocation',
      '80/20',
    ]);
    expect(n.stdout).toContain('2,965');
    const arms = await cli([
      'power',
      '--control-rate',
      '0.3',
      '--n',
      '10000',
      '--arms',
      'a=80,b=10,c=10',
    ]);
    expect(arms.stdout).toContain('b vs c');
    const sim = await cli([
      'power',
      '--control-rate',
      '0.3',
      '--n',
      '400',
      '--effect=-0.1',
      '--rates',
      '0.1,0.2,0.3',
      '--simulate',
      '40',
      '--workers',
      '0',
    ]);
    expect(sim.code).toBe(0);
    expect(sim.stdout).toContain('## Simulation');
  });
  it('usage errors exit 2', async () => {
    expect((await cli(['power'])).code).toBe(2);
    expect((await cli(['power', '--control-rate', 'x'])).code).toBe(2);
  });
});
