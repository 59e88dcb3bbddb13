/**
 * Arm comparisons of other outcomes in the database: per outcome and arm the clients with a
 * value, the missing, the mean and SD (`AVG`, `VAR_SAMP`), the difference in proportions (0/1
 * outcomes) or means (Welch), and the OLS-adjusted difference with its HC2 SE — as the in-memory
 * `compareArms` with `adjustment: 'ols'`.
 */
import type { ArmComparison, ArmSummary, OutcomeKind } from '../analysis/compare-arms.js';
import { InputError } from '../errors.js';
import { checkSeType, type SeType } from '../estimate/vcov.js';
import { type Estimate, estimateFromSe } from '../stats/estimate.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { diffInProportions } from '../stats/proportions.js';
import { countWhere, requireKind } from './checks.js';
import {
  type DisclosureSpec,
  enoughClients,
  maskedCount,
  publishable,
  type Suppressed,
  thresholdOf,
} from './disclosure.js';
import { buildFrame, type SqlExclusion, type TwoArmSpec } from './frame.js';
import { treatmentEffect } from './ols-sample.js';
import { asRunner, type Database } from './runner.js';
import type { Source } from './source.js';
import { asDouble, quoteIdent } from './sql.js';

/** One outcome: a column, or a column with its label and kind. */
export interface SqlOutcomeSpec {
  readonly column: string;
  readonly label?: string;
  /** `'binary'`, `'numeric'` or `'auto'` (default: binary when every value is 0 or 1). */
  readonly kind?: OutcomeKind | 'auto';
}

/** Options of the in-database {@link compareArms}. */
export interface SqlCompareArmsSpec extends TwoArmSpec, DisclosureSpec {
  readonly outcomes: readonly (string | SqlOutcomeSpec)[];
  /** Adjusted difference (default: true with covariates). */
  readonly adjust?: boolean;
  readonly se?: SeType;
  readonly level?: number;
}

/** One outcome's comparison, as in memory (`format` and `digits` are display-only, absent). */
export type SqlArmComparison = Omit<
  ArmComparison,
  'format' | 'digits' | 'treatment' | 'control'
> & {
  readonly treatment: SqlArmSummary;
  readonly control: SqlArmSummary;
};

/** An arm's summary; `missing` is `null` when it is a small count (withheld). */
export type SqlArmSummary = Omit<ArmSummary, 'missing'> & { readonly missing: number | null };

/** The result of the in-database {@link compareArms}. */
export interface SqlArmComparisons {
  readonly arms: { readonly treatment: string; readonly control: string };
  /** The outcomes returned; withheld ones are listed in `suppressed`. */
  readonly outcomes: readonly SqlArmComparison[];
  readonly covariates: readonly string[];
  readonly excluded: readonly SqlExclusion[];
  readonly level: number;
  readonly se: SeType;
  readonly suppressed: Suppressed;
  readonly method: string;
}

const KEYS: AllKeys<SqlCompareArmsSpec> = {
  arm: true,
  treatment: true,
  control: true,
  covariates: true,
  reference: true,
  factors: true,
  outcomes: true,
  adjust: true,
  se: true,
  level: true,
  threshold: true,
};

/**
 * Compares the two arms on each outcome in the database (see the module notes). An outcome whose
 * arm counts (clients with a value; for 0/1 outcomes also successes and failures) are below the
 * threshold is withheld in SQL.
 *
 * @example
 * const c = await compareArms(db, 'jobs', { treatment: 'intensive', control: 'basic', outcomes: ['permanent', 'hourly_wage'], covariates: ['age'] });
 * c.outcomes[0]?.difference.estimate;
 */
