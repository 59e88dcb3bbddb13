import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AssignmentRule,
  assignArms,
  createHashedAssigner,
  largestRemainder,
} from '../../src/assign/index.js';
import { InputError } from '../../src/errors.js';
import { bsnFrom, bsns } from './helpers.js';

const w8020 = { experiment: 0.8, control: 0.2 };
const w801010 = { service: 0.8, control_enforcement: 0.1, control_none: 0.1 };
const rowsOf = (ids: readonly string[]) => ids.map((id) => ({ id }));

const idArb = fc.uniqueArray(
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ''),
  {
    minLength: 1,
    maxLength: 120,
    // Ids are compared trimmed (src/data/ids.ts): 'a' and ' a' are one client.
    selector: (s) => s.trim(),
  },
);

describe('hashed ratio assignment', () => {
  const rule: AssignmentRule = { kind: 'hashed', weights: w801010, key: 'pd-ww-2017' };

  it('gives every client the same arm whatever the row order or batching', () => {
    fc.assert(
      fc.property(idArb, fc.integer({ min: 1, max: 7 }), fc.nat(), (ids, batches, seed) => {
        const whole = assignArms(rowsOf(ids), rule);
        const armById = new Map(ids.map((id, i) => [id, whole.armOf[i]]));
        // Shuffle (deterministically from seed) and split into batches, as weekly files arrive.
        const shuffled = [...ids].sort(
          (a, b) => ((a.length * 31 + seed) % 7) - ((b.length * 31 + seed) % 7) || (a < b ? 1 : -1),
        );
        const size = Math.ceil(shuffled.length / batches);
        for (let s = 0; s < shuffled.length; s += size) {
          const part = shuffled.slice(s, s + size);
          const res = assignArms(rowsOf(part), rule);
          for (const [i, id] of part.entries()) expect(res.armOf[i]).toBe(armById.get(id));
        }
      }),
    );
  });

  it('re-running the same file never moves anyone, and duplicates in one file agree', () => {
    const ids = bsns(200);
    const a = assignArms(rowsOf(ids), rule).armOf;
    const b = assignArms(rowsOf([...ids, ...ids.slice(0, 20)]), rule).armOf;
    expect(b.slice(0, 200)).toEqual(a);
    expect(b.slice(200)).toEqual(a.slice(0, 20));
  });

  it('shares converge to the weights', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (key) => {
        const arm = createHashedAssigner(key, w801010);
        const n = 20_000;
        const c: Record<string, number> = { service: 0, control_enforcement: 0, control_none: 0 };
        for (let i = 0; i < n; i++) c[arm(`c${i}`)]! += 1;
        for (const [a, w] of Object.entries(w801010)) {
          // 5 standard errors: fails by chance with probability < 1e-6 per arm.
          expect(Math.abs(c[a]! / n - w)).toBeLessThan(5 * Math.sqrt((w * (1 - w)) / n));
        }
      }),
      { numRuns: 20 },
    );
  });

  it('80/20 over 12,191 clients: z-scores over 200 keys behave like N(0, 1)', () => {
    const n = 12_191;
    const zs: number[] = [];
    for (let k = 0; k < 200; k++) {
      const arm = createHashedAssigner(`den-haag-key-${k}`, w8020);
      let e = 0;
      for (let i = 0; i < n; i++) if (arm(String(100_000 + i)) === 'experiment') e++;
      zs.push((e / n - 0.8) / Math.sqrt((0.8 * 0.2) / n));
    }
    const within = zs.filter((z) => Math.abs(z) < 1.96).length / zs.length;
    const mean = zs.reduce((a, b) => a + b, 0) / zs.length;
    const sd = Math.sqrt(zs.reduce((a, b) => a + (b - mean) ** 2, 0) / (zs.length - 1));
    // Binomial(200, 0.95) is within [0.91, 0.99] with probability > 0.99.
    expect(within).toBeGreaterThan(0.91);
    expect(within).toBeLessThan(0.99 + 1e-12);
    expect(Math.abs(mean)).toBeLessThan(3 / Math.sqrt(200));
    expect(sd).toBeGreaterThan(0.8);
    expect(sd).toBeLessThan(1.2);
  });

  it('records rule, key and counts; the output keeps ids as given', () => {
    const ids = ['000123', '0042', 'x'];
    const res = assignArms(rowsOf(ids), { kind: 'hashed', weights: w8020, key: 'k' });
    expect(res.rule).toEqual({ kind: 'hashed', weights: w8020, key: 'k' });
    expect(res.counts.experiment! + res.counts.control!).toBe(3);
    expect(res.table.array('id')).toEqual(ids);
    expect(res.toTable()[0]).toMatchObject({ arm: 'experiment', intended: 0.8 });
    expect(res.toMarkdown()).toContain('| arm | n | share | intended |');
  });
});

