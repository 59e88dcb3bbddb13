/**
 * The one reader of specs and config files (parsed JSON): objects with known keys and typed
 * values. Every problem is collected and reported at once, each naming its field path
 * (`config.months: expected a whole number ≥ 1, got "24"`), and an unknown key is named with a
 * did-you-mean and the allowed keys, so a typo never silently falls back to a default. Used by
 * `parsePlan` (the analysis plan) and the scan review's config.
 */
import { InputError } from '../errors.js';
import { didYouMean, rejectUnknownKeys } from '../stats/option-keys.js';

export type { AllKeys } from '../stats/option-keys.js';
export { didYouMean, rejectUnknownKeys };

/** A parsed JSON object. */
export type JsonObject = Readonly<Record<string, unknown>>;

/**
 * Thrown for an invalid spec (by `parsePlan`, `resolveReviewConfig` and {@link SpecReader.done}):
 * an `InputError` (code `invalid-option`) whose `problems` list every problem, one line each.
 *
 * @example
 * try {
 *   parsePlan({ monhts: 24 });
 * } catch (e) {
 *   if (e instanceof SpecError) e.problems[0]; // 'config: unknown key "monhts" (did you mean "months"?); …'
 * }
 */
export class SpecError extends InputError {
  readonly problems: readonly string[];

  /**
   * @param problems one line per problem, each starting with its field path
   * @param source what was read, for the message (`config`, `config analysis.json`)
   */
  constructor(problems: readonly string[], source = 'config') {
    super(
      problems.length === 1
        ? `invalid ${source}: ${problems[0]}`
        : `invalid ${source}, ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      { code: 'invalid-option' },
    );
    this.name = 'SpecError';
    this.problems = problems;
  }
}

/**
 * A value as shown in a message: JSON, shortened to 60 characters.
 *
 * @example
 * show('24') // '"24"'
 * show(undefined) // 'nothing'
 */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * True for a plain JSON object (not null, not an array).
 *
 * @example
 * isJsonObject({ a: 1 }) // true
 * isJsonObject([1]) // false
 */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the values of a parsed spec, collecting problems: each method checks one value at a
 * field path and returns it (or a fallback, after recording the problem); {@link SpecReader.done}
 * throws one {@link SpecError} listing them all.
 *
 * @example
 * const r = new SpecReader();
 * const o = r.object({ months: 24 }, 'config', ['months']) ?? {};
 * const months = r.wholeNumber(o.months, 'config.months'); // 24
 * r.done('config'); // no problems: returns
 */
export class SpecReader {
  readonly problems: string[] = [];

  /** Records a problem at `path`; returns `undefined` for the caller's fallback. */
  fail(path: string, message: string): undefined {
    this.problems.push(`${path}: ${message}`);
    return undefined;
  }

  /** Throws a {@link SpecError} naming `source` when a problem was recorded. */
  done(source = 'config'): void {
    if (this.problems.length > 0) throw new SpecError(this.problems, source);
  }

  /** An object whose keys are all in `allowed` (unknown keys are problems; the object is still returned). */
  object(value: unknown, path: string, allowed: readonly string[]): JsonObject | undefined {
    if (!isJsonObject(value)) return this.fail(path, `expected an object, got ${show(value)}`);
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        this.fail(
          path,
          `unknown key "${key}"${didYouMean(key, allowed)}; allowed keys: ${allowed.join(', ')}`,
        );
      }
    }
    return value;
  }

  /** An optional object with keys in `allowed`: `{}` when absent or invalid. */
  optionalObject(value: unknown, path: string, allowed: readonly string[]): JsonObject {
    return value === undefined ? {} : (this.object(value, path, allowed) ?? {});
  }

  /** A non-empty text. */
  string(value: unknown, path: string): string | undefined {
    if (typeof value !== 'string' || value.trim() === '') {
      return this.fail(path, `expected a non-empty text, got ${show(value)}`);
    }
    return value;
  }

  /** A non-empty text, or `fallback` when absent. */
  optionalString(value: unknown, path: string, fallback: string): string {
    return value === undefined ? fallback : (this.string(value, path) ?? fallback);
  }

  /** A non-empty text, or `fallback` when absent or null. */
  nullableString(value: unknown, path: string, fallback: string | null): string | null {
    return value === undefined || value === null
      ? fallback
      : (this.string(value, path) ?? fallback);
  }

  /** A list of distinct non-empty texts (`[]` when absent). */
  strings(value: unknown, path: string): string[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.fail(path, `expected a list of column names, got ${show(value)}`);
      return [];
    }
    const out: string[] = [];
    value.forEach((v, i) => {
      const s = this.string(v, `${path}[${i}]`);
      if (s === undefined) return;
      if (out.includes(s)) this.fail(`${path}[${i}]`, `"${s}" is listed twice`);
      else out.push(s);
    });
    return out;
  }

  /** A whole number ≥ 1. */
  wholeNumber(value: unknown, path: string): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      return this.fail(path, `expected a whole number ≥ 1, got ${show(value)}`);
    }
    return value;
  }

  /** A number strictly between 0 and 1, or `fallback` when absent. */
  fraction(value: unknown, path: string, fallback: number): number {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !(value > 0 && value < 1)) {
      return this.fail(path, `expected a number between 0 and 1, got ${show(value)}`) ?? fallback;
    }
    return value;
  }

  /**
   * A number for which `ok` holds, or `fallback` when absent; `expected` describes it in the
   * message ("a whole number ≥ 0").
   */
  number(
    value: unknown,
    path: string,
    fallback: number,
    ok: (x: number) => boolean,
    expected: string,
  ): number {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !ok(value)) {
      return this.fail(path, `expected ${expected}, got ${show(value)}`) ?? fallback;
    }
    return value;
  }

  /** A pair `[low, high]` of finite numbers with low ≤ high, or `fallback` when absent. */
  range(
    value: unknown,
    path: string,
    fallback: readonly [number, number],
  ): readonly [number, number] {
    if (value === undefined) return fallback;
    const ok =
      Array.isArray(value) &&
      value.length === 2 &&
      value.every((x) => typeof x === 'number' && Number.isFinite(x)) &&
      value[0] <= value[1];
    if (!ok) {
      return (
        this.fail(path, `expected a pair [low, high] with low ≤ high, got ${show(value)}`) ??
        fallback
      );
    }
    return [value[0], value[1]];
  }

  /**
   * An object whose values are all finite numbers (`kind: 'number'`) or all texts
   * (`kind: 'string'`); `what` describes it in the message ("term name → number").
   */
  record<K extends 'number' | 'string'>(
    value: unknown,
    path: string,
    kind: K,
    what: string,
  ): Record<string, K extends 'number' ? number : string> | undefined {
    const ok =
      isJsonObject(value) &&
      Object.values(value).every((x) =>
        kind === 'number' ? typeof x === 'number' && Number.isFinite(x) : typeof x === 'string',
      );
    if (!ok) return this.fail(path, `expected an object of ${what}, got ${show(value)}`);
    return { ...(value as Record<string, K extends 'number' ? number : string>) };
  }

  /** One of `allowed` (with a did-you-mean), or `fallback` when absent. */
  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[], fallback: T): T {
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      const hint = typeof value === 'string' ? didYouMean(value, allowed) : '';
      return (
        this.fail(path, `expected one of ${allowed.join(', ')}, got ${show(value)}${hint}`) ??
        fallback
      );
    }
    return value as T;
  }
}
