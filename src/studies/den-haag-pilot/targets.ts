/**
 * The Den Haag pilot's published figures that the synthetic data are calibrated to. Read by the
 * calibration (`calibrate.ts`) and the tests only: no analysis code imports this file; the
 * reproduction report (`report-html.ts`) shows it only in its "published (report)" column.
 * The design counts imposed by construction (arms, decile 1, Table 2) are in `design.ts`.
 */

/** Calibration targets (published margins, and the windows the seed searches accept). */
export const DEN_HAAG_TARGETS = {
  /** Scan: mean predicted risk 3.7 % and 90th percentile 7 %. */
  meanRisk: 0.037,
  riskP90: 0.07,
  /** Decile-1 control share in bijstand by month 24: 95 of the 229 observed 24 months. */
  controlDecile1: 95 / 229,
  /** Decile-1 experiment share by month 24: 322 of the 938 observed 24 months (34.3 %). */
  experimentShare24: 322 / 938,
  /** Decile-2 control share by month 24 (≈ 9 %). */
  controlDecile2: 0.09,
  /** Adjusted month-24 effect: standard error ≈ 2.8 pp and estimate −6.3 pp. */
  adjustedSe24: 0.028,
  adjusted24: -0.0632,
  /** Decile-1 control: 95 of the 229 clients observed 24 months (see docs). */
  controlEvents: 95,
  /** Decile-1 experiment: 322 of the 938 clients observed 24 months. */
  experimentEvents: 322,
  /** Window of the adjusted month-24 effect that rounds to the published −6.3 pp. */
  adjustedWindow: [-0.0635, -0.06288] as const,
  /** Extra clients in work by month 24 (978 × difference in the share with work). */
  extraWork: [50, 75] as const,
} as const;
