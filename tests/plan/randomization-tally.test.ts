// randomizationTests' dealt draws tally the arms from the smaller side of each dealt group (at
// most 8 events); with more events they take the pass over the sample. Both must give the same
// p-values bit for bit: nine copies of the events (the pass) against each event alone (the tally).
import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { randomizationTest, randomizationTests } from '../../src/plan/randomization-inference.js';
import { createRng } from '../../src/stats/random.js';
import { smallRows } from '../evaluate/small-data.js';

const rows = smallRows();
const data = table(
  Object.fromEntries(Object.keys(rows[0]!).map((k) => [k, rows.map((r) => (r as never)[k])])),
);
const nine = ['month_bijstand', 'month_work', 'month_bijstand', 'month_work', 'month_bijstand'];
const events = [...nine, 'month_work', 'month_bijstand', 'month_work', 'month_bijstand'];
const base = { event: 'month_bijstand', month: 6, draws: 200, seed: 11 };

describe('randomizationTests: the tally of the dealt arms', () => {
  for (const [name, extra] of [
    ['complete', {}],
    ['complete, arms swapped', { treatment: 'control', control: 'experiment' }],
    ['blocked', { rule: { kind: 'blocked', block: 'office', weights: {}, seed: 7 } }],
    ['complete, adjusted', { covariates: ['age', 'gender'] }],
    [
      'blocked, adjusted',
      { covariates: ['age'], rule: { kind: 'blocked', block: 'office', weights: {}, seed: 7 } },
    ],
  ] as const) {
    it(`equals the pass over the sample (${name})`, () => {
      const spec = { ...base, ...extra } as Parameters<typeof randomizationTest>[1];
      const pass = randomizationTests(data, spec, events);
      expect(pass).toHaveLength(9);
      for (const [i, event] of events.entries()) {
        const tallied = randomizationTest(data, { ...spec, event });
        expect(pass[i]).toStrictEqual(tallied);
      }
      // a real test: the draws are not all as extreme as the observed statistic
      expect(pass[0]!.itt.pValue).toBeGreaterThan(0);
      expect(pass[0]!.itt.pValue).toBeLessThan(1);
    });
  }
});

// Written out from the definition, with the library's `rng.int`: complete randomisation re-deals
// the realised 144 of 240 treated clients by a partial Fisher–Yates from the file order each
// draw; the statistic is the difference in month-12 shares over the clients followed 12 months,
// studentised with the unpooled SE; p = (1 + #{|S*| ≥ |S|·(1 − 10⁻⁹)})/(1 + R).
describe('randomizationTest: the dealt draws against the definition', () => {
  it('gives the p-values of a partial Fisher–Yates with rng.int', () => {
    const month = 12;
    const draws = 300;
    const treated: number[] = rows.map((r) => (r.arm === 'experiment' ? 1 : 0));
    const followed = rows.flatMap((r, i) => (r.followup_months >= month ? [i] : []));
    const y: number[] = rows.map((r) =>
      r.month_bijstand !== null && r.month_bijstand <= month ? 1 : 0,
    );
    const stat = (t: readonly number[]) => {
      let n1 = 0;
      let s1 = 0;
      let n0 = 0;
      let s0 = 0;
      for (const i of followed) {
        if (t[i] === 1) {
          n1++;
          s1 += y[i]!;
        } else {
          n0++;
          s0 += y[i]!;
        }
      }
      const p1 = s1 / n1;
      const p0 = s0 / n0;
      const b = p1 - p0;
      return { b, t: b / Math.sqrt((p1 * (1 - p1)) / n1 + (p0 * (1 - p0)) / n0) };
    };
    const observed = stat(treated);
    const m = treated.reduce((a, b) => a + b, 0);
    const rng = createRng('11:randomization');
    let extremeT = 0;
    let extremeB = 0;
    for (let r = 0; r < draws; r++) {
      const idx = rows.map((_, i) => i);
      const t = rows.map(() => 0);
      for (let a = 0; a < m; a++) {
        const j = a + rng.int(idx.length - a);
        [idx[a], idx[j]] = [idx[j]!, idx[a]!];
        t[idx[a]!] = 1;
      }
      const s = stat(t);
      if (Math.abs(s.t) >= Math.abs(observed.t) * (1 - 1e-9)) extremeT++;
      if (Math.abs(s.b) >= Math.abs(observed.b) * (1 - 1e-9)) extremeB++;
    }
    const ri = randomizationTest(data, { event: 'month_bijstand', month, draws, seed: 11 });
    expect(ri.n).toBe(followed.length);
    expect(followed.length).toBeLessThan(rows.length); // the sample is a subset of the dealt
    expect(ri.itt.estimate).toBe(observed.b);
    expect(ri.itt.pValue).toBe((1 + extremeT) / (1 + draws));
    expect(ri.itt.pValueEstimate).toBe((1 + extremeB) / (1 + draws));
  });
});
