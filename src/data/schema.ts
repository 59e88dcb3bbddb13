/**
 * The experiment data schema (one row per client; see docs/data-schema.md) with every column
 * name configurable. Every default of the library's column roles is written here, once:
 * `id`, `arm` (arms `experiment` / `control`), `followup_months`, as events every `month_*`
 * column, `participation`, `decile`, `risk`.
 */

/** Column names and rules of an experiment table. Every field is optional; see the defaults. */
export interface ExperimentSchema {
  /** Client key column (pseudonym or BSN; never echoed). Default `id`. */
  readonly id?: string;
  /** Assigned arm column. Default `arm`. */
  readonly arm?: string;
  /** Allowed arm labels; when absent, any non-missing label is accepted. */
  readonly arms?: readonly string[];
  /** Months observed since the start (censoring). Default `followup_months`. */
  readonly followup?: string;
  /** Event-month columns (1-based month of first occurrence, missing if never). Default: all `month_*` columns. */
  readonly events?: readonly string[];
  /** Largest valid event month (e.g. 24). Default: no upper bound besides follow-up. */
  readonly maxMonth?: number;
  /** Covariate columns that must be present. Default none. */
  readonly covariates?: readonly string[];
  /** Risk-scan decile column (integers 1–10, 1 = highest risk). Default: not checked. */
  readonly decile?: string;
}

/** A schema with its defaults filled in. */
export interface ResolvedExperimentSchema {
  readonly id: string;
  readonly arm: string;
  readonly arms: readonly string[] | undefined;
  readonly followup: string;
  readonly events: readonly string[];
  readonly maxMonth: number | undefined;
  readonly covariates: readonly string[];
  readonly decile: string | undefined;
}

/** The default column names and arm labels of docs/data-schema.md: the only place they are written. */
export const DEFAULT_EXPERIMENT_SCHEMA = {
  id: 'id',
  arm: 'arm',
  treatment: 'experiment',
  control: 'control',
  followup: 'followup_months',
  eventPrefix: 'month_',
  participation: 'participation',
  decile: 'decile',
  risk: 'risk',
} as const;

/**
 * The largest follow-up or event month the library believes: 1,200 months is 100 years. A larger
 * value is not a duration but a mistake (a date or an id typed into the column), so validation
 * and the intake refuse it (`out-of-range`) instead of computing with it.
 */
export const MAX_PLAUSIBLE_MONTHS = 1200;
