// Several arms in one model (issue #14) against R: tests/reference/three-arm.R → three-arm.json
// (estimatr::lm_robust and lm_lin with a three-level arm factor, contrasts c'b with SE
// sqrt(c'Vc) from vcov, p.adjust holm/BH; raw differences in shares; Welch t tests). The data:
// 3,000 clients of the synthetic 2017–2018 experiment from its generator (three-arm-data.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ArmContrastSeries } from '../../src/analysis/arm-contrasts.js';
import {
  armCoefficients,
  armContrasts,
  armTerm,
  resolveArms,
  severalArmsDesign,
  severalArmsSample,
} from '../../src/analysis/several-arms.js';
import { olsPrepare } from '../../src/estimate/ols.js';
import { compareArms, effectSeries } from '../../src/index.js';
import type { Estimate } from '../../src/stats/estimate.js';
import { threeArmRows } from '../reference/three-arm-data.js';

interface ContrastRef {
  estimate: number[];
  std_error: number[];
  statistic?: number[];
  df?: number[];
  p_value: number[];
  ci_lower?: number[];
  ci_upper?: number[];
  holm: number[];
  BH?: number[];
  n?: number;
}
interface MonthRef {
  month: number;
  n: number[];
  events: number[];
  raw: ContrastRef;
  none_HC2: ContrastRef;
  ols_HC2: ContrastRef;
  lin_HC2: ContrastRef;
  [key: string]: unknown;
}
const ref: {
  arms: string[];
  reference: string;
  contrasts: string[];
  series: MonthRef[];
  compare: {
    n: number[];
    mean: number[];
    welch: ContrastRef;
    ols_HC2: ContrastRef;
    lin_HC2: ContrastRef;
  };
} = JSON.parse(readFileSync(new URL('../reference/three-arm.json', import.meta.url), 'utf8'));

const TOL = 1e-10;
let worst = 0;
function close(actual: number, expected: number, label: string) {
  const err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-4);
  worst = Math.max(worst, err);
  expect(err, `${label}: ${actual} vs R ${expected}`).toBeLessThan(TOL);
}
function expectContrasts(
  got: readonly (Estimate | undefined)[],
  r: ContrastRef,
  label: string,
  adjusted?: readonly (number | undefined)[],
) {
  got.forEach((e, i) => {
    expect(e, `${label} [${i}]`).toBeDefined();
    close(e!.estimate, r.estimate[i]!, `${label} estimate [${i}]`);
    close(e!.stdError, r.std_error[i]!, `${label} SE [${i}]`);
    close(e!.pValue, r.p_value[i]!, `${label} p [${i}]`);
    if (r.statistic) close(e!.statistic, r.statistic[i]!, `${label} t [${i}]`);
    if (r.df) expect(e!.df).toBe(r.df[i]);
    if (r.ci_lower) close(e!.ci[0], r.ci_lower[i]!, `${label} CI [${i}]`);
    if (r.ci_upper) close(e!.ci[1], r.ci_upper[i]!, `${label} CI [${i}]`);
    if (adjusted) close(adjusted[i]!, r.holm[i]!, `${label} holm [${i}]`);
  });
}

const rows = threeArmRows();
const covariates = ['gender', 'age', 'education', 'prior_ww', 'region', 'ww_entitlement_months'];
const base = {
  arms: ref.arms,
  reference: ref.reference,
  contrasts: 'all-pairs' as const,
  event: 'month_job',
  months: ref.series.map((m) => m.month),
  rawInterval: 'wald' as const,
};