export async function compareArms(
  db: Database,
  source: Source,
  spec: SqlCompareArmsSpec,
): Promise<SqlArmComparisons> {
  rejectUnknownKeys(spec, KEYS, 'compareArms (in-database)');
  const runner = asRunner(db);
  const dialect = runner.dialect;
  const q = (s: string) => quoteIdent(s, dialect);
  const threshold = thresholdOf(spec);
  const level = spec.level ?? 0.95;
  const se = checkSeType(spec.se ?? 'HC2');
  if (!Array.isArray(spec.outcomes) || spec.outcomes.length === 0) {
    throw new InputError('outcomes is empty: list the outcome columns to compare', {
      code: 'invalid-option',
    });
  }
  const outcomes: SqlOutcomeSpec[] = spec.outcomes.map((o, i) => {
    if (typeof o === 'string') return { column: o };
    rejectUnknownKeys(o, { column: true, label: true, kind: true }, `compareArms: outcomes[${i}]`);
    return o;
  });
  const frame = await buildFrame(runner, source, spec, {
    require: { names: outcomes.map((o) => o.column), role: 'outcome' },
    threshold,
  });
  const columns = await runner.columns(frame.relation);
  const adjust = spec.adjust ?? frame.covariateNames.length > 0;
  const isT = frame.design[1]!.sql;
  const suppressed: string[] = [];
  const results: SqlArmComparison[] = [];
  for (const o of outcomes) {
    const column = requireKind(columns, o.column, ['number', 'boolean'], 'numbers or booleans');
    const raw = q(o.column);
    const y =
      column.kind === 'boolean'
        ? asDouble(`CASE WHEN ${raw} THEN 1 ELSE 0 END`, dialect)
        : asDouble(raw, dialect);
    const arm = (which: 1 | 0, expr: string) => `CASE WHEN ${isT} = ${which} THEN ${expr} END`;
    const stats: Record<string, string> = {};
    for (const [g, which] of [
      ['t', 1],
      ['c', 0],
    ] as const) {
      stats[`n_${g}`] = countWhere(`${isT} = ${which} AND ${raw} IS NOT NULL`);
      stats[`missing_${g}`] = maskedCount(
        countWhere(`${isT} = ${which} AND ${raw} IS NULL`),
        threshold,
      );
      stats[`mean_${g}`] = `AVG(${arm(which, y)})`;
      stats[`var_${g}`] = `VAR_SAMP(${arm(which, y)})`;
      stats[`ones_${g}`] = countWhere(`${isT} = ${which} AND ${y} = 1`);
    }
    stats.other = countWhere(`${raw} IS NOT NULL AND ${y} <> 0 AND ${y} <> 1`);
    const filter = [enoughClients(q('n_t'), threshold), enoughClients(q('n_c'), threshold)];
    const stated = o.kind ?? 'auto';
    const select = Object.entries(stats)
      .map(([k, v]) => `${v} AS ${q(k)}`)
      .join(', ');
    const inner = `SELECT ${select} FROM ${frame.relation} WHERE ${frame.where}`;
    // A 0/1 outcome also needs its successes and failures publishable per arm.
    const binaryOk = ['t', 'c']
      .map(
        (g) =>
          `${publishable(q(`ones_${g}`), threshold)} AND ${publishable(`${q(`n_${g}`)} - ${q(`ones_${g}`)}`, threshold)}`,
      )
      .join(' AND ');
    const guard =
      stated === 'numeric' ? filter : [...filter, `(${q('other')} > 0 OR (${binaryOk}))`];
    const [row] = await runner.query(
      `SELECT * FROM (${inner}) ${q('s')} WHERE ${guard.join(' AND ')}`,
    );
    if (!row) {
      suppressed.push(
        `outcome '${o.column}': withheld (an arm with fewer than ${threshold} values, or few successes or failures)`,
      );
      continue;
    }
    const num = (k: string) => Number(row[k]);
    const binary = num('other') === 0;
    if (stated === 'binary' && !binary) {
      throw new InputError(
        `outcome '${o.column}' is stated binary but has other values than 0/1 in ${num('other')} rows (row numbers are not read from the database); binary outcomes hold 0/1`,
        { code: 'not-binary', column: o.column },
      );
    }
    const kind: OutcomeKind = stated === 'auto' ? (binary ? 'binary' : 'numeric') : stated;
    const summary = (g: 't' | 'c'): SqlArmSummary => {
      const n = num(`n_${g}`);
      const m = row[`missing_${g}`];
      return {
        n,
        missing: m === null ? null : Number(m),
        mean: num(`mean_${g}`),
        sd: n > 1 ? Math.sqrt(num(`var_${g}`)) : Number.NaN,
      };
    };
    const treatment = summary('t');
    const control = summary('c');
    let difference: Estimate;
    if (kind === 'binary') {
      difference = strip(
        diffInProportions(
          { successes: num('ones_t'), n: treatment.n },
          { successes: num('ones_c'), n: control.n },
          { level },
        ),
      );
    } else {
      const a = num('var_t') / treatment.n;
      const b = num('var_c') / control.n;
      const df = ((a + b) * (a + b)) / ((a * a) / (treatment.n - 1) + (b * b) / (control.n - 1));
      difference = estimateFromSe(
        treatment.mean - control.mean,
        Math.sqrt(a + b),
        df,
        level,
        treatment.n + control.n,
        'difference in means, Welch SE, t test with Satterthwaite df',
      );
    }
    const adjusted = adjust
      ? await treatmentEffect(runner, {
          relation: frame.relation,
          where: `${frame.where} AND ${raw} IS NOT NULL`,
          design: frame.design,
          y,
          binary: kind === 'binary',
          se,
          level,
          threshold,
        })
      : undefined;
    if (adjust && !adjusted)
      suppressed.push(
        `outcome '${o.column}': adjusted difference withheld (a count below ${threshold} among the model's cross-products)`,
      );
    results.push({
      outcome: o.column,
      label: o.label ?? o.column,
      kind,
      treatment,
      control,
      difference,
      ...(adjusted ? { adjusted } : {}),
    });
  }
  const { treatment, control } = frame.labels;
  return {
    arms: { treatment, control },
    outcomes: results,
    covariates: adjust ? frame.covariateNames : [],
    excluded: frame.excluded,
    level,
    se,
    suppressed: { threshold, items: suppressed },
    method: `in-database (${dialect.name}): ${treatment} − ${control} per outcome: 0/1 outcomes difference in proportions, unpooled (Neyman) SE, z test; numeric outcomes difference in means, Welch SE, t test with Satterthwaite df${adjust ? `; adjusted: OLS on treatment + ${frame.covariateNames.length} covariate columns from X'X and X'y, ${se} SE from a second pass, t test on n − k df` : ''}; counts below ${threshold} withheld in the database`,
  };
}

function strip(e: Estimate): Estimate {
  const { estimate, stdError, ci, statistic, df, pValue, stars, n, level, method } = e;
  return { estimate, stdError, ci, statistic, df, pValue, stars, n, level, method };
}
