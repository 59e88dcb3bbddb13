/**
 * The balance table in the database: per factor level and arm the count and share, per number
 * and arm the mean and SD, standardised mean differences, a test per covariate (Pearson
 * chi-square; Welch t or Welch's ANOVA) and the omnibus test (OLS of 1{arm} on the covariates,
 * joint Wald test with the HC2 covariance from a second pass) — as the in-memory `balanceTable`
 * on a table. A covariate with a small level × arm count is withheld whole (in SQL).
 */

import {
  type BalanceRow,
  type CovariateTest,
  type OmnibusTest,
  toCovariateTest,
} from '../assign/balance.js';
import {
  chiSquareIndependence,
  indicatorSummary,
  smd,
  type TestValue,
  welchAnova,
} from '../assign/balance-tests.js';
import { InputError } from '../errors.js';
import { fSurvival, twoSidedP } from '../stats/distributions.js';
import { stars } from '../stats/estimate.js';
import { choleskySolve, pivotedCholesky, sandwich } from '../stats/linalg.js';
import { pAdjust } from '../stats/multiplicity.js';
import { rejectUnknownKeys } from '../stats/option-keys.js';
import { requireKind, requireSqlColumns } from './checks.js';
import { type DesignColumn, indicatorSql, sortLevels } from './design.js';
import {
  type DisclosureSpec,
  enoughClients,
  publishable,
  type Suppressed,
  thresholdOf,
} from './disclosure.js';
import { solveMoments } from './fit.js';
import { hcPassSql } from './hc-pass.js';
import { momentsSql } from './moments.js';
import { asRunner, type Database } from './runner.js';
import { relationSql, type Source } from './source.js';
import { asDouble, quoteIdent, valueLiteral } from './sql.js';

/** Options of the in-database {@link balanceTable}. */
export interface SqlBalanceSpec extends DisclosureSpec {
  /** Arm column (default `arm`). */
  readonly arm?: string;
  readonly covariates: readonly string[];
  /** Numeric columns to treat as factors. */
  readonly factors?: readonly string[];
  /** Arms in order (first = reference); default the arms found, sorted. */
  readonly arms?: readonly string[];
  /** Run the omnibus regression (default true). */
  readonly omnibus?: boolean;
}

/** The result of the in-database {@link balanceTable}. */
export interface SqlBalance {
  readonly arms: readonly string[];
  readonly reference: string;
  readonly rows: readonly BalanceRow[];
  readonly tests: readonly CovariateTest[];
  readonly omnibus: readonly OmnibusTest[];
  readonly notes: readonly string[];
  readonly suppressed: Suppressed;
}

const MISSING_LEVEL = '(missing)';
const collator = new Intl.Collator('en', { numeric: true });

/**
 * Balance of the covariates across arms, computed in the database (see the module notes).
 *
 * @example
 * const b = await balanceTable(db, 'clients', { covariates: ['gender', 'age', 'education'] });
 * b.omnibus[0]?.pValue;
 */
