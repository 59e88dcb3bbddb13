/**
 * The several-arm keys of the analysis plan (issue #14): `config.arms.labels`, `reference`,
 * `contrasts` and `pAdjust`, read and checked with every problem named by its field. With them,
 * `evaluate` adds one table of every contrast per event (`result.armContrasts`), from one model
 * per month with every arm.
 */
import type { ArmContrastsSpec } from '../analysis/several-arms.js';
import { type JsonObject, type SpecReader, show } from '../data/spec-reader.js';

/** The several-arm part of a plan. */
export interface SeveralArmsPlan {
  /** The arm labels, in display order (at least two). */
  readonly labels: readonly string[];
  /** The reference arm (default: the last label). */
  readonly reference: string;
  /** `reference` (default), `all-pairs`, or a list of pairs [a, b] (contrast a − b). */
  readonly contrasts: ArmContrastsSpec;
  /** Multiplicity adjustment across the contrasts within each month (default `none`). */
  readonly pAdjust: 'none' | 'holm' | 'BH' | 'bonferroni';
}

/** The keys of `config.arms` this module reads. */
export const SEVERAL_ARMS_PLAN_KEYS = ['labels', 'reference', 'contrasts', 'pAdjust'] as const;

const P_ADJUST = ['none', 'holm', 'BH', 'bonferroni'] as const;

/**
 * Reads the several-arm keys of `config.arms` (absent without `labels`; `reference`,
 * `contrasts` or `pAdjust` without `labels` is a problem). The two-arm analyses of the plan run
 * on `treatment` and `control`, which default to the first non-reference label and the
 * reference.
 *
 * @example
 * const r = new SpecReader();
 * readSeveralArms(r, { labels: ['service', 'control_enforcement', 'control_none'], contrasts: 'all-pairs' });
 * // { plan: { labels: […], reference: 'control_none', contrasts: 'all-pairs', pAdjust: 'none' }, treatment: 'service', control: 'control_none' }
 */
export function readSeveralArms(
  r: SpecReader,
  a: JsonObject,
): { plan: SeveralArmsPlan; treatment: string; control: string } | undefined {
  const path = 'config.arms';
  if (a.labels === undefined) {
    for (const key of ['reference', 'contrasts', 'pAdjust'] as const) {
      if (a[key] !== undefined) {
        r.fail(`${path}.${key}`, `needs ${path}.labels, the list of arms to compare`);
      }
    }
    return undefined;
  }
  const labels = r.strings(a.labels, `${path}.labels`);
  if (labels.length < 2) {
    r.fail(`${path}.labels`, `expected at least two arm labels, got ${show(a.labels)}`);
    return undefined;
  }
  const reference = r.optionalString(a.reference, `${path}.reference`, labels[labels.length - 1]!);
  if (!labels.includes(reference)) {
    r.fail(`${path}.reference`, `"${reference}" is not one of ${path}.labels`);
  }
  let contrasts: ArmContrastsSpec = 'reference';
  const c = a.contrasts;
  if (c === 'reference' || c === 'all-pairs' || c === undefined) {
    contrasts = c ?? 'reference';
  } else if (Array.isArray(c) && c.length > 0) {
    const pairs: [string, string][] = [];
    c.forEach((p, i) => {
      const at = `${path}.contrasts[${i}]`;
      if (!Array.isArray(p) || p.length !== 2 || !p.every((x) => typeof x === 'string')) {
        r.fail(at, `expected a pair of arm labels ["a", "b"] (the contrast a − b), got ${show(p)}`);
        return;
      }
      const [x, y] = p as [string, string];
      for (const v of [x, y]) {
        if (!labels.includes(v)) r.fail(at, `"${v}" is not one of ${path}.labels`);
      }
      if (x === y) r.fail(at, `compares "${x}" with itself`);
      pairs.push([x, y]);
    });
    contrasts = pairs;
  } else {
    r.fail(
      `${path}.contrasts`,
      `expected "reference", "all-pairs" or a list of pairs [["a", "b"], …], got ${show(c)}`,
    );
  }
  const pAdjust = r.oneOf(a.pAdjust, `${path}.pAdjust`, P_ADJUST, 'none');
  const treatment = labels.find((l) => l !== reference) ?? labels[0]!;
  return { plan: { labels, reference, contrasts, pAdjust }, treatment, control: reference };
}
