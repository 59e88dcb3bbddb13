/** Agreement with R (tests/reference/assign.R → assign.json); R is not needed to run these. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { balanceFromCounts, balanceTable, sampleRatioTest } from '../../src/assign/index.js';

interface Test {
  statistic: number;
  df: number | number[];
  pValue: number;
}
interface Omnibus extends Test {
  arm: string;
  n: number;
  chiSquare: number;
  df: number[];
  adjustedPValue: number;
}
interface BalanceRef {
  data: {
    arm: string[];
    gender: string[];
    age: (number | null)[];
    office: number[];
    hours: number[];
  };
  arms: string[];
  gender: Test;
  office: Test;
  age: Test;
  hours: Test;
  smd: Record<string, Record<string, number>>;
  omnibus: Omnibus[];
}
interface Reference {
  srm: Record<string, Test & { counts: number[]; weights: number[] }>;
  table51: Record<string, Test>;
  balanceTwoArms: BalanceRef;
  balanceThreeArms: BalanceRef;
}

const ref = JSON.parse(
  readFileSync(new URL('../reference/assign.json', import.meta.url), 'utf8'),
) as Reference;
const close = (a: number, b: number, rel = 1e-9) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));
const dfs = (d: number | number[]) => (Array.isArray(d) ? d : [d]);

describe('sample-ratio check agrees with R chisq.test(x, p =)', () => {
  for (const [name, r] of Object.entries(ref.srm)) {
    it(name, () => {
      const arms = r.counts.map((_, i) => `arm${i}`);
      const res = sampleRatioTest(
        Object.fromEntries(arms.map((a, i) => [a, r.counts[i]!])),
        Object.fromEntries(arms.map((a, i) => [a, r.weights[i]!])),
      );
      close(res.statistic, r.statistic, 1e-12);
      expect(res.df).toBe(r.df);
      close(res.pValue, r.pValue, 1e-9);
    });
  }

  it('Den Haag 9,788 / 2,403 against 80/20 and 2012–2013 4,617 / 4,620 against 50/50 fit', () => {
    const dh = sampleRatioTest(
      { experiment: 9788, control: 2403 },
      { experiment: 0.8, control: 0.2 },
    );
    expect(dh.pValue).toBeCloseTo(0.42545, 5);
    expect(dh.stars).toBe('');
    const st = sampleRatioTest({ basic: 4617, intensive: 4620 }, { basic: 0.5, intensive: 0.5 });
    expect(st.pValue).toBeCloseTo(0.9751, 5);
  });
});

describe('Table 5.1 from published counts', () => {
  const b = balanceFromCounts({
    arms: ['basic', 'intensive'],
    covariates: {
      gender: { man: [2841, 2709], woman: [1774, 1910], unknown: [2, 1] },
      age: { '<35': [1612, 1647], '35-45': [1194, 1195], '45+': [1809, 1777] },
      household: { single: [1612, 1544], single_child: [168, 184], cohabiting: [2830, 2888] },
      office: {
        '1': [1308, 1321],
        '2': [609, 649],
        '3': [448, 498],
        '4': [571, 566],
        '5': [1114, 1034],
        '6': [567, 552],
      },
    },
  });

  it('agrees with R chisq.test(m, correct = FALSE) per covariate', () => {
    for (const t of b.tests) {
      const r = ref.table51[t.covariate]!;
      close(t.statistic, r.statistic, 1e-12);
      expect(t.df).toEqual(dfs(r.df));
      close(t.pValue, r.pValue, 1e-9);
    }
  });

  it('finds gender significant at 5 % and age, household and office not', () => {
    const p = Object.fromEntries(b.tests.map((t) => [t.covariate, t.pValue]));
    expect(p.gender).toBeLessThan(0.05);
    expect(p.age).toBeGreaterThan(0.2);
    expect(p.household).toBeGreaterThan(0.2);
    expect(p.office).toBeGreaterThan(0.2);
    expect(b.tests.find((t) => t.covariate === 'gender')?.stars).toBe('**');
    expect(b.omnibus).toEqual([]);
  });

  it('shares and SMDs on the 0/1 indicators', () => {
    const woman = b.rows.find((r) => r.covariate === 'gender' && r.level === 'woman')!;
    const p1 = 1774 / 4617;
    const p2 = 1910 / 4620;
    expect(woman.stats[0]!.share).toBeCloseTo(p1, 12);
    const s1 = (4617 / 4616) * p1 * (1 - p1);
    const s2 = (4620 / 4619) * p2 * (1 - p2);
    close(woman.smd.intensive!, (p2 - p1) / Math.sqrt((s1 + s2) / 2), 1e-12);
    const md = b.toMarkdown();
    expect(md).toContain('| covariate | level | basic | intensive | SMD | p |');
    expect(md).toContain('1,774 (38.4 %)');
    expect(b.toTable()).toHaveLength(3 + 3 + 3 + 6);
  });
});

function checkBalance(r: BalanceRef) {
  const rows = r.data.arm.map((arm, i) => ({
    arm,
    gender: r.data.gender[i],
    age: r.data.age[i],
    office: r.data.office[i],
    hours: r.data.hours[i],
  }));
  const b = balanceTable(rows, {
    covariates: ['gender', 'age', 'office', 'hours'],
    factors: ['office'],
    arms: r.arms,
  });
  const test = (c: string) => b.tests.find((t) => t.covariate === c)!;
  for (const c of ['gender', 'office', 'age', 'hours'] as const) {
    close(test(c).statistic, r[c].statistic, 1e-9);
    for (const [i, d] of dfs(r[c].df).entries()) close(test(c).df[i]!, d, 1e-9);
    close(test(c).pValue, r[c].pValue, 1e-8);
  }
  for (const arm of r.arms.slice(1)) {
    close(b.rows.find((x) => x.covariate === 'age')!.smd[arm]!, r.smd.age![arm]!, 1e-10);
    close(b.rows.find((x) => x.covariate === 'hours')!.smd[arm]!, r.smd.hours![arm]!, 1e-10);
    close(b.rows.find((x) => x.level === 'woman')!.smd[arm]!, r.smd.gender_woman![arm]!, 1e-10);
    close(
      b.rows.find((x) => x.covariate === 'office' && x.level === '3')!.smd[arm]!,
      r.smd.office_3![arm]!,
      1e-10,
    );
  }
  expect(b.omnibus).toHaveLength(r.omnibus.length);
  b.omnibus.forEach((o, i) => {
    const e = r.omnibus[i]!;
    expect(o.arm).toBe(e.arm);
    expect(o.n).toBe(e.n);
    expect([...o.df]).toEqual(e.df);
    close(o.chiSquare, e.chiSquare, 1e-8);
    close(o.statistic, e.statistic, 1e-8);
    close(o.pValue, e.pValue, 1e-8);
    close(o.adjustedPValue, e.adjustedPValue, 1e-8);
  });
  return b;
}

describe('balance table from microdata agrees with R', () => {
  it('two arms: chisq.test, Welch t.test, SMDs, lm_robust HC2 joint Wald F', () => {
    const b = checkBalance(ref.balanceTwoArms);
    expect(b.reference).toBe('control');
    expect(b.toMarkdown()).toContain('Omnibus experiment vs control');
  });

  it('three arms: oneway.test (Welch), per-arm omnibus with Holm adjustment', () => {
    const b = checkBalance(ref.balanceThreeArms);
    expect(b.notes.join(' ')).toContain('Holm');
    expect(Object.keys(b.toTable()[0]!)).toContain('smd_none');
  });
});
