// The per-draw FWL statistic of randomisation inference against the full OLS fit of
// y ~ 1 + T + Z with HC2 (olsTermPrepared, itself checked against estimatr::lm_robust in
// tests/reference), for random 0/1 vectors T on one covariate design.
import { describe, expect, it } from 'vitest';
import { olsLeverages, olsPrepare, olsSolve, olsTermPrepared } from '../../src/estimate/ols.js';
import { fwlDraw, fwlDrawCoded, fwlDrawMany, orthonormalColumns } from '../../src/plan/fwl-draw.js';
import { createRng } from '../../src/stats/random.js';

const n = 150;
const rng = createRng('fwl-draw-test');
const ones = new Float64Array(n).fill(1);
// a wage-like covariate with a large mean (ill-conditioned without centring), a dummy, a normal
const wage = Float64Array.from({ length: n }, () => 2500 + 400 * rng.normal());
const dummy = Float64Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
const z = Float64Array.from({ length: n }, () => rng.normal());
const y = Float64Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0));
const columns = [ones, wage, dummy, z];

describe('orthonormalColumns', () => {
  it("gives Q'Q = I spanning the columns", () => {
    const q = orthonormalColumns(columns, n);
    for (let a = 0; a < q.length; a++) {
      for (let b = 0; b < q.length; b++) {
        let d = 0;
        for (let i = 0; i < n; i++) d += q[a]![i]! * q[b]![i]!;
        expect(Math.abs(d - (a === b ? 1 : 0))).toBeLessThan(1e-14);
      }
    }
    // the wage column is reproduced by its projection on Q
    let maxErr = 0;
    const coef = q.map((qj) => qj.reduce((s, v, i) => s + v * wage[i]!, 0));
    for (let i = 0; i < n; i++) {
      const fit = q.reduce((s, qj, j) => s + qj[i]! * coef[j]!, 0);
      maxErr = Math.max(maxErr, Math.abs(fit - wage[i]!) / 2500);
    }
    expect(maxErr).toBeLessThan(1e-13);
  });
});

describe('fwlDraw', () => {
  const prepZ = olsPrepare({ names: ['(Intercept)', 'wage', 'dummy', 'z'], columns, n });
  const draw = fwlDraw(
    orthonormalColumns(prepZ.columns, n),
    olsSolve(prepZ, y).residuals,
    olsLeverages(prepZ),
    n - prepZ.k - 1,
  );

  it('equals β and β/SE(HC2) of T in the full OLS fit, for treated shares below and above ½', () => {
    const out = new Float64Array(2);
    for (const share of [0.2, 0.5, 0.8]) {
      for (let rep = 0; rep < 5; rep++) {
        const t = Float64Array.from({ length: n }, () => (rng.next() < share ? 1 : 0));
        const full = olsPrepare({
          names: ['(Intercept)', 'treatment', 'wage', 'dummy', 'z'],
          columns: [ones, t, wage, dummy, z],
          n,
        });
        const ref = olsTermPrepared(full, y, 'treatment', { se: 'HC2' });
        expect(draw(t, out)).toBe(true);
        expect(Math.abs(out[0]! - ref.estimate)).toBeLessThan(1e-12);
        expect(Math.abs(out[1]! - ref.statistic) / Math.abs(ref.statistic)).toBeLessThan(1e-10);
      }
    }
  });

  it('returns false when T lies in the span of the design', () => {
    const out = new Float64Array([7, 7]);
    expect(draw(Float64Array.from(dummy), out)).toBe(false);
    expect(draw(new Float64Array(n).fill(1), out)).toBe(false);
    expect([...out]).toEqual([7, 7]);
  });
});

// The coded draw: t̃ from the factor codes of the design. A design of factors (a 6-level and a
// 4-level one, a binary) with two dense covariates, so that coding pays.
describe('fwlDrawCoded', () => {
  const m = 600;
  const names = ['(Intercept)', 'wage', 'z'];
  const cols = [
    new Float64Array(m).fill(1),
    Float64Array.from({ length: m }, () => 2500 + 400 * rng.normal()),
    Float64Array.from({ length: m }, () => rng.normal()),
  ];
  for (const [name, levels] of [
    ['region', 6],
    ['education', 4],
    ['woman', 2],
  ] as const) {
    const code = Int32Array.from({ length: m }, () => Math.floor(rng.next() * levels));
    for (let l = 1; l < levels; l++) {
      names.push(`${name}[${l}]`);
      cols.push(Float64Array.from(code, (c) => (c === l ? 1 : 0)));
    }
  }
  const ys = [0.3, 0.6].map((share) =>
    Float64Array.from({ length: m }, () => (rng.next() < share ? 1 : 0)),
  );
  const prepZ = olsPrepare({ names, columns: cols, n: m });
  const eys = ys.map((yy) => olsSolve(prepZ, yy).residuals);
  const hz = olsLeverages(prepZ);
  const df = m - prepZ.k - 1;
  const coded = fwlDrawCoded(prepZ, eys, hz, df)!;
  const dense = fwlDrawMany(orthonormalColumns(prepZ.columns, m), eys, hz, df);

  it('equals the full OLS fit (β to 1e-12, β/SE to 1e-10) and fwlDrawMany, both arms smaller', () => {
    expect(coded).not.toBeNull();
    const out = new Float64Array(4);
    const ref = new Float64Array(4);
    const ok = new Uint8Array(2);
    const okRef = new Uint8Array(2);
    for (const share of [0.2, 0.5, 0.8]) {
      for (let rep = 0; rep < 4; rep++) {
        const t = Float64Array.from({ length: m }, () => (rng.next() < share ? 1 : 0));
        coded(t, out, ok);
        dense(t, ref, okRef);
        const full = olsPrepare({
          names: ['(Intercept)', 'treatment', ...names.slice(1)],
          columns: [cols[0]!, t, ...cols.slice(1)],
          n: m,
        });
        ys.forEach((yy, e) => {
          const fit = olsTermPrepared(full, yy, 'treatment', { se: 'HC2' });
          expect(ok[e]).toBe(1);
          expect(Math.abs(out[2 * e]! - fit.estimate)).toBeLessThan(1e-12);
          expect(Math.abs(out[2 * e + 1]! - fit.statistic) / Math.abs(fit.statistic)).toBeLessThan(
            1e-10,
          );
          expect(Math.abs(out[2 * e + 1]! - ref[2 * e + 1]!)).toBeLessThan(
            1e-12 * Math.abs(ref[2 * e + 1]!),
          );
        });
      }
    }
  });

  it('marks T in the span of the design undefined', () => {
    const ok = new Uint8Array([1, 1]);
    coded(Float64Array.from(cols[3]!), new Float64Array(4), ok);
    expect([...ok]).toEqual([0, 0]);
  });

  it('declines a design with few dummies', () => {
    const few = olsPrepare({ names: ['(Intercept)', 'wage', 'dummy', 'z'], columns, n });
    const e = olsSolve(few, y).residuals;
    expect(fwlDrawCoded(few, [e], olsLeverages(few), n - few.k - 1)).toBeNull();
  });
});
