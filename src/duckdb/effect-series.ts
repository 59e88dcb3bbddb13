/**
 * The effect per month in the database (complete follow-up): counts per arm × month for the raw
 * difference, X'X and X'y per month for the adjusted OLS effect, and the HC2 (or HC0, HC1, HC3,
 * classical) variance of the treatment coefficient in a second pass. Only per-month aggregates
 * come back; months whose counts are small are withheld in SQL and listed in `suppressed`.
 */
import type { MonthEffect } from '../analysis/effect-series.js';
import { monthList } from '../analysis/months.js';
import { noVariation } from '../analysis/series-design.js';
import { InputError } from '../errors.js';
import { coefficientEstimate } from '../estimate/inference.js';
import { checkSeType, type SeType } from '../estimate/vcov.js';
import {
  chooseShareInterval,
  newcombeDifference,
  SHARE_INTERVALS,
  type ShareInterval,
  SMALL_EXPECTED_COUNT,
  smallestExpectedCount,
} from '../outcomes/newcombe.js';
import type { Estimate } from '../stats/estimate.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { diffInProportions } from '../stats/proportions.js';
import { type DisclosureSpec, type Suppressed, thresholdOf } from './disclosure.js';
import { type PassSums, type SolvedSample, solveMoments, treatmentSe } from './fit.js';
import { buildFrame, type Frame, type SqlExclusion, type TwoArmSpec } from './frame.js';
import { hcPassSql } from './hc-pass.js';
import { countsSql, type MomentsOutcome, momentsSql } from './moments.js';
import { asRunner, type Database } from './runner.js';
import type { Source } from './source.js';
import { quoteIdent } from './sql.js';

/** Options of the in-database {@link effectSeries}. */
export interface SqlEffectSeriesSpec extends TwoArmSpec, DisclosureSpec {
  /** Event-month column (e.g. `month_bijstand`). */
  readonly event: string;
  /** Follow-up column (default `followup_months`). */
  readonly followup?: string;
  /** A last month (1…M) or a list of months. Default: 1 … the largest whole follow-up. */
  readonly months?: number | readonly number[];
  /** `'ols'` (default with covariates) or `'none'`. */
  readonly adjustment?: 'ols' | 'none';
  /** Standard errors of the adjusted effect (default `'HC2'`). */
  readonly se?: SeType;
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Raw interval: `'auto'` (default), `'wald'` or `'newcombe'`, as in memory. */
  readonly rawInterval?: ShareInterval;
}

/** The result of the in-database {@link effectSeries}. */
export interface SqlEffectSeries {
  readonly event: string;
  readonly arms: { readonly treatment: string; readonly control: string };
  /** The months returned (withheld months are absent and listed in `suppressed`). */
  readonly months: readonly MonthEffect[];
  readonly covariates: readonly string[];
  /** Covariate columns aliased in at least one month. */
  readonly aliased: readonly string[];
  readonly adjustment: 'ols' | 'none';
  readonly se: SeType;
  readonly level: number;
  readonly censoring: 'complete-followup';
  readonly excluded: readonly SqlExclusion[];
  readonly suppressed: Suppressed;
  readonly method: string;
  /** One row per month, flat. */
  toTable(): Record<string, number | string>[];
}

const KEYS: AllKeys<SqlEffectSeriesSpec> = {
  event: true,
  followup: true,
  months: true,
  adjustment: true,
  se: true,
  level: true,
  rawInterval: true,
  arm: true,
  treatment: true,
  control: true,
  covariates: true,
  reference: true,
  factors: true,
  threshold: true,
};

/**
 * Effect per month on a table, view or Parquet file in the database, with complete follow-up
 * (month m's sample: clients observed at least m months; outcome: event by month m). Equal to
 * the in-memory `effectSeries` with `censoring: 'complete-followup'` (the raw difference, and the
 * OLS adjusted effect with its HC2 SE on n − k df), computed from aggregates: per arm × month
 * counts, per month X'X and X'y (k × k), and a second pass for the sandwich with (X'X)⁻¹ as
 * constants. No row and no id leaves the database.
 *
 * @example
 * const db = await (await DuckDBInstance.create()).connect();
 * const s = await effectSeries(db, { parquet: 'clients.parquet' }, {
 *   event: 'month_bijstand', months: 24, covariates: ['gender', 'age', 'education'],
 * });
 * s.months.at(-1)?.adjusted?.estimate; // effect at month 24
 */
