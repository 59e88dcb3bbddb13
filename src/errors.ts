/**
 * The one error type the library throws for bad input. It always says where the problem is
 * (column, row numbers, value) and what was expected, so a caller can fix the data without
 * a debugger. Values that may be personal keys (BSN) are never put in a message.
 */

/** Where in the input a problem was found. Row numbers are 1-based data rows (header excluded). */
export interface InputErrorDetails {
  /** Machine-readable kind, e.g. `missing-column`, `wrong-type`, `duplicate-id`. */
  readonly code: string;
  /** Column the problem is in, when there is one. */
  readonly column?: string;
  /** 1-based row numbers (at most the first few are listed in the message). */
  readonly rows?: readonly number[];
  /** The offending value, already made safe to show (never a BSN). */
  readonly value?: string;
}

/**
 * Thrown for invalid input: a missing column, a wrong type, an empty group, a bad option.
 *
 * @example
 * try { validateExperiment(rows) } catch (e) { if (e instanceof InputError) report(e.column, e.rows) }
 */
export class InputError extends Error {
  readonly code: string;
  readonly column: string | undefined;
  readonly rows: readonly number[] | undefined;
  readonly value: string | undefined;

  constructor(message: string, details: InputErrorDetails) {
    super(message);
    this.name = 'InputError';
    this.code = details.code;
    this.column = details.column;
    this.rows = details.rows;
    this.value = details.value;
  }
}

/**
 * Formats a list of 1-based row numbers for a message: the first `max`, then "and N more".
 *
 * @example
 * formatRows([3, 8, 12]) // "rows 3, 8, 12"
 */
export function formatRows(rows: readonly number[], max = 5): string {
  if (rows.length === 1) return `row ${rows[0]}`;
  const shown = rows.slice(0, max).join(', ');
  const more = rows.length > max ? ` and ${rows.length - max} more` : '';
  return `rows ${shown}${more}`;
}
