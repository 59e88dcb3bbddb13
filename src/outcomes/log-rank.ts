/**
 * The log-rank test (Mantel 1966; Peto & Peto 1972) comparing the hazard of one event between
 * groups, as R's `survival::survdiff(Surv(time, status) ~ group)` with ρ = 0: on arrays
 * (`logRank`) and on a client table (`logRankTest`).
 */
import type { TableInput } from '../data/columns.js';
import type { ExperimentIntake } from '../data/intake.js';
import { type DocumentConvertible, type HtmlConvertible, withDisplay } from '../display.js';
import { chiSquareSurvival } from '../stats/distributions.js';
import { cholesky, choleskySolve } from '../stats/linalg.js';
import { type Column, type Document, documentMarkdown, formatCell } from '../table/index.js';
import type { OutflowExclusion } from './outflow-input.js';
import { checkGroupCodes, riskSets, timeOrder } from './risksets.js';
import { checkSpecKeys, SURVIVAL_SPEC_KEYS } from './survival-options.js';
import { type SurvivalSpec, survivalSample } from './survival-sample.js';

/** The log-rank statistic with its per-group observed and expected events. */
export interface LogRankResult {
  /** χ² = (O − E)ᵀ V⁻¹ (O − E) over groups 2…G (R: `chisq`). */
  readonly statistic: number;
  /** G − 1. */
  readonly df: number;
  /** P(χ²_df ≥ statistic). */
  readonly pValue: number;
  /** Observed events per group (R: `obs`). */
  readonly observed: Float64Array;
  /** Expected events per group under equal hazards (R: `exp`). */
  readonly expected: Float64Array;
  /** G × G variance of O − E, row-major (R: `var`). */
  readonly variance: Float64Array;
  /** Clients per group. */
  readonly n: Float64Array;
}

/**
 * Log-rank test with ρ = 0 (R `survdiff`). At each distinct event time tⱼ with nⱼ at risk and
 * dⱼ events, group g (n_gj at risk) expects dⱼ·n_gj/nⱼ events, and
 * V_gh = Σⱼ dⱼ(nⱼ − dⱼ)/(nⱼ − 1) · (n_gj/nⱼ)(δ_gh − n_hj/nⱼ) (hypergeometric, ties exact). The
 * statistic uses groups 2…G, as survdiff: χ² = (O − E)₋₁ᵀ V₋₁⁻¹ (O − E)₋₁ on G − 1 df.
 * Statuses other than 0 and 1 are not accepted here: a competing destination is a censoring
 * for the cause-specific test and must be passed as 0. O(n log n + T·G²).
 *
 * @param time - observed time per subject.
 * @param status - 1 event, 0 censored.
 * @param group - group index 0…G−1 per subject.
 * @param groups - number of groups G ≥ 2.
 * @example
 * const t = logRank([1, 2, 3, 4, 5, 6], [1, 1, 0, 1, 1, 0], [0, 0, 0, 1, 1, 1], 2);
 * t.observed; // Float64Array [2, 2]
 * t.pValue; // as survdiff
 */
export function logRank(
  time: ArrayLike<number>,
  status: ArrayLike<number>,
  group: ArrayLike<number>,
  groups: number,
): LogRankResult {
  const n = time.length;
  const G = groups;
  checkGroupCodes('logRank', group, G, n);
  // Validates time and status (0/1) with the shared tabulation.
  riskSets(time, status, 1, 'status');

  const order = timeOrder(time);
  const atRisk = new Float64Array(G);
  for (let i = 0; i < n; i++) atRisk[group[i]!]!++;
  const sizes = Float64Array.from(atRisk);
  const observed = new Float64Array(G);
  const expected = new Float64Array(G);
  const variance = new Float64Array(G * G);
  const dg = new Float64Array(G);
  let total = n;
  let i = 0;
  while (i < n) {
    const t = time[order[i]!]!;
    let j = i;
    dg.fill(0);
    let d = 0;
    while (j < n && time[order[j]!] === t) {
      const o = order[j]!;
      if (status[o] === 1) {
        dg[group[o]!]!++;
        d++;
      }
      j++;
    }
    if (d > 0) {
      for (let g = 0; g < G; g++) {
        observed[g] = observed[g]! + dg[g]!;
        expected[g] = expected[g]! + (d * atRisk[g]!) / total;
      }
      if (total > 1) {
        const f = (d * (total - d)) / (total - 1);
        for (let g = 0; g < G; g++) {
          const pg = atRisk[g]! / total;
          for (let h = 0; h < G; h++) {
            const ph = atRisk[h]! / total;
            variance[g * G + h] = variance[g * G + h]! + f * pg * ((g === h ? 1 : 0) - ph);
          }
        }
      }
    }
    for (let k = i; k < j; k++) atRisk[group[order[k]!]!]!--;
    total -= j - i;
    i = j;
  }
  // χ² on groups 2…G: V₋₁ is positive definite when every group has someone at risk at an event.
  const r = G - 1;
  const v = new Float64Array(r * r);
  const u = new Float64Array(r);
  for (let g = 1; g < G; g++) {
    u[g - 1] = observed[g]! - expected[g]!;
    for (let h = 1; h < G; h++) v[(g - 1) * r + (h - 1)] = variance[g * G + h]!;
  }
  let statistic = Number.NaN;
  if (v.every((x) => Number.isFinite(x)) && v[0]! > 0) {
    const l = cholesky(v, r);
    const x = choleskySolve(l, r, u);
    statistic = 0;
    for (let g = 0; g < r; g++) statistic += x[g]! * u[g]!;
  }
  return {
    statistic,
    df: r,
    pValue: Number.isNaN(statistic) ? Number.NaN : chiSquareSurvival(statistic, r),
    observed,
    expected,
    variance,
    n: sizes,
  };
}

