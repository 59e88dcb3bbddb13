/**
 * Disclosure control of `analyze` across tables (src/report/evaluation-disclosure.ts), through the
 * CLI in every format (analysis.txt, .md, .csv, .json): a subgroup's levels sum to the effect
 * table's clients and events, so no month and arm may hold exactly one suppressed cell among the
 * levels and the total; the complier table's unadjusted first stage, ITT and complier effect are
 * suppressed with the participation counts they rest on.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { SMALL_PLAN, smallRows } from '../evaluate/small-data.js';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

interface JsonSection {
  id: string;
  title?: string;
  keys?: Record<string, unknown>;
  rows: Record<string, unknown>[];
}

/** The event of an effect or subgroup section of the JSON ("Effect on bijstand …"). */
const eventOf = (s: JsonSection) => s.keys?.event ?? /^Effect on (\S+)/.exec(s.title ?? '')?.[1];

const dir = mkdtempSync(join(tmpdir(), 'analyze-disclosure-'));

/** The small experiment, with only the first 6 treated clients receiving the service. */
function writeData(): string {
  let received = 0;
  const rows = smallRows().map((r) => {
    const gets = r.arm === 'experiment' && received < 6;
    if (gets) received++;
    return { ...r, participation: gets ? 'conversation' : 'none' };
  });
  const names = Object.keys(rows[0]!) as (keyof (typeof rows)[number])[];
  const lines = rows.map((r) => names.map((n) => (r[n] === null ? '' : String(r[n]))).join(','));
  const path = join(dir, 'small.csv');
  writeFileSync(path, `${[names.join(','), ...lines].join('\n')}\n`);
  return path;
}

describe('analyze: subgroup levels and complier effects under disclosure control', () => {
  const input = writeData();
  const config = join(dir, 'plan.json');
  writeFileSync(config, JSON.stringify(SMALL_PLAN));
  const files: Record<string, string> = {};
  let exact: JsonSection[];
  let published: JsonSection[];
  beforeAll(async () => {
    const out = join(dir, 'out');
    const r = await cli(['analyze', '--input', input, '--config', config, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    for (const ext of ['txt', 'md', 'csv', 'json']) {
      files[ext] = readFileSync(join(out, `analysis.${ext}`), 'utf8');
    }
    published = (JSON.parse(files.json!) as { sections: JsonSection[] }).sections;
    const off = await cli([
      'analyze',
      '--input',
      input,
      '--config',
      config,
      '--min-cell',
      '0',
      '--format',
      'json',
    ]);
    expect(off.code).toBe(0);
    exact = sectionsOfResult(off.stdout);
  });

  /** With --min-cell 0 the JSON is the complete result: the exact counts per level and month. */
  function sectionsOfResult(json: string): JsonSection[] {
    const r = JSON.parse(json) as {
      subgroups: {
        event: string;
        result: {
          subgroups: {
            level: string;
            series: { months: { month: number; nControl: number; eventsControl: number }[] };
          }[];
        };
      }[];
    };
    return r.subgroups.map((g) => ({
      id: 'subgroup',
      keys: { event: g.event },
      rows: g.result.subgroups.flatMap((l) =>
        l.series.months.map((m) => ({
          level: l.level,
          month: m.month,
          n_c: m.nControl,
          events_c: m.eventsControl,
        })),
      ),
    }));
  }

  it('the exact counts: at month 4 office 2 has fewer than 10 control clients with bijstand', () => {
    const bijstand = exact.find((s) => s.keys?.event === 'bijstand')!;
    const at4 = bijstand.rows.filter((x) => x.month === 4);
    expect(at4.map((x) => x.events_c)).toEqual([14, 8, 17]);
  });

  it('every format shows the office 2 share "x" (8 < 10) and office 1 "x" (39 − 8 − 17 = 14)', () => {
    const subgroup = published.find((s) => s.id === 'subgroup' && eventOf(s) === 'bijstand')!;
    const at4 = subgroup.rows.filter((x) => x.month === 4);
    expect(at4.map((x) => x.share_c)).toEqual(['x', 'x', 17 / 32]);
    expect(files.md).toMatch(/\| office 1 \| 4 \| 48 \| 32 \| 31\.3 % \| x \| x \| x \|/);
    expect(files.txt).toMatch(/office 1 +4 +48 +32 +31\.3 % +x +x +x/);
    expect(files.csv).toContain('subgroup,bijstand,office,office 1,control,4,share,x');
    expect(files.csv).toContain('subgroup,bijstand,office,office 2,control,4,share,x');
  });

  it('no month and arm leaves exactly one suppressed cell among the levels and the total', () => {
    for (const section of published.filter((s) => s.id === 'subgroup')) {
      const effect = published.find((s) => s.id === 'effect' && eventOf(s) === eventOf(section))!;
      expect(effect.title).toContain(`Effect on ${String(eventOf(section))} per month`);
      for (const row of effect.rows) {
        for (const a of ['t', 'c']) {
          const levels = section.rows.filter((x) => x.month === row.month);
          const hidden = [row, ...levels].filter(
            (x) => typeof x[`share_${a}`] === 'string' || typeof x[`n_${a}`] === 'string',
          ).length;
          expect(hidden, `${String(eventOf(section))} month ${row.month} arm ${a}`).not.toBe(1);
        }
      }
    }
  });

  it('6 receivers: participation "< 10" and "x"; the unadjusted complier row "x"', () => {
    const p = published.find((s) => s.id === 'participation')!;
    expect(p.rows[0]!.count_t).toBe('< 10');
    expect(p.rows[1]!.count_t).toBe('x');
    for (const complier of published.filter((s) => s.id === 'complier')) {
      const [unadjusted, adjusted] = complier.rows;
      expect(unadjusted!.first).toBe('x');
      expect(unadjusted!.cace).toBe('x');
      expect(unadjusted!.cace_p).toBe('x');
      expect(typeof adjusted!.cace).toBe('number');
    }
    expect(files.md).toMatch(/\| unadjusted \| x \| x \|/);
    expect(files.txt).not.toMatch(/unadjusted +\+4\.2 pp/);
  });
});
