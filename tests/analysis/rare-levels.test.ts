import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import type { ArmSample } from '../../src/analysis/arm-sample.js';
import { levelCounts, prefixLevelCounts, rareLevelsOf } from '../../src/analysis/rare-levels.js';

// Eight clients, one factor 'office' (reference 'a'; dummies for 'b' and 'c'), counted by hand:
//   row      0  1  2  3  4  5  6  7
//   treated  1  0  1  1  0  1  0  1
//   office   a  b  a  c  b  a  a  b
const office = ['a', 'b', 'a', 'c', 'b', 'a', 'a', 'b'];
const sample: ArmSample = {
  table: table({ office }),
  rows: Int32Array.from(office.keys()),
  treated: Float64Array.of(1, 0, 1, 1, 0, 1, 0, 1),
  covariateNames: ['office[b]', 'office[c]'],
  covariates: [
    Float64Array.from(office, (o) => (o === 'b' ? 1 : 0)),
    Float64Array.from(office, (o) => (o === 'c' ? 1 : 0)),
  ],
  factors: [{ column: 'office', reference: 'a', levels: ['b', 'c'], columns: [0, 1] }],
  excluded: [],
  labels: { arm: 'arm', treatment: 'experiment', control: 'control' },
};
const counts = (c: ReturnType<typeof levelCounts>) => c.map(([k, t]) => [[...k], [...t]]);

describe('levelCounts and prefixLevelCounts', () => {
  it('counts each level per arm, the reference holding the rest', () => {
    // control rows 1, 4, 6: a 1, b 2, c 0; treated rows 0, 2, 3, 5, 7: a 3, b 1, c 1.
    expect(counts(levelCounts(sample))).toEqual([
      [
        [1, 2, 0],
        [3, 1, 1],
      ],
    ]);
    // rows 2 … 4: treated 2 (a), 3 (c); control 4 (b).
    expect(counts(levelCounts(sample, 2, 5))).toEqual([
      [
        [0, 1, 0],
        [1, 0, 1],
      ],
    ]);
  });

  it('gives every prefix the counts of its own rows', () => {
    const byPrefix = prefixLevelCounts(sample, [8, 3, 5, 3]);
    expect([...byPrefix.keys()].sort()).toEqual([3, 5, 8]);
    for (const n of [3, 5, 8]) {
      expect(counts(byPrefix.get(n)!)).toEqual(counts(levelCounts(sample, 0, n)));
    }
    // The first 5 rows: 'c' has one client (row 4 of the file), so it is rare there.
    expect(rareLevelsOf(sample, false, byPrefix.get(5))).toEqual([
      { column: 'office', level: 'c', clients: 1, rows: [4] },
    ]);
    expect(rareLevelsOf(sample, false)).toEqual(rareLevelsOf(sample, false, byPrefix.get(8)));
  });
});
