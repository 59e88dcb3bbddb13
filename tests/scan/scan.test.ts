import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ColumnTable } from 'arquero';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { readJsonFile } from '../../src/cli/read-json.js';
import {
  auc,
  calibration,
  fitScan,
  gainsTable,
  InputError,
  riskDeciles,
  type ScanFit,
  type ScanReview,
  scanReview,
  scoreClients,
  weeklyRescore,
} from '../../src/index.js';
import {
  aucDifference,
  captureAt,
  psiCategorical,
  psiNumeric,
  resolveReviewConfig,
  subgroupMetrics,
  weeklyTrajectory,
} from '../../src/kernels.js';
import { displayBundle } from '../../src/report/display.js';
import { scanReviewDocument, scanReviewMarkdown } from '../../src/scan/index.js';
import {
  documentMarkdown,
  type HeadingBlock,
  type ModelTableBlock,
} from '../../src/table/index.js';
import { REVIEW_TWO_YEARS } from '../docs/run-by-tests.js';
import { reuseScanReviews } from '../fixtures/reuse.js';
import { dataTable } from '../fixtures/shared.js';

const root = join(import.meta.dirname, '..', '..');
const ref = JSON.parse(readFileSync(join(root, 'tests/reference/scan.json'), 'utf8'));
const refAuc = JSON.parse(readFileSync(join(root, 'tests/reference/scan-auc.json'), 'utf8'));

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('AUC and DeLong (hand case with ties, pROC reference)', () => {
  const { scores, y } = ref.small;
  it('matches pROC auc, var(method = "delong") and ci.auc', () => {
    const a = auc(scores, y);
    expect(a.estimate).toBeCloseTo(ref.small.auc.auc, 14);
    expect(a.stdError ** 2).toBeCloseTo(ref.small.auc.variance, 14);
    expect(a.ci[0]).toBeCloseTo(ref.small.auc.lower, 12);
    expect(a.ci[1]).toBe(1);
  });
  it('hand-derived: 3 cases, 3 controls', () => {
    // pairs (case > control): 0.9 beats all 3; 0.5 beats 0.4 and 0.1; 0.3 beats 0.1 → 3 + 2 + 1 = 6 of 9
    const a = auc([0.9, 0.5, 0.3, 0.4, 0.1, 0.6], [1, 1, 1, 0, 0, 0]);
    expect(a.estimate).toBeCloseTo(6 / 9, 15);
    // a tie counts one half
    expect(auc([0.5, 0.5, 0.1], [1, 0, 0]).estimate).toBeCloseTo(0.75, 15);
  });
  it('difference of independent AUCs: SE is the root of the summed variances', () => {
    const a = auc(scores, y);
    const d = aucDifference(a, a);
    expect(d.estimate).toBe(0);
    expect(d.stdError).toBeCloseTo(Math.SQRT2 * a.stdError, 15);
  });
});

describe('deciles, capture and gains (hand cases)', () => {
  it('riskDeciles: 1 = highest; ties share the decile where their block starts', () => {
    expect(Array.from(riskDeciles([0.9, 0.1, 0.5, 0.5]))).toEqual([1, 8, 3, 3]);
    expect(Array.from(riskDeciles([4, 3, 2, 1], 2))).toEqual([1, 1, 2, 2]);
    expect(Array.from(riskDeciles([1, 1, 1, 0], 2))).toEqual([1, 1, 1, 2]);
  });
  it('captureAt: share of cases in the top q; tied blocks on the boundary count in proportion', () => {
    expect(captureAt([0.9, 0.8, 0.1, 0.2], [1, 0, 0, 1], 0.5).capture).toBe(0.5);
    // top 2 of 4: the block {0.5, 0.5, 0.5} has 1 case and straddles positions 2–4: 1/3 of it inside
    const c = captureAt([0.9, 0.5, 0.5, 0.5], [1, 1, 0, 0], 0.5);
    expect(c.casesCaptured).toBeCloseTo(1 + 1 / 3, 15);
    expect(c.capture).toBeCloseTo((1 + 1 / 3) / 2, 15);
    expect(c.lift).toBeCloseTo(c.capture / 0.5, 15);
  });
  it('gainsTable: tenths of 20 clients', () => {
    const s = Array.from({ length: 20 }, (_, i) => 1 - i / 20);
    const y = s.map((_, i) => (i < 3 || i === 10 ? 1 : 0));
    const g = gainsTable(s, y);
    expect(g.rows[0]!.cases).toBe(2);
    expect(g.rows[1]!.cases).toBe(1);
    expect(g.capture10).toBe(0.5);
    expect(g.capture20).toBe(0.75);
    expect(g.rows[5]!.capture).toBe(1);
    expect(g.rows[0]!.meanScore).toBeCloseTo((1 + 0.95) / 2, 15);
    expect(g.rows[9]!.lift).toBe(1);
  });
});

