/**
 * Assignment rules as plain, JSON-serialisable data: a rule plus its key or seed is all that is
 * needed to re-derive every client's arm later (see `auditAssignment`).
 */
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
 * A one-line description of a rule, for reports.
 *
 * @example
 * describeRule({ kind: 'hashed', weights: { experiment: 0.8, control: 0.2 }, key: 'k' })
 * // "hashed ratio experiment 0.8 / control 0.2, HMAC-SHA256 key 'k'"
 */
export function describeRule(rule: AssignmentRule): string {
  const ratio = (w: ArmWeights) =>
    Object.entries(w)
      .map(([arm, x]) => `${arm} ${x}`)
      .join(' / ');
  switch (rule.kind) {
    case 'hashed':
      return `hashed ratio ${ratio(rule.weights)}, HMAC-SHA256 key '${rule.key}'`;
    case 'complete':
      return `complete randomisation ${ratio(rule.weights)}, seed ${JSON.stringify(rule.seed)}`;
    case 'blocked':
      return `complete randomisation within blocks of '${rule.block}' ${ratio(rule.weights)}, seed ${JSON.stringify(rule.seed)}`;
    case 'parity':
      return `BSN parity: even last digit → ${rule.even}, odd → ${rule.odd}`;
  }
}
