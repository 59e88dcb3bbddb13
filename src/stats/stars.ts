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
  const fail = (message: string, value?: unknown): never => {
    throw new InputError(`stars: ${message}`, {
      code: 'invalid-option',
      ...(value === undefined ? {} : { value: String(value) }),
    });
  };
  if (levels === null || typeof levels !== 'object') fail('expected { "†", "*", "**" } levels');
  for (const key of Object.keys(levels)) {
    if (!(MARKS as readonly string[]).includes(key)) {
      fail(`unknown key '${key}' (the marks are †, * and **)`, key);
    }
  }
  for (const mark of MARKS) {
    const p = levels[mark];
    if (!(typeof p === 'number' && p > 0 && p < 1)) {
      fail(`level of '${mark}' must be a p-value threshold in (0, 1), got ${String(p)}`, p);
    }
  }
  if (!(levels['**'] < levels['*'] && levels['*'] < levels['†'])) {
    fail(
      `levels must satisfy ** < * < †, got ** ${levels['**']}, * ${levels['*']}, † ${levels['†']}`,
    );
  }
  return levels;
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
  // 0.2 → "0.20" as the reports write it; finer levels as they are (0.001).
  const fixed = (p: number) =>
    Number.isInteger(Math.round(p * 1e6) / 1e4) ? p.toFixed(2) : String(Number(p.toPrecision(6)));
  return `Stars: † p < ${fixed(levels['†'])}, * p < ${fixed(levels['*'])}, ** p < ${fixed(levels['**'])}${test ? ` (p-values: ${test})` : ''}`;
}
