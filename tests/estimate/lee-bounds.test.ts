// Lee (2009) bounds against the hand computation in R (tests/reference/lee-bounds.R →
// lee-bounds.json): trimming share, trimmed means, Lee's analytic SEs, bound intervals, the
// Imbens–Manski interval and the naive comparison, to 1e-10; the table-level function's checks.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { leeBounds, leeBoundsKernel } from '../../src/estimate/lee-bounds.js';
import { imbensManskiCritical } from '../../src/kernels.js';

interface LeeRef {
  y1: number[];
  n1: number;
  y0: number[];
  n0: number;
  level: number;
  q1: number;
  q0: number;
  trimmed_arm: 'treatment' | 'control';
  p: number;
  lower: number;
  upper: number;
  se_lower: number;
  se_upper: number;
  ci_lower: [number, number];
  ci_upper: [number, number];
  p_lower: number;
  p_upper: number;
  im_critical: number;
  im_ci: [number, number];
  naive: { estimate: number; std_error: number; p_value: number };
}
const ref: Record<string, LeeRef> = JSON.parse(
  readFileSync(new URL('../reference/lee-bounds.json', import.meta.url), 'utf8'),
);

const close = (actual: number, expected: number, tol = 1e-10) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));

describe('leeBoundsKernel agrees with the hand computation in R', () => {
  for (const [name, r] of Object.entries(ref)) {
    it(name, () => {
      const b = leeBoundsKernel(
        { outcomes: r.y1, assigned: r.n1 },
        { outcomes: r.y0, assigned: r.n0 },
        { level: r.level },
      );
      expect(b.trimmedArm).toBe(r.trimmed_arm);
      close(b.selection.treatment, r.q1);
      close(b.selection.control, r.q0);
      close(b.trimShare, r.p);
      close(b.lower.estimate, r.lower);
      close(b.upper.estimate, r.upper);
      close(b.lower.stdError, r.se_lower);
      close(b.upper.stdError, r.se_upper);
      close(b.lower.ci[0], r.ci_lower[0]);
      close(b.lower.ci[1], r.ci_lower[1]);
      close(b.upper.ci[0], r.ci_upper[0]);
      close(b.upper.ci[1], r.ci_upper[1]);
      close(b.lower.pValue, r.p_lower);
      close(b.upper.pValue, r.p_upper);
      close(b.imbensManski.criticalValue, r.im_critical, 1e-9);
      close(b.imbensManski.ci[0], r.im_ci[0], 1e-9);
      close(b.imbensManski.ci[1], r.im_ci[1], 1e-9);
      close(b.naive.estimate, r.naive.estimate);
      close(b.naive.stdError, r.naive.std_error);
      close(b.naive.pValue, r.naive.p_value, 1e-9);
      expect(b.lower.estimate).toBeLessThanOrEqual(b.upper.estimate);
    });
  }
});

describe('Imbens–Manski critical value', () => {
  it('runs from z(1 − α/2) at a point to z(1 − α) for a wide set', () => {
    close(imbensManskiCritical(0, 1, 0.95), 1.959963984540054, 1e-12);
    close(imbensManskiCritical(50, 1, 0.95), 1.6448536269514724, 1e-12);
  });
});

describe('leeBounds on a table', () => {
  const r = ref.wage_treated_trimmed!;
  const rows = [
    ...Array.from({ length: r.n1 }, (_, i) => ({ arm: 'I', wage: r.y1[i] ?? null })),
    ...Array.from({ length: r.n0 }, (_, i) => ({ arm: 'B', wage: r.y0[i] ?? null })),
    { arm: 'other', wage: 99 },
  ];
  it('reads the selected clients as those with an outcome, other arms left out', () => {
    const b = leeBounds(rows, { treatment: 'I', control: 'B', outcome: 'wage' });
    close(b.lower.estimate, r.lower);
    close(b.upper.stdError, r.se_upper);
    expect(b.assigned).toEqual({ treatment: r.n1, control: r.n0 });
  });
  it('a selection column: the same bounds; a selected client without outcome is an error', () => {
    const withSel = rows.map((x) => ({ ...x, job: x.wage === null ? 0 : 1 }));
    const b = leeBounds(withSel, {
      treatment: 'I',
      control: 'B',
      outcome: 'wage',
      selection: 'job',
    });
    close(b.upper.estimate, r.upper);
    const broken = withSel.map((x, i) => (i === 3 ? { ...x, wage: null } : x));
    expect(() =>
      leeBounds(broken, { treatment: 'I', control: 'B', outcome: 'wage', selection: 'job' }),
    ).toThrow(/column 'wage' is empty for selected clients \(job = 1\) in row 4/);
    const badSel = withSel.map((x, i) => (i === 6 ? { ...x, job: 2 } : x));
    expect(() =>
      leeBounds(badSel, { treatment: 'I', control: 'B', outcome: 'wage', selection: 'job' }),
    ).toThrow(/column 'job' must be 0 or 1 .* in row 7/);
  });
  it('non-numeric outcomes, unknown arms and unknown keys are InputErrors', () => {
    const text = rows.map((x, i) => (i === 2 ? { ...x, wage: 'high' } : x));
    expect(() => leeBounds(text, { treatment: 'I', control: 'B', outcome: 'wage' })).toThrow(
      /column 'wage' must be numeric.*row 3/,
    );
    expect(() => leeBounds(rows, { treatment: 'X', control: 'B', outcome: 'wage' })).toThrow(
      InputError,
    );
    expect(() =>
      leeBounds(rows, { treatment: 'I', control: 'B', outcome: 'wage', levl: 0.9 } as never),
    ).toThrow(/unknown option "levl" \(did you mean "level"\?\)/);
  });
  it('stars follow the given levels', () => {
    const b = leeBounds(rows, {
      treatment: 'I',
      control: 'B',
      outcome: 'wage',
      stars: { '†': 0.9, '*': 0.8, '**': 0.7 },
    });
    expect(b.naive.pValue).toBeLessThan(0.7);
    expect(b.naive.stars).toBe('**');
  });
});
