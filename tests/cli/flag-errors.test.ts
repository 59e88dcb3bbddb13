/** CLI messages in the CLI's words: unknown flags and commands with a did-you-mean, flags not API names. */
import { describe, expect, it } from 'vitest';
import { cliWords, commandHint, flagErrorMessage, helpFlags } from '../../src/cli/flag-errors.js';
import { runCli } from '../../src/cli/main.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
  });
  return { code, out, err };
}

describe('flag and command errors', () => {
  it('name the flag with a did-you-mean', () => {
    expect(flagErrorMessage(new Error("Unknown option '--min-cel'"), ['input', 'min-cell'])).toBe(
      'unknown flag --min-cel (did you mean --min-cell?)',
    );
    expect(flagErrorMessage(new Error("Unknown option '--zzzzzz'"), ['input'])).toBe(
      'unknown flag --zzzzzz',
    );
    expect(
      flagErrorMessage(new Error("Option '--input <value>' argument missing"), ['input']),
    ).toBe('--input needs a value');
    expect(commandHint('anlyze', ['assign', 'analyze'])).toBe(" (did you mean 'analyze'?)");
    expect(commandHint('xyz', ['assign', 'analyze'])).toBe('');
    expect(helpFlags('  --min-cell <n>  counts\n  --quiet    no bar; see --min-cell')).toEqual([
      'min-cell',
      'quiet',
    ]);
  });

  it('rewrite API option names to flags', () => {
    expect(cliWords('controlRate must be a share in (0, 1), got 1.5', ['control-rate'])).toBe(
      '--control-rate must be a share in (0, 1), got 1.5',
    );
    expect(
      cliWords('powerTTest: clusters.icc must be in [0, 1), got 2', [], {
        'clusters.icc': '--icc',
      }),
    ).toBe('--icc must be in [0, 1), got 2');
    expect(cliWords('evaluationSections: "minCell" must be ≥ 0', ['min-cell'])).toBe(
      '--min-cell must be ≥ 0',
    );
    expect(cliWords('alpha must be in (0, 1), got 2', ['alpha'])).toBe(
      '--alpha must be in (0, 1), got 2',
    );
    // Words that are not option names stay, and so does the column of a data message.
    expect(cliWords("column 'minCellX' is missing", ['min-cell'])).toBe(
      "column 'minCellX' is missing",
    );
  });

  it('runCli: unknown flags, commands, and library errors in flag words', async () => {
    const flag = await run(['analyze', '--inpt', 'x.csv']);
    expect(flag.code).toBe(2);
    expect(flag.err).toContain('effectmeting analyze: unknown flag --inpt (did you mean --input?)');
    const review = await run(['review', '--curent', 'x.csv']);
    expect(review.err).toContain('unknown flag --curent (did you mean --current?)');
    const reproduce = await run(['reproduce', 'den-haag', '--min-cel', '3']);
    expect(reproduce.err).toContain('unknown flag --min-cel (did you mean --min-cell?)');
    const command = await run(['anlyze']);
    expect(command.code).toBe(2);
    expect(command.err).toContain("unknown command 'anlyze' (did you mean 'analyze'?)");
    const power = await run(['power', '--control-rate', '1.5', '--n', '1000']);
    expect(power.code).toBe(1);
    expect(power.err).toBe(
      'effectmeting power: --control-rate must be a share in (0, 1), got 1.5\n',
    );
    const r2 = await run(['power', '--control-rate', '0.4', '--n', '1000', '--r2', '1.5']);
    expect(r2.err).toBe('effectmeting power: --r2 must be in [0, 1), got 1.5\n');
    const icc = await run([
      'power',
      '--sd',
      '1',
      '--icc',
      '2',
      '--cluster-size',
      '10',
      '--n',
      '1000',
    ]);
    expect(icc.err).toBe('effectmeting power: --icc must be in [0, 1), got 2\n');
  });
});
