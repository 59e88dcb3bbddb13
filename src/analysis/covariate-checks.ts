/**
 * Covariates that cannot adjust anything, stopped with the column and the cause instead of a
 * later, unexplained failure (a zero standard error in the balance table, "no clients left",
 * "n = 240 rows for k = 242 columns"): the arm or the client id used as a covariate, a
 * covariate missing for every client, one with the same value for every client, and one that
 * separates the arms (each value in one arm only, so it is a function of the assignment).
 *
 * Internal to `src/analysis/` (not part of the public API).
 */

import { columnCells, describeValue, isMissing } from '../data/columns.js';
import type { ExperimentIntake } from '../data/intake.js';
import { InputError } from '../errors.js';

/**
 * Throws an `InputError` naming the first covariate of the intake's two-arm sample that is:
 * the arm column or the id column (`invalid-option`); missing for every client of the two arms
 * (`missing-value`); constant over the clients with complete covariates (`no-variation`); or
 * separating the arms — a factor whose every level, or a number whose value within each arm, is
 * confined to one arm (`aliased`: the treatment would be collinear with it). Checked on the
 * whole analysis, not per subgroup (within a subgroup a constant covariate is normal and is
 * dropped as aliased).
 *
 * @example
 * checkCovariates(experimentIntake(table, { covariates: ['arm'] })); // throws: covariate 'arm' is the arm column …
 */
export function checkCovariates(intake: ExperimentIntake): void {
  const { roles, table, arms } = intake;
  const inArms = (i: number) => arms[i] === roles.treatment || arms[i] === roles.control;
  for (const name of roles.covariates) {
    if (name === roles.arm || name === roles.id) {
      const what = name === roles.arm ? 'the arm column' : 'the client id column';
      const why =
        name === roles.arm
          ? 'adjusting for the assignment itself leaves no treatment effect to estimate'
          : 'it has a level per client, so the model has more columns than clients';
      throw new InputError(
        `covariate '${name}' is ${what}: ${why}; remove it from the covariates`,
        { code: 'invalid-option', column: name },
      );
    }
    const values = columnCells(table, name);
    let present = 0;
    for (let i = 0; i < values.length && present === 0; i++) {
      if (inArms(i) && !isMissing(values[i])) present++;
    }
    let clients = 0;
    if (present === 0) for (let i = 0; i < values.length; i++) if (inArms(i)) clients++;
    if (clients > 0 && present === 0) {
      throw new InputError(
        `covariate '${name}' is missing for every client of the two arms (${clients} of ${clients}); remove it from the covariates`,
        { code: 'missing-value', column: name },
      );
    }
  }
  // On the clients with complete covariates (the ones analysed): constant, or separating arms.
  const analysed: number[] = [];
  for (let i = 0; i < intake.n; i++) if (inArms(i) && intake.designRow[i]! >= 0) analysed.push(i);
  if (analysed.length === 0) return;
  for (const name of roles.covariates) {
    const values = columnCells(table, name);
    const isFactor = intake.covariates.terms.some((x) => x.name === name && x.kind === 'factor');
    // Distinct values by arm: all of them for a factor (its levels), at most two for a number
    // (enough to tell constant from varying), keyed by the value itself (numbers and strings;
    // other values by their description).
    const cap = isFactor ? Number.POSITIVE_INFINITY : 2;
    const t = new Map<unknown, unknown>();
    const c = new Map<unknown, unknown>();
    // Stops once the answer is known: a number with two values in each arm, or a factor with
    // a value in both arms and two values in one (neither constant nor separating).
    let overlapSeen = false;
    for (const i of analysed) {
      const arm = arms[i]!;
      const set = arm === roles.treatment ? t : arm === roles.control ? c : undefined;
      if (!set || set.size >= cap) {
        if (!isFactor && t.size >= cap && c.size >= cap) break;
        continue;
      }
      const v = values[i];
      const key = typeof v === 'number' || typeof v === 'string' ? v : describeValue(v);
      if (!set.has(key)) {
        set.set(key, v);
        if ((set === t ? c : t).has(key)) overlapSeen = true;
      }
      if (isFactor && overlapSeen && (t.size >= 2 || c.size >= 2)) break;
    }
    const all = new Map([...t, ...c]);
    if (all.size === 1) {
      const only = describeValue([...all.values()][0]);
      throw new InputError(
        `covariate '${name}' has the same value (${only}) for every analysed client; it cannot adjust anything, remove it from the covariates`,
        { code: 'no-variation', column: name, value: only },
      );
    }
    const overlap = [...t.keys()].some((v) => c.has(v));
    const separates = isFactor ? !overlap : t.size === 1 && c.size === 1;
    if (separates && t.size > 0 && c.size > 0) {
      throw new InputError(
        `covariate '${name}' separates the arms perfectly (${isFactor ? `none of its ${all.size} values occurs in both arms` : `it is ${describeValue([...t.values()][0])} for every '${roles.treatment}' and ${describeValue([...c.values()][0])} for every '${roles.control}' client`}): it is a function of the assignment, so the treatment effect cannot be adjusted for it; remove it from the covariates`,
        { code: 'aliased', column: name },
      );
    }
  }
}
