/**
 * The review a board can publish, on slices of the synthetic populations (small enough for a
 * quick test): the verdict table and its status rule, Holm across the subgroup and fairness
 * flags, capture intervals, the evaluation sample without the service, the refit next to the
 * scan, separation in the fit (issue 12), and the synthetic mark.
 */
import type { ColumnTable } from 'arquero';
import { beforeAll, describe, expect, it } from 'vitest';
import { pAdjust, type ScanReview, scanReview, scoreClients } from '../../src/index.js';
import { captureAt } from '../../src/kernels.js';
import { documentMarkdown } from '../../src/table/index.js';
import { dataTable } from '../fixtures/shared.js';

describe('scanReview: verdict, Holm, intervals, evaluation sample, refit, separation', () => {
  let t23: ColumnTable;
  let t24: ColumnTable;
  let review: ScanReview;
  beforeAll(async () => {
    t23 = (await dataTable('scan-population-2023.csv')).slice(0, 6000);
    t24 = (await dataTable('scan-population-2024.csv')).slice(0, 20000);
    review = scanReview({
      current: t24,
      previous: t23,
      config: { weeklyWeeks: 0, currentLabel: '2024', previousLabel: '2023', synthetic: true },
    });
  });

  it('separation in the previous year is named and fitted with Firth; O/E stays finite (issue 12)', () => {
    const s = review.separation!;
    expect(s.fit).toBe('firth');
    expect(s.levels.filter((l) => l.reason === 'no cases').map((l) => l.level)).toEqual([
      'Enschede',
      'Zwolle',
    ]);
    const zwolle = review.subgroups
      .find((g) => g.variable === 'municipality')!
      .rows.find((r) => r.group === 'Zwolle')!;
    expect(zwolle.observedExpectedRatio).toBeLessThan(10);
    expect(Number.isFinite(zwolle.calibrationIntercept!.estimate)).toBe(true);
    // maximum likelihood on the same data: the runaway coefficient and O/E of issue 12
    const ml = scanReview({
      current: t24,
      previous: t23,
      config: { weeklyWeeks: 0, separation: 'none', refit: false, subgroups: ['municipality'] },
    });
    const mlZwolle = ml.subgroups[0]!.rows.find((r) => r.group === 'Zwolle')!;
    expect(mlZwolle.observedExpectedRatio).toBeGreaterThan(1000);
    const row = review.verdict.find((v) => v.check.startsWith('separation'))!;
    expect(row.status).toBe('attention');
    expect(row.words).toContain('municipality = Zwolle (43 clients, 0 cases: no cases)');
  });

  it('the verdict: each check with figure, interval, threshold and the stated status rule', () => {
    const t = review.config.thresholds;
    const auc = review.verdict[0]!;
    expect(auc.check).toBe('discrimination: AUC (2024)');
    expect(auc.value).toBe(review.current.auc.estimate);
    expect(auc.ci).toEqual(review.current.auc.ci);
    expect(auc.status).toBe(
      auc.value >= t.aucMin ? 'pass' : auc.ci![1] < t.aucMin ? 'fail' : 'attention',
    );
    const intercept = review.verdict.find((v) => v.check.startsWith('calibration intercept'))!;
    const m = t.calibrationInterceptMaxAbs;
    const [lo, hi] = intercept.ci!;
    expect(intercept.status).toBe(
      Math.abs(intercept.value) <= m ? 'pass' : hi < -m || lo > m ? 'fail' : 'attention',
    );
    for (const v of review.verdict) {
      expect(['pass', 'attention', 'fail']).toContain(v.status);
      expect(v.words.length).toBeGreaterThan(5);
    }
    const md = review.toMarkdown();
    expect(md.indexOf('## Verdict')).toBeLessThan(md.indexOf('## Summary'));
    expect(md).toContain('| check | figure | 95 % CI | threshold | status | in plain words |');
  });

  it('capture has a Wilson interval over the cases', () => {
    const c = review.current.top10;
    const y = t24.array('bijstand') as number[];
    const direct = captureAt(scoreClients(review.model!, t24), y, 0.1);
    expect(c.capture).toBeCloseTo(direct.capture, 14);
    // Wilson (1927) written out for x = captured cases of m cases
    const z = 1.959963984540054;
    const x = c.casesCaptured;
    const n = c.cases;
    const centre = (x + (z * z) / 2) / (n + z * z);
    const half = (z / (n + z * z)) * Math.sqrt((x * (n - x)) / n + (z * z) / 4);
    expect(c.ci[0]).toBeCloseTo(centre - half, 14);
    expect(c.ci[1]).toBeCloseTo(centre + half, 14);
    // O/E: the observed count as Poisson, O/E·exp(±z/√O); Brier: mean ± z·sd/√n
    const k = review.current.calibration;
    const oe = k.observed / k.expected;
    expect(review.current.observedExpectedCi[0]).toBeCloseTo(
      oe * Math.exp(-z / Math.sqrt(k.observed)),
      12,
    );
    expect(review.current.observedExpectedCi[1]).toBeCloseTo(
      oe * Math.exp(z / Math.sqrt(k.observed)),
      12,
    );
    const p = scoreClients(review.model!, t24);
    const e = y.map((yi, i) => (p[i]! - yi) ** 2);
    const mean = e.reduce((a, b) => a + b, 0) / e.length;
    const sd = Math.sqrt(e.reduce((a, b) => a + (b - mean) ** 2, 0) / (e.length - 1));
    expect(review.current.brierCi[1]).toBeCloseTo(mean + (z * sd) / Math.sqrt(e.length), 12);
  });

  it('Holm across the subgroup and fairness flags', () => {
    const tested = review.flags.filter((f) => f.pValue !== null);
    expect(tested.length).toBeGreaterThan(3);
    const adjusted = pAdjust(
      tested.map((f) => f.pValue!),
      'holm',
    );
    tested.forEach((f, i) => {
      expect(f.adjustedPValue).toBeCloseTo(adjusted[i]!, 14);
      expect(f.status).toBe(adjusted[i]! < 0.05 ? 'fail' : 'attention');
    });
    expect(tested.some((f) => f.threshold === 'fairnessRatioRange')).toBe(true);
    // untested year-level flags have no p-value
    expect(
      review.flags.filter((f) => f.pValue === null).every((f) => f.adjustedPValue === null),
    ).toBe(true);
  });

  it('the previous year is in-sample: its calibration is shown, never flagged; the refit is compared', () => {
    expect(review.previous.sample).toBe('in-sample');
    expect(review.current.sample).toBe('out-of-sample');
    expect(
      review.flags.some(
        (f) => f.metric.endsWith('(2023)') && f.threshold.startsWith('calibration'),
      ),
    ).toBe(false);
    const refit = review.refit!;
    expect(refit.metrics.sample).toBe('in-sample');
    expect(refit.comparison.paired).toBe(true);
    expect(refit.comparison.aucs[0].estimate).toBe(refit.metrics.auc.estimate);
    expect(refit.comparison.aucs[1].estimate).toBe(review.current.auc.estimate);
    expect(Math.abs(refit.metrics.calibration.intercept.estimate)).toBeLessThan(1e-6);
  });

  it('synthetic data are marked; migration background is skipped where absent', () => {
    const md = documentMarkdown(review.toDocument());
    expect(md).toContain('Synthetic data:');
    expect(review.warnings.join(' ')).toContain('migration_background skipped');
    expect(review.evaluation.serviceColumn).toBeNull();
    expect(review.evaluation.statement).toContain('Every client is evaluated');
  });

  it('serviceColumn: only clients without the service are fitted and evaluated', () => {
    const arm = (t: ColumnTable) =>
      t.objects().map((r, i) => ({ ...r, arm: i % 4 === 0 ? 'experiment' : 'control' }));
    const a24 = arm(t24.slice(0, 8000));
    const a23 = arm(t23);
    const r = scanReview({
      current: a24,
      previous: a23,
      config: { weeklyWeeks: 0, refit: false, subgroups: ['gender'], serviceColumn: 'arm' },
    });
    expect(r.evaluation.current).toEqual({ kept: 6000, excluded: 2000 });
    expect(r.evaluation.previous).toEqual({ kept: 4500, excluded: 1500 });
    expect(r.current.n).toBe(6000);
    expect(r.evaluation.statement).toContain("'arm' = control");
    expect(() =>
      scanReview({
        current: a24,
        previous: a23,
        config: { weeklyWeeks: 0, serviceColumn: 'arm', untreatedValues: ['none'] },
      }),
    ).toThrow(/column 'arm' \(current year\): no client has 'none'/);
  });
});