describe('calibration, PSI and subgroups (hand cases)', () => {
  it('a constant prediction equal to the observed rate: intercept 0, Brier r(1 − r)', () => {
    const y = [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0];
    const p = [0.2, 0.3, 0.25, 0.25, 0.2, 0.3, 0.25, 0.25, 0.2, 0.3, 0.25, 0.25];
    const c = calibration(p, y);
    expect(c.brier).toBeCloseTo(p.reduce((s, pi, i) => s + (pi - y[i]!) ** 2, 0) / 12, 15);
    expect(c.observedExpectedRatio).toBeCloseTo(3 / 3, 12);
    expect(c.intercept.estimate).toBeCloseTo(0, 8);
  });
  it('PSI of categories by hand', () => {
    const r = psiCategorical(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b'], 'x');
    const expected = (0.25 - 0.5) * Math.log(0.25 / 0.5) + (0.75 - 0.5) * Math.log(0.75 / 0.5);
    expect(r.psi).toBeCloseTo(expected, 15);
    expect(psiNumeric([1, 2, 3], [1, 2, 3]).psi).toBe(0);
  });
  it('subgroups: capture at the overall threshold, differences against the reference', () => {
    const s = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.15, 0.1];
    const y = [1, 0, 1, 0, 0, 1, 0, 0, 1, 0];
    const g = ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b'];
    const r = subgroupMetrics(s, y, g, { variable: 'g', reference: 'a', fraction: 0.2 });
    const a = r.rows.find((x) => x.group === 'a')!;
    const b = r.rows.find((x) => x.group === 'b')!;
    expect(a.capture).toBeCloseTo(1 / 3, 15); // top 2 = clients 1, 2: one of a's 3 cases
    expect(b.capture).toBe(0);
    expect(a.selected).toBeCloseTo(0.2, 15);
    expect(b.captureDifference!.estimate).toBeCloseTo(-1 / 3, 15);
    expect(a.captureDifference).toBeNull();
  });
});

describe('bad input', () => {
  it('no positive cases', () => {
    expect(() => auc([0.1, 0.2], [0, 0])).toThrow(/no positive cases/);
    expect(() => gainsTable([0.1, 0.2], [0, 0])).toThrow(InputError);
    expect(() => calibration([0.1, 0.2], [0, 0])).toThrow(/no positive cases/);
  });
  it('constant score', () => {
    expect(() => auc([0.3, 0.3, 0.3], [1, 0, 0])).toThrow(/score is constant/);
    expect(() => captureAt([0.3, 0.3], [1, 0], 0.1)).toThrow(/constant/);
  });
  it('missing features and missing values', () => {
    const rows = [{ prior_bijstand: 1, bijstand: 1 }];
    expect(() => fitScan(rows)).toThrow(/ww_entitlement_months/);
    try {
      fitScan(rows);
    } catch (e) {
      expect((e as InputError).code).toBe('missing-column');
    }
  });
  it('non-binary outcome and bad probabilities', () => {
    expect(() => auc([0.1, 0.2], [1, 2])).toThrow(/must be 0 or 1/);
    expect(() => calibration([0, 0.5], [1, 0])).toThrow(/strictly between 0 and 1/);
  });
  it('config: unknown keys and bad values', () => {
    expect(() => resolveReviewConfig({ tresholds: {} })).toThrow(/unknown key "tresholds"/);
    expect(() => resolveReviewConfig({ thresholds: { captureTop10Min: 55 } })).toThrow(
      /captureTop10Min/,
    );
    expect(resolveReviewConfig({ thresholds: { captureTop10Min: 0.6 } }).thresholds.aucMin).toBe(
      0.8,
    );
  });
});

