/**
 * Degenerate variants of the small experiment (tests/evaluate/small-data.ts) that used to stop
 * an analysis or put NaN in a report: a factor level of one client, a month without events, a
 * bad follow-up cell, covariates that cannot adjust, an outcome separating the arms.
 */
import { SMALL_PLAN, type SmallRow, smallRows } from '../evaluate/small-data.js';

/** A row with extra columns (covariates under test). */
export type Row = Record<string, string | number | null>;

/** Row objects as CSV (a missing value is an empty field). */
export function toCsv(rows: readonly Row[]): string {
  const names = Object.keys(rows[0]!);
  const cell = (v: string | number | null | undefined) =>
    v === null || v === undefined ? '' : String(v);
  return `${[names.join(','), ...rows.map((r) => names.map((n) => cell(r[n])).join(','))].join('\n')}\n`;
}

const base = (): Row[] => smallRows().map((r: SmallRow) => ({ ...r }));

/** File row 101 (client C0100, a woman in arm experiment) is the only client of 'office 9'. */
export const UNIQUE_ROW = 101;
export function uniqueLevelRows(): Row[] {
  return base().map((r, i) => (i === UNIQUE_ROW - 1 ? { ...r, office: 'office 9' } : r));
}

/** Nobody has bijstand in month 1 (those events move to month 2). */
export function noEventMonthRows(): Row[] {
  return base().map((r) => (r.month_bijstand === 1 ? { ...r, month_bijstand: 2 } : r));
}

/** Nobody ever finds work: the complier outcome is constant. */
export function noWorkRows(): Row[] {
  return base().map((r) => ({ ...r, month_work: null }));
}

/** Every treated client enters bijstand in month 1, no control client ever does. */
export function separatedOutcomeRows(): Row[] {
  return base().map((r) => ({
    ...r,
    month_bijstand: r.arm === 'experiment' ? 1 : null,
    month_work: null,
  }));
}

/** File row 38 has follow-up 'twelve'. */
export const BAD_FOLLOWUP_ROW = 38;
export function badFollowupRows(): Row[] {
  return base().map((r, i) =>
    i === BAD_FOLLOWUP_ROW - 1 ? { ...r, followup_months: 'twelve' } : r,
  );
}

/** Covariates that cannot adjust anything, beside the usual ones. */
export function covariateRows(): Row[] {
  return base().map((r) => ({
    ...r,
    constant: 5,
    empty: null,
    assigned: r.arm === 'experiment' ? 1 : 0,
  }));
}

/** The small plan with other covariates/subgroups/methods (JSON, before parsePlan). */
export function plan(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...SMALL_PLAN, ...changes };
}
