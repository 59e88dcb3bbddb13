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
  it('--allocation that does not sum to 100 is an error naming the flag', async () => {
    const r = await cli([
      'power',
      '--control-rate',
      '0.415',
      '--effect=-0.063',
      '--allocation',
      '80/30',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--allocation 80/30');
    expect(r.stderr).toContain('sum to 110, not 100');
    // Shares summing to 1 are accepted: 0.8/0.2 is 80/20.
    const a = await cli([
      'power',
      '--control-rate',
      '0.415',
      '--effect=-0.063',
      '--allocation',
      '0.8/0.2',
    ]);
    expect(a.stdout).toContain('2,965');
  });
  it('flags that do not apply are usage errors', async () => {
    const cases: [string[], string][] = [
      [['--control-rate', '0.4', '--n', '100', '--icc', '0.1'], '--icc needs --cluster-size'],
      [
        ['--control-rate', '0.4', '--n', '100', '--icc', '0.1', '--cluster-size', '5'],
        '--icc needs --sd',
      ],
      [['--control-rate', '0.4', '--n', '100', '--rates', '0.1'], '--rates needs --simulate'],
      [['--control-rate', '0.4', '--n', '100', '--bonferroni'], '--bonferroni needs --arms'],
      [
        ['--control-rate', '0.4', '--n', '100', '--method', 'r-compatible', '--pooled'],
        'give --method or --pooled',
      ],
      [
        ['--control-rate', '0.4', '--n', '100', '--method', 'R'],
        '--method must be neyman or r-compatible',
      ],
      [['--sd', '1', '--control-rate', '0.4', '--n', '100'], 'give --sd or --control-rate'],
      [
        ['--sd', '1', '--n', '100', '--direction', 'increase'],
        '--direction does not apply with --sd',
      ],
      [['--pilot', '--n', '100'], '--n does not apply with --pilot'],
      [
        ['--control-rate', '0.4', '--n', '100', '--n-treatment', '50', '--n-control', '50'],
        'give --n or --n-treatment',
      ],
      [['--control-rate', '0.4', '--n-treatment', '50'], 'give both --n-treatment and --n-control'],
      [['--control-rate', '0.4', '--n', '100', '--strict'], '--strict needs --sd'],
      [
        ['--control-rate', '0.4', '--n', '100', '--nn', '3'],
        'unknown flag --nn (did you mean --n?)',
      ],
    ];
    for (const [args, message] of cases) {
      const r = await cli(['power', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
    }
  });
  it("--method r-compatible is R's power.prop.test default (933.91 per group → 934)", async () => {
    const r = await cli([
      'power',
      '--control-rate',
      '0.415',
      '--effect=-0.063',
      '--method',
      'r-compatible',
      '--json',
    ]);
    const j = JSON.parse(r.stdout) as {
      exact: { nControl: number };
      nControl: number;
      method: string;
    };
    // R: power.prop.test(p1 = 0.415, p2 = 0.352, power = 0.8)$n (tests/reference/power.json)
    expect(j.exact.nControl).toBeCloseTo(933.91365815240704, 6);
    expect(j.nControl).toBe(934);
    expect(j.method).toContain("'r-compatible'");
  });
  it('--sd plans a difference in means as power.t.test; --icc/--cluster-size a cluster design', async () => {
    // R: power.t.test(n = 20, delta = 1)$power = 0.86895280169249778
    const p = await cli(['power', '--sd', '1', '--n', '40', '--effect', '1', '--json']);
    const j = JSON.parse(p.stdout) as { power: { power: number; df: number } };
    expect(j.power.power).toBeCloseTo(0.86895280169249778, 10);
    expect(j.power.df).toBe(38);
    // R: power.t.test(delta = 1, power = 0.9)$n = 22.0211 → 23 per arm
    const n = await cli(['power', '--sd', '1', '--effect', '1', '--power', '0.9']);
    expect(n.stdout).toContain('| sample size | 23 / 23 |');
    const c = await cli([
      'power',
      '--sd',
      '1',
      '--n',
      '1000',
      '--icc',
      '0.05',
      '--cluster-size',
      '25',
    ]);
    expect(c.code).toBe(0);
    expect(c.stdout).toContain('20 / 20');
    expect(c.stdout).toContain('Bell–McCaffrey (CR2) df = 38');
    expect(c.stdout).toContain('design effect 2.2');
  });
});
