/**
 * `assign --lang` and `audit --lang` (issue #17): the printed summary and the audit report in
 * English (unchanged) and Dutch (labels, decimal comma, thousands dot, "%" against the number,
 * the Dutch disclosure note); the assigned CSV, the --record file and the audit's JSON are the
 * same bytes in both languages; an unknown language is a usage error naming --lang.
 *
 * Reference values: 820 experiment / 180 control against 80/20 gives
 * X² = (820 − 800)²/800 + (180 − 200)²/200 = 0.5 + 2 = 2.5 on 1 df, p = 0.1138 (R:
 * chisq.test(c(820, 180), p = c(0.8, 0.2)); the same file as tests/cli/audit-weights.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'assign-audit-lang-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 1,200 clients (ids c-0 … c-1199), a covariate and a flag excluding 4 of them. */
const clients = join(dir, 'clients.csv');
writeFileSync(
  clients,
  `id,gender,age,small\n${Array.from(
    { length: 1200 },
    (_, i) => `c-${i},${i % 3 === 0 ? 'man' : 'vrouw'},${20 + (i % 41) + 0.5},${i < 4 ? 1 : 0}`,
  ).join('\n')}\n`,
);

/** 820 experiment / 180 control, a decile covariate. */
const trial = join(dir, 'trial.csv');
writeFileSync(
  trial,
  `id,arm,decile\n${Array.from(
    { length: 1000 },
    (_, i) => `x${i},${i < 820 ? 'experiment' : 'control'},${(i % 10) + 1}`,
  ).join('\n')}\n`,
);

const rule = ['--rule', 'ratio', '--weights', 'experiment=0.8,control=0.2', '--key', 'lang-test'];

async function assign(lang: string) {
  const output = join(dir, `assigned-${lang}.csv`);
  const record = join(dir, `record-${lang}.json`);
  const r = await cli([
    'assign',
    '--input',
    clients,
    ...rule,
    '--exclude',
    'klein=small',
    '--output',
    output,
    '--record',
    record,
    '--lang',
    lang,
  ]);
  expect(r.code, r.stderr).toBe(0);
  return { ...r, csv: readFileSync(output, 'utf8'), record: readFileSync(record, 'utf8') };
}