/** Options of {@link logRankTest}: the comparison (event, optional competing destinations). */
export type LogRankTestSpec = SurvivalSpec;

/** One arm of a {@link LogRankTest}. */
export interface LogRankArm {
  readonly arm: string;
  readonly n: number;
  readonly observed: number;
  readonly expected: number;
}

/** The result of {@link logRankTest}. */
export interface LogRankTest extends HtmlConvertible, DocumentConvertible {
  readonly event: string;
  readonly competing: readonly string[];
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  /** Treatment first, then control. */
  readonly arms: readonly LogRankArm[];
  readonly excluded: readonly OutflowExclusion[];
  readonly method: string;
  /** One row per arm: arm, n, observed, expected, and the test in every row. */
  toTable(): Record<string, number | string>[];
  toMarkdown(): string;
}

/**
 * Log-rank test of equal hazards of `event` in the treatment and control arms, as
 * `survdiff(Surv(time, status) ~ arm)` (ρ = 0): time = month of the event, else of the end of
 * follow-up. With `competing`, a client who first left to a competing destination is censored
 * there (the cause-specific hazard); without, other destinations are ignored. See
 * {@link logRank} for the formula.
 *
 * @example
 * const t = logRankTest(clients, { event: 'month_work' });
 * t.pValue; // e.g. 0.0104
 * t.arms[0].observed - t.arms[0].expected; // excess work entries in the treated arm
 */
export function logRankTest(
  data: TableInput | ExperimentIntake,
  spec: LogRankTestSpec,
): LogRankTest {
  checkSpecKeys(spec, SURVIVAL_SPEC_KEYS, 'logRankTest');
  const sample = survivalSample(data, spec);
  const [t, c] = sample.arms;
  const n = t.time.length + c.time.length;
  const time = new Float64Array(n);
  const status = new Uint8Array(n);
  const group = new Uint8Array(n);
  time.set(t.time);
  time.set(c.time, t.time.length);
  for (let i = 0; i < t.time.length; i++) status[i] = t.status[i] === 1 ? 1 : 0;
  for (let i = 0; i < c.time.length; i++) {
    status[t.time.length + i] = c.status[i] === 1 ? 1 : 0;
    group[t.time.length + i] = 1;
  }
  const fit = logRank(time, status, group, 2);
  const arms = [t, c].map(
    (a, g): LogRankArm => ({
      arm: a.label,
      n: fit.n[g]!,
      observed: fit.observed[g]!,
      expected: fit.expected[g]!,
    }),
  );
  const method = `log-rank test (ρ = 0, as R survdiff), χ² on ${fit.df} df${
    sample.competing.length ? `; ${sample.competing.join(', ')} censor (cause-specific)` : ''
  }`;
  const base = {
    event: sample.event,
    competing: sample.competing,
    statistic: fit.statistic,
    df: fit.df,
    pValue: fit.pValue,
    arms,
    excluded: sample.excluded,
    method,
  };
  const toTable = () =>
    arms.map((a) => ({
      arm: a.arm,
      n: a.n,
      observed: a.observed,
      expected: a.expected,
      statistic: base.statistic,
      df: base.df,
      p_value: base.pValue,
    }));
  const document = (): Document => [
    {
      kind: 'table',
      table: {
        id: 'log-rank',
        title: `Log-rank test, ${base.event}`,
        columns: LOG_RANK_COLUMNS,
        rows: arms.map((a) => ({ ...a })),
        keys: { event: base.event },
      },
      caption: `Log-rank test, ${base.event}`,
      note: `χ² = ${formatCell(base.statistic, 'stat')} on ${base.df} df, p = ${formatCell(base.pValue, 'p')}. Method: ${method}.`,
    },
  ];
  return withDisplay(
    { ...base, toTable, toMarkdown: () => documentMarkdown(document()) },
    document,
  );
}

const LOG_RANK_COLUMNS: readonly Column[] = [
  { id: 'arm', label: 'arm', format: 'text', key: 'arm' },
  { id: 'n', label: 'n', format: 'int', unit: 'clients' },
  { id: 'observed', label: 'observed', format: 'int', unit: 'events' },
  { id: 'expected', label: 'expected', format: 'number', unit: 'events' },
];
