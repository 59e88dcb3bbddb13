/**
 * Privacy at the CLI's output boundary (issue 12): a BSN or an id of the input never reaches
 * stdout, stderr or a file. Where it would become a label (arm, factor level, participation
 * category, subgroup, filter) the run is refused naming the column and file rows; elsewhere the
 * guard refuses the output (stdout, files) or redacts it (stderr). Each case goes through the CLI
 * (`runCli`, in process) and the API (`evaluate`), and checks every output for the identifiers.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { from } from 'arquero';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/main.js';
import { InputError } from '../../src/errors.js';
import { evaluate, parsePlan } from '../../src/evaluate/index.js';
import { documentMarkdown } from '../../src/table/index.js';
import { SMALL_PLAN, type SmallRow, smallRows } from '../evaluate/small-data.js';

/** Valid BSNs (they pass the eleven test): what must never be printed. */
const BSN = ['222000004', '222000028', '111222333'];

const dir = mkdtempSync(join(tmpdir(), 'effectmeting-privacy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csvOf(rows: readonly object[]): string {
  const names = Object.keys(rows[0]!);
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const line = (r: object) => names.map((n) => cell((r as Record<string, unknown>)[n])).join(',');
  return `${[names.join(','), ...rows.map(line)].join('\n')}\n`;
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Runs the CLI; returns the exit code, stdout, stderr and the text of every file under `out`. */
async function cli(argv: string[], out?: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  const files =
    out && existsSync(out) ? readdirSync(out).map((f) => readFileSync(join(out, f), 'utf8')) : [];
  return { code, stdout, stderr, files, all: [stdout, stderr, ...files].join('\n') };
}

/** The small experiment with some cells changed (1-based data rows). */
function rowsWith(changes: Record<number, Partial<Record<keyof SmallRow, unknown>>>) {
  return smallRows().map((r, i) => ({ ...r, ...(changes[i + 1] ?? {}) }));
}

/** Runs `analyze` on rows and a plan, with --out; checks the input is unchanged. */
async function analyze(
  name: string,
  rows: readonly object[],
  plan: unknown = SMALL_PLAN,
  format = 'md',
) {
  const input = file(`${name}.csv`, csvOf(rows));
  const config = file(`${name}.json`, JSON.stringify(plan));
  const out = join(dir, `${name}-out`);
  const before = hash(input);
  const r = await cli(
    ['analyze', '--input', input, '--config', config, '--format', format, '--out', out],
    out,
  );
  expect(hash(input)).toBe(before);
  return { ...r, out };
}

function expectNoIdentifier(text: string, ids: readonly string[] = []) {
  for (const v of [...BSN, ...ids]) expect(text).not.toContain(v);
}

/** The API refuses the same input with the same message. */
function apiError(rows: readonly object[], plan: unknown = SMALL_PLAN) {
  try {
    evaluate(from(rows.map((r) => ({ ...r }))), parsePlan(plan));
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('evaluate did not refuse');
}

describe('a BSN or id that would become a label is refused, naming the column and rows', () => {
  it('a BSN in the arm column (no weights: no arm check) is refused before computing', async () => {
    const rows = rowsWith({ 3: { arm: BSN[0] } });
    const plan = { ...SMALL_PLAN, arms: { treatment: 'experiment', control: 'control' } };
    const r = await analyze('arm-bsn', rows, plan);
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toBe(
      `effectmeting analyze: column 'arm' holds a value that equals an id or looks like a BSN in row 3 (not shown); it would be printed as one of the arm labels. Correct those cells (a BSN typed into the wrong column?) or leave the column out\n`,
    );
    expect(r.stdout).toBe('');
    expect(existsSync(r.out)).toBe(false);
    expectNoIdentifier(r.all);
    const e = apiError(rows, plan);
    expect([e.code, e.column, e.rows]).toEqual(['bsn-in-output', 'arm', [3]]);
  });

  it('with weights, the arm check names the rows and withholds the BSN', async () => {
    const r = await analyze(
      'arm-bsn-weights',
      rowsWith({ 3: { arm: BSN[0] }, 8: { arm: BSN[0] } }),
    );
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toBe(
      `effectmeting analyze: column 'arm' has unknown arm label (value withheld: 9 or more digits) in rows 3, 8; allowed: experiment, control\n`,
    );
    expectNoIdentifier(r.all);
  });

  it('a BSN as participation value, factor level or subgroup level', async () => {
    const cases = [
      { key: 'participation', role: 'participation categories' },
      { key: 'gender', role: 'factor levels' },
      { key: 'office', role: 'subgroup levels' },
    ] as const;
    for (const { key, role } of cases) {
      const rows = rowsWith({ 5: { [key]: BSN[1] } });
      const r = await analyze(`level-${key}`, rows);
      expect(r.code).toBe(EXIT.error);
      expect(r.stderr).toContain(
        `column '${key}' holds a value that equals an id or looks like a BSN in row 5 (not shown); it would be printed as one of the ${role}.`,
      );
      expect(r.stdout).toBe('');
      expectNoIdentifier(r.all);
      expect(apiError(rows).column).toBe(key);
    }
  });

  it("an id of another client as a factor level (ids 'C0000'…) is refused too", async () => {
    const rows = rowsWith({ 7: { gender: 'C0123' } });
    const r = await analyze('level-id', rows);
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toContain("column 'gender' holds a value that equals an id");
    expectNoIdentifier(r.all, ['C0123']);
  });

  it('subgroups: ["id"] and a filter on id are refused, naming the config field', async () => {
    const rows = smallRows();
    const bySubgroup = { ...SMALL_PLAN, subgroups: ['id'] };
    const s = await analyze('subgroup-id', rows, bySubgroup);
    expect(s.code).toBe(EXIT.error);
    expect(s.stderr).toBe(
      `effectmeting analyze: config.subgroups[0]: 'id' is the id column; its values would be printed as subgroup levels, and ids are never shown\n`,
    );
    expect(apiError(rows, bySubgroup).code).toBe('bsn-in-output');
    const byFilter = { ...SMALL_PLAN, filter: { column: 'id', in: ['C0001', 'C0002'] } };
    const f = await analyze('filter-id', rows, byFilter);
    expect(f.code).toBe(EXIT.error);
    expect(f.stderr).toBe(
      `effectmeting analyze: config.filter: a filter on the id column 'id' would print ids in the notes; select the clients in the data instead\n`,
    );
    expectNoIdentifier(f.all, ['C0001', 'C0002']);
    const byBsn = { ...SMALL_PLAN, filter: { column: 'office', equals: BSN[2] } };
    const b = await analyze('filter-bsn', rows, byBsn);
    expect(b.stderr).toContain(
      "config.filter: a value of the filter on 'office' equals an id or looks like a BSN (not shown)",
    );
    expectNoIdentifier(b.all);
  });
});

describe('messages never quote a BSN', () => {
  it('an event month that is a BSN: rows named, value withheld', async () => {
    const r = await analyze('month-bsn', rowsWith({ 4: { month_work: BSN[1] } }));
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toContain("column 'month_work'");
    expect(r.stderr).toContain('row 4');
    expect(r.stderr).toContain('(value withheld: 9 or more digits)');
    expectNoIdentifier(r.all);
  });

  it('a data file passed as --config: no digit of it in the message', async () => {
    const data = file('bsn-data.csv', `${BSN[0]},control\n${BSN[1]},experiment\n`);
    const r = await cli(['analyze', '--input', data, '--config', data]);
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toMatch(/is not valid JSON \(line 1, column \d+\)/);
    expect(r.stderr).not.toMatch(/\d{4}/);
  });

  it('stderr is redacted: a BSN named as an event column reads <withheld>', async () => {
    const plan = { ...SMALL_PLAN, events: ['month_work', BSN[2]] };
    const r = await analyze('event-named-bsn', smallRows(), plan);
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toContain('column "<withheld>" is not in');
    expectNoIdentifier(r.all);
  });
});

describe('the output guard: an id or BSN in any output refuses the output', () => {
  it('an id in the config title: nothing written to stdout or --out, exit 1', async () => {
    for (const [title, what] of [
      ['Pilot C0042', 'a value equal to an id of the input'],
      [`Pilot ${BSN[2]}`, 'a BSN (nine digits that pass the eleven test)'],
    ] as const) {
      const r = await analyze('title-id', smallRows(), { ...SMALL_PLAN, title }, 'table');
      expect(r.code).toBe(EXIT.error);
      expect(r.stderr).toMatch(
        new RegExp(
          `^effectmeting analyze: --out \\S+analysis\\.txt would contain ${what.replace(/[()]/g, '\\$&')} \\(line 1\\); nothing was written\\.`,
        ),
      );
      expect(r.stdout).toBe('');
      expect(existsSync(r.out)).toBe(false);
      expectNoIdentifier(r.all, ['C0042']);
    }
  });

  it('a clean run writes all five files (four formats and report.html), none holding an id', async () => {
    const r = await analyze('clean', smallRows());
    expect(r.stderr).toContain('wrote');
    expect(r.code).toBe(EXIT.ok);
    expect(r.files).toHaveLength(5);
    const ids = smallRows().map((x) => x.id);
    for (const text of r.files)
      for (const id of ids) expect(text).not.toMatch(new RegExp(`\\b${id}\\b`));
  });

  it('assign: the client file keeps its BSNs, the summary and the record never hold one', async () => {
    const ids = ['100000071', '111222333', '222000004', '222000016', '222000028'];
    const input = file('clients.csv', `bsn\n${ids.join('\n')}\n`);
    const output = join(dir, 'assigned.csv');
    const record = join(dir, 'assigned.json');
    const rule = [
      '--rule',
      'parity',
      '--even',
      'basic',
      '--odd',
      'intensive',
      '--id-column',
      'bsn',
    ];
    const r = await cli([
      'assign',
      '--input',
      input,
      ...rule,
      '--output',
      output,
      '--record',
      record,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT.ok);
    expect(readFileSync(output, 'utf8')).toContain('111222333');
    expectNoIdentifier(r.stdout + readFileSync(record, 'utf8'), ids);
    const s = await cli(['assign', '--input', input, ...rule]);
    expect(s.code).toBe(EXIT.ok);
    expect(s.stdout.split('\n').slice(1, 3)).toEqual([
      '100000071,intensive',
      '111222333,intensive',
    ]);
    expectNoIdentifier(s.stderr, ids);
  });
});

describe('analyze: disclosure control in every format (--min-cell)', () => {
  // 30 clients per arm; in month 1, 3 treated and 12 controls have worked: the 3 is "< 10".
  const rows = Array.from({ length: 60 }, (_, i) => ({
    id: `P${String(i).padStart(5, '0')}`,
    arm: i < 30 ? 'experiment' : 'control',
    followup_months: 3,
    month_work: i < 3 ? 1 : i < 30 ? (i < 20 ? 2 : null) : i < 42 ? 1 : null,
  }));
  const plan = { events: ['month_work'], months: 2 };

  it('default 10: "< 10" in all five files, the 3 events and their 10.0 % share in none', async () => {
    const r = await analyze('disclosure', rows, plan);
    expect(r.code).toBe(EXIT.ok);
    expect(r.files).toHaveLength(5); // analysis.txt, .md, .json, .csv and report.html
    for (const file of r.files) {
      const text = file.replaceAll('&lt;', '<'); // the HTML escapes "<"

      expect(text).toContain('< 10');
      // the share 3 / 30 in any writing: 10.0 % (text, md), 0.1 (csv, json)
      expect(text).not.toMatch(/10\.0 %|,0\.1\b|"share_t": 0\.1\b|"events_t": 3\b/);
    }
    const json = JSON.parse(readFileSync(join(r.out, 'analysis.json'), 'utf8'));
    expect(json.disclosure.threshold).toBe(10);
    const outflow = json.sections.find((s: { id: string }) => s.id === 'outflow');
    expect(outflow.rows[0]).toMatchObject({ events_t: '< 10', share_t: 'x', events_c: 12 });
  });

  it('--min-cell 0 publishes the counts; --min-cell abc is a usage error', async () => {
    const r = await analyze('disclosure-off', rows, plan, 'table');
    expect(r.code).toBe(EXIT.ok);
    const input = join(dir, 'disclosure-off.csv');
    const config = join(dir, 'disclosure-off.json');
    const open = await cli(['analyze', '--input', input, '--config', config, '--min-cell', '0']);
    expect(open.stdout).toMatch(/^work +1 +30 +3 +10\.0 %/m);
    const bad = await cli(['analyze', '--input', input, '--config', config, '--min-cell', 'abc']);
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toContain("--min-cell: expected a whole number ≥ 0 (default 10), got 'abc'");
  });
});

describe('labels cannot inject HTML into Markdown nor formulas into CSV', () => {
  const img = '<img src=x onerror=alert(1)>';
  const script = '<script>alert(1)</script>';

  it('analyze: an arm label and a subgroup level with HTML are escaped in analysis.md (CLI)', async () => {
    const rows = smallRows().map((r) => ({
      ...r,
      arm: r.arm === 'control' ? img : r.arm,
      office: r.office === 'office 1' ? script : r.office,
    }));
    const plan = { ...SMALL_PLAN, arms: { treatment: 'experiment', control: img } };
    const r = await analyze('html-labels', rows, plan);
    expect(r.code).toBe(EXIT.ok);
    const md = readFileSync(join(r.out, 'analysis.md'), 'utf8');
    expect(md).not.toMatch(/<img|<script/);
    expect(md).toContain('&lt;img src=x onerror=alert(1)>');
    expect(md).toContain('&lt;script>alert(1)&lt;/script>');
    expect(md).toContain('< 0.001'); // a "<" that opens no tag stays as written
  });

  it('the document writer escapes headings, paragraphs, lists and cells (API)', () => {
    const md = documentMarkdown([
      { kind: 'heading', text: `Arm ${img}` },
      { kind: 'paragraph', text: `${script} p < 0.05` },
      { kind: 'list', items: ['<!-- x -->'] },
      { kind: 'table', rows: [{ level: script, n: 12 }] },
    ]);
    expect(md).not.toMatch(/<[a-z!/]/i);
    expect(md).toContain('p < 0.05');
  });

  it('assign: labels and exclusion reasons starting with = + - @ get the formula guard', async () => {
    const input = file('formula-clients.csv', 'id,flag\nC00001,0\nC00002,1\nC00003,0\n');
    const output = join(dir, 'formula-assigned.csv');
    const r = await cli([
      'assign',
      '--input',
      input,
      '--rule',
      'complete',
      '--weights',
      '@SUM(A1)=0.5,+cmd=0.5',
      '--seed',
      '1',
      '--exclude=-cmd|calc=flag',
      '--output',
      output,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT.ok);
    const csv = readFileSync(output, 'utf8');
    // before: "C00001,0,@SUM(A1)," and "C00002,1,,-cmd|calc" (arquero's writer)
    expect(csv).toBe(
      "id,flag,arm,excluded\nC00001,0,'@SUM(A1),\nC00002,1,,'-cmd|calc\nC00003,0,'+cmd,\n",
    );
  });
});