describe('assign --lang', () => {
  it('prints the summary in English by default and in Dutch with --lang nl; files identical', async () => {
    const en = await assign('en');
    const nl = await assign('nl');
    const byDefault = await cli([
      'assign',
      '--input',
      clients,
      ...rule,
      '--exclude',
      'klein=small',
      '--output',
      join(dir, 'assigned-default.csv'),
    ]);
    expect(byDefault.stdout.replace('assigned-default', 'assigned-en')).toBe(en.stdout);
    expect(en.stdout).toContain(
      "Assignment: hashed ratio experiment 0.8 / control 0.2, HMAC-SHA256 key 'lang-test'; ",
    );
    expect(en.stdout).toContain('of 1,200 rows assigned.');
    expect(en.stdout).toContain('| arm | n | share | intended |');
    expect(en.stdout).toContain('| excluded: klein | < 10 |');
    expect(en.stdout).toContain('Wrote 1,200 rows to');

    expect(nl.stdout).toContain(
      "Toewijzing: gehashte verhouding experiment 0,8 / control 0,2, HMAC-SHA256-sleutel 'lang-test'; ",
    );
    expect(nl.stdout).toContain('van 1.200 rijen toegewezen.');
    expect(nl.stdout).toContain('| groep | n | aandeel | beoogd |');
    expect(nl.stdout).toContain('| uitgesloten: klein | < 10 |');
    expect(nl.stdout).toMatch(/\| experiment \| [\d.]+ \| 0,\d+ \| 0,8 \|/);
    expect(nl.stdout).toContain('Onthullingscontrole: aantallen onder 10');
    expect(nl.stdout).toContain('1.200 rijen geschreven naar');
    // no decimal point (a dot only groups thousands: three digits follow it)
    expect(nl.stdout).not.toMatch(/\d\.(\d{1,2}|\d{4,})(?!\d)/);
    expect(nl.stdout).not.toMatch(/\b(rows|Assignment|share|intended)\b/);

    // the working files hold machine values: the same bytes in both languages
    expect(nl.csv).toBe(en.csv);
    expect(nl.record).toBe(en.record);
  });

  it('refuses --lang de, naming --lang', async () => {
    const r = await cli(['assign', '--input', clients, ...rule, '--lang', 'de']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--lang: expected "en" or "nl", got "de"');
    expect(r.stdout).toBe('');
  });
});

describe('audit --lang', () => {
  const base = [
    'audit',
    '--input',
    trial,
    '--weights',
    '80/20',
    '--covariates',
    'decile',
    '--factors',
    'decile',
  ];

  it('writes the report in Dutch: titles, labels, "2,5", "0,1138", "82,0%", Sterren', async () => {
    const en = await cli(base);
    const nl = await cli([...base, '--lang', 'nl']);
    expect(en.code).toBe(0);
    expect(nl.code).toBe(0);
    expect((await cli([...base, '--lang', 'en'])).stdout).toBe(en.stdout);
    expect(en.stdout).toContain('# Assignment audit');
    expect(en.stdout).toContain('X² = 2.5, p = 0.1138 †');
    expect(en.stdout).toContain('Against: stated weights experiment 0.8 / control 0.2');

    expect(nl.stdout).toContain('# Controle van de toewijzing');
    expect(nl.stdout).toContain(
      'Getoetst tegen: opgegeven verhouding experiment 0,8 / control 0,2 (regel niet gegeven: geen controle op de regel). Rijen: 1.000.',
    );
    expect(nl.stdout).toContain('## Groepsverhouding');
    expect(nl.stdout).toContain(
      'Toets op de groepsverhouding (chikwadraattoets op de beoogde verhouding, 1 vrijheidsgraad): X² = 2,5, p = 0,1138 †',
    );
    expect(nl.stdout).toContain('| groep | waargenomen | verwacht | aandeel | beoogd |');
    expect(nl.stdout).toContain('| experiment | 820 | 800 | 0,82 | 0,8 |');
    expect(nl.stdout).toContain('Sterren: † p < 0,20, * p < 0,10, ** p < 0,05');
    expect(nl.stdout).toContain('## Balans');
    expect(nl.stdout).toContain('| kenmerk | niveau | experiment | control | SMD | p |');
    // decile 1 holds 82 of the 820 experiment and 18 of the 180 control clients: 10,0%
    expect(nl.stdout).toContain('| decile | 1 | 82 (10,0%) | 18 (10,0%) |');
    expect(nl.stdout).toContain('chikwadraattoets van Pearson op onafhankelijkheid');
    expect(nl.stdout).toContain('Omnibus control tegen experiment: F = ');
    expect(nl.stdout).not.toMatch(/\d\.(\d{1,2}|\d{4,})(?!\d)/);
    expect(nl.stdout).not.toMatch(/\b(Stars|Balance|Sample ratio|statistic)\b/);
  });

  it('with a rule: the conformance check in Dutch', async () => {
    const { csv, record } = await assign('en');
    const assigned = join(dir, 'assigned-audit.csv');
    const recordFile = join(dir, 'record-audit.json');
    writeFileSync(assigned, csv);
    writeFileSync(recordFile, record);
    const args = ['audit', '--input', assigned, '--record', recordFile];
    const en = await cli(args);
    const nl = await cli([...args, '--lang', 'nl']);
    expect(en.stdout).toContain(
      "Conformance with hashed ratio experiment 0.8 / control 0.2, HMAC-SHA256 key 'lang-test': 0 of 1,200 rows differ (0.00 %).",
    );
    expect(nl.stdout).toContain('## Naleving van de regel');
    expect(nl.stdout).toContain(
      "Naleving van gehashte verhouding experiment 0,8 / control 0,2, HMAC-SHA256-sleutel 'lang-test': 0 van 1.200 rijen wijken af (0,00%).",
    );
  });

  it('JSON is the same bytes in both languages (published and complete)', async () => {
    for (const extra of [[], ['--min-cell', '0']]) {
      const en = await cli([...base, '--json', ...extra]);
      const nl = await cli([...base, '--json', '--lang', 'nl', ...extra]);
      expect(en.code).toBe(0);
      expect(nl.stdout).toBe(en.stdout);
      expect(JSON.parse(en.stdout)).toBeTypeOf('object');
    }
  });

  it('refuses --lang de, naming --lang', async () => {
    const r = await cli([...base, '--lang', 'de']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--lang: expected "en" or "nl", got "de"');
  });
});
