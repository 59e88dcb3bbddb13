/**
 * The second pass: residuals, leverages and the sandwich meat in SQL, with the fitted
 * coefficients and (X'X)⁻¹ of each sample as constants (one row of a VALUES table per month).
 * For row i of month m's sample: r = y − x'β, h = x'(X'X)⁻¹x, and for the treatment
 * coefficient w = e_t'(X'X)⁻¹x, so Var(β_t) = Σ w² r² / (1 − h) (HC2), Σ w² r² (HC0, HC1),
 * Σ w² r² / (1 − h)² (HC3), or Σ r² / (n − k) · (X'X)⁻¹_tt (classical). With `full`, the k × k
 * meat Σ x x' r² / (1 − h) (HC2) for a joint test. Only these sums leave the database.
 *
 * The subqueries end in `OFFSET 0` (standard SQL since 2008; DuckDB, PostgreSQL, Trino, Spark ≥
 * 3.4): it keeps a planner from inlining them, which would evaluate every design expression once
 * per reference in r, h and w (on PostgreSQL, minutes instead of seconds).
 */
import type { DesignColumn } from './design.js';
import { eventCell, followupCell, type MomentsOutcome } from './moments.js';
import { doubleLiteral, quoteIdent, type SqlDialect, valuesTable } from './sql.js';

/** The constants of one sample: its key (month, or 0), β, and (X'X)⁻¹ on the kept columns. */
export interface SampleConstants {
  readonly key: number;
  /** Coefficients of the kept columns. */
  readonly beta: Float64Array;
  /** (X'X)⁻¹ of the kept columns, row-major r × r. */
  readonly inverse: Float64Array;
}

/** `sum of a·b` over two lists of SQL terms. */
function dot(a: readonly string[], b: readonly string[]): string {
  return a.map((x, i) => `${x} * ${b[i]}`).join(' + ') || '0';
}

/**
 * The second-pass statement (see the module notes) over the kept design columns `kept` (indices
 * into `design`; the treatment is design column 1). It returns per key: `rss` (Σ r²), `hmax`
 * (the largest leverage), and `s0`, `s2`, `s3` (the treatment sums, `treatment` mode) or
 * `m_a_b` (the HC2 meat over the kept columns, `full` mode).
 *
 * @example
 * hcPassSql('"clients"', '1 = 1', design, [0, 1, 2], outcome, [constants], 'treatment', DUCKDB);
 */
export function hcPassSql(
  relation: string,
  where: string,
  design: readonly DesignColumn[],
  kept: readonly number[],
  outcome: MomentsOutcome,
  samples: readonly SampleConstants[],
  mode: 'treatment' | 'full',
  dialect: SqlDialect,
): string {
  const q = (s: string) => quoteIdent(s, dialect);
  const r = kept.length;
  const lit = (x: number) => doubleLiteral(x, dialect);
  const t = kept.indexOf(1);
  const names = ['m', ...kept.map((_, i) => `b${i}`)];
  const pairs: [number, number][] = [];
  for (let i = 0; i < r; i++) for (let j = i; j < r; j++) pairs.push([i, j]);
  names.push(...pairs.map(([i, j]) => `a${i}_${j}`));
  const rows = samples.map((s) => [
    String(s.key),
    ...Array.from(s.beta, lit),
    ...pairs.map(([i, j]) => lit(s.inverse[i * r + j]!)),
  ]);
  const constants = valuesTable('k', names, rows, dialect);
  const kc = (s: string) => `${q('k')}.${q(s)}`;
  const z = kept.map((a) => `${design[a]!.sql}`);
  const zq = kept.map((_, i) => `${q('b')}.${q(`z${i}`)}`);
  // Clients with the same design row, follow-up cell and event cell (or outcome) have the same
  // residual and leverage: the pass runs over these groups, weighted by their size.
  const grouped = (select: readonly string[], keys: readonly string[]) =>
    `SELECT ${keys.join(', ')}, COUNT(*) AS ${q('n_')} FROM (SELECT ${select.join(', ')} FROM ${relation} WHERE ${where} OFFSET 0) ${q('rows')} GROUP BY ${keys.join(', ')}`;
  let base: string;
  let join: string;
  let y: string;
  if (outcome.kind === 'months') {
    const last = outcome.months[outcome.months.length - 1]!;
    base = grouped(
      [
        ...z.map((s, i) => `${s} AS ${q(`z${i}`)}`),
        `${followupCell(outcome.followup, last)} AS ${q('g_')}`,
        `${eventCell(outcome.event)} AS ${q('e_')}`,
      ],
      [...z.map((_, i) => q(`z${i}`)), q('g_'), q('e_')],
    );
    join = `${q('b')}.${q('g_')} >= ${kc('m')}`;
    y = `CASE WHEN ${q('b')}.${q('e_')} <= ${kc('m')} THEN 1 ELSE 0 END`;
  } else {
    base = grouped(
      [...z.map((s, i) => `${s} AS ${q(`z${i}`)}`), `${outcome.y} AS ${q('y_')}`],
      [...z.map((_, i) => q(`z${i}`)), q('y_')],
    );
    join = '1 = 1';
    y = `${q('b')}.${q('y_')}`;
  }
  const fitted = dot(
    kept.map((_, i) => kc(`b${i}`)),
    zq,
  );
  const quad = pairs
    .map(([i, j]) => `${i === j ? '' : '2 * '}${kc(`a${i}_${j}`)} * ${zq[i]} * ${zq[j]}`)
    .join(' + ');
  const a = (i: number, j: number) => kc(i <= j ? `a${i}_${j}` : `a${j}_${i}`);
  const w = kept.map((_, j) => `${a(t, j)} * ${zq[j]}`).join(' + ');
  const inner = `SELECT ${kc('m')} AS ${q('m')}, ${q('b')}.${q('n_')} AS ${q('n_')}, ${y} - (${fitted}) AS ${q('r')}, ${quad} AS ${q('h')}${mode === 'treatment' ? `, ${w} AS ${q('w')}` : zq.map((s, i) => `, ${s} AS ${q(`x${i}`)}`).join('')} FROM (${base}) ${q('b')} JOIN ${constants} ON ${join} OFFSET 0`;
  const R = q('r');
  const H = q('h');
  const W = q('w');
  const N = q('n_');
  const sums =
    mode === 'treatment'
      ? [
          `SUM(${N} * ${W} * ${W} * ${R} * ${R}) AS ${q('s0')}`,
          `SUM(${N} * ${W} * ${W} * ${R} * ${R} / (1 - ${H})) AS ${q('s2')}`,
          `SUM(${N} * ${W} * ${W} * ${R} * ${R} / ((1 - ${H}) * (1 - ${H}))) AS ${q('s3')}`,
        ]
      : pairs.map(
          ([i, j]) =>
            `SUM(${N} * ${q(`x${i}`)} * ${q(`x${j}`)} * ${R} * ${R} / (1 - ${H})) AS ${q(`m_${i}_${j}`)}`,
        );
  return `SELECT ${[q('m'), `SUM(${N} * ${R} * ${R}) AS ${q('rss')}`, `MAX(${H}) AS ${q('hmax')}`, ...sums].join(', ')} FROM (${inner}) ${q('p')} GROUP BY ${q('m')} ORDER BY ${q('m')}`;
}
