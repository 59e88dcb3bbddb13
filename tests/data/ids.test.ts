/**
 * One rule for client keys (issue 12): an id is its text with surrounding spaces removed,
 * everywhere — validation, the intake, every assignment rule and the audit. Before, hashed
 * assignment hashed ' 100000071' and '100000071' differently and accepted both as two clients.
 */
import { describe, expect, it } from 'vitest';
import {
  assignArms,
  auditAssignment,
  createHashedAssigner,
  hashUniform,
  isValidBsn,
} from '../../src/assign/index.js';
import { checkUniqueIds, duplicateIdGroups, normaliseId } from '../../src/data/ids.js';
import { checkExperiment, experimentIntake } from '../../src/data/index.js';
import { InputError } from '../../src/errors.js';
import { bsns } from '../assign/helpers.js';

function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const weights = { experiment: 0.5, control: 0.5 };
const hashed = { kind: 'hashed', weights, key: 'ww-pilot-2021' } as const;
/** 50 valid BSNs (tests/assign/helpers.ts). */
const ids = bsns(50);

describe('normaliseId: the one rule', () => {
  it('trims text, writes numbers as text, never pads', () => {
    // 100000071 passes the eleven test: 9·1 + 2·7 − 1 = 22 ≡ 0 (mod 11).
    expect(isValidBsn('100000071')).toBe(true);
    expect(normaliseId(' 100000071 ')).toBe('100000071');
    expect(normaliseId('\t100000071')).toBe('100000071');
    expect(normaliseId(100000071)).toBe('100000071');
    expect(normaliseId(12345672n)).toBe('12345672');
    // An eight-digit value is not padded here: only the BSN reader pads, when asked.
    expect(normaliseId('12345672')).toBe('12345672');
    expect(normaliseId('007')).toBe('007');
    expect(normaliseId('Ab')).toBe('Ab');
    expect([
      normaliseId(''),
      normaliseId('  '),
      normaliseId(null),
      normaliseId(Number.NaN),
    ]).toEqual([null, null, null, null]);
    expect(normaliseId(true)).toBeUndefined();
    expect(normaliseId(Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it('groups rows sharing a key after trimming, by first row', () => {
    expect(duplicateIdGroups(['b', 'a', ' a', 'c', 'b ', 'a'])).toEqual([
      [1, 5],
      [2, 3, 6],
    ]);
    expect(duplicateIdGroups(['a', ' a', 'b'], [1, 2])).toEqual([]);
    expect(duplicateIdGroups([1, '1', null, null])).toEqual([[1, 2]]);
  });

  it('compares keys by text where their hashes collide', () => {
    // 'costarring' and 'liquid' share the 32-bit FNV-1a hash duplicateIdGroups compares first:
    // they are two keys, and a real repeat of either is still found (groups by first row visited).
    expect(duplicateIdGroups(['costarring', 'liquid'])).toEqual([]);
    expect(
      duplicateIdGroups(['liquid', 'costarring', 'x', ' liquid', 'zinke', 'altarage']),
    ).toEqual([[1, 4]]);
    expect(
      duplicateIdGroups(['costarring', 'liquid', 'liquid ', 'costarring'], [3, 2, 0, 1]),
    ).toEqual([
      [3, 2],
      [4, 1],
    ]);
  });

  it('agrees with one map of every key on many keys, with and without rows', () => {
    // The same groups as the plain rule: a map from each key to its rows, in visiting order.
    const reference = (keys: readonly unknown[], rows?: readonly number[]) => {
      const groups = new Map<string, number[]>();
      for (const i of rows ?? keys.map((_, k) => k)) {
        const key = normaliseId(keys[i]);
        if (typeof key === 'string') groups.set(key, [...(groups.get(key) ?? []), i + 1]);
      }
      return [...groups.values()].filter((g) => g.length > 1).sort((a, b) => a[0]! - b[0]!);
    };
    let seed = 7;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed;
    };
    const pool = [null, '', ' ', Number.NaN, true, 7, '7', ' k12 ', 12n];
    const keys = Array.from({ length: 20000 }, () =>
      next() % 50 === 0 ? pool[next() % pool.length] : `k${next() % 60000}`,
    );
    const rows = keys.map((_, i) => i).filter(() => next() % 3 > 0);
    const groups = duplicateIdGroups(keys);
    expect(groups.length).toBeGreaterThan(1000);
    expect(groups).toEqual(reference(keys));
    expect(duplicateIdGroups(keys, rows)).toEqual(reference(keys, rows));
  });

  it('checkUniqueIds names rows only, never a value', () => {
    const e = thrown(() => checkUniqueIds(['100000071', 'x', ' 100000071'], 'bsn'));
    expect(e.code).toBe('duplicate-id');
    expect(e.rows).toEqual([1, 3]);
    expect(e.message).toBe(
      "column 'bsn' has duplicate ids (values not shown): rows 1, 3 share an id",
    );
    expect(e.value).toBeUndefined();
  });
});

describe('hashed assignment uses the trimmed id', () => {
  it("' 100000071' gets the arm of '100000071': none of 50 moves (before: 24 of 50 moved)", () => {
    const clean = assignArms(
      ids.map((id) => ({ id })),
      hashed,
    ).armOf;
    const padded = assignArms(
      ids.map((id) => ({ id: ` ${id}` })),
      hashed,
    ).armOf;
    expect(padded).toEqual(clean);
    const arm = createHashedAssigner(hashed.key, weights);
    expect(ids.map((id) => arm(`${id}  `))).toEqual(clean);
    // The raw kernel hashes the message as given: without the rule, 23 of these 50 would move
    // (two independent hashes agree on a 50/50 arm with probability 1/2).
    const u = (id: string) => hashUniform(hashed.key, id) < 0.5;
    expect(ids.filter((id) => u(id) !== u(` ${id}`)).length).toBe(23);
  });

  it('hashed keeps a repeated id on one arm; parity, complete and blocked refuse it', () => {
    const rows = [{ id: ids[0] }, { id: ids[1] }, { id: ` ${ids[0]}` }];
    const res = assignArms(rows, hashed);
    expect(res.armOf[2]).toBe(res.armOf[0]);
    for (const rule of [
      { kind: 'parity', even: 'basic', odd: 'intensive' } as const,
      { kind: 'complete', weights, seed: 1 } as const,
    ]) {
      const e = thrown(() => assignArms(rows, rule));
      expect(e.code).toBe('duplicate-id');
      expect(e.rows).toEqual([1, 3]);
      expect(e.message).not.toContain(ids[0]);
    }
  });

  it('parity trims, and pads eight digits only on request', () => {
    const bsn = '012345672';
    const rule = { kind: 'parity', even: 'basic', odd: 'intensive' } as const;
    expect(assignArms([{ id: ` ${bsn} ` }], rule).armOf).toEqual(['basic']);
    expect(() => assignArms([{ id: '12345672' }], rule)).toThrow(InputError);
    expect(assignArms([{ id: '12345672' }], { ...rule, padEightDigits: true }).armOf).toEqual([
      'basic',
    ]);
  });

  it('the audit recomputes from the trimmed id: a padded file conforms', () => {
    const assigned = assignArms(
      ids.map((id) => ({ id })),
      hashed,
    );
    const padded = ids.map((id, i) => ({ id: ` ${id}`, arm: assigned.armOf[i] }));
    expect(auditAssignment(padded, hashed).conformance.mismatches).toBe(0);
  });
});

describe('validation and the intake use the same rule', () => {
  const table = [
    { id: '100000071', arm: 'experiment', followup_months: 12 },
    { id: 'A2', arm: 'control', followup_months: 12 },
    { id: ' 100000071', arm: 'control', followup_months: 12 },
  ];

  it('checkExperiment reports the trimmed duplicate by rows', () => {
    const problems = checkExperiment(table).problems;
    expect(problems).toEqual([
      {
        code: 'duplicate-id',
        column: 'id',
        rows: [1, 3],
        message: "column 'id' has duplicate ids (values not shown): rows 1, 3 share an id",
      },
    ]);
  });

  it('the intake holds trimmed keys', () => {
    const intake = experimentIntake(table, {}, { ids: true });
    expect(intake.ids).toEqual(['100000071', 'A2', '100000071']);
    // The table itself is not rewritten.
    expect(intake.table.array('id')).toEqual(['100000071', 'A2', ' 100000071']);
  });
});
