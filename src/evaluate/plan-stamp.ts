/**
 * Freezing a pre-analysis plan: its SHA-256 of a documented canonical form, written into the
 * plan file as the `frozen` stamp, and the check that a frozen plan still hashes to its stamp.
 *
 * The canonical form (`PLAN_CANONICAL_FORM`) is the JSON Canonicalization Scheme of RFC 8785
 * applied to the complete plan — every key explicit, defaults filled in by
 * `parsePreAnalysisPlan`, the `frozen` key left out: object keys sorted by UTF-16 code units, no
 * whitespace, numbers as ECMAScript prints them (24, 0.95), strings as `JSON.stringify` escapes
 * them. The hash is the SHA-256 of its UTF-8 bytes. So whitespace, key order, a number's spelling
 * (0.950) and a default left implicit do not change the hash; any value, a list's order and an
 * added or removed list entry do. The stamp also holds the canonical text itself, so the hash can
 * be checked with any tool (`jq -j .frozen.canonical frozen.json | sha256sum`) and an edited plan
 * is named field by field.
 */
import { sha256, toHex } from '../assign/sha256.js';
import { didYouMean, isJsonObject, rejectUnknownKeys, show } from '../data/spec-reader.js';
import { InputError } from '../errors.js';
import { type PreAnalysisPlan, parsePreAnalysisPlan } from './pre-analysis-plan.js';

/** The name of the canonical form a stamp records (`frozen.form`). */
export const PLAN_CANONICAL_FORM =
  'effectmeting pre-analysis plan 1: SHA-256 of the UTF-8 bytes of the RFC 8785 canonical JSON of the complete plan without "frozen"';

/** The `frozen` stamp of a frozen plan file. */
export interface PlanStamp {
  /** Lower-case hex SHA-256 of `canonical`. */
  readonly sha256: string;
  /** {@link PLAN_CANONICAL_FORM}. */
  readonly form: string;
  /** The canonical text that was hashed. */
  readonly canonical: string;
}

/** A frozen plan file: the complete plan and its stamp. */
export type FrozenPlanFile = PreAnalysisPlan & { readonly frozen: PlanStamp };

/** A verified frozen plan: the plan and its hash. */
export interface VerifiedPlan {
  readonly plan: PreAnalysisPlan;
  readonly sha256: string;
}

/**
 * RFC 8785 canonical JSON of a JSON value: object keys sorted by UTF-16 code units, no
 * whitespace, ECMAScript number and string serialisation. Throws on a value JSON cannot hold
 * (a non-finite number, `undefined` inside an array, a function).
 *
 * @example
 * canonicalJson({ b: [1, 0.5], a: 'x' }); // '{"a":"x","b":[1,0.5]}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not JSON`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: a ${typeof value} is not JSON`);
}

/**
 * The SHA-256 (lower-case hex) of a plan's canonical form.
 *
 * @example
 * planSha256(parsePreAnalysisPlan(json)); // '3b1f…' (64 hex digits)
 */
export function planSha256(plan: PreAnalysisPlan): string {
  return toHex(sha256(canonicalJson(plan)));
}

/**
 * The frozen file of a plan: the complete plan (defaults filled in) and its `frozen` stamp.
 * Write it with {@link frozenPlanText}.
 *
 * @example
 * const frozen = freezePlan(parsePreAnalysisPlan(json));
 * frozen.frozen.sha256; // the hash every output of `analyze --plan` prints
 */
export function freezePlan(plan: PreAnalysisPlan): FrozenPlanFile {
  const canonical = canonicalJson(plan);
  return {
    ...plan,
    frozen: { sha256: toHex(sha256(canonical)), form: PLAN_CANONICAL_FORM, canonical },
  };
}

/**
 * A frozen plan as the text `plan freeze` writes: JSON indented by two spaces, keys in the
 * plan's order, a final newline (the same plan gives the same bytes).
 *
 * @example
 * frozenPlanText(freezePlan(plan)).endsWith('}\n'); // true
 */
export function frozenPlanText(frozen: FrozenPlanFile): string {
  return `${JSON.stringify(frozen, null, 2)}\n`;
}

function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (isJsonObject(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, `${path}.${k}`, out);
  } else {
    out.set(path, canonicalJson(value));
  }
}

/**
 * The fields in which two plans differ, one line each (`plan.primary.month: frozen 24, now 18`);
 * lists are compared whole.
 *
 * @example
 * planDifferences({ primary: { month: 24 } }, { primary: { month: 18 } });
 * // ['plan.primary.month: frozen 24, now 18']
 */