export async function effectSeries(
  db: Database,
  source: Source,
  spec: SqlEffectSeriesSpec,
): Promise<SqlEffectSeries> {
  rejectUnknownKeys(spec, KEYS, 'effectSeries (in-database)');
  const runner = asRunner(db);
  const dialect = runner.dialect;
  const q = (s: string) => quoteIdent(s, dialect);
  const threshold = thresholdOf(spec);
  const level = spec.level ?? 0.95;
  const se = checkSeType(spec.se ?? 'HC2');
  const rawInterval = spec.rawInterval ?? 'auto';
  if (!SHARE_INTERVALS.includes(rawInterval)) {
    throw new InputError(
      `rawInterval: expected one of ${SHARE_INTERVALS.join(', ')}; got "${String(rawInterval)}"`,
      { code: 'invalid-option', value: String(rawInterval) },
    );
  }
  const followup = spec.followup ?? 'followup_months';
  const adjustment = spec.adjustment ?? ((spec.covariates?.length ?? 0) > 0 ? 'ols' : 'none');
  if (adjustment !== 'ols' && adjustment !== 'none') {
    throw new InputError(
      `adjustment: in the database 'ols' or 'none' (Lin's model is in-memory only), got '${String(adjustment)}'`,
      { code: 'invalid-option', value: String(adjustment) },
    );
  }
  const frame = await buildFrame(runner, source, spec, {
    followup,
    events: [spec.event],
    threshold,
  });
  const months = await resolveMonths(spec.months, frame, followup);
  const outcome: MomentsOutcome = {
    kind: 'months',
    followup: q(followup),
    event: q(spec.event),
    months,
  };
  const { relation, where, design } = frame;
  const counts = await runner.query(
    countsSql(relation, where, design[1]!.sql, outcome, threshold, dialect),
  );
  const byMonth = new Map<number, { n: number[]; e: number[] }>();
  for (const row of counts) {
    const m = Number(row.m);
    const entry = byMonth.get(m) ?? { n: [-1, -1], e: [-1, -1] };
    const g = Number(row.grp) === 1 ? 1 : 0;
    entry.n[g] = Number(row.n);
    entry.e[g] = Number(row.events);
    byMonth.set(m, entry);
  }
  const suppressed: string[] = [];
  const complete = months.filter((m) => {
    const c = byMonth.get(m);
    const ok = c !== undefined && c.n[0]! >= 0 && c.n[1]! >= 0;
    if (!ok) {
      suppressed.push(
        `month ${m}: withheld (clients, events or non-events of an arm below ${threshold}, or an arm without clients observed ${m} months)`,
      );
    }
    return ok;
  });

  const adjusted = new Map<number, Estimate>();
  const notEstimable = new Map<number, string>();
  const aliased = new Set<string>();
  if (adjustment === 'ols' && complete.length > 0) {
    const rows = await runner.query(
      momentsSql(relation, where, design, { ...outcome, months: complete }, threshold, dialect),
    );
    const solved = new Map<number, SolvedSample>(
      rows.map((r) => [Number(r.m), solveMoments(r, design.length)]),
    );
    const toPass: SolvedSample[] = [];
    for (const m of complete) {
      const s = solved.get(m);
      const c = byMonth.get(m)!;
      const events = c.e[0]! + c.e[1]!;
      const n = c.n[0]! + c.n[1]!;
      if (!s) {
        notEstimable.set(
          m,
          `withheld: a count below ${threshold} among the model's cross-products at month ${m} (a factor level in an arm, or its events)`,
        );
        suppressed.push(
          `month ${m}: adjusted effect withheld (a factor level, or its events, below ${threshold} in an arm)`,
        );
        continue;
      }
      for (const a of s.aliased) aliased.add(design[a]!.name);
      const at = `at month ${m} (clients observed at least ${m} months)`;
      if (s.kept.indexOf(1) < 0) {
        notEstimable.set(
          m,
          `treatment is collinear with the covariates ${at} (a covariate that separates the arms)`,
        );
        continue;
      }
      if (s.n <= s.kept.length) {
        notEstimable.set(
          m,
          `${s.n} clients ${at} for ${s.kept.length} model columns; the adjusted model needs more clients than columns`,
        );
        continue;
      }
      if (events === 0 || events === n) {
        adjusted.set(m, noVariation(m, n, n - s.kept.length, level, events === 0));
        continue;
      }
      toPass.push(s);
    }
    // One pass per set of kept columns (usually one for all months).
    const groups = new Map<string, SolvedSample[]>();
    for (const s of toPass) {
      const key = s.kept.join(',');
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    for (const samples of groups.values()) {
      const kept = samples[0]!.kept;
      const sums = await runner.query(
        hcPassSql(relation, where, design, kept, outcome, samples, 'treatment', dialect),
      );
      const byKey = new Map(sums.map((r) => [Number(r.m), r]));
      const t = kept.indexOf(1);
      for (const s of samples) {
        const r = byKey.get(s.key)!;
        const pass: PassSums = {
          rss: Number(r.rss),
          hmax: Number(r.hmax),
          s0: Number(r.s0),
          s2: Number(r.s2),
          s3: Number(r.s3),
        };
        const stdError = treatmentSe(s, pass, se, t);
        if (!(stdError > 0 && Number.isFinite(stdError))) {
          notEstimable.set(
            s.key,
            `the covariates predict the outcome exactly at month ${s.key} (every residual is 0, so the standard error is 0): a covariate separates the outcome`,
          );
          continue;
        }
        const df = s.n - kept.length;
        const { term: _t, ...e } = coefficientEstimate(
          'treatment',
          s.beta[t]!,
          stdError,
          df,
          level,
          s.n,
          `OLS, ${se} SE, t test on n − k df`,
        );
        adjusted.set(s.key, e);
      }
    }
  }

  const results = complete.map((m): MonthEffect => {
    const c = byMonth.get(m)!;
    const t = { successes: c.e[1]!, n: c.n[1]! };
    const k = { successes: c.e[0]!, n: c.n[0]! };
    const n = t.n + k.n;
    const events = t.successes + k.successes;
    const constant = events === 0 || events === n;
    const fewEvents = smallestExpectedCount(t, k) < SMALL_EXPECTED_COUNT;
    const raw = constant
      ? noVariation(m, n, Number.POSITIVE_INFINITY, level, events === 0)
      : chooseShareInterval(rawInterval, t, k) === 'newcombe'
        ? newcombeDifference(t, k, { level })
        : strip(diffInProportions(t, k, { level }));
    const a = adjusted.get(m);
    return {
      month: m,
      nTreated: t.n,
      nControl: k.n,
      eventsTreated: t.successes,
      eventsControl: k.successes,
      shareTreated: t.successes / t.n,
      shareControl: k.successes / k.n,
      raw,
      ...(a ? { adjusted: strip(a) } : {}),
      ...(notEstimable.has(m) ? { adjustedNotEstimable: notEstimable.get(m)! } : {}),
      ...(fewEvents ? { fewEvents: true as const } : {}),
    };
  });
  const method = `in-database (${dialect.name}), complete follow-up: at month m, clients observed at least m months; outcome = event by month m; raw: difference in shares, unpooled (Neyman) SE, z test (Newcombe's hybrid score interval where rawInterval says so); ${adjustment === 'ols' ? `adjusted: OLS linear probability model on treatment + ${frame.covariateNames.length} covariate columns from per-month X'X and X'y, ${se} SE from a second pass with (X'X)⁻¹ as constants, t test on n − k df` : 'no covariate adjustment'}; counts below ${threshold} withheld in the database`;
  return {
    event: spec.event,
    arms: { treatment: frame.labels.treatment, control: frame.labels.control },
    months: results,
    covariates: frame.covariateNames,
    aliased: [...aliased],
    adjustment,
    se,
    level,
    censoring: 'complete-followup',
    excluded: frame.excluded,
    suppressed: { threshold, items: suppressed },
    method,
    toTable: () =>
      results.map((r) => ({
        month: r.month,
        n_treated: r.nTreated,
        n_control: r.nControl,
        share_treated: r.shareTreated,
        share_control: r.shareControl,
        raw_estimate: r.raw.estimate,
        raw_std_error: r.raw.stdError,
        raw_p_value: r.raw.pValue,
        ...(r.adjusted
          ? {
              adjusted_estimate: r.adjusted.estimate,
              adjusted_std_error: r.adjusted.stdError,
              adjusted_p_value: r.adjusted.pValue,
            }
          : {}),
        ...(r.adjustedNotEstimable ? { adjusted_not_estimable: r.adjustedNotEstimable } : {}),
      })),
  };
}

function strip(e: Estimate): Estimate {
  const { estimate, stdError, ci, statistic, df, pValue, stars, n, level, method } = e;
  return { estimate, stdError, ci, statistic, df, pValue, stars, n, level, method };
}

/** The months: a last month, a list, or 1 … the largest whole follow-up (one MAX query). */
async function resolveMonths(
  months: number | readonly number[] | undefined,
  frame: Frame,
  followup: string,
): Promise<number[]> {
  let max = 0;
  if (months === undefined) {
    const f = quoteIdent(followup, frame.dialect);
    const [row] = await frame.runner.query(
      `SELECT MAX(FLOOR(${f})) AS ${quoteIdent('mx', frame.dialect)} FROM ${frame.relation} WHERE ${frame.where}`,
    );
    max = Number(row?.mx ?? 0);
  }
  return monthList(months, max);
}
