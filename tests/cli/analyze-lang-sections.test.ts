/**
 * `analyze --lang nl` on a run with every section (issue #17): a frozen pre-analysis plan, the
 * survival tests, RMST and Cox regression, randomisation inference, subgroups, participation
 * (small two-arm data), and a three-arm run (the several-arm contrasts). The Dutch text and
 * Markdown hold no English sentence (a scan for English marker words, names allowed), the new
 * sections have their Dutch titles and interval columns, and English stays as it was.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL_PLAN, smallCsv } from '../evaluate/small-data.js';
import { SMALL_PAP } from '../evaluate/small-pre-analysis-plan.js';
import { cli } from '../fixtures/cli.js';
import { englishLines } from '../fixtures/english-markers.js';

const dir = mkdtempSync(join(tmpdir(), 'effectmeting-analyze-sections-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const small = file('small.csv', smallCsv());
const config = file(
  'config.json',
  JSON.stringify({
    ...SMALL_PLAN,
    tests: ['logrank', 'gray'],
    rmst: { tau: 12 },
    cox: true,
    methods: { randomizationInference: { draws: 200, seed: 1 } },
  }),
);
const pap = file('pap.json', JSON.stringify(SMALL_PAP));
const frozen = join(dir, 'frozen.json');
// The three-arm fixture of tests/reference (3,000 clients of the 2017–2018 design), with an id.
const threeLines = readFileSync(new URL('../reference/three-arm.csv', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean);
const three = file(
  'three.csv',
  `${[`id,${threeLines[0]}`, ...threeLines.slice(1).map((l, i) => `c${i + 1},${l}`)].join('\n')}\n`,
);
const threeConfig = file(
  'three.json',
  JSON.stringify({
    title: 'Three arms',
    arms: {
      labels: ['service', 'control_enforcement', 'control_none'],
      contrasts: 'all-pairs',
      pAdjust: 'holm',
    },
    events: ['month_job'],
    months: 6,
    covariates: ['gender', 'age', 'education'],
  }),
);

const read = (run: string, lang: string, name: string) =>
  readFileSync(join(dir, `${run}-${lang}`, name), 'utf8');

/** Names a Dutch report keeps: column names, config keys, arm labels, events, method names. */
const ALLOW = ['month_bijstand', 'month_work', 'month_job', 'config.months', 'primary.month'];

