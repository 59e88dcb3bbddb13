// randomizationTest's Monte-Carlo counts against a written-out reference: the same seeded stream
// dealt by a partial Fisher–Yates shuffle per block (or the parity re-draw), each draw's raw
// statistic recomputed from its definition and its adjusted statistic from the full OLS fit of
// y ~ 1 + T + Z with HC2 (olsTermPrepared, itself checked against estimatr::lm_robust in
// tests/reference), a draw counting as extreme at |S*| ≥ |S|·(1 − 10⁻⁹). The batched FWL draws
// (fwlDrawBatch) must give exactly these counts, so exactly these p-values.
import { describe, expect, it } from 'vitest';
import { olsPrepare, olsTermPrepared } from '../../src/estimate/ols.js';
import { randomizationTest } from '../../src/plan/index.js';
import { createRng } from '../../src/stats/random.js';

const N = 300;
const month = 6;
const gen = createRng('randomization-draws-data');
const rows = Array.from({ length: N }, (_, i) => {
  const treated = gen.next() < 0.7;
  const age = 20 + Math.floor(45 * gen.next());
  const dummy = gen.next() < 0.4 ? 1 : 0;
  const p = 0.25 + (treated ? 0.08 : 0) + 0.004 * (age - 40) + 0.1 * dummy;
  const followup = gen.next() < 0.15 ? 1 + gen.int(month - 1) : month + 3;
  const event = gen.next() < p ? 1 + gen.int(followup) : null;
  return {
    id: `c${i}`,
    arm: treated ? 'experiment' : 'control',
    month_bijstand: event,
    followup_months: followup,
    age,
    dummy,
    block: ['a', 'b', 'c'][i % 3]!,
  };
});
const treatedAll = rows.map((r) => (r.arm === 'experiment' ? 1 : 0));
const index = rows.flatMap((r, i) => (r.followup_months >= month ? [i] : []));
const n = index.length;
const y = Float64Array.from(index, (i) => {
  const e = rows[i]!.month_bijstand;
  return e !== null && e <= month ? 1 : 0;
});
const ones = new Float64Array(n).fill(1);
const age = Float64Array.from(index, (i) => rows[i]!.age);
const dummy = Float64Array.from(index, (i) => rows[i]!.dummy);

/** β and β/SE of the difference in shares (unpooled SE), written out. */
function rawReference(t: Float64Array): { b: number; t: number } {
  let n1 = 0;
  let s1 = 0;
  for (let j = 0; j < n; j++) {
    n1 += t[j]!;
    s1 += t[j]! * y[j]!;
  }
  let s = 0;
  for (let j = 0; j < n; j++) s += y[j]!;
  const p1 = s1 / n1;
  const p0 = (s - s1) / (n - n1);
  const b = p1 - p0;
  return { b, t: b / Math.sqrt((p1 * (1 - p1)) / n1 + (p0 * (1 - p0)) / (n - n1)) };
}

/** β and β/SE(HC2) of T in the full OLS fit y ~ 1 + T + age + dummy. */
function adjustedReference(t: Float64Array): { b: number; t: number } {
  const prep = olsPrepare({
    names: ['(Intercept)', 'treatment', 'age', 'dummy'],
    columns: [ones, t, age, dummy],
    n,
  });
  const c = olsTermPrepared(prep, y, 'treatment', { se: 'HC2' });
  return { b: c.estimate, t: c.statistic };
}

/** The reference p-values: (1 + count)/(1 + R) over `draws` re-draws of T over all clients. */
function reference(redraw: (out: Float64Array) => void, draws: number) {
  const tAll = new Float64Array(N);
  const tObs = Float64Array.from(index, (i) => treatedAll[i]!);
  const obsRaw = rawReference(tObs);
  const obsAdj = adjustedReference(tObs);
  const counts = [0, 0, 0, 0];
  const extreme = (s: number, o: number) => Math.abs(s) >= Math.abs(o) * (1 - 1e-9);
  for (let r = 0; r < draws; r++) {
    redraw(tAll);
    const t = Float64Array.from(index, (i) => tAll[i]!);
    const raw = rawReference(t);
    const adj = adjustedReference(t);
    if (extreme(raw.t, obsRaw.t)) counts[0]!++;
    if (extreme(raw.b, obsRaw.b)) counts[1]!++;
    if (extreme(adj.t, obsAdj.t)) counts[2]!++;
    if (extreme(adj.b, obsAdj.b)) counts[3]!++;
  }
  return counts.map((c) => (1 + c) / (1 + draws));
}

/** Partial Fisher–Yates within each group: the realised number treated dealt at random. */
function dealer(seed: number, groups: number[][]) {
  const rng = createRng(`${seed}:randomization`);
  const m = groups.map((g) => g.reduce((s, i) => s + treatedAll[i]!, 0));
  return (out: Float64Array) => {
    out.fill(0);
    groups.forEach((g, k) => {
      const idx = g.slice();
      for (let a = 0; a < m[k]!; a++) {
        const j = a + rng.int(idx.length - a);
        const picked = idx[j]!;
        idx[j] = idx[a]!;
        idx[a] = picked;
        out[picked] = 1;
      }
    });
  };
}

const spec = { event: 'month_bijstand', month, covariates: ['age', 'dummy'] } as const;
const pValues = (ri: ReturnType<typeof randomizationTest>) => [
  ri.itt.pValue,
  ri.itt.pValueEstimate,
  ri.adjusted!.pValue,
  ri.adjusted!.pValueEstimate,
];

describe('randomizationTest draws against the written-out reference', () => {
  const draws = 203; // not a multiple of the batch size: the last batch is partial

  it('complete randomisation: the same p-values for two seeds', () => {
    for (const seed of [1, 7]) {
      const ri = randomizationTest(rows, { ...spec, draws, seed });
      expect(ri.exact).toBe(false);
      expect(ri.n).toBe(n);
      const all = Array.from({ length: N }, (_, i) => i);
      expect(pValues(ri)).toEqual(reference(dealer(seed, [all]), draws));
    }
  });

  it('blocked randomisation: re-dealt within each block', () => {
    const groups = ['a', 'b', 'c'].map((b) => rows.flatMap((r, i) => (r.block === b ? [i] : [])));
    const ri = randomizationTest(rows, {
      ...spec,
      draws,
      seed: 3,
      rule: {
        kind: 'blocked',
        block: 'block',
        weights: { experiment: 0.7, control: 0.3 },
        seed: 9,
      },
    });
    expect(pValues(ri)).toEqual(reference(dealer(3, groups), draws));
  });

  it('parity: each client odd with probability ½ from the last digit re-drawn', () => {
    const rng = createRng('5:randomization:parity');
    const ri = randomizationTest(rows, {
      ...spec,
      draws,
      seed: 5,
      rule: { kind: 'parity', even: 'control', odd: 'experiment' },
    });
    const redraw = (out: Float64Array) => {
      for (let i = 0; i < N; i++) out[i] = rng.int(10) % 2;
    };
    expect(pValues(ri)).toEqual(reference(redraw, draws));
  });
});
