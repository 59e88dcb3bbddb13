/**
 * Disclosure control of `reproduce personal-services-2017` and `reproduce intensive-2012` on small
 * extracts of the shipped data, through the CLI, in every format (Markdown on stdout, the .md,
 * .json and .html files): the counts below 10 and what reveals them are "< 10" / "x"; the exact
 * cells (read from the same run with --min-cell 0) appear in no output.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'reproduce-disclosure-'));

/** The cells of the Markdown row that starts with `first`. */
function rowOf(markdown: string, first: string): string[] {
  const line = markdown.split('\n').find((l) => l.startsWith(`| ${first} |`));
  if (!line) throw new Error(`no row '${first}'`);
  return line
    .slice(1, -1)
    .split('|')
    .map((c) => c.trim());
}

interface Outputs {
  stdout: string;
  md: string;
  json: string;
  html: string;
}

async function reproduce(study: string, data: string, stem: string, extra: string[] = []) {
  const out = mkdtempSync(join(dir, 'out-'));
  const r = await cli(['reproduce', study, '--data', data, '--out', out, ...extra]);
  expect(r.code, r.stderr).toBe(0);
  const read = (ext: string) => readFileSync(join(out, `${stem}.${ext}`), 'utf8');
  return { stdout: r.stdout, md: read('md'), json: read('json'), html: read('html') };
}

describe('reproduce personal-services-2017 on 300 / 40 / 40 clients', () => {
  // the first 300 service, 40 control_enforcement and 40 control_none clients of the shipped data
  const data = join(dir, 'personal-services.csv');
  let on: Outputs;
  let off: Outputs;
  beforeAll(async () => {
    const lines = readFileSync('data/personal-services-2017.csv', 'utf8').trimEnd().split('\n');
    const quota: Record<string, number> = {
      service: 300,
      control_enforcement: 40,
      control_none: 40,
    };
    const kept = lines.slice(1).filter((l) => {
      const arm = l.split(',')[1]!;
      if ((quota[arm] ?? 0) <= 0) return false;
      quota[arm]!--;
      return true;
    });
    writeFileSync(data, `${[lines[0], ...kept].join('\n')}\n`);
    on = await reproduce('personal-services-2017', data, 'personal-services-2017');
    off = await reproduce('personal-services-2017', data, 'personal-services-2017', [
      '--min-cell',
      '0',
    ]);
  });

  it('the exact cells: control_none still on WW at month 12 is 8 of 39', () => {
    const reliance = off.md
      .split('\n')
      .find((l) => l.includes('enforcement only') && l.includes('WW reliance at month 12'))!;
    expect(reliance).toContain('20.5 % (n = 39)'); // 8 / 39 = 20.5 %
  });

  it('Markdown: the small count "< 10", the cells that reveal it "x", in every table', () => {
    for (const text of [on.stdout, on.md]) {
      const reliance = text
        .split('\n')
        .find((l) => l.includes('enforcement only') && l.includes('WW reliance at month 12'))!
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim());
      // comparison | outcome | treatment | control | raw | raw CI | raw p | raw p, Holm | adjusted
      // | adjusted CI | …: the raw CI is hidden with the raw difference (its midpoint)
      expect(reliance.slice(2, 8)).toEqual(['x', '< 10', 'x', 'x', 'x', 'x']);
      expect(reliance[8]).toMatch(/pp$/); // the adjusted estimate does not determine a count
      expect(reliance[9]).toMatch(/ to .* pp$/);
      // curves at month 12: control_enforcement (12 of 39) is "x": pooled 20 − 12 would give the 8
      const curves = text.slice(text.indexOf('## Cumulative job-finding'));
      const curve = rowOf(curves, '12');
      expect(curve.slice(5, 7)).toEqual(['x', 'x']);
      expect(text).toContain('at month 12 an amount not published (disclosure control)');
      expect(text).toContain('Disclosure control: counts below 10 are not published');
      expect(text).not.toContain('20.5 % (n = 39)');
    }
  });

  it('JSON publishes the same tables (not the result with its counts), HTML the same cells', () => {
    const j = JSON.parse(on.json) as {
      disclosure: { threshold: number };
      tables: { id: string; rows: Record<string, unknown>[] }[];
    };
    expect(j.disclosure.threshold).toBe(10);
    const effects = j.tables.find((t) => t.id === 'effects')!;
    expect(effects.rows[5]!.control).toBe('< 10');
    expect(effects.rows[5]!.treatment).toBe('x');
    expect(on.json).not.toContain('20.5 % (n = 39)');
    expect(on.json).not.toContain('"comparisons"');
    expect(on.html).toContain('&lt; 10');
    expect(on.html).not.toContain('20.5 % (n = 39)');
    // with --min-cell 0 the JSON is the complete result
    expect(JSON.parse(off.json)).toHaveProperty('comparisons');
  });
});

