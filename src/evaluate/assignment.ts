/**
 * What an assignment record (`effectmeting assign --record`, or the `rule` of `assignArms`)
 * tells the analysis: the block column of a blocked rule, which becomes the analysis' default
 * `design.blocks` (stated in the output as taken from the assignment record).
 */
import { InputError } from '../errors.js';

/**
 * The block column of an assignment record, or `undefined` when its rule is not blocked (hashed,
 * parity, complete without blocks). Accepts the record JSON (`{ rule: { kind, block, … }, … }`)
 * or a rule itself; anything without a rule is an `InputError` (`malformed-input`).
 *
 * @example
 * assignmentBlocks({ rule: { kind: 'blocked', block: 'decile', weights: { a: 0.5, b: 0.5 }, seed: 1 } }); // 'decile'
 * assignmentBlocks({ rule: { kind: 'hashed', key: 'k', weights: { a: 0.5, b: 0.5 } } }); // undefined
 */
export function assignmentBlocks(
  record: unknown,
  source = 'the assignment record',
): string | undefined {
  interface RuleLike {
    readonly kind?: unknown;
    readonly block?: unknown;
  }
  const o = record as (RuleLike & { readonly rule?: RuleLike }) | null;
  const rule: RuleLike | undefined =
    o && typeof o === 'object' ? (o.rule ?? (o.kind !== undefined ? o : undefined)) : undefined;
  const kinds = ['hashed', 'complete', 'blocked', 'parity'];
  if (!rule || typeof rule !== 'object' || !kinds.includes(String(rule.kind))) {
    throw new InputError(
      `${source} holds no assignment rule (expected { "rule": { "kind": … } })`,
      {
        code: 'malformed-input',
      },
    );
  }
  if (rule.kind !== 'blocked') return undefined;
  if (typeof rule.block !== 'string' || rule.block === '') {
    throw new InputError(`${source}: the blocked rule names no block column ("block")`, {
      code: 'malformed-input',
    });
  }
  return rule.block;
}
