/** One row of a minimum-detectable-effect table, formatted for Markdown (the `power` command). */
import { formatPercent, formatPp } from '../format.js';
import type { MdeResult } from './power.js';

/**
 * A client count: whole numbers with thousands separators, fractions with one decimal.
 *
 * @example
 * formatCount(2965); // "2,965"
 * formatCount(489.5); // "489.5"
 */
export function formatCount(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(1);
}

/**
 * An {@link MdeResult} as one labelled table row: sizes, control rate, R², the MDE as ITT, per
 * participant and relative to the control rate, and its standard error.
 *
 * @example
 * markdownTable([mdeRow('pilot', minimumDetectableEffect({ controlRate: 0.415, nTreatment: 978, nControl: 240 }))]);
 */
export function mdeRow(label: string, m: MdeResult): Record<string, string> {
  return {
    design: label,
    'n treated / control': `${formatCount(m.nTreatment)} / ${formatCount(m.nControl)}`,
    'control rate': formatPercent(m.controlRate),
    R2: m.rSquared.toFixed(2),
    'MDE (ITT)': formatPp(m.itt),
    'MDE per participant': formatPp(m.perParticipant),
    'relative to control': formatPercent(m.relative),
    SE: formatPp(m.stdError, 2),
  };
}