describe('three arms, one model per month, against estimatr', () => {
  const series: Record<string, ArmContrastSeries> = {
    ols: effectSeries(rows, { ...base, covariates, pAdjust: 'holm' }),
    lin: effectSeries(rows, { ...base, covariates, adjustment: 'lin', pAdjust: 'holm' }),
    bh: effectSeries(rows, { ...base, covariates, pAdjust: 'BH' }),
  };

  it('counts and the contrasts as R lists them', () => {
    const s = series.ols!;
    expect(s.contrasts.map((c) => c.label)).toEqual(ref.contrasts);
    s.months.forEach((m, i) => {
      expect(m.arms.map((a) => a.n)).toEqual(ref.series[i]!.n);
      expect(m.arms.map((a) => a.events)).toEqual(ref.series[i]!.events);
    });
  });

  it('raw differences in shares (unpooled SE, z) with Holm and BH across the contrasts', () => {
    series.ols!.months.forEach((m, i) => {
      const r = ref.series[i]!.raw;
      expectContrasts(
        m.contrasts.map((c) => c.raw),
        r,
        `raw month ${m.month}`,
        m.contrasts.map((c) => c.pAdjusted?.raw),
      );
      series.bh!.months[i]!.contrasts.forEach((c, j) => {
        close(c.pAdjusted!.raw, r.BH![j]!, `raw BH month ${m.month}`);
      });
    });
  });

  it('OLS with covariates, HC2: contrasts c′β with SE √(c′Vc), Holm and BH', () => {
    series.ols!.months.forEach((m, i) => {
      const r = ref.series[i]!.ols_HC2;
      expectContrasts(
        m.contrasts.map((c) => c.adjusted),
        r,
        `ols month ${m.month}`,
        m.contrasts.map((c) => c.pAdjusted?.adjusted),
      );
      expect(m.contrasts[0]!.adjusted!.n).toBe(r.n);
      series.bh!.months[i]!.contrasts.forEach((c, j) => {
        close(c.pAdjusted!.adjusted!, r.BH![j]!, `ols BH month ${m.month}`);
      });
    });
  });

  it("Lin's interacted model with a three-level arm (lm_lin), HC2", () => {
    series.lin!.months.forEach((m, i) => {
      expectContrasts(
        m.contrasts.map((c) => c.adjusted),
        ref.series[i]!.lin_HC2,
        `lin month ${m.month}`,
        m.contrasts.map((c) => c.pAdjusted?.adjusted),
      );
    });
  });

  it('HC0, HC1, HC3 and classical at month 12', () => {
    const r12 = ref.series.find((m) => m.month === 12)!;
    for (const se of ['HC0', 'HC1', 'HC3', 'classical'] as const) {
      const s = effectSeries(rows, { ...base, covariates, months: [12], se });
      expectContrasts(
        s.months[0]!.contrasts.map((c) => c.adjusted),
        r12[`ols_${se}`] as ContrastRef,
        `ols ${se}`,
      );
    }
  });

  it('y ~ arm alone (HC2), through the kernels', () => {
    const resolved = resolveArms(base, 'test');
    const sample = severalArmsSample(rows, base, 'month_job');
    for (const r of ref.series) {
      const index = Int32Array.from({ length: sample.rows.length }, (_, i) => i).filter(
        (i) => sample.followup![i]! >= r.month,
      );
      const prepared = olsPrepare(severalArmsDesign(sample, index, resolved.reference, 'none'));
      const y = Float64Array.from(index, (i) => (sample.eventMonth![i]! <= r.month ? 1 : 0));
      const terms = ['service', 'control_enforcement'].map((a) => armTerm('arm', a));
      const coefs = armCoefficients(prepared, y, terms, 'HC2');
      expectContrasts(
        armContrasts(coefs, terms, resolved, 'arm', 0.95, 'OLS'),
        r.none_HC2,
        `y ~ arm month ${r.month}`,
      );
    }
  });

  it('states the family of the multiplicity adjustment in the result and its document', () => {
    const s = series.ols!;
    expect(s.family).toBe(
      'the 3 contrasts within each month (raw and adjusted estimates adjusted separately; not across months)',
    );
    expect(s.toMarkdown()).toContain('Multiplicity: holm across the 3 contrasts within each month');
    expect(s.toTable()).toHaveLength(ref.series.length * 3);
    expect(s.toTable()[2]).toMatchObject({
      month: 3,
      contrast: 'control_enforcement − control_none',
      n_first: ref.series[0]!.n[1],
      n_second: ref.series[0]!.n[2],
    });
  });

  it('agrees to 1e-10 (worst relative error recorded)', () => {
    expect(worst).toBeLessThan(TOL);
  });
});

describe('compareArms with several arms, against R', () => {
  const c = compareArms(rows, {
    arms: ref.arms,
    reference: ref.reference,
    contrasts: 'all-pairs',
    outcomes: ['months_on_ww_12'],
    covariates,
    pAdjust: 'holm',
  });
  const lin = compareArms(rows, {
    arms: ref.arms,
    reference: ref.reference,
    contrasts: 'all-pairs',
    outcomes: ['months_on_ww_12'],
    covariates,
    adjustment: 'lin',
  });

  it('per arm n and mean, Welch differences per pair, the joint model contrasts', () => {
    const o = c.outcomes[0]!;
    expect(o.arms.map((a) => a.n)).toEqual(ref.compare.n);
    o.arms.forEach((a, i) => {
      close(a.mean, ref.compare.mean[i]!, 'mean');
    });
    const w = ref.compare.welch;
    o.contrasts.forEach((x, i) => {
      close(x.difference.estimate, w.estimate[i]!, 'welch estimate');
      close(x.difference.stdError, w.std_error[i]!, 'welch SE');
      close(x.difference.df, w.df![i]!, 'welch df');
      close(x.difference.pValue, w.p_value[i]!, 'welch p');
      close(x.pAdjusted!.difference, w.holm[i]!, 'welch holm');
    });
    expectContrasts(
      o.contrasts.map((x) => x.adjusted),
      ref.compare.ols_HC2,
      'compare ols',
      o.contrasts.map((x) => x.pAdjusted?.adjusted),
    );
    expectContrasts(
      lin.outcomes[0]!.contrasts.map((x) => x.adjusted),
      ref.compare.lin_HC2,
      'compare lin',
    );
  });
});
