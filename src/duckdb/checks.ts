/**
 * Column checks in the database, with the intake's messages where the database can give them:
 * an error names the column and what was expected, and says how many rows break the rule; it
 * cannot name the rows without reading them out, which these checks never do.
 */
import { missingColumnError } from '../data/columns.js';
import { MAX_PLAUSIBLE_MONTHS } from '../data/schema.js';
import { InputError } from '../errors.js';
import type { ColumnKind, SqlColumn } from './runner.js';
import { quoteIdent, type SqlDialect } from './sql.js';

/** Said where the intake would list row numbers. */
export const NO_ROWS = 'row numbers are not read from the database';

/**
 * Throws `missing-column` (listing the columns present) for the first name not in `columns`.
 *
 * @example
 * requireSqlColumns(columns, ['arm', 'followup_months'], 'arm');
 */
export function requireSqlColumns(
  columns: readonly SqlColumn[],
  names: readonly string[],
  what?: string,
): void {
  const available = columns.map((c) => c.name);
  for (const name of names) {
    if (!available.includes(name)) throw missingColumnError(name, available, what);
  }
}

/**
 * Throws `wrong-type` when a column's type is not one of `kinds`, naming the column, the type
 * found and what was expected.
 *
 * @example
 * requireKind(columns, 'followup_months', ['number'], 'numbers');
 */
export function requireKind(
  columns: readonly SqlColumn[],
  name: string,
  kinds: readonly ColumnKind[],
  expected: string,
): SqlColumn {
  const column = columns.find((c) => c.name === name)!;
  if (!kinds.includes(column.kind)) {
    throw new InputError(
      `column '${name}' must hold ${expected}, but its database type is ${column.type}`,
      { code: 'wrong-type', column: name, value: column.type },
    );
  }
  return column;
}

/**
 * A count of rows meeting a condition, as one aggregate expression.
 *
 * @example
 * countWhere('"age" IS NULL'); // 'SUM(CASE WHEN "age" IS NULL THEN 1 ELSE 0 END)'
 */
export function countWhere(condition: string): string {
  return `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
}

/**
 * The rule checks of the follow-up and event columns: aggregate expressions by name.
 *
 * @example
 * followupChecks('followup_months', ['month_work'], DUCKDB); // { followup_range: 'SUM(…)', event_low_0: …, event_late_0: … }
 */
export function followupChecks(
  followup: string,
  events: readonly string[],
  dialect: SqlDialect,
): Record<string, string> {
  const f = quoteIdent(followup, dialect);
  const out: Record<string, string> = {
    followup_range: countWhere(`${f} < 0 OR ${f} > ${MAX_PLAUSIBLE_MONTHS}`),
  };
  events.forEach((name, i) => {
    const e = quoteIdent(name, dialect);
    out[`event_low_${i}`] = countWhere(`${e} < 1`);
    out[`event_late_${i}`] = countWhere(`${e} > ${f}`);
  });
  return out;
}

/**
 * Throws for the first broken rule in the counts of {@link followupChecks} (the intake's
 * `out-of-range` and `event-after-followup`), with the number of rows in place of their numbers.
 *
 * @example
 * throwFollowupProblems({ followup_range: 0, event_low_0: 0, event_late_0: 2 }, 'followup_months', ['month_work']); // throws
 */
export function throwFollowupProblems(
  counts: Readonly<Record<string, number | string | boolean | null>>,
  followup: string,
  events: readonly string[],
): void {
  const n = (key: string) => Number(counts[key] ?? 0);
  const rows = (k: number) => `${k} row${k === 1 ? '' : 's'} (${NO_ROWS})`;
  if (n('followup_range') > 0) {
    throw new InputError(
      `column '${followup}' must hold numbers from 0 to ${MAX_PLAUSIBLE_MONTHS}, but has other values in ${rows(n('followup_range'))}`,
      { code: 'out-of-range', column: followup },
    );
  }
  events.forEach((name, i) => {
    if (n(`event_low_${i}`) > 0) {
      throw new InputError(
        `column '${name}' must hold numbers ≥ 1, but has other values in ${rows(n(`event_low_${i}`))}`,
        { code: 'out-of-range', column: name },
      );
    }
    if (n(`event_late_${i}`) > 0) {
      throw new InputError(
        `column '${name}' has an event after the end of follow-up ('${followup}') in ${rows(n(`event_late_${i}`))}`,
        { code: 'event-after-followup', column: name },
      );
    }
  });
}
