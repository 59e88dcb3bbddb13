/** The nine Maatwerkscan features as columns of a synthetic client row. */

/**
 * The risk scan's nine features, with the column names every synthetic file uses (the pilot and
 * the national scan populations alike), so one scan model reads both.
 */
export interface ScanFeatureRow {
  readonly prior_bijstand: 0 | 1;
  readonly ww_entitlement_months: number;
  readonly ww_months_left: number;
  readonly ww_benefit: number;
  readonly other_income: 0 | 1;
  readonly ww_supplement: 0 | 1;
  readonly age_at_ww_start: number;
  readonly household: 'single' | 'cohabiting';
  readonly municipality: string;
}