export function planDifferences(frozen: unknown, now: unknown): string[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  flatten(frozen, 'plan', a);
  flatten(now, 'plan', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths.flatMap((p) => {
    const x = a.get(p);
    const y = b.get(p);
    if (x === y) return [];
    if (x === undefined) return [`${p}: added, now ${y}`];
    if (y === undefined) return [`${p}: removed, frozen ${x}`];
    return [`${p}: frozen ${x}, now ${y}`];
  });
}

function stampError(source: string, message: string): InputError {
  return new InputError(`${source}: ${message}`, { code: 'inconsistent' });
}

function readStamp(json: unknown, source: string): PlanStamp {
  const stamp = isJsonObject(json) ? json.frozen : undefined;
  if (stamp === undefined) {
    throw new InputError(
      `${source} is not a frozen plan (it has no "frozen" stamp); freeze it first with 'effectmeting plan freeze'`,
      { code: 'invalid-option' },
    );
  }
  if (!isJsonObject(stamp)) {
    throw stampError(
      source,
      `plan.frozen: expected the stamp { sha256, form, canonical }, got ${show(stamp)}`,
    );
  }
  const keys = ['sha256', 'form', 'canonical'];
  const unknown = Object.keys(stamp).find((k) => !keys.includes(k));
  if (unknown !== undefined) {
    throw stampError(
      source,
      `plan.frozen: unknown key "${unknown}"${didYouMean(unknown, keys)}; allowed keys: ${keys.join(', ')}`,
    );
  }
  const { sha256: hash, form, canonical } = stamp;
  if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) {
    throw stampError(
      source,
      `plan.frozen.sha256: expected 64 lower-case hex digits, got ${show(hash)}`,
    );
  }
  if (form !== PLAN_CANONICAL_FORM) {
    throw stampError(
      source,
      `plan.frozen.form: expected ${JSON.stringify(PLAN_CANONICAL_FORM)}, got ${show(form)}`,
    );
  }
  if (typeof canonical !== 'string') {
    throw stampError(
      source,
      `plan.frozen.canonical: expected the canonical text, got ${show(canonical)}`,
    );
  }
  return { sha256: hash, form, canonical };
}

/**
 * Checks a frozen plan file (parsed JSON) and returns the plan with its hash. Throws an
 * `InputError` naming `source` when the file is not frozen (`invalid-option`), when the plan is
 * invalid (a `SpecError`, as `parsePreAnalysisPlan`), when the stamp's hash is not the hash of
 * its canonical text (the stamp was edited), or when the plan was edited after freezing: then
 * every changed field is named with its frozen and its current value, and both hashes are given
 * (code `inconsistent`).
 *
 * @example
 * verifyFrozenPlan(JSON.parse(readFileSync('frozen.json', 'utf8')), { source: 'plan frozen.json' });
 * // { plan, sha256: '3b1f…' }; an edited month:
 * // InputError: plan frozen.json: edited after freezing: plan.primary.month: frozen 24, now 18; …
 */
export function verifyFrozenPlan(
  json: unknown,
  options: { readonly source?: string } = {},
): VerifiedPlan {
  rejectUnknownKeys(options, { source: true }, 'verifyFrozenPlan');
  const source = options.source ?? 'plan';
  const stamp = readStamp(json, source);
  const plan = parsePreAnalysisPlan(json, { source });
  const recorded = toHex(sha256(stamp.canonical));
  if (recorded !== stamp.sha256) {
    throw stampError(
      source,
      `the stamp does not hold: plan.frozen.sha256 is ${stamp.sha256}, but plan.frozen.canonical hashes to ${recorded} (the stamp was edited); freeze the plan again and register the new hash`,
    );
  }
  const now = planSha256(plan);
  if (now !== stamp.sha256) {
    let frozen: unknown;
    try {
      frozen = JSON.parse(stamp.canonical);
    } catch {
      frozen = undefined;
    }
    const changes = planDifferences(frozen, JSON.parse(canonicalJson(plan)));
    throw stampError(
      source,
      `edited after freezing: ${changes.join('; ')}. The plan hashes to ${now}, its stamp is ${stamp.sha256}: undo the edit, or freeze the edited plan as a new plan (and say so)`,
    );
  }
  return { plan, sha256: now };
}