describe('complete and blocked assignment', () => {
  it('hits the largest-remainder counts exactly, independent of row order', () => {
    fc.assert(
      fc.property(idArb, fc.nat(), (ids, seed) => {
        const rule: AssignmentRule = { kind: 'complete', weights: w801010, seed };
        const res = assignArms(rowsOf(ids), rule);
        const expected = largestRemainder(ids.length, [0.8, 0.1, 0.1]);
        expect([
          res.counts.service,
          res.counts.control_enforcement,
          res.counts.control_none,
        ]).toEqual(expected);
        const reversed = assignArms(rowsOf([...ids].reverse()), rule);
        expect([...reversed.armOf].reverse()).toEqual(res.armOf);
      }),
    );
  });

  it('different seeds give different assignments', () => {
    const ids = bsns(100);
    const a = assignArms(rowsOf(ids), { kind: 'complete', weights: w8020, seed: 1 }).armOf;
    const b = assignArms(rowsOf(ids), { kind: 'complete', weights: w8020, seed: 2 }).armOf;
    expect(a).not.toEqual(b);
  });

  it('largest remainder: ties go to the first listed arm, counts sum to n', () => {
    expect(largestRemainder(5, [0.5, 0.5])).toEqual([3, 2]);
    expect(largestRemainder(10, [0.8, 0.1, 0.1])).toEqual([8, 1, 1]);
    expect(largestRemainder(11, [0.8, 0.1, 0.1])).toEqual([9, 1, 1]);
    expect(largestRemainder(12, [0.8, 0.1, 0.1])).toEqual([10, 1, 1]);
    expect(largestRemainder(13, [0.8, 0.1, 0.1])).toEqual([11, 1, 1]);
    expect(largestRemainder(15, [0.8, 0.1, 0.1])).toEqual([12, 2, 1]);
    fc.assert(
      fc.property(
        fc.nat(10_000),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 6 }),
        (n, raw) => {
          const total = raw.reduce((a, b) => a + b, 0);
          fc.pre(total > 0);
          const w = raw.map((x) => x / total);
          const c = largestRemainder(n, w);
          expect(c.reduce((a, b) => a + b, 0)).toBe(n);
          for (const [i, ci] of c.entries())
            expect(Math.abs(ci - n * w[i]!)).toBeLessThan(1 + 1e-9);
        },
      ),
    );
  });

  it('blocked: exact counts within every block', () => {
    fc.assert(
      fc.property(idArb, fc.nat(), (ids, seed) => {
        const rows = ids.map((id, i) => ({ id, decile: (i % 4) + 1 }));
        const res = assignArms(rows, { kind: 'blocked', weights: w8020, seed, block: 'decile' });
        for (let d = 1; d <= 4; d++) {
          const inBlock = rows
            .map((r, i) => [r, res.armOf[i]] as const)
            .filter(([r]) => r.decile === d);
          const expected = largestRemainder(inBlock.length, [0.8, 0.2]);
          expect(inBlock.filter(([, a]) => a === 'experiment').length).toBe(expected[0]);
        }
      }),
    );
  });
});