describe('reproduce intensive-2012 on every 15th client (615 clients)', () => {
  const data = join(dir, 'intensive.csv');
  let on: Outputs;
  let off: Outputs;
  beforeAll(async () => {
    const lines = readFileSync('data/intensive-vs-basic-2012.csv', 'utf8').trimEnd().split('\n');
    const kept = lines.filter((_, i) => i === 0 || (i + 1) % 15 === 0); // awk 'NR % 15 == 0'
    writeFileSync(data, `${kept.join('\n')}\n`);
    on = await reproduce('intensive-2012', data, 'intensive-vs-basic-2012');
    off = await reproduce('intensive-2012', data, 'intensive-vs-basic-2012', ['--min-cell', '0']);
  });

  it('the exact figures: 2 assignment errors; 6 and 7 basic clients with a 7th/10th-month conversation', () => {
    expect(off.md).toContain('**2 of 615 (0.3 %)** — 0 recorded basic, 2 recorded intensive.');
    expect(off.md).toContain('| conversation held | 6 (3 %) | 107 (54 %) | 113 (28 %) |');
    expect(off.md).toContain('| conversation held | 7 (5 %) | 76 (53 %) | 83 (29 %) |');
  });

  it('every format suppresses them; the row total forces an "x"', () => {
    for (const text of [on.stdout, on.md]) {
      expect(text).toContain('**< 10 of 615** — 0 recorded basic, < 10 recorded intensive.');
      expect(text).toContain('| conversation held | < 10 | x | 113 (28 %) |');
      expect(text).toContain('| conversation held | < 10 | x | 83 (29 %) |');
      // Table 4.6 has no small count and is published as it is
      expect(text).toContain('| conversation held | 22 (18 %) | 51 (54 %) | 73 (34 %) |');
    }
    for (const text of [on.stdout, on.md, on.json, on.html]) {
      expect(text).not.toContain('6 (3 %)');
      expect(text).not.toContain('107 (54 %)');
      expect(text).not.toContain('7 (5 %)');
      expect(text).not.toContain('2 recorded intensive');
    }
    const j = JSON.parse(on.json) as { tables: { id: string; rows: Record<string, unknown>[] }[] };
    const t44 = j.tables.find((t) => t.id === 'table_4_4')!;
    expect(t44.rows[1]!.control).toBe('< 10');
    expect(t44.rows[1]!.treatment).toBe('x');
    expect(on.html).toContain('&lt; 10');
  });

  it('back on benefit (share of all clients) rests on fewer than 10 clients: "x"', () => {
    // I-dvl: round(share × 307) and B-dvl: round(share × 308) clients back on benefit
    const back = rowOf(off.md, 'I-dvl');
    const share = Number(back[5]);
    expect(Math.round((share / 100) * 307)).toBeLessThan(10);
    expect(rowOf(on.md, 'I-dvl')[5]).toBe('x');
    expect(rowOf(on.md, 'net effect')[5]).toBe('x');
  });
});
