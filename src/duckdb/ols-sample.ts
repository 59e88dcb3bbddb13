/**
 * The treatment coefficient of OLS y ~ design on one sample in the database: one moments query
 * (X'X, X'y), the solve in Node, one second pass for its variance. Returns `undefined` when the
 * moments were withheld (a small count among them).
 */
import { InputError } from '../errors.js';
import { coefficientEstimate } from '../estimate/inference.js';
import type { SeType } from '../estimate/vcov.js';
import type { Estimate } from '../stats/estimate.js';
import type { DesignColumn } from './design.js';
import { solveMoments, treatmentSe } from './fit.js';
import { hcPassSql } from './hc-pass.js';
import { momentsSql } from './moments.js';
import type { SqlRunner } from './runner.js';

/** Where and what to fit. */
export interface SampleFit {
  readonly relation: string;
  readonly where: string;
  readonly design: readonly DesignColumn[];
  /** The outcome expression (numbers). */
  readonly y: string;
  readonly binary: boolean;
  readonly se: SeType;
  readonly level: number;
  readonly threshold: number;
}

/**
 * Fits the sample and returns the treatment coefficient's estimate (design column 1), or
 * `undefined` when the database withheld the moments.
 *
 * @example
 * const e = await treatmentEffect(runner, { relation, where, design, y: '"y"', binary: false, se: 'HC2', level: 0.95, threshold: 10 });
 */
export async function treatmentEffect(
  runner: SqlRunner,
  fit: SampleFit,
): Promise<Estimate | undefined> {
  const { relation, where, design, se, level, threshold } = fit;
  const outcome = { kind: 'single', y: fit.y, binary: fit.binary } as const;
  const [row] = await runner.query(
    momentsSql(relation, where, design, outcome, threshold, runner.dialect),
  );
  if (!row) return undefined;
  const s = solveMoments(row, design.length);
  const t = s.kept.indexOf(1);
  if (t < 0) {
    throw new InputError(
      'treatment is collinear with the covariates (a covariate that separates the arms)',
      {
        code: 'aliased',
      },
    );
  }
  const [sums] = await runner.query(
    hcPassSql(relation, where, design, s.kept, outcome, [s], 'treatment', runner.dialect),
  );
  const stdError = treatmentSe(
    s,
    {
      rss: Number(sums?.rss),
      hmax: Number(sums?.hmax),
      s0: Number(sums?.s0),
      s2: Number(sums?.s2),
      s3: Number(sums?.s3),
    },
    se,
    t,
  );
  const { term: _term, ...e } = coefficientEstimate(
    '(treatment)',
    s.beta[t]!,
    stdError,
    s.n - s.kept.length,
    level,
    s.n,
    `OLS, ${se} SE, t test on n − k df`,
  );
  return e;
}