describe('BSN parity', () => {
  it('is exact: even last digit → even arm, odd → odd arm (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(50_000_000), { minLength: 1, maxLength: 200 }), (ks) => {
        const ids = [...new Set(ks.map(bsnFrom))];
        const res = assignArms(rowsOf(ids), { kind: 'parity', even: 'basic', odd: 'intensive' });
        for (const [i, b] of ids.entries()) {
          expect(res.armOf[i]).toBe(Number(b[8]) % 2 === 0 ? 'basic' : 'intensive');
        }
        expect(res.counts.basic! + res.counts.intensive!).toBe(ids.length);
      }),
    );
  });

  it('carries no BSN outside the id column of its table', () => {
    const ids = bsns(300);
    const res = assignArms(rowsOf(ids), { kind: 'parity', even: 'basic', odd: 'intensive' });
    const { table, ...rest } = res;
    const text = JSON.stringify(rest) + res.toMarkdown() + JSON.stringify(res.toTable());
    for (const b of ids) expect(text).not.toContain(b);
    expect(table.columnNames()).toEqual(['id', 'arm']);
  });

  it('pads eight-digit BSNs only when the rule asks', () => {
    const rows = rowsOf(['12345672', '111222333']);
    expect(() => assignArms(rows, { kind: 'parity', even: 'basic', odd: 'intensive' })).toThrow(
      /row 1\b/,
    );
    const res = assignArms(rows, {
      kind: 'parity',
      even: 'basic',
      odd: 'intensive',
      padEightDigits: true,
    });
    expect(res.armOf).toEqual(['basic', 'intensive']);
    // The output keeps the id as given.
    expect(res.table.array('id')).toEqual(['12345672', '111222333']);
  });

  it('rejects invalid BSNs by row number, never showing them', () => {
    const ids = bsns(10);
    ids[3] = '123456789';
    ids[7] = '12345';
    try {
      assignArms(rowsOf(ids), { kind: 'parity', even: 'basic', odd: 'intensive' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const err = e as InputError;
      expect(err.code).toBe('invalid-bsn');
      expect(err.rows).toEqual([4, 8]);
      expect(err.message).not.toMatch(/123456789|12345\b/);
      expect(err.value).toBeUndefined();
    }
  });
});

describe('exclusions', () => {
  it('apply before assignment and count a row under its first matching reason', () => {
    const ids = bsns(100);
    const rows = ids.map((id, i) => ({ id, wia35: i % 10 === 0, age: 40 + (i % 20) }));
    const res = assignArms(
      rows,
      { kind: 'complete', weights: w8020, seed: 7 },
      {
        exclude: [
          { reason: 'WIA 35-min', test: (r) => r.wia35 === true },
          { reason: '55+ network training', test: (r) => (r.age as number) >= 55 },
        ],
      },
    );
    // i % 10 === 0 → 10 rows; age ≥ 55 ↔ i % 20 ≥ 15 → 25 rows, none with i % 10 === 0.
    expect(res.exclusions).toEqual([
      { reason: 'WIA 35-min', n: 10 },
      { reason: '55+ network training', n: 25 },
    ]);
    expect(res.assigned).toBe(65);
    expect(res.counts).toEqual({ experiment: 52, control: 13 });
    expect(res.table.array('excluded')[0]).toBe('WIA 35-min');
    expect(res.armOf[0]).toBeNull();
    // Rows matching both reasons count under the first.
    const both = assignArms(
      rows,
      { kind: 'hashed', weights: w8020, key: 'k' },
      {
        exclude: [
          { reason: 'a', test: () => true },
          { reason: 'b', test: () => true },
        ],
      },
    );
    expect(both.exclusions).toEqual([
      { reason: 'a', n: 100 },
      { reason: 'b', n: 0 },
    ]);
  });
});

describe('input errors', () => {
  it('names a missing column, an empty input, bad weights, duplicate ids', () => {
    expect(() =>
      assignArms([{ client: 'a' }], { kind: 'hashed', weights: w8020, key: 'k' }),
    ).toThrow(/missing column 'id'/);
    expect(() => assignArms([], { kind: 'hashed', weights: w8020, key: 'k' })).toThrow(InputError);
    expect(() =>
      assignArms(rowsOf(['a']), { kind: 'hashed', weights: { a: 0.8, b: 0.3 }, key: 'k' }),
    ).toThrow(/sum to 1/);
    expect(() =>
      assignArms(rowsOf(['a', 'b', 'a']), { kind: 'complete', weights: w8020, seed: 1 }),
    ).toThrow(/rows 1, 3 share an id/);
    expect(() =>
      assignArms([{ id: 'a', arm: 'x' }], { kind: 'hashed', weights: w8020, key: 'k' }),
    ).toThrow(/already has a column 'arm'/);
  });
});
