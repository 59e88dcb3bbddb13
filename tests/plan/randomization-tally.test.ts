// randomizationTests' dealt draws tally the arms from the smaller side of each dealt group (at
// most 8 events); with more events they take the pass over the sample. Both must give the same
// p-values bit for bit: nine copies of the events (the pass) against each event alone (the tally).
import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { randomizationTest, randomizationTests } from '../../src/plan/randomization-inference.js';
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
