/**
 * The one rule for client keys (ids, BSNs), used by validation, the intake, assignment (hashing,
 * parity, complete and blocked) and the audit: a key is its text with surrounding whitespace
 * removed. `" 100000071"` and `"100000071"` are one client — hashed the same, and reported as a
 * duplicate when both occur. Nothing else changes: no case folding, no padding (a BSN is
 * left-padded only on request, by the BSN reader), and the table's own cells are never rewritten.
 * Key values are never put in a message: errors name rows only.
 */
import { formatRows, InputError } from '../errors.js';

/**
 * The canonical text of a client key: a string trimmed; a finite number (a key read as a
 * number from JSON, Arrow or Parquet) as its decimal text; a safe bigint as its text.
 * `null` when missing (null, undefined, NaN, blank), `undefined` for any other value.
 *
 * @example
 * normaliseId(' 100000071 '); // '100000071'
 * normaliseId(100000071); // '100000071'
 * normaliseId(''); // null
 */
export function normaliseId(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const s = value.trim();
    return s === '' ? null : s;
  }
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return null;
    return Number.isFinite(value) ? String(value) : undefined;
  }
  if (typeof value === 'bigint') return value.toString();
  return undefined;
}

/**
 * Groups of 1-based rows that share a key (after {@link normaliseId}), each in row order,
 * groups ordered by their first row. `rows` restricts the check to those 0-based rows.
 * O(n) with one hash map.
 *
 * @example
 * duplicateIdGroups(['a', ' a', 'b', 'a']); // [[1, 2, 4]]
 */
export function duplicateIdGroups(ids: readonly unknown[], rows?: readonly number[]): number[][] {
  const groups = new Map<string, number[]>();
  const visit = (i: number) => {
    const s = normaliseId(ids[i]);
    if (typeof s !== 'string') return;
    const g = groups.get(s);
    if (g) g.push(i + 1);
    else groups.set(s, [i + 1]);
  };
  if (rows) for (const r of rows) visit(r);
  else for (let i = 0; i < ids.length; i++) visit(i);
  return [...groups.values()].filter((g) => g.length > 1).sort((a, b) => a[0]! - b[0]!);
}

/**
 * The message for repeated keys, by row numbers only: "rows 2, 7 share an id; …", the first
 * three groups and how many more. `why` says why uniqueness matters here.
 *
 * @example
 * duplicateIdMessage('id', [[2, 7]]); // "column 'id' has duplicate ids (values not shown): rows 2, 7 share an id"
 */
export function duplicateIdMessage(column: string, groups: readonly number[][], why = ''): string {
  const shown = groups
    .slice(0, 3)
    .map((g) => `${formatRows(g)} share an id`)
    .join('; ');
  const more = groups.length > 3 ? `; and ${groups.length - 3} more repeated ids` : '';
  const reason = why === '' ? '' : ` (${why})`;
  return `column '${column}' has duplicate ids (values not shown): ${shown}${more}${reason}`;
}

/**
 * Throws `duplicate-id` (rows only, never a value) when two rows share a key after
 * {@link normaliseId}. `rows` restricts the check to those 0-based rows (e.g. the eligible ones).
 *
 * @example
 * checkUniqueIds(['a', 'b'], 'id'); // passes
 * checkUniqueIds(['a', ' a'], 'id'); // throws: rows 1, 2 share an id
 */
export function checkUniqueIds(
  ids: readonly unknown[],
  column: string,
  options: { readonly rows?: readonly number[]; readonly why?: string } = {},
): void {
  const groups = duplicateIdGroups(ids, options.rows);
  if (groups.length === 0) return;
  const rows = groups.flat().sort((a, b) => a - b);
  throw new InputError(duplicateIdMessage(column, groups, options.why), {
    code: 'duplicate-id',
    column,
    rows,
  });
}
