/**
 * Configurable significance stars: the three levels behind †, * and ** (default the UWV
 * reports' 20 / 10 / 5 %), their check, and the legend a table prints under its stars — what
 * they mean and which test made them.
 */
import { InputError } from '../errors.js';
import type { Stars } from './estimate.js';

/** Two-sided p-value thresholds of the three marks; they must satisfy 0 < ** < * < † < 1. */
export interface StarLevels {
  readonly '†': number;
  readonly '*': number;
  readonly '**': number;
}

/** The reports' levels: † p < 0.20, * p < 0.10, ** p < 0.05. */
export const REPORT_STAR_LEVELS: StarLevels = { '†': 0.2, '*': 0.1, '**': 0.05 };

const MARKS = ['†', '*', '**'] as const;

/**
 * Checks star levels — exactly the keys `†`, `*`, `**`, each in (0, 1), with ** < * < † — and
 * returns them; `undefined` gives {@link REPORT_STAR_LEVELS}. Throws `InputError`
 * (`invalid-option`) naming the key or the order that is wrong.
 *
 * @example
 * checkStarLevels({ '†': 0.1, '*': 0.05, '**': 0.01 }); // the journals' 10 / 5 / 1 %
 * checkStarLevels({ '†': 0.05, '*': 0.1, '**': 0.01 }); // throws: † must be above *
 */
export function checkStarLevels(levels: StarLevels | undefined): StarLevels {
  if (levels === undefined) return REPORT_STAR_LEVELS;
  const problem = starLevelsProblem(levels);
  if (problem) throw new InputError(`stars: ${problem}`, { code: 'invalid-option' });
  return levels;
}

/**
 * What is wrong with a star-level object, in words, or `undefined` when it is valid: exactly
 * the keys `†`, `*`, `**`, each a number in (0, 1), with ** < * < †. The one check behind
 * {@link checkStarLevels} and the `methods.stars` key of an analysis config.
 *
 * @example
 * starLevelsProblem({ '†': 0.2, '*': 0.1, '**': 0.05 }); // undefined
 * starLevelsProblem({ '†': 0.2, '*': 0.1 }); // "level of '**' must be a p-value threshold in (0, 1), got undefined"
 */
export function starLevelsProblem(levels: unknown): string | undefined {
  if (levels === null || typeof levels !== 'object' || Array.isArray(levels)) {
    return 'expected an object { "†": 0.2, "*": 0.1, "**": 0.05 } of p-value thresholds';
  }
  const o = levels as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!(MARKS as readonly string[]).includes(key)) {
      return `unknown key '${key}' (the marks are †, * and **)`;
    }
  }
  for (const mark of MARKS) {
    const p = o[mark];
    if (!(typeof p === 'number' && p > 0 && p < 1)) {
      return `level of '${mark}' must be a p-value threshold in (0, 1), got ${String(p)}`;
    }
  }
  const [dagger, one, two] = MARKS.map((m) => o[m] as number);
  if (!(two! < one! && one! < dagger!)) {
    return `levels must satisfy ** < * < †, got ** ${two}, * ${one}, † ${dagger}`;
  }
  return undefined;
}

/**
 * The mark of a two-sided p-value at the given levels: `**` when p < level(**), `*` when
 * p < level(*), `†` when p < level(†), else none (also for a p that is not a number).
 *
 * @example
 * starsAt(0.03); // "**"
 * starsAt(0.03, { '†': 0.1, '*': 0.05, '**': 0.01 }); // "*"
 */
export function starsAt(pValue: number, levels: StarLevels = REPORT_STAR_LEVELS): Stars {
  if (!(pValue >= 0 && pValue <= 1)) return '';
  if (pValue < levels['**']) return '**';
  if (pValue < levels['*']) return '*';
  if (pValue < levels['†']) return '†';
  return '';
}

/**
 * The legend under a table with stars: what each mark means and which test made the p-values
 * (say "two-sided" in `test` where it is).
 *
 * @example
 * starLegend(undefined, 'two-sided t test of the HC2 coefficient on n − k df');
 * // "Stars: † p < 0.20, * p < 0.10, ** p < 0.05 (p-values: two-sided t test of the HC2 coefficient on n − k df)"
 */
export function starLegend(levels: StarLevels = REPORT_STAR_LEVELS, test?: string): string {
  return `Stars: ${starLevelsText(levels)}${test ? ` (p-values: ${test})` : ''}`;
}

/**
 * The levels of the stars in words, as the method texts and legends write them.
 *
 * `decimal` is the language's decimal mark (`numberStyleOf(lang).decimal`).
 *
 * @example
 * starLevelsText(); // "† p < 0.20, * p < 0.10, ** p < 0.05"
 * starLevelsText(undefined, ','); // "† p < 0,20, * p < 0,10, ** p < 0,05"
 */
export function starLevelsText(levels: StarLevels = REPORT_STAR_LEVELS, decimal = '.'): string {
  // 0.2 → "0.20" as the reports write it; finer levels as they are (0.001).
  const fixed = (p: number) =>
    (Number.isInteger(Math.round(p * 1e6) / 1e4)
      ? p.toFixed(2)
      : String(Number(p.toPrecision(6)))
    ).replace('.', decimal);
  return `† p < ${fixed(levels['†'])}, * p < ${fixed(levels['*'])}, ** p < ${fixed(levels['**'])}`;
}

/**
 * An estimate with its stars recomputed at other levels (`starsAt(pValue, levels)`); every
 * other field unchanged. For results whose stars were set at the reports' default levels.
 *
 * @example
 * restar({ pValue: 0.03, stars: '**' }, { '†': 0.1, '*': 0.05, '**': 0.01 }); // { pValue: 0.03, stars: '*' }
 */
export function restar<T extends { readonly pValue: number; readonly stars: Stars }>(
  estimate: T,
  levels: StarLevels = REPORT_STAR_LEVELS,
): T {
  return { ...estimate, stars: starsAt(estimate.pValue, levels) };
}
