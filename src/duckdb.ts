/**
 * effectmeting/duckdb: the effect series, outflow curves, arm comparisons and balance table on a
 * table, view or Parquet file in DuckDB (`@duckdb/node-api`, an optional peer dependency), by
 * pushing the sufficient statistics down as SQL. Only aggregates come back — counts per arm ×
 * month, X'X and X'y (k × k), the sandwich sums of a second pass — and counts below the
 * disclosure threshold (default 10) are withheld in SQL. No row and no id leaves the database.
 * The statements are plain SQL: the same generators run them on PostgreSQL, Spark SQL or Trino
 * through a {@link SqlRunner}.
 *
 * @example
 * import { DuckDBInstance } from '@duckdb/node-api';
 * import { effectSeries } from 'effectmeting/duckdb';
 * const db = await (await DuckDBInstance.create()).connect();
 * const series = await effectSeries(db, { parquet: 'clients.parquet' }, {
 *   event: 'month_bijstand', months: 24, covariates: ['gender', 'age', 'education'],
 * });
 *
 * @module effectmeting/duckdb
 */

export {
  balanceTable,
  type SqlBalance,
  type SqlBalanceSpec,
} from './duckdb/balance.js';
export { NO_ROWS } from './duckdb/checks.js';
export {
  compareArms,
  type SqlArmComparison,
  type SqlArmComparisons,
  type SqlArmSummary,
  type SqlCompareArmsSpec,
  type SqlOutcomeSpec,
} from './duckdb/compare-arms.js';
export type { CovariateTerm, DesignColumn } from './duckdb/design.js';
export {
  DEFAULT_THRESHOLD,
  type DisclosureSpec,
  type Suppressed,
} from './duckdb/disclosure.js';
export {
  effectSeries,
  type SqlEffectSeries,
  type SqlEffectSeriesSpec,
} from './duckdb/effect-series.js';
export {
  buildFrame,
  type Frame,
  type FrameOptions,
  type SqlExclusion,
  type TwoArmSpec,
} from './duckdb/frame.js';
export { hcPassSql, type SampleConstants } from './duckdb/hc-pass.js';
export {
  countsSql,
  type MomentsOutcome,
  type MonthlyOutcome,
  momentsSql,
} from './duckdb/moments.js';
export { cumulativeOutflow, type SqlOutflow, type SqlOutflowSpec } from './duckdb/outflow.js';
export {
  type ColumnKind,
  type Database,
  duckdbRunner,
  type SqlColumn,
  type SqlRow,
  type SqlRunner,
  type SqlValue,
} from './duckdb/runner.js';
export {
  type ParquetSource,
  relationSql,
  type Source,
  type TableSource,
} from './duckdb/source.js';
export { DUCKDB, POSTGRES, SPARK, type SqlDialect } from './duckdb/sql.js';
