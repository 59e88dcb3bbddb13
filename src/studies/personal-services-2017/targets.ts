/**
 * The personal-services study's published figures that the synthetic data are calibrated to.
 * Read by the calibration (`calibrate.ts`) and the tests only: no analysis code imports this file;
 * the reproduction report (`report-html.ts`) shows it only in its "published (report)" column.
 */

/** Service vs no service within 12 months of inflow: job-finding +2.0 pp, WW reliance −2.1 pp. */
export const PERSONAL_SERVICES_2017_TARGETS = { job12: 0.02, reliance12: -0.021 } as const;

/** SEO's summary of the second interim report: WW outflow higher in months 6–11. */
export const PERSONAL_SERVICES_2017_ENFORCEMENT_MONTHS = [6, 7, 8, 9, 10, 11] as const;
