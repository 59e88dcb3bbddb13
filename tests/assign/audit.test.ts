import { describe, expect, it } from 'vitest';
import {
  type AssignmentRule,
  assignArms,
  auditAssignment,
  checkConformance,
  pseudonymise,
  sampleRatioTest,
} from '../../src/assign/index.js';
import { InputError } from '../../src/errors.js';
import { bsns } from './helpers.js';

const parity: AssignmentRule = { kind: 'parity', even: 'basic', odd: 'intensive' };

describe('conformance: the 2012–2013 study', () => {
  // 9,237 clients assigned by BSN parity, 30 of them to the wrong arm.
  const ids = bsns(9237);
  const assigned = assignArms(
    ids.map((id) => ({ id })),
    parity,
  );
  const wrong = new Set(Array.from({ length: 30 }, (_, k) => 17 + k * 301));
  const rows = ids.map((id, i) => {
    const arm = assigned.armOf[i]!;
    return {
      id,
      pseudonym: pseudonymise(id, 'audit-secret').slice(0, 16),
      arm: wrong.has(i) ? (arm === 'basic' ? 'intensive' : 'basic') : arm,
    };
  });

  it('finds 30 errors, 0.32 %, by row number and pseudonym, never the BSN', () => {
    const c = checkConformance(rows, parity, { pseudonym: 'pseudonym' });
    expect(c.checked).toBe(9237);
    expect(c.mismatches).toBe(30);
    expect(c.rate).toBeCloseTo(30 / 9237, 12);
    expect((100 * c.rate).toFixed(1)).toBe('0.3');
    expect(c.rows.map((m) => m.row)).toEqual([...wrong].map((i) => i + 1));
    expect(c.rows[0]!.pseudonym).toBe(rows[17]!.pseudonym);
    const text = c.toMarkdown() + JSON.stringify(c.toTable()) + JSON.stringify(c);
    for (const i of wrong) expect(text).not.toContain(ids[i]!);
    expect(c.toMarkdown()).toContain('30 of 9,237 rows differ (0.32 %)');
  });

  it('audits sample ratio, conformance and balance in one report', () => {
    const withCov = rows.map((r, i) => ({
      ...r,
      gender: i % 3 === 0 ? 'woman' : 'man',
      age: 20 + (i % 45),
    }));
    const audit = auditAssignment(withCov, parity, {
      pseudonym: 'pseudonym',
      covariates: ['gender', 'age'],
    });
    expect(audit.sampleRatio.n).toBe(9237);
    expect(audit.conformance.mismatches).toBe(30);
    expect(audit.balance?.arms).toEqual(['basic', 'intensive']);
    expect(audit.balance?.omnibus).toHaveLength(1);
    const md = audit.toMarkdown();
    expect(md).toContain('## Sample ratio');
    expect(md).toContain('## Conformance');
    expect(md).toContain('## Balance');
    for (const id of ids.slice(0, 200)) expect(md).not.toContain(id);
  });

  it('refuses a pseudonym column that holds BSNs', () => {
    expect(() => checkConformance(rows, parity, { pseudonym: 'id' })).toThrow(/valid BSNs/);
  });
});

describe('conformance of hashed, complete and blocked files', () => {
  const ids = Array.from({ length: 500 }, (_, i) => `c${String(i).padStart(5, '0')}`);
  const data = ids.map((id, i) => ({ id, decile: (i % 10) + 1, excluded55: i % 50 === 0 }));

  for (const rule of [
    { kind: 'hashed', weights: { experiment: 0.8, control: 0.2 }, key: 'k' },
    { kind: 'complete', weights: { experiment: 0.8, control: 0.2 }, seed: 3 },
    { kind: 'blocked', weights: { experiment: 0.8, control: 0.2 }, seed: 3, block: 'decile' },
  ] as AssignmentRule[]) {
    it(`${rule.kind}: a correct file has no mismatches; a swapped pair has two`, () => {
      const res = assignArms(data, rule);
      const file = res.table.objects() as Record<string, unknown>[];
      expect(checkConformance(file, rule).mismatches).toBe(0);
      const a = file.findIndex((r) => r.arm === 'control');
      const b = file.findIndex((r) => r.arm === 'experiment');
      file[a] = { ...file[a], arm: 'experiment' };
      file[b] = { ...file[b], arm: 'control' };
      const c = checkConformance(file, rule);
      expect(c.mismatches).toBe(2);
      expect(c.rows.map((m) => m.row).sort((x, y) => x - y)).toEqual(
        [a + 1, b + 1].sort((x, y) => x - y),
      );
    });
  }

  it('with the exclusions given, an excluded row that got an arm is a mismatch', () => {
    const rule: AssignmentRule = {
      kind: 'complete',
      weights: { experiment: 0.5, control: 0.5 },
      seed: 9,
    };
    const exclude = [
      {
        reason: '55+ network training',
        test: (r: Record<string, unknown>) => r.excluded55 === true,
      },
    ];
    const res = assignArms(data, rule, { exclude });
    expect(res.exclusions).toEqual([{ reason: '55+ network training', n: 10 }]);
    const file = res.table.objects() as Record<string, unknown>[];
    expect(checkConformance(file, rule, { exclude }).mismatches).toBe(0);
    expect(checkConformance(file, rule).skipped).toBe(10);
    file[0] = { ...file[0], arm: 'control' };
    const c = checkConformance(file, rule, { exclude });
    expect(c.rows).toEqual([{ row: 1, expected: null, observed: 'control' }]);
    expect(c.toTable()[0]).toEqual({ row: 1, expected: '(excluded)', observed: 'control' });
  });

  it('reports recorded arms that are not in the rule', () => {
    const rule: AssignmentRule = {
      kind: 'hashed',
      weights: { experiment: 0.8, control: 0.2 },
      key: 'k',
    };
    const file = assignArms(data, rule).table.objects() as Record<string, unknown>[];
    file[4] = { ...file[4], arm: 'pilot' };
    const audit = auditAssignment(file, rule);
    expect(audit.unknownArms).toEqual({ pilot: 1 });
    expect(audit.sampleRatio.n).toBe(499);
    expect(audit.conformance.mismatches).toBe(1);
    expect(audit.toMarkdown()).toContain('pilot (1)');
  });
});

describe('sampleRatioTest', () => {
  it('flags a clear misfit and rejects arms outside the rule', () => {
    const r = sampleRatioTest({ experiment: 700, control: 300 }, { experiment: 0.8, control: 0.2 });
    expect(r.statistic).toBeCloseTo(62.5, 10);
    expect(r.stars).toBe('**');
    expect(r.toMarkdown()).toContain('X² = 62.5');
    expect(() => sampleRatioTest({ pilot: 3 }, { experiment: 0.8, control: 0.2 })).toThrow(
      InputError,
    );
  });

  it('treats clients in a zero-weight arm as an infinite misfit', () => {
    const r = sampleRatioTest({ a: 10, b: 10, c: 1 }, { a: 0.5, b: 0.5, c: 0 });
    expect(r.statistic).toBe(Number.POSITIVE_INFINITY);
    expect(r.pValue).toBe(0);
    expect(r.df).toBe(1);
  });
});
