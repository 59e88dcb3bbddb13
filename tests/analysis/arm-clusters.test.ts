// Several arms with clusters and blocks (issue #14) against R: tests/reference/three-arm-clusters.R
// → three-arm-clusters.csv + .json (clubSandwich::linear_contrast with CR2 and each contrast's
// Satterthwaite df; lm_robust with CR0 / stata on G − 1 df; block fixed effects; the clustered /
// blocked difference in means of each pair, estimatr's difference_in_means).
import { readFileSync } from 'node:fs';
import { from } from 'arquero';
import { describe, expect, it } from 'vitest';
import type { ArmContrastSeries } from '../../src/analysis/arm-contrasts.js';
import { parseCsv } from '../../src/data/csv.js';
import { InputError } from '../../src/errors.js';
import { evaluate, parsePlan } from '../../src/evaluate/index.js';
import { compareArms, effectSeries } from '../../src/index.js';
import { evaluationSections } from '../../src/report/evaluation.js';
import type { Estimate } from '../../src/stats/estimate.js';

interface RefCoef {
  estimate: number;
  std_error: number;
  statistic?: number;
  df: number;
  p_value: number;
  conf_low: number;
  conf_high: number;
}
interface RefFit {
  contrasts: RefCoef[];
  holm: number[];
  bh?: number[];
  n_clusters?: number;
}
interface RefMonth {
  month: number;
  n: number;
  events: number;
  cr2: RefFit;
  stata: RefFit;
  cr0: RefFit;
  fe_cr2: RefFit;
  fe_stata: RefFit;
  fe_only_cr2: RefFit;
  fe_hc2: RefFit;
  raw_clusters: RefCoef[];
  raw_both: RefCoef[];
  raw_blocks: RefCoef[];
}
const ref: {
  labels: string[];
  months: RefMonth[];
  compare: {
    cr2: RefFit;
    fe_cr2: RefFit;
    stata: RefFit;
    raw_clusters: RefCoef[];
    raw_both: RefCoef[];
  };
} = JSON.parse(
  readFileSync(new URL('../reference/three-arm-clusters.json', import.meta.url), 'utf8'),
);
const data = parseCsv(
  readFileSync(new URL('../reference/three-arm-clusters.csv', import.meta.url), 'utf8'),
  { stringColumns: ['arm', 'office', 'block', 'gender'] },
).table;
const M = ref.months.length;
const arms = {
  arms: ['service', 'enforcement', 'control'],
  reference: 'control',
  contrasts: 'all-pairs' as const,
};
const base = { ...arms, event: 'month_work', months: M, covariates: ['age', 'gender'] };

const TOL = 1e-8;
let worst = 0;
function close(actual: number, expected: number, what: string) {
  const err = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
  worst = Math.max(worst, err);
  expect(err, `${what}: ${actual} vs R ${expected}`).toBeLessThan(TOL);
}
function agree(e: Estimate | undefined, r: RefCoef, what: string) {
  expect(e, what).toBeDefined();
  close(e!.estimate, r.estimate, `${what} estimate`);
  close(e!.stdError, r.std_error, `${what} SE`);
  close(e!.df, r.df, `${what} df`);
  close(e!.pValue, r.p_value, `${what} p`);
  close(e!.ci[0], r.conf_low, `${what} CI low`);
  close(e!.ci[1], r.conf_high, `${what} CI high`);
}
function series(spec: Record<string, unknown>): ArmContrastSeries {
  return effectSeries(data, { ...base, ...spec } as never) as unknown as ArmContrastSeries;
}
function agreeFit(s: ArmContrastSeries, key: keyof RefMonth, holm = false) {
  s.months.forEach((m, i) => {
    const r = ref.months[i]![key] as RefFit;
    m.contrasts.forEach((c, j) => {
      agree(c.adjusted, r.contrasts[j]!, `month ${m.month} ${String(key)} ${c.contrast}`);
      if (holm) close(c.pAdjusted!.adjusted!, r.holm[j]!, `month ${m.month} holm ${c.contrast}`);
    });
  });
}

describe('effectSeries with several arms and clusters', () => {
  it("CR2: each contrast's SE √(c'Vc) and its own Satterthwaite df are clubSandwich's linear_contrast", () => {
    const s = series({ clusters: 'office', pAdjust: 'holm' });
    expect(s.contrasts.map((c) => c.label)).toEqual(ref.labels);
    agreeFit(s, 'cr2', true);
    // The df differ between contrasts: each is its own Satterthwaite df, not the coefficient's.
    const dfs = s.months[M - 1]!.contrasts.map((c) => c.adjusted!.df);
    expect(new Set(dfs).size).toBe(3);
    expect(s.se).toBe('CR2');
    expect(s.design?.clusters).toEqual({ column: 'office', count: 24 });
    expect(s.method).toContain('linear_contrast(…, "CR2", test = "Satterthwaite")');
  });

  for (const se of ['stata', 'CR0'] as const) {
    it(`${se}: c'β̂ with √(c'Vc) on G − 1 df, as lm_robust`, () => {
      agreeFit(
        series({ clusters: 'office', se, pAdjust: 'holm' }),
        se === 'stata' ? 'stata' : 'cr0',
        true,
      );
    });
  }

  it('raw: the clustered difference in means of each pair (difference_in_means(clusters =))', () => {
    const s = series({ clusters: 'office' });
    s.months.forEach((m, i) => {
      m.contrasts.forEach((c, j) => {
        agree(c.raw, ref.months[i]!.raw_clusters[j]!, `month ${m.month} raw ${c.contrast}`);
      });
    });
    expect(s.method).toContain('clustered difference in means');
  });
});

