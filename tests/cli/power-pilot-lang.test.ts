/**
 * `power --pilot --lang nl` and the `--lang` help (issue #17). The study's own answer is Dutch
 * (headings, row labels, columns, sentences, "procentpunt", decimal comma, thousands dot), its
 * `--json` the same bytes in both languages, English unchanged; the planning question rejects
 * an unknown option. In every command's help the lines under `--lang` start in the column of
 * the command's other option descriptions.
 *
 * The figures are the English answer's (tests/studies/den-haag-pilot/power.test.ts checks them
 * against R's power.prop.test-style references), written in the Dutch style.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { InputError } from '../../src/errors.js';
import { DEN_HAAG_STUDY } from '../../src/studies/den-haag-pilot/study.js';
import { englishLines } from '../fixtures/english-markers.js';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('power --pilot --lang nl', () => {
  it('the study answer is Dutch; English and --json unchanged', async () => {
    const nl = await cli(['power', '--pilot', '--lang', 'nl']);
    expect(nl.code).toBe(0);
    const md = nl.stdout;
    expect(md.startsWith('# Den Haag-pilot, deciel 1: wat was aantoonbaar?\n')).toBe(true);
    expect(md).toContain(
      '| pilot (978 / 240) | 978 / 240 | 41,5% | 0,00 | −9,8 procentpunt | −31,7 procentpunt | 23,7% | 3,51 procentpunt |',
    );
    expect(md).toContain('| halve stad, één jaar | 489 / 120 |');
    expect(md).toContain('| 80/20 | 0,00 | 2.372 / 593 | 2.965 | 4,9 |');
    expect(md).toContain('Onderscheidend vermogen voor de gepubliceerde −6,3 procentpunt');
    expect(md).toContain('Aannames: tweezijdig α = 0,05');
    expect(englishLines(md)).toEqual([]);
    const en = await cli(['power', '--pilot']);
    expect(en.stdout).toContain('# Den Haag pilot, decile 1: what was detectable?');
    expect(en.stdout).toContain('| pilot (978 / 240) | 978 / 240 | 41.5 % | 0.00 | −9.8 pp |');
    expect(en.stdout).toContain('Assumptions: two-sided α = 0.05, 80 % power');
    expect(en.stdout).toBe((await DEN_HAAG_STUDY.planning!.question({ lang: 'en' })).markdown);
    const jsonEn = await cli(['power', '--pilot', '--json']);
    const jsonNl = await cli(['power', '--pilot', '--json', '--lang', 'nl']);
    expect(jsonNl.stdout).toBe(jsonEn.stdout);
  });

  it('the question rejects an unknown option and an unknown language', () => {
    const q = DEN_HAAG_STUDY.planning!;
    expect(() => q.question({ langu: 'nl' } as never)).toThrowError(InputError);
    expect(() => q.question({ langu: 'nl' } as never)).toThrow(/did you mean "lang"/);
    expect(() => q.question({ lang: 'de' as 'nl' })).toThrow(/lang/);
  });
});

describe('--lang in every help', () => {
  for (const command of ['assign', 'audit', 'analyze', 'plan', 'power', 'review']) {
    it(`${command}: the lines under --lang align with the option descriptions`, async () => {
      const { stdout } = await cli([command, '--help']);
      const lines = stdout.split('\n');
      const at = lines.findIndex((l) => l.startsWith('  --lang <en|nl>'));
      expect(at).toBeGreaterThan(0);
      // the description column of the command's options: where "-h, --help" starts its text
      const help = lines.find((l) => l.startsWith('  -h, --help'))!;
      const column = help.indexOf('this help');
      expect(column).toBeGreaterThan(12);
      // "  --lang <en|nl>" is 16 wide: its text follows on the line when the column leaves two
      // spaces, else every line of its text is below it (as the data flags' help)
      const inline = column >= 18;
      const text = lines.slice(inline ? at : at + 1, at + 5);
      if (inline) expect(text[0]!.slice(column)).toMatch(/^language of the report/);
      const continuation = text.slice(inline ? 1 : 0).filter((l) => /^ {10,}\S/.test(l));
      expect(continuation.length).toBeGreaterThanOrEqual(2);
      for (const l of continuation) expect(l.search(/\S/)).toBe(column);
      expect(continuation.some((l) => l.includes('('))).toBe(true);
    });
  }
});
