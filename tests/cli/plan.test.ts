import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SMALL_PLAN, smallCsv } from '../evaluate/small-data.js';
import { SMALL_PAP } from '../evaluate/small-pre-analysis-plan.js';
import { cli } from '../fixtures/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'effectmeting-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const data = file('clients.csv', smallCsv());
const config = file('config.json', JSON.stringify(SMALL_PLAN));
const planFile = file('plan.json', JSON.stringify(SMALL_PAP, null, 2));
const FILES = ['analysis.txt', 'analysis.md', 'analysis.json', 'analysis.csv'];

/** Freezes the small plan once; the hash every later test expects. */
async function frozen(): Promise<{ path: string; hash: string }> {
  const path = join(dir, 'frozen.json');
  if (!existsSync(path)) {
    const r = await cli(['plan', 'freeze', planFile, '--out', path]);
    expect(r.err).toMatch(/^froze .*plan\.json into .*frozen\.json/);
    expect(r.code).toBe(0);
  }
  const json = JSON.parse(readFileSync(path, 'utf8'));
  return { path, hash: json.frozen.sha256 };
}

describe('effectmeting plan freeze / verify', () => {
  it('freezes with the SHA-256 of the canonical plan, the same bytes every time', async () => {
    const { path, hash } = await frozen();
    const json = JSON.parse(readFileSync(path, 'utf8'));
    expect(hash).toBe(sha(json.frozen.canonical));
    expect(JSON.parse(json.frozen.canonical)).toEqual({
      ...SMALL_PAP,
      primary: { ...SMALL_PAP.primary, factors: [], se: 'HC2' },
    });
    // Without --out: the same frozen plan on stdout, the hash on stderr.
    const r = await cli(['plan', 'freeze', planFile]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync(path, 'utf8'));
    expect(r.err).toBe(`sha256 ${hash}\n`);
    // Freezing again into the same file: same bytes, allowed.
    const again = await cli(['plan', 'freeze', planFile, '--out', path]);
    expect(again.code).toBe(0);
    expect(again.out).toBe(`sha256 ${hash}\n`);
  });

  it('verify prints the hash and ok', async () => {
    const { path, hash } = await frozen();
    const r = await cli(['plan', 'verify', path]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`sha256 ${hash}  ok: ${path} is unchanged since it was frozen\n`);
  });

  it('refuses to write over its input, over another file, or to freeze a frozen plan', async () => {
    const before = readFileSync(planFile, 'utf8');
    const over = await cli(['plan', 'freeze', planFile, '--out', planFile]);
    expect(over.code).toBe(2);
    expect(over.err).toContain(
      `--out: writing ${planFile} would overwrite the plan ${planFile}; choose another --out`,
    );
    expect(readFileSync(planFile, 'utf8')).toBe(before);
    const other = file('other.json', '{"keep": true}\n');
    const r = await cli(['plan', 'freeze', planFile, '--out', other]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('exists and holds something else; a frozen plan is a record');
    expect(readFileSync(other, 'utf8')).toBe('{"keep": true}\n');
    const { path } = await frozen();
    const twice = await cli(['plan', 'freeze', path, '--out', join(dir, 'twice.json')]);
    expect(twice.code).toBe(2);
    expect(twice.err).toContain('is already frozen');
  });

  it('refuses unknown and missing keys, naming the file and the field', async () => {
    const typo = file('typo.json', JSON.stringify({ ...SMALL_PAP, secondary: ['month_work'] }));
    const r = await cli(['plan', 'freeze', typo]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `effectmeting plan: invalid plan ${typo}: plan: unknown key "secondary"`,
    );
    expect(r.err).toContain('allowed keys: title, primary, secondaryOutcomes, notes, frozen');
    const { level: _level, ...primary } = SMALL_PAP.primary;
    const missing = file('missing.json', JSON.stringify({ ...SMALL_PAP, primary }));
    const m = await cli(['plan', 'freeze', missing]);
    expect(m.code).toBe(1);
    expect(m.err).toContain('plan.primary.level: missing: the confidence level, e.g. 0.95');
  });

  it('usage errors: no subcommand, an unknown one, no file, --out with verify', async () => {
    for (const args of [
      ['plan'],
      ['plan', 'thaw', planFile],
      ['plan', 'freeze'],
      ['plan', 'verify', planFile, '--out', 'x'],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
    }
    const notFrozen = await cli(['plan', 'verify', planFile]);
    expect(notFrozen.code).toBe(1);
    expect(notFrozen.err).toContain('is not a frozen plan');
  });

  it('verify names the fields edited after freezing', async () => {
    const { path, hash } = await frozen();
    const json = JSON.parse(readFileSync(path, 'utf8'));
    json.primary.level = 0.9;
    const edited = file('edited.json', JSON.stringify(json, null, 2));
    const r = await cli(['plan', 'verify', edited]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `plan ${edited}: edited after freezing: plan.primary.level: frozen 0.95, now 0.9.`,
    );
    expect(r.err).toContain(`its stamp is ${hash}`);
  });
});

describe('effectmeting analyze --plan', () => {
  it('runs the planned config: the hash in every output, the confirmatory result set apart', async () => {
    const { path, hash } = await frozen();
    const out = join(dir, 'as-planned');
    const r = await cli([
      'analyze',
      '--input',
      data,
      '--config',
      config,
      '--plan',
      path,
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.err).toBe(
      `wrote ${join(out, 'analysis')}.txt, .md, .json, .csv and ${join(out, 'report.html')}\n`,
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain(hash);
    for (const name of FILES) {
      const text = readFileSync(join(out, name), 'utf8');
      expect(text, name).toContain(hash);
      expect(text, name).not.toMatch(/deviates from the frozen plan \(/);
    }
    const txt = readFileSync(join(out, 'analysis.txt'), 'utf8').split('\n');
    expect(txt[3]).toBe(`Pre-analysis plan (sha256 ${hash}): followed`);
    expect(txt.find((l) => l.startsWith('Confirmatory result'))).toBe(
      'Confirmatory result (pre-registered): effect on bijstand at month 12 (experiment − control, adjusted)',
    );
    expect(txt.filter((l) => /^Exploratory: Effect on \w+ per month/.test(l)).length).toBe(2);
    const json = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8'));
    expect(Object.keys(json)[0]).toBe('preAnalysisPlan');
    expect(json.preAnalysisPlan).toMatchObject({
      sha256: hash,
      deviations: [],
      file: 'frozen.json',
    });
    const confirmatory = json.sections.find((s: { id: string }) => s.id === 'confirmatory');
    const effect = json.sections.find((s: { id: string }) => s.id === 'effect');
    const month12 = effect.rows.find((x: { month: number }) => x.month === 12);
    expect(confirmatory.rows[0].estimate).toBe(month12.adj);
    expect(confirmatory.rows[0].p).toBe(month12.adj_p);
    const csv = readFileSync(join(out, 'analysis.csv'), 'utf8').split('\n');
    expect(csv[1]).toBe(`pre-analysis-plan,,,,,,sha256.planned,${hash}`);
    // The same inputs give the same bytes.
    const again = join(dir, 'as-planned-again');
    await cli([
      'analyze',
      '--input',
      data,
      '--config',
      config,
      '--plan',
      path,
      '--out',
      again,
      '--quiet',
    ]);
    for (const name of FILES) {
      expect(readFileSync(join(again, name), 'utf8'), name).toBe(
        readFileSync(join(out, name), 'utf8'),
      );
    }
  });

  it('--min-cell 0 JSON: the complete result with the confirmatory numbers under preAnalysisPlan', async () => {
    const { path, hash } = await frozen();
    const r = await cli([
      'analyze',
      '--input',
      data,
      '--config',
      config,
      '--plan',
      path,
      '--format',
      'json',
      '--min-cell',
      '0',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json).slice(0, 2)).toEqual(['preAnalysisPlan', 'title']);
    expect(json.preAnalysisPlan.sha256).toBe(hash);
    const month12 = json.effects[0].series.months[11];
    expect(json.preAnalysisPlan.confirmatory).toMatchObject({
      outcome: 'month_bijstand',
      month: 12,
      estimator: 'adjusted',
      effect: month12.adjusted,
      nTreated: month12.nTreated,
    });
    expect(month12.adjusted.estimate).toBeLessThan(0);
  });

  it('refuses an edited frozen plan, before reading the data', async () => {
    const { path } = await frozen();
    const json = JSON.parse(readFileSync(path, 'utf8'));
    json.primary.month = 6;
    const edited = file('edited-month.json', JSON.stringify(json));
    const out = join(dir, 'edited-out');
    const r = await cli([
      'analyze',
      '--input',
      data,
      '--config',
      config,
      '--plan',
      edited,
      '--out',
      out,
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `plan ${edited}: edited after freezing: plan.primary.month: frozen 12, now 6.`,
    );
    expect(r.out).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a config with another primary month; with --exploratory every output says so', async () => {
    const { path, hash } = await frozen();
    const shorter = file(
      'config-6.json',
      JSON.stringify({
        ...SMALL_PLAN,
        months: 6,
        participation: { received: ['conversation'], month: 6 },
      }),
    );
    const out = join(dir, 'deviating');
    const r = await cli([
      'analyze',
      '--input',
      data,
      '--config',
      shorter,
      '--plan',
      path,
      '--out',
      out,
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `config ${shorter} changes the primary analysis of the frozen plan ${path} (sha256 ${hash}):`,
    );
    expect(r.err).toContain(
      '  - primary.month: planned 12, config.months is 6 (month 12 is not analysed)',
    );
    expect(r.err).toContain('give --exploratory');
    expect(existsSync(out)).toBe(false);

    const x = await cli([
      'analyze',
      '--input',
      data,
      '--config',
      shorter,
      '--plan',
      path,
      '--exploratory',
      '--out',
      out,
      '--quiet',
    ]);
    expect(x.code).toBe(0);
    const statement =
      'THIS ANALYSIS DEVIATES FROM THE FROZEN PLAN (run with --exploratory): primary.month: planned 12, config.months is 6 (month 12 is not analysed)';
    for (const name of ['analysis.txt', 'analysis.md']) {
      const lines = readFileSync(join(out, name), 'utf8').split('\n');
      expect(lines.slice(0, 8).join('\n'), name).toContain(
        `(sha256 ${hash}): this analysis deviates from it — exploratory`,
      );
      const at = lines.findIndex((l) => l.includes(statement));
      expect(at, name).toBeGreaterThan(0);
      expect(at, name).toBeLessThan(30);
      expect(lines.join('\n')).toContain(
        'No confirmatory result: the analysis deviates from the frozen plan',
      );
      expect(lines.join('\n')).not.toContain('Confirmatory result (pre-registered)');
    }
    const json = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8'));
    expect(Object.keys(json)[0]).toBe('preAnalysisPlan');
    expect(json.preAnalysisPlan.status).toBe('exploratory: deviates from the frozen plan');
    expect(json.preAnalysisPlan.deviations).toEqual([
      'primary.month: planned 12, config.months is 6 (month 12 is not analysed)',
    ]);
    const csv = readFileSync(join(out, 'analysis.csv'), 'utf8').split('\n');
    expect(csv.slice(1, 8)).toEqual(
      expect.arrayContaining([
        `pre-analysis-plan,,,,,,sha256.planned,${hash}`,
        'pre-analysis-plan,,,,,,analysis.analysed,deviates from the frozen plan (--exploratory)',
        'pre-analysis-plan,,,,,,analysis.status,exploratory',
      ]),
    );
    expect(x.out).toContain(statement);
  });

  it('--exploratory needs --plan, and no output may overwrite the plan', async () => {
    const r = await cli(['analyze', '--input', data, '--config', config, '--exploratory']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--exploratory needs --plan <frozen.json>');
    const { path } = await frozen();
    const planInOut = join(dir, 'guarded');
    const copy = join(planInOut, 'analysis.json');
    rmSync(planInOut, { recursive: true, force: true });
    await cli(['plan', 'freeze', planFile, '--out', copy]);
    const before = readFileSync(copy, 'utf8');
    expect(before).toBe(readFileSync(path, 'utf8'));
    const o = await cli([
      'analyze',
      '--input',
      data,
      '--config',
      config,
      '--plan',
      copy,
      '--out',
      planInOut,
    ]);
    expect(o.code).toBe(2);
    expect(o.err).toContain(`would overwrite --plan ${copy}`);
    expect(readFileSync(copy, 'utf8')).toBe(before);
  });
});
