/**
 * Deterministic CSV text for the committed data files: a header, one line per row, `\n` line
 * ends, empty fields for missing values, numbers as given (the generators round them first).
 */

/** A cell value of a generated row. */
export type Cell = string | number | null;

/**
 * Formats rows as CSV. Strings never contain commas, quotes or line breaks in our generators;
 * they are rejected rather than quoted, so the files stay trivially parseable.
 *
 * @example
 * toCsv(['a', 'b'], [{ a: 1, b: null }]) // "a,b\n1,\n"
 */
export function toCsv<R extends { readonly [K in C]: Cell }, C extends string>(
  columns: readonly C[],
  rows: readonly R[],
): string {
  const lines = [columns.join(',')];
  for (const row of rows) {
    lines.push(
      columns
        .map((c) => {
          const v = row[c];
          if (v === null) return '';
          const s = String(v);
          if (/[",\n\r]/.test(s)) throw new Error(`value of column ${c} needs quoting: ${s}`);
          return s;
        })
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
