/**
 * Private kernels of the balance table: chi-square test of independence on a level × arm count
 * table, Welch's t (two arms) and Welch's one-way ANOVA (more arms) on group summaries, and the
 * standardised mean difference.
 */
import { chiSquareTest } from '../stats/chisquare.js';
import { fSurvival } from '../stats/distributions.js';
import { tTest } from '../stats/means.js';

/** Summary of one group of a numeric covariate. */
export interface GroupSummary {
  readonly n: number;
  readonly mean: number;
  /** Sample SD (n − 1 denominator). */
  readonly sd: number;
}

/** A test statistic with its reference distribution. */
export interface TestValue {
  readonly statistic: number;
  /** One df (χ², t) or two (F). */
  readonly df: readonly number[];
  readonly pValue: number;
  readonly method: string;
  /** Set when the approximation is doubtful (e.g. expected counts below 5). */
  readonly warning?: string;
}

/**
 * Pearson chi-square test of independence on counts[level][arm] via `chiSquareTest` (as R's
 * `chisq.test(m, correct = FALSE)`): X² = Σ (O − E)²/E with E = row total · column total / N,
 * df = (L − 1)(K − 1). Levels and arms with a zero total are left out first (they carry no
 * information and would make E = 0).
 */
export function chiSquareIndependence(counts: readonly (readonly number[])[]): TestValue {
  const rows = counts.filter((r) => r.reduce((a, b) => a + b, 0) > 0);
  const k = rows[0]?.length ?? 0;
  const cols = Array.from({ length: k }, (_, j) => j).filter((j) => rows.some((r) => r[j]! > 0));
  const method = 'Pearson chi-square test of independence (no continuity correction)';
  if (rows.length < 2 || cols.length < 2) {
    return {
      statistic: 0,
      df: [0],
      pValue: Number.NaN,
      method,
      warning: 'fewer than two levels or arms with clients: no test',
    };
  }
  const t = chiSquareTest(rows.map((r) => cols.map((j) => r[j]!)));
  const warning = t.warnings.join('; ');
  return warning
    ? { statistic: t.statistic, df: [t.df], pValue: t.pValue, method, warning }
    : { statistic: t.statistic, df: [t.df], pValue: t.pValue, method };
}

/**
 * Welch's test of equal means: two groups → Welch t via `tTest(b, a)` (t = (m_b − m_a)/
 * √(s_a²/n_a + s_b²/n_b), Welch–Satterthwaite df); more groups → Welch's one-way ANOVA
 * (Welch 1951; R `oneway.test`), which for two groups is F = t².
 */
export function welchTest(groups: readonly Float64Array[]): TestValue {
  if (groups.length === 2) {
    const t = tTest(groups[1]!, groups[0]!);
    return {
      statistic: t.statistic,
      df: [t.df],
      pValue: t.pValue,
      method: 'Welch two-sample t test',
    };
  }
  return welchAnova(groups.map(summarise));
}

/**
 * Welch's one-way ANOVA from the groups' summaries (Welch 1951; R's `oneway.test(var.equal =
 * FALSE)`): with wᵢ = nᵢ/sᵢ² and the weighted mean m = Σwᵢx̄ᵢ/Σwᵢ, A = Σwᵢ(x̄ᵢ − m)²/(k − 1),
 * Λ = Σ(1 − wᵢ/Σw)²/(nᵢ − 1), F = A/(1 + 2(k − 2)Λ/(k² − 1)) on (k − 1, (k² − 1)/(3Λ)) df. Shared
 * by {@link welchTest} (three or more groups) and the in-database balance table, which has only
 * the summaries.
 *
 * @example
 * welchAnova([{ n: 10, mean: 1, sd: 1 }, { n: 12, mean: 1.5, sd: 1.2 }, { n: 9, mean: 0.8, sd: 0.9 }]).pValue
 */
export function welchAnova(s: readonly GroupSummary[]): TestValue {
  const k = s.length;
  const w = s.map((g) => g.n / (g.sd * g.sd));
  const sw = w.reduce((a, b) => a + b, 0);
  const mw = s.reduce((acc, g, i) => acc + w[i]! * g.mean, 0) / sw;
  const a = s.reduce((acc, g, i) => acc + w[i]! * (g.mean - mw) ** 2, 0) / (k - 1);
  const lambda = s.reduce((acc, g, i) => acc + (1 - w[i]! / sw) ** 2 / (g.n - 1), 0);
  const f = a / (1 + (2 * (k - 2) * lambda) / (k * k - 1));
  const df2 = (k * k - 1) / (3 * lambda);
  return {
    statistic: f,
    df: [k - 1, df2],
    pValue: fSurvival(f, k - 1, df2),
    method: "Welch's one-way ANOVA",
  };
}

/** n, mean and sample SD (two passes). */
export function summarise(x: Float64Array): GroupSummary {
  const n = x.length;
  let sum = 0;
  for (const v of x) sum += v;
  const mean = sum / n;
  let ss = 0;
  for (const v of x) ss += (v - mean) ** 2;
  return { n, mean, sd: Math.sqrt(ss / (n - 1)) };
}

/**
 * Standardised mean difference of group b against group a: (m_b − m_a) / √((s_a² + s_b²)/2).
 * 0 when both SDs and the means are equal; ±Infinity when only the SDs are zero.
 */
export function smd(a: GroupSummary, b: GroupSummary): number {
  const diff = b.mean - a.mean;
  const pooled = Math.sqrt((a.sd * a.sd + b.sd * b.sd) / 2);
  if (pooled === 0) return diff === 0 ? 0 : Math.sign(diff) * Number.POSITIVE_INFINITY;
  return diff / pooled;
}

/** Summary of a 0/1 indicator with `x` ones out of `n`: mean p, SD √(n/(n−1)·p(1−p)). */
export function indicatorSummary(x: number, n: number): GroupSummary {
  const p = n > 0 ? x / n : Number.NaN;
  return { n, mean: p, sd: n > 1 ? Math.sqrt((n / (n - 1)) * p * (1 - p)) : Number.NaN };
}
