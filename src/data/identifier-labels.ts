/**
 * The early half of the identifier guard (`src/table/identifier-guard.ts`): values that would
 * become labels in an output (arm labels, factor levels, participation values, subgroup levels,
 * filter values) may not be ids or BSNs. Refused before anything is computed, with a message
 * that names the column and the file rows, never the value.
 */
import type { ColumnTable } from 'arquero';
import { formatRows, InputError } from '../errors.js';
import { guardedId, isBsnLike } from '../table/identifier-guard.js';
import { columnCells } from './columns.js';

/** A column whose values become labels, and what they become (for the message). */
export interface LabelColumn {
  readonly column: string;
  /** What its values become: `arm labels`, `factor levels`, `subgroup levels`, … */
  readonly role: string;
  /** Where it is named (e.g. `config.subgroups[0]`), for a column that is the id column. */
  readonly field?: string;
}

/** Values a filter compares with, that a note would print. */
export interface LabelValues {
  readonly column: string;
  readonly values: readonly unknown[];
  /** Where they are given (e.g. `config.filter[0]`). */
  readonly field: string;
}

/** The columns and values to check with {@link refuseIdentifierLabels}. */
export interface IdentifierLabelSpec {
  /** The id column (its values are the guarded ids), when the table has one. */
  readonly id?: string | undefined;
  /** More id-like columns (pseudonyms): their values are guarded too. */
  readonly moreIds?: readonly string[];
  readonly labels?: readonly LabelColumn[];
  readonly values?: readonly LabelValues[];
}

/**
 * Refuses (`InputError`, code `bsn-in-output`) a label column that is the id column, a cell of a
 * label column that equals an id of the table (`MIN_GUARDED_ID_LENGTH` characters or more) or
 * looks like a BSN (nine digits passing the eleven test), and a filter on the id column or with
 * such a value. The message names the column, the 1-based rows of the table and what the value
 * would have become, never the value.
 *
 * A label column holds few distinct values, so those (and the filter values) are what is
 * compared: the id columns are read once against them, never held as a set of every id.
 * O(rows × (label columns + id columns)) map lookups; the rows are collected only for a column
 * that is refused.
 *
 * @example
 * refuseIdentifierLabels(table, { id: 'id', labels: [{ column: 'arm', role: 'arm labels' }] });
 * // InputError: column 'arm' holds a value that equals an id or looks like a BSN in row 3
 * // (not shown); it would be printed as one of the arm labels. …
 */
export function refuseIdentifierLabels(table: ColumnTable, spec: IdentifierLabelSpec): void {
  const names = new Set(table.columnNames());
  const idColumns = [spec.id, ...(spec.moreIds ?? [])].filter(
    (c): c is string => c !== undefined && names.has(c),
  );
  const labels = spec.labels ?? [];
  const read = labels.filter((l) => names.has(l.column) && !idColumns.includes(l.column));
  const distinct = new Map(
    read.map((l) => [l.column, distinctValues(columnCells(table, l.column))]),
  );
  // The guarded form of every candidate value, and which of them an id column holds.
  const candidates = new Set<string>();
  const note = (v: unknown) => {
    const s = guardedId(v);
    if (s !== undefined) candidates.add(s);
  };
  for (const values of distinct.values()) for (const v of values) note(v);
  for (const v of spec.values ?? []) for (const x of v.values) note(x);
  const ids = new Set<string>();
  for (const c of idColumns) {
    const values = columnCells(table, c);
    for (let i = 0; i < values.length && ids.size < candidates.size; i++) {
      const s = guardedId(values[i]);
      if (s !== undefined && candidates.has(s)) ids.add(s);
    }
  }
  const isIdentifier = (v: unknown) => {
    if (isBsnLike(v)) return true;
    const s = guardedId(v);
    return s !== undefined && ids.has(s);
  };
  for (const l of labels) {
    if (idColumns.includes(l.column)) {
      throw new InputError(
        `${l.field ?? `column '${l.column}'`}: '${l.column}' is the id column; its values would be printed as ${l.role}, and ids are never shown`,
        { code: 'bsn-in-output', column: l.column },
      );
    }
    const refused = [...(distinct.get(l.column) ?? [])].filter(isIdentifier);
    if (refused.length === 0) continue;
    const bad = new Set(refused);
    const values = columnCells(table, l.column);
    const rows: number[] = [];
    for (let i = 0; i < values.length; i++) if (bad.has(values[i])) rows.push(i + 1);
    throw new InputError(
      `column '${l.column}' holds a value that equals an id or looks like a BSN in ${formatRows(rows)} (not shown); it would be printed as one of the ${l.role}. Correct those cells (a BSN typed into the wrong column?) or leave the column out`,
      { code: 'bsn-in-output', column: l.column, rows },
    );
  }
  for (const v of spec.values ?? []) {
    if (idColumns.includes(v.column)) {
      throw new InputError(
        `${v.field}: a filter on the id column '${v.column}' would print ids in the notes; select the clients in the data instead`,
        { code: 'bsn-in-output', column: v.column },
      );
    }
    if (v.values.some(isIdentifier)) {
      throw new InputError(
        `${v.field}: a value of the filter on '${v.column}' equals an id or looks like a BSN (not shown); it would be printed in the notes`,
        { code: 'bsn-in-output', column: v.column },
      );
    }
  }
}

/** The distinct values of a column (SameValueZero, as a `Set`). */
function distinctValues(column: unknown): Set<unknown> {
  const values = column as ArrayLike<unknown>;
  const out = new Set<unknown>();
  for (let i = 0; i < values.length; i++) out.add(values[i]);
  return out;
}