export async function balanceTable(
  db: Database,
  source: Source,
  spec: SqlBalanceSpec,
): Promise<SqlBalance> {
  rejectUnknownKeys(
    spec,
    { arm: true, covariates: true, factors: true, arms: true, omnibus: true, threshold: true },
    'balanceTable (in-database)',
  );
  const runner = asRunner(db);
  const dialect = runner.dialect;
  const q = (s: string) => quoteIdent(s, dialect);
  const threshold = thresholdOf(spec);
  if (spec.covariates.length === 0) {
    throw new InputError('balance table: name at least one covariate', { code: 'invalid-option' });
  }
  const relation = relationSql(source, dialect);
  const columns = await runner.columns(relation);
  const armName = spec.arm ?? 'arm';
  requireSqlColumns(columns, [armName], 'arm');
  requireSqlColumns(columns, spec.covariates, 'covariate');
  requireKind(columns, armName, ['text'], 'text (arm labels)');
  const arm = q(armName);
  const armRows = await runner.query(
    `SELECT * FROM (SELECT ${arm} AS ${q('a')}, COUNT(*) AS ${q('n')} FROM ${relation} WHERE ${arm} IS NOT NULL GROUP BY ${arm}) ${q('s')} WHERE ${enoughClients(q('n'), threshold)}`,
  );
  const found = armRows.map((r) => String(r.a));
  const arms = spec.arms ?? [...found].sort(collator.compare);
  const suppressed: string[] = [];
  for (const a of arms)
    if (!found.includes(a))
      suppressed.push(`arm '${a}': withheld (fewer than ${threshold} clients)`);
  if (arms.length < 2) {
    throw new InputError(`balance table needs at least two arms, found ${arms.length}`, {
      code: 'invalid-option',
      column: armName,
    });
  }
  const inArms = `${arm} IN (${arms.map(valueLiteral).join(', ')})`;
  const notes: string[] = [];
  const rows: BalanceRow[] = [];
  const tests: CovariateTest[] = [];
  const design: DesignColumn[] = [];
  const numericCols: string[] = [];
  for (const name of spec.covariates) {
    const column = requireKind(
      columns,
      name,
      ['number', 'text', 'boolean'],
      'numbers, text or booleans',
    );
    const c = q(name);
    if (column.kind === 'number' && !spec.factors?.includes(name)) {
      const stats = await runner.query(
        `SELECT * FROM (SELECT ${arm} AS ${q('a')}, COUNT(${c}) AS ${q('n')}, AVG(${asDouble(c, dialect)}) AS ${q('mean')}, VAR_SAMP(${asDouble(c, dialect)}) AS ${q('v')} FROM ${relation} WHERE ${inArms} GROUP BY ${arm}) ${q('s')} WHERE ${enoughClients(q('n'), threshold)}`,
      );
      const by = new Map(stats.map((r) => [String(r.a), r]));
      if (arms.some((a) => !by.has(a))) {
        suppressed.push(
          `covariate '${name}': withheld (an arm with fewer than ${threshold} values)`,
        );
        continue;
      }
      const s = arms.map((a) => {
        const r = by.get(a)!;
        return { n: Number(r.n), mean: Number(r.mean), sd: Math.sqrt(Number(r.v)) };
      });
      const smds: Record<string, number> = {};
      arms.slice(1).forEach((a, k) => {
        smds[a] = smd(s[0]!, s[k + 1]!);
      });
      rows.push({
        covariate: name,
        level: null,
        kind: 'numeric',
        stats: arms.map((a, g) => ({ arm: a, n: s[g]!.n, mean: s[g]!.mean, sd: s[g]!.sd })),
        smd: smds,
      });
      tests.push(toCovariateTest(name, 'numeric', welch(s)));
      design.push({ name, sql: asDouble(c, dialect), indicator: false });
      numericCols.push(c);
      continue;
    }
    const cells = `SELECT ${c} AS ${q('v')}, ${arm} AS ${q('a')}, COUNT(*) AS ${q('n')} FROM ${relation} WHERE ${inArms} GROUP BY ${c}, ${arm}`;
    const okFlag = `CASE WHEN ${publishable(q('n'), threshold)} THEN 1 ELSE 0 END`;
    const counts = await runner.query(
      `SELECT ${q('v')}, ${q('a')}, ${q('n')} FROM (SELECT ${q('v')}, ${q('a')}, ${q('n')}, MIN(${okFlag}) OVER () AS ${q('ok')} FROM (${cells}) ${q('c')}) ${q('s')} WHERE ${q('ok')} = 1`,
    );
    if (counts.length === 0) {
      suppressed.push(`covariate '${name}': withheld (a level × arm count below ${threshold})`);
      continue;
    }
    const values = sortLevels([...new Set(counts.map((r) => r.v ?? null))]);
    const labels = values.map(String).sort(collator.compare);
    const hasMissing = counts.some((r) => r.v === null);
    const levels = hasMissing ? [...labels, MISSING_LEVEL] : labels;
    const index = new Map(levels.map((l, i) => [l, i]));
    const table = levels.map(() => new Array<number>(arms.length).fill(0));
    for (const r of counts) {
      const l = r.v === null ? MISSING_LEVEL : String(r.v);
      table[index.get(l)!]![arms.indexOf(String(r.a))]! += Number(r.n);
    }
    const totals = arms.map((_, g) => table.reduce((s, row) => s + row[g]!, 0));
    levels.forEach((level, l) => {
      const row = table[l]!;
      const ref = indicatorSummary(row[0]!, totals[0]!);
      const smds: Record<string, number> = {};
      arms.slice(1).forEach((a, k) => {
        smds[a] = smd(ref, indicatorSummary(row[k + 1]!, totals[k + 1]!));
      });
      rows.push({
        covariate: name,
        level,
        kind: 'factor',
        stats: arms.map((a, g) => ({ arm: a, n: row[g]!, share: row[g]! / totals[g]! })),
        smd: smds,
      });
    });
    tests.push(toCovariateTest(name, 'factor', chiSquareIndependence(table)));
    const byLabel = new Map(values.map((v) => [String(v), v]));
    for (const level of levels.slice(1)) {
      const condition =
        level === MISSING_LEVEL ? `${c} IS NULL` : `${c} = ${valueLiteral(byLabel.get(level)!)}`;
      design.push({
        name: `${name}[${level}]`,
        sql: indicatorSql(condition, dialect),
        indicator: true,
        factor: { column: name, level },
      });
    }
  }
  const omnibus: Omit<OmnibusTest, 'adjustedPValue' | 'stars'>[] = [];
  if (spec.omnibus !== false && suppressed.length === 0) {
    const full: DesignColumn[] = [
      { name: '(Intercept)', sql: asDouble('1', dialect), indicator: true },
      ...design,
    ];
    for (let g = 1; g < arms.length; g++) {
      const where = `${arm} IN (${valueLiteral(arms[0]!)}, ${valueLiteral(arms[g]!)})${numericCols.map((c) => ` AND ${c} IS NOT NULL`).join('')}`;
      const y = indicatorSql(`${arm} = ${valueLiteral(arms[g]!)}`, dialect);
      const outcome = { kind: 'single', y, binary: true } as const;
      const [row] = await runner.query(
        momentsSql(relation, where, full, outcome, threshold, dialect, false),
      );
      if (!row) {
        suppressed.push(
          `omnibus ${arms[g]} vs ${arms[0]}: withheld (a count below ${threshold} among the cross-products)`,
        );
        continue;
      }
      const s = solveMoments(row, full.length);
      if (s.aliased.length > 0)
        notes.push(
          `Omnibus ${arms[g]} vs ${arms[0]}: aliased terms dropped: ${s.aliased.map((a) => full[a]!.name).join(', ')}.`,
        );
      const [m] = await runner.query(
        hcPassSql(relation, where, full, s.kept, outcome, [s], 'full', dialect),
      );
      const r = s.kept.length;
      const meat = new Float64Array(r * r);
      for (let i = 0; i < r; i++)
        for (let j = i; j < r; j++) {
          const v = Number(m?.[`m_${i}_${j}`]);
          meat[i * r + j] = v;
          meat[j * r + i] = v;
        }
      const v = sandwich(s.inverse, meat, r);
      const qn = r - 1;
      const sub = new Float64Array(qn * qn);
      for (let i = 0; i < qn; i++)
        for (let j = 0; j < qn; j++) sub[i * qn + j] = v[(i + 1) * r + j + 1]!;
      const b = s.beta.subarray(1);
      const pc = pivotedCholesky(sub, qn, 1e-10);
      const x = choleskySolve(pc.factor, qn, b);
      let w = 0;
      for (let i = 0; i < qn; i++) w += b[i]! * x[i]!;
      const df = s.n - r;
      omnibus.push({
        arm: arms[g]!,
        reference: arms[0]!,
        n: s.n,
        terms: s.kept.slice(1).map((a) => full[a]!.name),
        statistic: w / qn,
        df: [qn, df],
        pValue: fSurvival(w / qn, qn, df),
        chiSquare: w,
        method: `OLS of 1{arm = ${arms[g]}} on the covariates (vs ${arms[0]}), joint Wald test of all covariate coefficients = 0, HC2, F(q, n − k)`,
      });
    }
  }
  const adjusted = pAdjust(
    omnibus.map((o) => o.pValue),
    'holm',
  );
  if (omnibus.length > 1)
    notes.push(
      'Omnibus p-values with more than two arms: one regression per non-reference arm, Holm-adjusted.',
    );
  return {
    arms,
    reference: arms[0]!,
    rows,
    tests,
    omnibus: omnibus.map((o, i) => ({
      ...o,
      adjustedPValue: adjusted[i]!,
      stars: stars(adjusted[i]!),
    })),
    notes,
    suppressed: { threshold, items: suppressed },
  };
}

/** Welch's t (two arms: second − first) or Welch's one-way ANOVA, from arm summaries. */
function welch(s: readonly { n: number; mean: number; sd: number }[]): TestValue {
  if (s.length === 2) {
    const [a, b] = [s[0]!, s[1]!];
    const va = (a.sd * a.sd) / a.n;
    const vb = (b.sd * b.sd) / b.n;
    const t = (b.mean - a.mean) / Math.sqrt(va + vb);
    const df = ((va + vb) * (va + vb)) / ((vb * vb) / (b.n - 1) + (va * va) / (a.n - 1));
    return { statistic: t, df: [df], pValue: twoSidedP(t, df), method: 'Welch two-sample t test' };
  }
  return welchAnova(s);
}
