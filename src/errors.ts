/**
 * The one error type the library throws for bad input. It always says where the problem is
 * (column, row numbers, value) and what was expected, so a caller can fix the data without
 * a debugger. Values that may be personal keys (BSN) are never put in a message.
 */

/**
 * Every code an {@link InputError} can carry, with what it means. One code per kind of problem,
 * no synonyms; the table in docs/data-schema.md lists the same codes (a test keeps them equal).
 */
export const INPUT_ERROR_CODES = {
  'missing-column': 'a named column is absent (the message lists the available ones)',
  'duplicate-column': 'a column name occurs twice, or an output column already exists',
  'missing-value': 'a required cell or value is missing (empty, null, NaN)',
  'wrong-type':
    'a value has the wrong kind: text where a number is needed, JSON not an object or array',
  'not-finite': 'a number is NaN or infinite where a finite number is needed',
  'not-binary': 'a value other than 0/1 where an indicator is needed',
  'out-of-range':
    'a number outside its allowed range (a count, probability, p-value, weight, level, month, decile)',
  inconsistent:
    'values that must agree do not: a spell ending before it starts, overlapping spells, a per-client value differing within a client',
  'duplicate-id':
    'a key that must be unique occurs more than once (client id; client × month × state)',
  'unknown-arm': 'an arm label that is not allowed, or absent from the data',
  'unknown-level':
    'a value not among the declared ones: factor level, category, state, a client missing from the clients table',
  'unknown-term': 'a model term, coefficient or feature name that does not exist',
  'event-after-followup':
    'an event month after the end of follow-up (it cannot have been observed)',
  'beyond-followup': 'a month asked for beyond the follow-up of an arm',
  'tied-events': 'two destinations in the same month with no priority given to say which counts',
  empty: 'no data at all: no rows, values or columns',
  'too-few': 'fewer values, rows or categories than the method needs',
  'length-mismatch': 'arrays that must align row by row have different lengths',
  'empty-group': 'an arm, group, subgroup or table margin without (enough) members',
  'no-cases': 'the outcome has no case (no 1), so the measure is undefined',
  'no-controls': 'the outcome has no non-case (no 0), so the measure is undefined',
  'no-variation': 'the data, score or outcome is constant, so there is nothing to estimate or test',
  singular: "the design matrix is rank-deficient (X'X is singular)",
  aliased: 'the term asked about is collinear with others and was dropped',
  'leverage-one': 'an observation has leverage 1, so HC2/HC3 standard errors are undefined',
  'under-identified': 'the instruments do not identify the effect (too few, or no first stage)',
  'invalid-option': 'an option, argument or config value that is not allowed, unknown or missing',
  'needs-async': 'the source can only be read by the asynchronous loader',
  'file-not-found': 'a file path does not exist or is a directory',
  'read-error': 'a file exists but cannot be read',
  'malformed-input':
    'a file or text cannot be parsed (CSV syntax, field count or header; JSON; Arrow; Parquet)',
  'unknown-format': 'the file format is not known or not supported',
  'invalid-bsn': 'a BSN fails the eleven-test (the value is never shown)',
  'bsn-in-output':
    'output would contain a BSN or an id of the input (also as a label: arm, level, category, filter); it is refused',
  'invalid-experiment': 'validation found several problems; they are listed in `problems`',
} as const satisfies Readonly<Record<string, string>>;

/** The machine-readable kind of an {@link InputError}: one of {@link INPUT_ERROR_CODES}. */
export type InputErrorCode = keyof typeof INPUT_ERROR_CODES;

/** Where in the input a problem was found. Row numbers are 1-based data rows (header excluded). */
export interface InputErrorDetails {
  /** Machine-readable kind, e.g. `missing-column`, `wrong-type`, `duplicate-id`. */
  readonly code: InputErrorCode;
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
  readonly code: InputErrorCode;
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
