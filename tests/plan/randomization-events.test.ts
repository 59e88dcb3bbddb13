// randomizationTests: several events from one pass of draws give, bit for bit, what
// randomizationTest gives for each event alone (the same assignments, t̃ shared per draw).
import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { randomizationTest, randomizationTests } from '../../src/plan/randomization-inference.js';
import { smallRows } from '../evaluate/small-data.js';

const rows = smallRows();
const data = table(
  Object.fromEntries(Object.keys(rows[0]!).map((k) => [k, rows.map((r) => (r as never)[k])])),
);
const events = ['month_bijstand', 'month_work'];
const base = {
  event: 'month_bijstand',
  month: 6,
  covariates: ['age', 'gender'],
  draws: 300,
  seed: 7,
};

describe('randomizationTests', () => {
  for (const [name, extra] of [
    ['complete', {}],
    ['blocked', { rule: { kind: 'blocked', block: 'office', weights: {}, seed: 7 } }],
    ['hashed', { rule: { kind: 'hashed', weights: { experiment: 0.6, control: 0.4 }, key: '7' } }],
    ['parity', { rule: { kind: 'parity', even: 'control', odd: 'experiment' } }],
    ['without covariates', { covariates: [] }],
  ] as const) {
    it(`equals randomizationTest per event (${name})`, () => {
      const spec = { ...base, ...extra } as Parameters<typeof randomizationTest>[1];
      const together = randomizationTests(data, spec, events);
      expect(together).toHaveLength(2);
      events.forEach((event, i) => {
        const alone = randomizationTest(data, { ...spec, event });
        expect(together[i]).toStrictEqual(alone);
      });
      // The events differ, so the shared pass did not copy one event's counts to the other.
      expect(together[0]!.itt.estimate).not.toBe(together[1]!.itt.estimate);
    });
  }

  it('equals randomizationTest in an exact enumeration', () => {
    const few = table({
      arm: ['experiment', 'control', 'experiment', 'control', 'experiment', 'control', 'control'],
      followup_months: [6, 6, 6, 6, 6, 6, 6],
      month_a: [1, null, 2, 3, null, null, 1],
      month_b: [null, 2, 1, null, 4, 2, null],
      age: [30, 41, 52, 28, 35, 47, 60],
    });
    const spec = { event: 'month_a', month: 6, covariates: ['age'], seed: 1 };
    const together = randomizationTests(few, spec, ['month_a', 'month_b']);
    expect(together[0]!.exact).toBe(true);
    expect(together[0]).toStrictEqual(randomizationTest(few, spec));
    expect(together[1]).toStrictEqual(randomizationTest(few, { ...spec, event: 'month_b' }));
  });

  it('rejects unknown keys by its own name', () => {
    expect(() => randomizationTests(data, { ...base, draw: 3 } as never, events)).toThrow(
      /randomizationTests: unknown option "draw"/,
    );
  });
});
