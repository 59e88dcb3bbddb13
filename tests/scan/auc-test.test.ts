/**
 * The DeLong comparisons against pROC (tests/reference/scan-auc.R → scan-auc.json): paired and
 * unpaired roc.test and the direction option (the paired test of the 2023 scan against a refit
 * on the synthetic 2024 population is in scan.test.ts, which has the data loaded).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auc, aucTest, InputError } from '../../src/index.js';
import { aucPairedTest } from '../../src/kernels.js';

const root = join(import.meta.dirname, '..', '..');
const ref = JSON.parse(readFileSync(join(root, 'tests/reference/scan-auc.json'), 'utf8'));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('aucTest against pROC roc.test(method = "delong")', () => {
  const { y, s1, s2 } = ref.paired;
  const rows = y.map((v: number, i: number) => ({ y: v, a: s1[i], b: s2[i] }));
  it('paired: z statistic and p-value', () => {
    const t = aucTest(rows, { outcome: 'y', scores: ['a', 'b'], paired: true });
    expect(t.paired).toBe(true);
    expect(t.aucs[0].estimate).toBeCloseTo(ref.paired.test.auc1, 14);
    expect(t.aucs[1].estimate).toBeCloseTo(ref.paired.test.auc2, 14);
    expect(rel(t.statistic, ref.paired.test.statistic)).toBeLessThan(1e-10);
    expect(rel(t.pValue, ref.paired.test.p)).toBeLessThan(1e-10);
    expect(t.df).toBe(Number.POSITIVE_INFINITY);
    expect(t.difference.estimate).toBeCloseTo(ref.paired.test.auc1 - ref.paired.test.auc2, 14);
    // the kernel on arrays gives the same
    expect(aucPairedTest(s1, s2, y).statistic).toBe(t.statistic);
  });
  it('unpaired on the same clients: t with Welch–Satterthwaite df', () => {
    const t = aucTest(rows, { outcome: 'y', scores: ['a', 'b'], paired: false });
    expect(rel(t.statistic, ref.paired.unpairedSameClients.statistic)).toBeLessThan(1e-10);
    expect(rel(t.df, ref.paired.unpairedSameClients.df)).toBeLessThan(1e-10);
    expect(rel(t.pValue, ref.paired.unpairedSameClients.p)).toBeLessThan(1e-9);
  });
  it('unpaired: two samples of different sizes', () => {
    const u = ref.unpaired;
    const first = u.ya.map((v: number, i: number) => ({ y: v, s: u.sa[i] }));
    const second = u.yb.map((v: number, i: number) => ({ y: v, s: u.sb[i] }));
    const t = aucTest(first, { outcome: 'y', scores: ['s', 's'], second });
    expect(t.paired).toBe(false);
    expect(t.aucs[0].estimate).toBeCloseTo(u.test.auc1, 14);
    expect(t.aucs[1].estimate).toBeCloseTo(u.test.auc2, 14);
    expect(rel(t.statistic, u.test.statistic)).toBeLessThan(1e-10);
    expect(rel(t.df, u.test.df)).toBeLessThan(1e-10);
    expect(rel(t.pValue, u.test.p)).toBeLessThan(1e-9);
    // a z reference would give a smaller p at 14.6 df: the t is what pROC uses
    expect(t.pValue).toBeGreaterThan(2 * (1 - 0.7377));
  });
  it('direction: "<" as before, ">" and "auto" as pROC', () => {
    const { ya, sa } = ref.unpaired;
    const reversed = sa.map((s: number) => 1 - s);
    expect(auc(reversed, ya).estimate).toBeCloseTo(ref.direction.less, 14);
    expect(auc(reversed, ya, { direction: '>' }).estimate).toBeCloseTo(ref.direction.greater, 14);
    const a = auc(reversed, ya, { direction: 'auto' });
    expect(a.direction).toBe(ref.direction.autoDirection);
    expect(a.estimate).toBeCloseTo(ref.direction.auto, 14);
    expect(rel(a.stdError ** 2, ref.direction.autoVariance)).toBeLessThan(1e-12);
  });
  it('bad input: paired with a second table, unknown option, a missing score column', () => {
    const rowsA = [
      { y: 1, s: 0.3 },
      { y: 0, s: 0.1 },
    ];
    expect(() =>
      aucTest(rowsA, { outcome: 'y', scores: ['s', 's'], second: rowsA, paired: true }),
    ).toThrow(/same clients/);
    expect(() =>
      aucTest(rowsA, { outcome: 'y', scores: ['s', 's'], pairde: true } as never),
    ).toThrow(/unknown key "pairde".*did you mean "paired"/);
    try {
      aucTest(rowsA, { outcome: 'y', scores: ['s', 'refit'] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe('missing-column');
      expect((e as InputError).message).toContain('refit');
    }
    expect(() => auc([0.1, 0.2], [0, 1], { direction: 'up' as never })).toThrow(/direction/);
  });
});
