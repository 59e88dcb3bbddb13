/**
 * `power --lang` (issue #17): the MDE, sample-size, pairwise and means tables in English
 * (unchanged) and Dutch (labels, method texts, "−9,8 procentpunt", "41,5%", "1.471"); JSON the
 * same bytes in both languages; an unknown language refused naming --lang. The numbers are the
 * ones tests/plan/cli.test.ts checks in English (MDE −9.84 pp and power 43.1 % for the pilot's
 * 978 / 240 at 41.5 %, participation 0.31, effect −6.3 pp): every Dutch number below is the
 * English one in Dutch style, checked by converting the English output's numbers.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { planMethodText, simulationMarkdown } from '../../src/plan/power-texts.js';
import type { SimulationResult } from '../../src/plan/simulate.js';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** The numbers of a text, English style ("1,471", "−9.8", "0.05") as plain numbers. */
const numbersEn = (text: string) =>
  [...text.matchAll(/−?\d[\d,]*(?:\.\d+)?/g)].map((m) =>
    Number(m[0].replaceAll(',', '').replace('−', '-')),
  );
/** The same in Dutch style ("1.471", "−9,8", "0,05"). */
const numbersNl = (text: string) =>
  [...text.matchAll(/−?\d[\d.]*(?:,\d+)?/g)].map((m) =>
    Number(m[0].replaceAll('.', '').replace(',', '.').replace('−', '-')),
  );

const questions: string[][] = [
  [
    '--control-rate',
    '0.415',
    '--n-treatment',
    '978',
    '--n-control',
    '240',
    '--participation',
    '0.31',
    '--effect=-0.063',
  ],
  ['--control-rate', '0.415', '--effect=-0.063', '--allocation', '80/20', '--r2', '0.38'],
  ['--control-rate', '0.3', '--n', '10000', '--arms', 'service=0.8,enforcement=0.1,none=0.1'],
  ['--sd', '1', '--effect', '0.3', '--icc', '0.05', '--cluster-size', '25'],
  ['--sd', '1', '--n', '2000', '--effect', '0.15'],
];

describe('power --lang', () => {
  it('the pilot design in Dutch: labels, "−9,8 procentpunt", "43,1%", method text', async () => {
    const nl = await cli(['power', ...questions[0]!, '--lang', 'nl']);
    expect(nl.code, nl.stderr).toBe(0);
    expect(nl.stdout).toContain(
      '| ontwerp | n behandeld / controle | aandeel controle | R² | MDE (ITT) | MDE per deelnemer | relatief t.o.v. controle | SE |',
    );
    expect(nl.stdout).toContain('| ontwerp | 978 / 240 | 41,5% | 0,00 | −9,8 procentpunt |');
    expect(nl.stdout).toContain(
      'Onderscheidend vermogen voor −6,3 procentpunt (ITT; −20,3 procentpunt per deelnemer): 43,1%.',
    );
    expect(nl.stdout).toContain(
      "methode 'neyman': normale benadering, tweezijdig α = 0,05, ongepoolde (Neyman-)variantie, beide verwerpingsgebieden, n = 978 behandeld / 240 controle; beoogd onderscheidend vermogen 80%.",
    );
    expect(nl.stdout).not.toMatch(/\bpp\b|\d %|\btreated\b|\bpower\b/);
  });

  it('sample size in Dutch: "1.471 | 368 | 1.839"', async () => {
    const nl = await cli(['power', ...questions[1]!, '--lang', 'nl']);
    expect(nl.stdout).toContain(
      'Benodigde cliënten om −6,3 procentpunt (ITT; −6,3 procentpunt per deelnemer) te vinden met 80% onderscheidend vermogen:',
    );
    expect(nl.stdout).toContain('| 1.471 | 368 | 1.839 | 80,0% |');
  });

  it('every question: English unchanged by --lang en, Dutch the same numbers, JSON identical', async () => {
    for (const q of questions) {
      const en = await cli(['power', ...q]);
      const enFlag = await cli(['power', ...q, '--lang', 'en']);
      const nl = await cli(['power', ...q, '--lang', 'nl']);
      expect(en.code, en.stderr).toBe(0);
      expect(enFlag.stdout).toBe(en.stdout);
      expect(nl.stdout).not.toBe(en.stdout);
      // "R2" / "R²" and "CR2" carry a digit that is a name, not a number: drop them first
      const names = (t: string) => t.replace(/\bR2\b|R²|CR2|\bn − 2\b|power\.t\.test/g, '');
      expect(numbersNl(names(nl.stdout))).toEqual(numbersEn(names(en.stdout)));
      const jsonEn = await cli(['power', ...q, '--json']);
      const jsonNl = await cli(['power', ...q, '--json', '--lang', 'nl']);
      expect(jsonNl.stdout).toBe(jsonEn.stdout);
    }
  });

  it('refuses --lang de, naming --lang', async () => {
    const r = await cli(['power', ...questions[0]!, '--lang', 'de']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--lang: expected "en" or "nl", got "de"');
  });

  it('the simulation table and method in Dutch', () => {
    const method =
      '40 replicates of the parametric model (978 treated / 240 control, complete assignment, participation 0.310 / 0.000, censoring 0.050), each analysed with effectSeries\' estimators (complete follow-up; raw: difference in shares, unpooled SE; adjusted: OLS, HC2, t test); power at two-sided α = 0.05; coverage of the 95 % CI of the true population effect; seed "1" (replicate r: createRng("1:r"))';
    const summary = { power: 0.55, bias: -0.0081, coverage: 0.95, empiricalSe: 0.0362 };
    const sim = {
      months: [{ month: 4, truth: -0.063, raw: summary, adjusted: summary }],
      firstSignificant: {
        which: 'adjusted',
        alpha: 0.05,
        distribution: [
          { month: 4, count: 22, share: 0.55 },
          { month: null, count: 18, share: 0.45 },
        ],
        median: 4,
      },
      method,
    } as unknown as SimulationResult;
    const md = simulationMarkdown(sim, 'nl');
    expect(md).toContain(
      '| 4 | −6,3 procentpunt | 55,0% | 95,0% | 55,0% | −0,81 procentpunt | 95,0% | 3,62 procentpunt |',
    );
    expect(md).toContain('Eerste maand met p < 0,05 (gecorrigeerd): 4: 55,0%, nooit: 45,0%.');
    expect(planMethodText(method, 'nl')).toBe(
      '40 herhalingen van het model parametric (978 behandeld / 240 controle, toewijzing complete, deelname 0,310 / 0,000, censurering 0,050), elk geanalyseerd met de schatters van effectSeries (volledige follow-up; ruw: verschil in aandelen, ongepoolde SE; gecorrigeerd: OLS, HC2, t-toets); onderscheidend vermogen bij tweezijdig α = 0,05; dekking van het 95%-BI van het ware populatie-effect; seed "1" (herhaling r: createRng("1:r"))',
    );
    expect(planMethodText(method, 'en')).toBe(method);
  });
});
