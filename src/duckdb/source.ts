/**
 * The relation an analysis reads: a table or view (optionally schema-qualified), or a Parquet
 * file (DuckDB's `read_parquet`, the one engine-specific source). Names are quoted, never
 * pasted.
 */
import { InputError } from '../errors.js';
import { quoteIdent, quoteString, type SqlDialect } from './sql.js';

/** A table or view, e.g. `{ table: 'clients' }` or `{ table: ['register', 'clients'] }`. */
export interface TableSource {
  /** Table or view name; an array is a qualified name (`schema.table`), each part quoted. */
  readonly table: string | readonly string[];
}

/** A Parquet file (DuckDB only). */
export interface ParquetSource {
  readonly parquet: string;
}

/** What an analysis reads. */
export type Source = TableSource | ParquetSource | string;

/**
 * The SQL relation of a source: a quoted (qualified) name, or `read_parquet('<path>')`.
 * A plain string is a table name.
 *
 * @example
 * relationSql({ table: ['register', 'clients'] }, DUCKDB); // '"register"."clients"'
 */
export function relationSql(source: Source, dialect: SqlDialect): string {
  if (typeof source === 'string') return quoteIdent(source, dialect);
  if ('parquet' in source) {
    if (dialect.name !== 'DuckDB') {
      throw new InputError(`a Parquet source is read by DuckDB only, not by ${dialect.name}`, {
        code: 'invalid-option',
      });
    }
    return `read_parquet(${quoteString(source.parquet)})`;
  }
  const parts = typeof source.table === 'string' ? [source.table] : source.table;
  if (parts.length === 0) {
    throw new InputError('table: give a table or view name', { code: 'invalid-option' });
  }
  return parts.map((p) => quoteIdent(p, dialect)).join('.');
}