describe('the scan on data/scan-population-2023.csv and 2024', () => {
  let t23: ColumnTable;
  let t24: ColumnTable;
  let fit: ScanFit;
  let p23: Float64Array;
  let p24: Float64Array;
  let y23: number[];
  let y24: number[];
  beforeAll(async () => {
    t23 = await dataTable('scan-population-2023.csv');
    t24 = await dataTable('scan-population-2024.csv');
    fit = fitScan(t23);
    p23 = scoreClients(fit.model, t23);
    p24 = scoreClients(fit.model, t24);
    y23 = t23.array('bijstand') as number[];
    y24 = t24.array('bijstand') as number[];
  });

  it('reproduces the published figures (docs/scan-review.md, Reproduction)', () => {
    const g = gainsTable(p23, y23);
    expect(Math.round(g.capture10 * 100)).toBe(63);
    expect(Math.round(g.capture20 * 100)).toBe(77);
    const mean = p23.reduce((s, x) => s + x, 0) / p23.length;
    expect(Math.round(mean * 1000)).toBe(37);
    const sorted = Float64Array.from(p23).sort().reverse();
    const threshold = sorted[Math.ceil(0.1 * p23.length) - 1]!;
    expect(threshold).toBeGreaterThanOrEqual(0.07);
    const below = p23.filter((p) => p < 0.07).length / p23.length;
    expect(Math.round(below * 100)).toBe(90);
  });

  it('logistic fit agrees with R glm', () => {
    const names = ref.glm2023.terms.map((t: string) =>
      t
        .replace(/^household(.+)$/, 'household[$1]')
        .replace(/^municipality(.+)$/, 'municipality[$1]'),
    );
    names.forEach((name: string, j: number) => {
      const c = fit.coefficients.find((x) => x.term === name)!;
      expect(rel(c.estimate, ref.glm2023.estimate[j])).toBeLessThan(1e-7);
      expect(rel(c.stdError, ref.glm2023.se[j])).toBeLessThan(1e-6);
    });
    expect(rel(fit.deviance, ref.glm2023.deviance)).toBeLessThan(1e-10);
    expect(rel(fit.aic, ref.glm2023.aic)).toBeLessThan(1e-10);
  });

  it('AUC, DeLong variance and the unpaired test agree with pROC', () => {
    const a23 = auc(p23, y23);
    const a24 = auc(p24, y24);
    expect(rel(a23.estimate, ref.auc2023.auc)).toBeLessThan(1e-9);
    expect(rel(a23.stdError ** 2, ref.auc2023.variance)).toBeLessThan(1e-6);
    expect(rel(a24.estimate, ref.auc2024.auc)).toBeLessThan(1e-9);
    expect(rel(a24.ci[0], ref.auc2024.lower)).toBeLessThan(1e-7);
    const d = aucDifference(a24, a23);
    expect(rel(d.statistic, ref.aucTest.statistic)).toBeLessThan(1e-5);
    expect(Math.abs(d.pValue - ref.aucTest.p)).toBeLessThan(1e-6);
  });

  it('calibration and capture agree with R', () => {
    for (const [p, y, r] of [
      [p23, y23, ref.calibration2023],
      [p24, y24, ref.calibration2024],
    ] as const) {
      const c = calibration(p, y);
      expect(Math.abs(c.intercept.estimate - r.intercept)).toBeLessThan(1e-7);
      expect(rel(c.intercept.stdError, r.interceptSe)).toBeLessThan(1e-6);
      expect(rel(c.slope.estimate, r.slope)).toBeLessThan(1e-6);
      expect(rel(c.slope.stdError, r.slopeSe)).toBeLessThan(1e-6);
      expect(rel(c.brier, r.brier)).toBeLessThan(1e-9);
      expect(rel(c.hosmerLemeshow.statistic, r.hl)).toBeLessThan(1e-5);
      expect(c.rows.map((x) => x.observed)).toEqual(r.deciles);
    }
    expect(captureAt(p23, y23, 0.1).capture).toBeCloseTo(ref.capture.c10_2023, 12);
    expect(captureAt(p24, y24, 0.2).capture).toBeCloseTo(ref.capture.c20_2024, 12);
  });

  it('PSI agrees with the R computation', () => {
    expect(rel(psiNumeric(p23, p24, 'score').psi, ref.psi.score)).toBeLessThan(1e-6);
    expect(
      rel(
        psiNumeric(t23.array('ww_benefit') as number[], t24.array('ww_benefit') as number[]).psi,
        ref.psi.benefit,
      ),
    ).toBeLessThan(1e-9);
  });

  it('weekly re-scoring: risk rises as WW nears its end', () => {
    const client = {
      ...t23.object(0),
      ww_months_left: 12,
      other_income: 1,
      ww_supplement: 0,
    } as Record<string, unknown>;
    const t = weeklyTrajectory(fit.model, client, { threshold: 0.07, weeks: 60 });
    for (let i = 1; i < t.scores.length; i++)
      expect(t.scores[i]!).toBeGreaterThan(t.scores[i - 1]!);
    expect(t.weeks.at(-1)).toBeLessThanOrEqual(52); // 12 months = 52 weeks of WW
    const withSupplement = weeklyTrajectory(fit.model, client, {
      threshold: 0.07,
      weeks: 60,
      changes: [{ week: 10, set: { ww_supplement: 1, other_income: 0 } }],
    });
    expect(withSupplement.scores[9]).toBe(t.scores[9]);
    expect(withSupplement.scores[10]!).toBeGreaterThan(t.scores[10]!);
    const w = weeklyRescore(fit.model, t23.slice(0, 2000), { threshold: 0.07, weeks: 20 });
    expect(w.perWeek[0]!.onWw).toBe(2000);
    expect(w.ever).toBeGreaterThanOrEqual(w.atStart);
    const first = Array.from(w.firstTopDecileWeek).filter((x) => x >= 0).length;
    expect(first).toBe(w.ever);
  });

  describe('scanReview and the CLI', () => {
    // The review the CLI computes below is this one (the shipped files, the CLI's resolved
    // default config, marked synthetic): computed once in this file (tests/fixtures/reuse.ts).
    reuseScanReviews();
    let review: ScanReview;
    beforeAll(() => {
      review = scanReview({
        current: t24,
        previous: t23,
        config: { ...resolveReviewConfig(), synthetic: true },
        currentName: 'scan-population-2024.csv',
        previousName: 'scan-population-2023.csv',
      });
    });
    it("the review's numbers are the metrics' numbers", () => {
      expect(review.current.label).toBe('2024');
      expect(review.previous.capture10).toBeCloseTo(gainsTable(p23, y23).capture10, 14);
      expect(review.current.auc.estimate).toBeCloseTo(ref.auc2024.auc, 12);
      expect(review.current.calibration.slope.estimate).toBeCloseTo(ref.calibration2024.slope, 6);
      expect(review.drift.score.psi).toBeCloseTo(ref.psi.score, 8);
      expect(review.drift.auc.statistic).toBeCloseTo(ref.aucTest.statistic, 4);
      expect(review.previous.topDecileThreshold).toBeCloseTo(ref.p90_2023, 9);
      expect(review.subgroups.map((s) => s.variable)).toEqual([
        'gender',
        'age_band',
        'municipality',
      ]);
      // the documented 2024 shift shows: entitlement drifts, the scan over-predicts
      expect(review.flags.some((f) => f.threshold === 'psiFeatureMax')).toBe(true);
      expect(review.flags.some((f) => f.threshold === 'calibrationInterceptMaxAbs')).toBe(true);
      expect(
        review.flags.some((f) => f.metric.includes('(2023)') && f.threshold === 'captureTop10Min'),
      ).toBe(false);
    });
    it('the refit on 2024 against the 2023 scan: paired DeLong as pROC', () => {
      const t = review.refit!.comparison;
      const r = refAuc.scanRefitVsPrevious2024;
      expect(t.paired).toBe(true);
      expect(rel(t.aucs[0].estimate, r.auc1)).toBeLessThan(1e-9);
      expect(rel(t.aucs[1].estimate, r.auc2)).toBeLessThan(1e-9);
      expect(rel(t.statistic, r.statistic)).toBeLessThan(1e-5);
      expect(rel(t.pValue, r.p)).toBeLessThan(1e-4);
    });
    it('flags capture below a stricter threshold', () => {
      const strict = scanReview({
        current: t24.slice(0, 20000),
        previous: t23.slice(0, 20000),
        config: {
          thresholds: { captureTop10Min: 0.9 },
          subgroups: [],
          weeklyWeeks: 0,
          refit: false,
        },
      });
      expect(strict.flags.filter((f) => f.threshold === 'captureTop10Min')).toHaveLength(2);
    });
    it('writes itself from one document: typed tables, charts as figures or linked files', () => {
      const doc = scanReviewDocument(review);
      expect(doc[0]).toEqual({ kind: 'heading', text: review.title, level: 1 });
      expect(
        doc
          .filter((b): b is HeadingBlock => b.kind === 'heading' && b.level === 2)
          .map((b) => b.text),
      ).toEqual([
        'Verdict',
        'Summary',
        'Discrimination',
        'The scan against a refit on 2024',
        'Gains and lift per decile',
        'Calibration',
        'Drift between 2023 and 2024',
        'Subgroups',
        'Fairness of the selection',
        'Weekly re-scoring',
        'The scan model',
        'Methods',
        'Thresholds',
      ]);
      // fractions stay fractions in the table model; formatCell shows them
      const discrimination = doc.find(
        (b): b is ModelTableBlock =>
          b.kind === 'table' && 'table' in b && b.table.id === 'discrimination',
      )!.table;
      expect(discrimination.columns.find((c) => c.id === 'capture10')!.format).toBe('percent');
      expect(discrimination.rows[0]!.capture10).toBe(review.previous.capture10);
      expect(discrimination.rows[1]!.cases).toBe(review.current.auc.cases);
      expect(doc.some((b) => b.kind === 'figure')).toBe(false);
      expect(review.toMarkdown()).toBe(documentMarkdown(doc));
      expect(review.toMarkdown()).toContain(
        `| 2024 | 0.805 | −0.290 [−0.315, −0.265] | 0.978 [0.962, 0.993] |`,
      );
      const linked = scanReviewMarkdown(review, { gains: 'gains.svg', drift: 'drift.svg' });
      expect(linked).toContain('\n\n![Gains curves](gains.svg)\n\n## Gains and lift per decile\n');
      expect(linked).toContain('![Drift per feature](drift.svg)');
      expect(linked).not.toContain('![Calibration]');
      const svg = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>';
      const withFigure = scanReviewDocument(review, { charts: { calibration: { svg } } });
      const figure = withFigure.find((b) => b.kind === 'figure');
      expect(figure).toMatchObject({ svg, caption: expect.stringContaining('per risk decile') });
    });
    it('displays as its document; the JSON has only the numbers', async () => {
      expect(review.toDocument()).toEqual(scanReviewDocument(review));
      expect(review.toHTML()).toContain('<h4>Summary</h4>');
      expect(review.toHTML()).toContain('<td class="num" style="text-align:right">8,430</td>');
      const bundle = await displayBundle(review);
      expect(bundle['text/markdown']).toBe(review.toMarkdown());
      expect(bundle['text/plain']).toContain('Discrimination\n--------------');
      const json = JSON.parse(JSON.stringify(review));
      expect(Object.keys(json)).not.toContain('toMarkdown');
      expect(json.current.capture10).toBe(review.current.capture10);
    });
    it('examples/review-config.json is the defaults, as its comment says', () => {
      const path = join(root, 'examples/review-config.json');
      expect(resolveReviewConfig(readJsonFile(path, 'review config'))).toEqual(
        resolveReviewConfig({}),
      );
    });
    it('effectmeting review (the command of docs/cli.md, as written) writes HTML, Markdown, SVGs and JSON (exit 0); usage 2; bad input 1', async () => {
      // The docs show this command without running it (tests/docs/run-by-tests.ts): it runs
      // here, in a scratch directory holding data/ as the docs test's does.
      const scratch = mkdtempSync(join(tmpdir(), 'review-'));
      const dir = join(scratch, REVIEW_TWO_YEARS.argv[REVIEW_TWO_YEARS.argv.indexOf('--out') + 1]!);
      symlinkSync(join(root, 'data'), join(scratch, 'data'), 'dir');
      const cwd = process.cwd();
      process.chdir(scratch);
      try {
        const out: string[] = [];
        const err: string[] = [];
        const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) };
        const code = await runCli([...REVIEW_TWO_YEARS.argv], io);
        expect(code, err.join('')).toBe(0);
        for (const f of [
          'review.html',
          'review.md',
          'review.json',
          'gains.svg',
          'calibration.svg',
          'drift.svg',
          'subgroups.svg',
        ]) {
          expect(existsSync(join(dir, f))).toBe(true);
        }
        const json = JSON.parse(readFileSync(join(dir, 'review.json'), 'utf8'));
        expect(json.current.capture10).toBeCloseTo(review.current.capture10, 14);
        const html = readFileSync(join(dir, 'review.html'), 'utf8');
        expect(html).toContain('<svg');
        expect(html).not.toMatch(/<script/);
        expect(out.join('')).toContain('## Calibration');
        expect(await runCli(['review', '--current', 'x.csv'], io)).toBe(2);
        expect(
          await runCli(
            ['review', '--current', 'missing.csv', '--previous', 'missing.csv', '--out', dir],
            io,
          ),
        ).toBe(1);
        expect(err.join('')).toContain('data file not found');
        const help: string[] = [];
        expect(
          await runCli(['review', '--help'], { stdout: (t) => help.push(t), stderr: () => {} }),
        ).toBe(0);
        expect(help.join('')).toContain('Examples:');
      } finally {
        process.chdir(cwd);
        rmSync(scratch, { recursive: true, force: true });
      }
    });
  });
});
