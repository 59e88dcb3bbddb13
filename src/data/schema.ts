/**
 * The experiment data schema (one row per client; see DESIGN.md) with every column name
 * configurable. Defaults: `id`, `arm`, `followup_months`, and as events every `month_*` column.
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

/** The default column names of DESIGN.md. */
export const DEFAULT_EXPERIMENT_SCHEMA = {
  id: 'id',
  arm: 'arm',
  followup: 'followup_months',
  eventPrefix: 'month_',
} as const;

/**
 * Fills in the defaults of a schema. Without `events`, every column of `columnNames` starting
 * with `month_` is an event column.
 *
 * @example
 * resolveSchema({ arms: ['experiment', 'control'] }, ['id', 'arm', 'followup_months', 'month_work']).events;
 * // ['month_work']
 */
export function resolveSchema(
  schema: ExperimentSchema = {},
  columnNames: readonly string[] = [],
): ResolvedExperimentSchema {
  return {
    id: schema.id ?? DEFAULT_EXPERIMENT_SCHEMA.id,
    arm: schema.arm ?? DEFAULT_EXPERIMENT_SCHEMA.arm,
    arms: schema.arms,
    followup: schema.followup ?? DEFAULT_EXPERIMENT_SCHEMA.followup,
    events:
      schema.events ??
      columnNames.filter((n) => n.startsWith(DEFAULT_EXPERIMENT_SCHEMA.eventPrefix)),
    maxMonth: schema.maxMonth,
    covariates: schema.covariates ?? [],
    decile: schema.decile,
  };
}
