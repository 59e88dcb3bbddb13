/** One row of a minimum-detectable-effect table, formatted for Markdown (the `power` command). */
import {
  formatNumber,
  formatPercent,
  formatPp,
  formatPrecision,
  formatCount as formatWhole,
} from '../format.js';
import type { MdeResult } from './power.js';
import type { MeansPowerResult } from './power-means.js';

/**
 * A client count: whole numbers with thousands separators, fractions with one decimal.
 *
 * @example
 * formatCount(2965); // "2,965"
 * formatCount(489.5); // "489.5"
 */
export function formatCount(n: number): string {
  return Number.isInteger(n) ? formatWhole(n) : formatNumber(n, 1);
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
    R2: formatNumber(m.rSquared, 2),
    'MDE (ITT)': formatPp(m.itt),
    'MDE per participant': formatPp(m.perParticipant),
    'relative to control': formatPercent(m.relative),
    SE: formatPp(m.stdError, 2),
  };
}

/**
 * A {@link MeansPowerResult} as one labelled table row: sizes (and clusters), SD, design
 * effect, df, the difference in means (ITT and per participant, in the outcome's units), its SE
 * and the power.
 *
 * @example
 * markdownTable([meansPowerRow('offices', powerTTest({ nTreatment: 500, nControl: 500, power: 0.8, clusters: { icc: 0.05, size: 25 } }))]);
 */
export function meansPowerRow(label: string, r: MeansPowerResult): Record<string, string> {
  const clusters: Record<string, string> =
    r.clustersTreatment === undefined
      ? {}
      : {
          'clusters treated / control': `${formatCount(r.clustersTreatment)} / ${formatCount(r.clustersControl!)}`,
        };
  return {
    design: label,
    'n treated / control': `${formatCount(r.nTreatment)} / ${formatCount(r.nControl)}`,
    ...clusters,
    SD: formatPrecision(r.sd),
    'design effect': formatPrecision(r.designEffect),
    df: formatPrecision(r.df),
    'difference (ITT)': formatPrecision(r.delta),
    'per participant': formatPrecision(r.deltaPerParticipant),
    SE: formatPrecision(r.stdError),
    power: formatPercent(r.power),
  };
}