describe('effectSeries with several arms and blocks', () => {
  it('clusters and blocks: block fixed effects with CR2, and stata', () => {
    agreeFit(series({ clusters: 'office', blocks: 'block', pAdjust: 'holm' }), 'fe_cr2', true);
    agreeFit(series({ clusters: 'office', blocks: 'block', se: 'stata' }), 'fe_stata');
  });

  it('blocks without covariates: adjustment ols by default (block dummies), CR2', () => {
    const s = series({ covariates: [], clusters: 'office', blocks: 'block' });
    expect(s.adjustment).toBe('ols');
    expect(s.aliased).toEqual([]);
    agreeFit(s, 'fe_only_cr2');
  });

  it('blocks only: HC2 with block dummies, t on n − k df', () => {
    const s = series({ blocks: 'block' });
    agreeFit(s, 'fe_hc2');
    expect(s.design).toEqual({ blocks: { column: 'block', count: 4 } });
  });

  it('raw with clusters and blocks, and with blocks only: difference_in_means of each pair', () => {
    const both = series({ clusters: 'office', blocks: 'block' });
    const blocked = series({ blocks: 'block' });
    both.months.forEach((m, i) => {
      m.contrasts.forEach((c, j) => {
        agree(c.raw, ref.months[i]!.raw_both[j]!, `month ${m.month} raw both ${c.contrast}`);
        const b = blocked.months[i]!.contrasts[j]!;
        agree(b.raw, ref.months[i]!.raw_blocks[j]!, `month ${m.month} raw blocks ${c.contrast}`);
      });
    });
  });
});

describe('several arms with a design: bad input', () => {
  it('a cluster holding clients of two arms names the column and cluster', () => {
    const e = (() => {
      try {
        series({ clusters: 'gender' });
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toMatch(
      /cluster column 'gender': 2 clusters \('\w+', '\w+'\) hold clients of more than one of the arms/,
    );
    expect((e as InputError).column).toBe('gender');
  });

  it('an HC type with clusters, and a cluster type without them', () => {
    expect(() => series({ clusters: 'office', se: 'HC2' })).toThrow(/ignores the clusters/);
    expect(() => series({ se: 'CR2' })).toThrow(/needs the clusters column/);
  });

  it('rawInterval other than auto with a design', () => {
    expect(() => series({ clusters: 'office', rawInterval: 'newcombe' })).toThrow(
      /does not apply with clusters or blocks/,
    );
  });

  it('a missing cluster label names the column and row', () => {
    const rows = data.objects() as Record<string, unknown>[];
    const holed = rows.map((r, i) => (i === 4 ? { ...r, office: null } : r));
    expect(() => effectSeries(holed, { ...base, clusters: 'office' } as never)).toThrow(
      /cluster column 'office' is missing in row 5/,
    );
  });
});

describe('evaluate with several arms and config.design', () => {
  it('clusters and blocks: the contrasts are lm(… + block) with CR2 per contrast, as R', () => {
    const plan = parsePlan({
      title: 'Three arms, offices',
      arms: { labels: arms.arms, contrasts: 'all-pairs', pAdjust: 'holm' },
      events: ['month_work'],
      months: M,
      covariates: ['age', 'gender'],
      design: { clusters: 'office', blocks: 'block' },
    });
    const withId = from(
      (data.objects() as Record<string, unknown>[]).map((r, i) => ({ id: `c${i + 1}`, ...r })),
    );
    const result = evaluate(withId, plan);
    const s = result.armContrasts![0]!.series;
    expect(s.se).toBe('CR2');
    agreeFit(s, 'fe_cr2', true);
    const section = evaluationSections(result, { threshold: 0 }).find(
      (x) => x.id === 'arm-contrasts',
    );
    expect(section).toBeDefined();
  });
});

describe('compareArms with several arms and clusters or blocks', () => {
  const spec = { ...arms, outcomes: ['days_work'], covariates: ['age', 'gender'] };
  it('CR2 contrasts with their Satterthwaite df, and the clustered difference per pair', () => {
    const c = compareArms(data, {
      ...spec,
      clusters: 'office',
      pAdjust: 'holm',
    } as never) as never as {
      outcomes: {
        contrasts: {
          adjusted?: Estimate;
          difference: Estimate;
          pAdjusted?: { adjusted?: number };
        }[];
      }[];
    };
    c.outcomes[0]!.contrasts.forEach((x, j) => {
      agree(x.adjusted, ref.compare.cr2.contrasts[j]!, `cr2 ${j}`);
      close(x.pAdjusted!.adjusted!, ref.compare.cr2.holm[j]!, `cr2 holm ${j}`);
      agree(x.difference, ref.compare.raw_clusters[j]!, `raw ${j}`);
    });
  });

  it('stata, and block fixed effects with CR2 (raw: block-clustered difference)', () => {
    type Out = { outcomes: { contrasts: { adjusted?: Estimate; difference: Estimate }[] }[] };
    const st = compareArms(data, {
      ...spec,
      clusters: 'office',
      se: 'stata',
    } as never) as never as Out;
    const fe = compareArms(data, {
      ...spec,
      clusters: 'office',
      blocks: 'block',
    } as never) as never as Out;
    st.outcomes[0]!.contrasts.forEach((x, j) => {
      agree(x.adjusted, ref.compare.stata.contrasts[j]!, `stata ${j}`);
    });
    fe.outcomes[0]!.contrasts.forEach((x, j) => {
      agree(x.adjusted, ref.compare.fe_cr2.contrasts[j]!, `fe cr2 ${j}`);
      agree(x.difference, ref.compare.raw_both[j]!, `raw both ${j}`);
    });
  });

  it('worst relative error against R', () => {
    expect(worst).toBeLessThan(TOL);
    console.log(`arm-clusters: worst relative error against R ${worst.toExponential(2)}`);
  });
});
