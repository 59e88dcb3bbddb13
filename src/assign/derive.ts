/**
 * Rule → arms on plain arrays: the one place an arm is computed, shared by `assignArms` and the
 * conformance check of `auditAssignment`, so that audit and assignment can never disagree on
 * what a rule means.
 */
import { InputError } from '../errors.js';
import { createRng } from '../stats/random.js';
import { invalidBsnError, invalidBsnRows, normaliseBsn } from './bsn.js';
import { createHashUniform } from './hash.js';
import type { AssignmentRule, ParityRule } from './rules.js';
import { dealArms } from './shuffle.js';
import { type ArmWeights, armForUniform, checkWeights } from './weights.js';

/**
 * A reusable hashed assigner for one key and weights: id → arm, with
 * u = first 53 bits of HMAC-SHA256(key, trim(id)) / 2⁵³ and the arm the first with u < c_i.
 * The id is trimmed as everywhere (`normaliseId`), so `' 100000071'` gets the arm of
 * `'100000071'`. For streaming large or weekly files without building a table.
 *
 * @example
 * const arm = createHashedAssigner('ww-pilot-2021', { experiment: 0.8, control: 0.2 });
 * arm('client-0001') // "experiment" or "control", the same every time
 */
export function createHashedAssigner(key: string, weights: ArmWeights): (id: string) => string {
  const spec = checkWeights(weights);
  const uniform = createHashUniform(key);
  return (id) => armForUniform(uniform(id.trim()), spec);
}

/**
 * The arm of one BSN under a parity rule: last digit even → `rule.even`, odd → `rule.odd`.
 * Throws `InputError` (code `invalid-bsn`, value not shown) for an invalid BSN.
 *
 * @example
 * parityArm('111222333', { kind: 'parity', even: 'basic', odd: 'intensive' }) // "intensive"
 */
export function parityArm(bsn: unknown, rule: ParityRule): string {
  if (invalidBsnRows([bsn], rule).length > 0) throw invalidBsnError([1]);
  const s = normaliseBsn(bsn, rule)!;
  return (s.charCodeAt(8) - 48) % 2 === 0 ? rule.even : rule.odd;
}

/** Inputs of {@link deriveArms}. */
export interface DeriveInput {
  /** Client ids (as text), one per row. */
  readonly ids: readonly string[];
  /** 0-based rows to assign (after exclusions); the others get `null`. Default: all. */
  readonly eligible?: readonly number[];
  /** Block label per row (blocked rule only). */
  readonly blocks?: readonly string[];
  /** Column name, for messages. */
  readonly idColumn?: string;
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Computes every eligible row's arm under `rule`.
 * - hashed: per id, independent of the others;
 * - parity: per id (must be a valid BSN; invalid rows reported by number);
 * - complete: eligible ids sorted by UTF-16 code units, then labels dealt by `dealArms` with
 *   `createRng(rule.seed)` (xoshiro128**);
 * - blocked: blocks in code-unit order of their labels, each dealt like complete, drawing from
 *   one generator seeded once with the rule's seed.
 *
 * @example
 * deriveArms({ kind: 'complete', weights: { a: 0.5, b: 0.5 }, seed: 1 }, { ids: ['x', 'y'] }) // ['a', 'b']
 */
export function deriveArms(rule: AssignmentRule, input: DeriveInput): (string | null)[] {
  const { ids } = input;
  const eligible = input.eligible ?? Array.from(ids, (_, i) => i);
  const arms: (string | null)[] = new Array(ids.length).fill(null);
  switch (rule.kind) {
    case 'hashed': {
      const assign = createHashedAssigner(rule.key, rule.weights);
      for (const r of eligible) arms[r] = assign(ids[r]!);
      return arms;
    }
    case 'parity': {
      if (rule.even === rule.odd || rule.even === '' || rule.odd === '') {
        throw new InputError('parity rule needs two different, non-empty arm labels', {
          code: 'invalid-option',
        });
      }
      const bad = eligible.filter((r) => invalidBsnRows([ids[r]], rule).length > 0);
      if (bad.length > 0)
        throw invalidBsnError(
          bad.map((r) => r + 1),
          input.idColumn,
        );
      for (const r of eligible) arms[r] = parityArm(ids[r], rule);
      return arms;
    }
    case 'complete':
    case 'blocked': {
      const spec = checkWeights(rule.weights);
      const rng = createRng(rule.seed);
      const groups = new Map<string, number[]>();
      if (rule.kind === 'blocked') {
        if (!input.blocks)
          throw new InputError('blocked rule needs block labels', { code: 'invalid-option' });
        for (const r of eligible) {
          const b = input.blocks[r]!;
          const g = groups.get(b);
          if (g) g.push(r);
          else groups.set(b, [r]);
        }
      } else {
        groups.set('', [...eligible]);
      }
      for (const block of [...groups.keys()].sort(byCodeUnit)) {
        const rows = groups.get(block)!;
        rows.sort((a, b) => byCodeUnit(ids[a]!, ids[b]!));
        const labels = dealArms(rows.length, spec.arms, spec.weights, rng);
        rows.forEach((r, k) => {
          arms[r] = labels[k]!;
        });
      }
      return arms;
    }
  }
}
