/**
 * Assignment rules as plain, JSON-serialisable data: a rule plus its key or seed is all that is
 * needed to re-derive every client's arm later (see `auditAssignment`).
 */
import { InputError } from '../errors.js';
import type { Language } from '../language.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { assignTexts } from './assign-texts.js';
import type { ArmWeights } from './weights.js';

/**
 * Ratio rule, hashed: a client's arm follows from HMAC-SHA256(key, id) alone, so the same client
 * gets the same arm in every batch and order (caseload plus weekly inflow). Shares are random
 * around the weights (binomial), not exact.
 */
export interface HashedRule {
  readonly kind: 'hashed';
  /** Arm → share, in a fixed order; must sum to 1 (within 1e-9). */
  readonly weights: ArmWeights;
  /** The experiment key. Anyone with the key and an id can recompute the arm. */
  readonly key: string;
}

/**
 * Ratio rule, complete: exact arm sizes (largest-remainder rounding of n·w) dealt out by a seeded
 * shuffle over the ids in sorted order, so the result depends on the set of ids, not file order.
 */
export interface CompleteRule {
  readonly kind: 'complete';
  readonly weights: ArmWeights;
  /** Seed of the shuffle (`createRng`): an integer in [0, 2⁵³) or any string. */
  readonly seed: number | string;
}

/** Complete randomisation within each block (e.g. risk decile, office); blocks in sorted order. */
export interface BlockedRule {
  readonly kind: 'blocked';
  readonly weights: ArmWeights;
  readonly seed: number | string;
  /** Column holding the block (stratum). */
  readonly block: string;
}

/** BSN parity: even last digit → `even`, odd → `odd`. Ids must be valid BSNs. */
export interface ParityRule {
  readonly kind: 'parity';
  readonly even: string;
  readonly odd: string;
  /** Left-pad eight-digit BSNs with a zero (see `isValidBsn`). */
  readonly padEightDigits?: boolean;
}

/** Any assignment rule. */
export type AssignmentRule = HashedRule | CompleteRule | BlockedRule | ParityRule;

const HASHED_KEYS: AllKeys<HashedRule> = { kind: true, weights: true, key: true };
const COMPLETE_KEYS: AllKeys<CompleteRule> = { kind: true, weights: true, seed: true };
const BLOCKED_KEYS: AllKeys<BlockedRule> = { kind: true, weights: true, seed: true, block: true };
const PARITY_KEYS: AllKeys<ParityRule> = {
  kind: true,
  even: true,
  odd: true,
  padEightDigits: true,
};

/**
 * Checks that a rule is one of the four kinds and has only that kind's keys (a `seed` on a hashed
 * rule would otherwise be ignored without a word). Throws an `InputError` (`invalid-option`).
 *
 * @example
 * checkRule({ kind: 'hashed', weights: { a: 0.5, b: 0.5 }, key: 'k' }, 'assignArms'); // ok
 * checkRule({ kind: 'hashed', weights: { a: 0.5, b: 0.5 }, seed: 1 } as never, 'assignArms'); // throws
 */
export function checkRule(rule: AssignmentRule, fn: string): void {
  const kind: unknown = (rule as { kind?: unknown } | undefined)?.kind;
  const label = `${fn}: rule (${String(kind)})`;
  switch (kind) {
    case 'hashed':
      rejectUnknownKeys(rule as HashedRule, HASHED_KEYS, label);
      return;
    case 'complete':
      rejectUnknownKeys(rule as CompleteRule, COMPLETE_KEYS, label);
      return;
    case 'blocked':
      rejectUnknownKeys(rule as BlockedRule, BLOCKED_KEYS, label);
      return;
    case 'parity':
      rejectUnknownKeys(rule as ParityRule, PARITY_KEYS, label);
      return;
    default:
      throw new InputError(
        `${fn}: unknown rule kind ${JSON.stringify(kind)}; expected 'hashed', 'complete', 'blocked' or 'parity'`,
        { code: 'invalid-option', value: String(kind) },
      );
  }
}

/**
 * The intended share per arm of a rule, in its listed order (parity: ½ each, since BSN last digits
 * are close to uniform — the 2012–2013 study had 4,617 even and 4,620 odd).
 *
 * @example
 * intendedWeights({ kind: 'parity', even: 'basic', odd: 'intensive' }) // { basic: 0.5, intensive: 0.5 }
 */
export function intendedWeights(rule: AssignmentRule): ArmWeights {
  return rule.kind === 'parity' ? { [rule.even]: 0.5, [rule.odd]: 0.5 } : rule.weights;
}

/**
 * A one-line description of a rule, for reports, in English (default) or Dutch.
 *
 * @example
 * describeRule({ kind: 'hashed', weights: { experiment: 0.8, control: 0.2 }, key: 'k' })
 * // "hashed ratio experiment 0.8 / control 0.2, HMAC-SHA256 key 'k'"
 * describeRule({ kind: 'parity', even: 'basic', odd: 'intensive' }, 'nl')
 * // "BSN-pariteit: even laatste cijfer → basic, oneven → intensive"
 */
export function describeRule(rule: AssignmentRule, lang: Language = 'en'): string {
  const t = assignTexts(lang);
  switch (rule.kind) {
    case 'hashed':
      return t.hashed(t.ratio(rule.weights), rule.key);
    case 'complete':
      return t.complete(t.ratio(rule.weights), JSON.stringify(rule.seed));
    case 'blocked':
      return t.blocked(rule.block, t.ratio(rule.weights), JSON.stringify(rule.seed));
    case 'parity':
      return t.parity(rule.even, rule.odd);
  }
}
