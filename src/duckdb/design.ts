/**
 * The design matrix as SQL expressions, by the rules of the in-memory model matrix
 * (src/data/model-matrix.ts): numbers as they are (here shifted by a constant, their mean, which
 * changes only the intercept), text, booleans and declared factors as treatment-coded dummies
 * `name[level]`, levels sorted (text by UTF-16 code units, numbers numerically, false before
 * true), the first level the reference unless named.
 */
import { InputError } from '../errors.js';
import type { SqlValue } from './runner.js';
import { asDouble, doubleLiteral, quoteIdent, type SqlDialect, valueLiteral } from './sql.js';

/** One covariate as the design codes it. */
export type CovariateTerm =
  | { readonly kind: 'numeric'; readonly name: string; readonly centre: number }
  | {
      readonly kind: 'factor';
      readonly name: string;
      /** Levels present, sorted, as values of the column. */
      readonly values: readonly (string | number | boolean)[];
      /** Index of the reference level in `values`. */
      readonly reference: number;
    };

/** A design column: its name (as the in-memory model names it) and its SQL expression. */
export interface DesignColumn {
  readonly name: string;
  readonly sql: string;
  /** A 0/1 column (intercept, treatment, dummy): its cross-products are counts. */
  readonly indicator: boolean;
  /** The factor and level of a dummy. */
  readonly factor?: { readonly column: string; readonly level: string };
}

/**
 * The label of a level, as the in-memory matrix names it (`String(value)`).
 *
 * @example
 * levelLabel(3); // '3'
 */
export function levelLabel(value: string | number | boolean): string {
  return String(value);
}

/**
 * Levels of a factor column from its distinct values: sorted as the in-memory model matrix
 * sorts them (numbers numerically, booleans false first, text by UTF-16 code units).
 *
 * @example
 * sortLevels(['b', 'Z', 'a']); // ['Z', 'a', 'b']
 */
export function sortLevels(values: readonly SqlValue[]): (string | number | boolean)[] {
  const present = values.filter((v): v is string | number | boolean => v !== null);
  if (present.every((v) => typeof v === 'number')) {
    return [...(present as number[])].sort((a, b) => a - b);
  }
  if (present.every((v) => typeof v === 'boolean')) {
    return [...(present as boolean[])].sort((a, b) => Number(a) - Number(b));
  }
  return [...present].sort((a, b) => {
    const x = String(a);
    const y = String(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/**
 * The reference index of a factor: the named level, else the first; `unknown-level` when the
 * named level is not among the levels.
 *
 * @example
 * referenceIndex('education', ['high', 'low'], 'low'); // 1
 */
export function referenceIndex(
  column: string,
  values: readonly (string | number | boolean)[],
  wanted: string | undefined,
): number {
  if (wanted === undefined) return 0;
  const i = values.findIndex((v) => levelLabel(v) === wanted);
  if (i < 0) {
    throw new InputError(
      `reference level '${wanted}' for column '${column}' is not among its levels: ${values.map(levelLabel).join(', ') || '(none)'}`,
      { code: 'unknown-level', column, value: wanted },
    );
  }
  return i;
}

/**
 * The covariate columns of the design: one per numeric covariate (minus its centre), one dummy
 * per non-reference level; a factor with one level gives none (as in memory).
 *
 * @example
 * covariateColumns([{ kind: 'factor', name: 'g', values: ['m', 'v'], reference: 0 }], DUCKDB)[0].name; // 'g[v]'
 */
export function covariateColumns(
  terms: readonly CovariateTerm[],
  dialect: SqlDialect,
): DesignColumn[] {
  return terms.flatMap((t): DesignColumn[] => {
    const col = quoteIdent(t.name, dialect);
    if (t.kind === 'numeric') {
      return [
        {
          name: t.name,
          sql: `(${asDouble(col, dialect)} - ${doubleLiteral(t.centre, dialect)})`,
          indicator: false,
        },
      ];
    }
    if (t.values.length < 2) return [];
    return t.values.flatMap((v, i) =>
      i === t.reference
        ? []
        : [
            {
              name: `${t.name}[${levelLabel(v)}]`,
              sql: indicatorSql(`${col} = ${valueLiteral(v)}`, dialect),
              indicator: true,
              factor: { column: t.name, level: levelLabel(v) },
            },
          ],
    );
  });
}

/**
 * `CAST(CASE WHEN <condition> THEN 1 ELSE 0 END AS DOUBLE)`.
 *
 * @example
 * indicatorSql('"arm" = \'experiment\'', DUCKDB);
 */
export function indicatorSql(condition: string, dialect: SqlDialect): string {
  return asDouble(`CASE WHEN ${condition} THEN 1 ELSE 0 END`, dialect);
}