describe('analyze --lang nl with every section', () => {
  beforeAll(async () => {
    const f = await cli(['plan', 'freeze', pap, '--out', frozen]);
    expect(f.code, f.err).toBe(0);
    for (const lang of ['en', 'nl']) {
      const base = ['--quiet', '--lang', lang];
      const a = await cli([
        'analyze',
        '--input',
        small,
        '--config',
        config,
        '--plan',
        frozen,
        ...base,
        '--out',
        join(dir, `small-${lang}`),
      ]);
      expect(a.code, a.err).toBe(0);
      const b = await cli([
        'analyze',
        '--input',
        three,
        '--config',
        threeConfig,
        ...base,
        '--out',
        join(dir, `three-${lang}`),
      ]);
      expect(b.code, b.err).toBe(0);
    }
  });

  it('leaves no English sentence in the Dutch text and Markdown', () => {
    for (const run of ['small', 'three']) {
      for (const name of ['analysis.md', 'analysis.txt']) {
        expect(englishLines(read(run, 'nl', name), ALLOW), `${run} ${name}`).toEqual([]);
      }
    }
  });

  it('the scan finds the English of the English run (it is not vacuous)', () => {
    expect(englishLines(read('small', 'en', 'analysis.md'), ALLOW).length).toBeGreaterThan(20);
  });

  it('writes the pre-registration sections in both languages', () => {
    const en = read('small', 'en', 'analysis.md');
    const nl = read('small', 'nl', 'analysis.md');
    expect(en).toMatch(/^## Pre-analysis plan \(sha256 [0-9a-f]{64}\): followed$/m);
    expect(en).toMatch(
      /^## Confirmatory result \(pre-registered\): effect on bijstand at month 12/m,
    );
    expect(en).toContain('## Exploratory: Assignment check');
    expect(nl).toMatch(/^## Analyseplan \(sha256 [0-9a-f]{64}\): gevolgd$/m);
    expect(nl).toMatch(
      /^## Confirmatief resultaat \(vooraf geregistreerd\): effect op bijstand in maand 12 \(experiment − control, gecorrigeerd\)$/m,
    );
    expect(nl).toContain('## Verkennend: Controle van de toewijzing');
    expect(nl).toContain('| primary.month | config.months | 12 | 12 | zoals gepland |');
    // the confirmatory interval in the Dutch number style, the same numbers as in English
    const enCi = /\| (−?\d+\.\d) to (−?\d+\.\d) \|/.exec(en.split('## Confirmatory')[1]!)!;
    expect(nl).toContain(`| ${enCi[1]!.replace('.', ',')} tot ${enCi[2]!.replace('.', ',')} |`);
  });

  it('writes the survival sections in both languages', () => {
    const en = read('small', 'en', 'analysis.md');
    const nl = read('small', 'nl', 'analysis.md');
    expect(en).toContain('## Exploratory: Survival tests (treatment vs control)');
    expect(en).toContain('## Exploratory: Cox regression (experiment vs control)');
    expect(nl).toContain('## Verkennend: Overlevingstoetsen (behandeling tegen controle)');
    expect(nl).toContain(
      '## Verkennend: Beperkt gemiddeld aantal maanden zonder de gebeurtenis tot en met maand 12',
    );
    expect(nl).toContain('## Verkennend: Cox-regressie (experiment tegen control)');
    expect(nl).toContain(
      'Log-rank: log-ranktoets (ρ = 0, als R survdiff), χ² met 1 vrijheidsgraad.',
    );
    expect(nl).toMatch(/bijstand: n = 240, \d+ gebeurtenissen\./);
  });

  it('writes the several-arm section with its interval column in both languages', () => {
    const en = read('three', 'en', 'analysis.md');
    const nl = read('three', 'nl', 'analysis.md');
    expect(en).toMatch(
      /^\| month \| contrast \| first n \| second n \| first \| second \| raw difference \| p \| {2}\| p holm \| adjusted \| 95 % CI \(pp\) \|/m,
    );
    expect(nl).toMatch(
      /^\| maand \| contrast \| eerste n \| tweede n \| eerste \| tweede \| ruw verschil \| p \| {2}\| p holm \| gecorrigeerd \| 95%-BI \(procentpunt\) \|/m,
    );
    expect(nl).toContain('## Contrasten tussen de groepen op job per maand (kolom month_job)');
    expect(nl).toContain(
      'Meervoudig toetsen: holm over de 3 contrasten binnen elke maand (ruwe en gecorrigeerde schattingen afzonderlijk gecorrigeerd; niet over de maanden heen).',
    );
  });

  it('gives the subgroup and complier tables an interval column', () => {
    const nl = read('small', 'nl', 'analysis.md');
    const en = read('small', 'en', 'analysis.md');
    expect(en).toMatch(/^\| office \| month \|.*\| adjusted \| 95 % CI \(pp\) \| SE \|/m);
    expect(nl).toMatch(
      /^\| office \| maand \|.*\| gecorrigeerd \| 95%-BI \(procentpunt\) \| SE \|/m,
    );
    expect(nl).toMatch(/^\| specificatie \|.*\| complier-effect \| 95%-BI \(procentpunt\) \|/m);
  });

  it('keeps CSV and JSON identical in both languages', () => {
    for (const run of ['small', 'three']) {
      for (const name of ['analysis.csv', 'analysis.json']) {
        expect(read(run, 'nl', name), `${run} ${name}`).toBe(read(run, 'en', name));
      }
    }
  });
});
