/**
 * The degenerate inputs of tests/analysis/honesty.test.ts through `effectmeting analyze`: the
 * exit code and the exact message, or a stated "not estimable" and no "NaN" in any format.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import {
  badFollowupRows,
  covariateRows,
  noEventMonthRows,
  noWorkRows,
  plan,
  type Row,
  separatedOutcomeRows,
  toCsv,
  uniqueLevelRows,
} from '../analysis/degenerate-data.js';

const dir = mkdtempSync(join(tmpdir(), 'effectmeting-honesty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function write(content: string, ext: string): string {
  const path = join(dir, `f${files++}.${ext}`);
  writeFileSync(path, content);
  return path;
}

async function analyze(
  rows: readonly Row[],
  config: Record<string, unknown>,
  extra: string[] = [],
) {
  let out = '';
  let err = '';
  const args = [
    'analyze',
    '--input',
    write(toCsv(rows), 'csv'),
    '--config',
    write(JSON.stringify(config), 'json'),
  ];
  const code = await runCli([...args, '--quiet', ...extra], {
    stdout: (t: string) => {
      out += t;
    },
    stderr: (t: string) => {
      err += t;
    },
  });
  return { code, out, err };
}

const office = plan({ covariates: ['gender', 'age', 'office'], subgroups: ['gender'] });

describe('effectmeting analyze on inputs that used to stop it', () => {
  it('a factor level of one client: exit 1 naming the column, level and file row', async () => {
    const r = await analyze(uniqueLevelRows(), office);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      "effectmeting analyze: HC2 standard errors are undefined: covariate 'office': level 'office 9' has 1 client (row 101), so that client has leverage 1. Set rareLevels: 'pool' (merge it into the most common level) or 'drop' (leave those clients out), or use se: 'HC1'\n",
    );
  });

  it('… the file row also after the filter; and methods.rareLevels pool / drop go on, saying so', async () => {
    const filtered = plan({
      covariates: ['age', 'office'],
      filter: { column: 'gender', equals: 'woman' },
    });
    const f = await analyze(uniqueLevelRows(), { ...filtered, subgroups: [] });
    expect(f.code).toBe(1);
    expect(f.err).toMatch(/level 'office 9' has 1 client \(row 101\)/);
    const pool = await analyze(uniqueLevelRows(), { ...office, methods: { rareLevels: 'pool' } });
    expect([pool.code, pool.err]).toEqual([0, '']);
    expect(pool.out).toMatch(
      /Rare factor levels \(a single client\) pooled into the most common level: office: 'office 9' into 'office 1'\./,
    );
    const drop = await analyze(uniqueLevelRows(), { ...office, methods: { rareLevels: 'drop' } });
    expect(drop.code).toBe(0);
    // One client left out: the count is below the disclosure threshold, so the note says < 10.
    expect(drop.out).toMatch(/Left out: < 10 \(rare level \(office = 'office 9'\)\)\./);
  });

  it('a month without events in a subgroup analysis: the test of that month is not estimable', async () => {
    const r = await analyze(noEventMonthRows(), plan({ covariates: [], subgroups: ['gender'] }));
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toMatch(
      /Not estimable at month 1: no client had the event by month 1, so there is nothing to test\./,
    );
  });

  it('a subgroup without clients of one arm: reported, the others analysed', async () => {
    const r = await analyze(uniqueLevelRows(), plan({ covariates: [], subgroups: ['office'] }));
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toMatch(
      /Subgroup office = 'office 9' not estimable: no clients in arm 'control'\./,
    );
  });

  it('one bad follow-up cell: that row and value', async () => {
    const r = await analyze(badFollowupRows(), plan());
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/column 'followup_months' holds numbers except in row 38: 'twelve'/);
    expect(r.err).not.toMatch(/rows 1, 2/);
  });

  it.each([
    ['constant', "covariate 'constant' has the same value (5) for every analysed client"],
    ['empty', "covariate 'empty' is missing for every client of the two arms (240 of 240)"],
    [
      'assigned',
      "covariate 'assigned' separates the arms perfectly (it is 1 for every 'experiment' and 0 for every 'control' client)",
    ],
    // The identifier guard refuses it before the model sees it (an id never becomes a label).
    [
      'id',
      "config.covariates[1]: 'id' is the id column; its values would be printed as factor levels",
    ],
    [
      'arm',
      "covariate 'arm' is the arm column: adjusting for the assignment itself leaves no treatment effect",
    ],
  ])('covariate %s: exit 1 with the column and the cause', async (column, message) => {
    const r = await analyze(covariateRows(), plan({ covariates: ['age', column] }));
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toContain(message);
  });
});

describe('no NaN in any format', () => {
  it.each([
    ['no event in month 1', noEventMonthRows(), plan({ subgroups: ['gender'] })],
    ['nobody finds work (complier outcome constant)', noWorkRows(), plan()],
    ['an outcome separating the arms', separatedOutcomeRows(), plan({ participation: undefined })],
    ['a rare level, pooled', uniqueLevelRows(), { ...office, methods: { rareLevels: 'pool' } }],
  ] as const)('%s', async (_, rows, config) => {
    const out = join(dir, `out${files++}`);
    const r = await analyze(rows, config, ['--out', out, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      `wrote ${join(out, 'analysis.txt')}, .md, .json, .csv and ${join(out, 'report.html')}\n`,
    );
    for (const ext of ['txt', 'md', 'json', 'csv']) {
      const text = readFileSync(join(out, `analysis.${ext}`), 'utf8');
      expect(text.length).toBeGreaterThan(1000);
      expect(text).not.toMatch(/NaN/);
    }
    expect(r.out).not.toMatch(/NaN/);
  });
});
