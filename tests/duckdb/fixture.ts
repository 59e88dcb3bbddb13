/**
 * Test data for the in-database analyses: the Den Haag pilot's synthetic clients
 * (data/den-haag-pilot.csv, made by the study's generator), with censoring added (every fifth
 * client observed 6–22 months, events after that cleared), a few missing covariates and a few
 * clients of a third arm, as plain rows for the in-memory path and as a table in DuckDB.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadTable } from 'effectmeting/node';

export type Row = Record<string, string | number | null>;

/** The clients with censoring, missing covariates and a third arm. */
export async function censoredClients(): Promise<Row[]> {
  const table = await loadTable(new URL('../../data/den-haag-pilot.csv', import.meta.url).pathname);
  const rows = table.objects() as Row[];
  return rows.map((r, i) => {
    const out: Row = { ...r };
    if (i % 5 === 0) {
      const f = 6 + (i % 17);
      out.followup_months = f;
      for (const e of ['month_bijstand', 'month_work']) {
        const v = out[e];
        if (typeof v === 'number' && v > f) out[e] = null;
      }
    }
    if (i % 211 === 0) out.age = null;
    // An outcome with missing values: on bijstand by month 12, unknown when observed < 12 months.
    const f = Number(out.followup_months);
    const b = out.month_bijstand;
    out.bijstand_12 = f < 12 ? null : typeof b === 'number' && b <= 12 ? 1 : 0;
    if (i % 503 === 0) out.arm = 'other';
    return out;
  });
}

/** Column → SQL type (DOUBLE for numbers, VARCHAR for text) from the first non-null values. */
export function columnTypes(rows: readonly Row[]): Record<string, 'DOUBLE' | 'VARCHAR'> {
  const out: Record<string, 'DOUBLE' | 'VARCHAR'> = {};
  for (const name of Object.keys(rows[0]!)) {
    const v = rows.find((r) => r[name] !== null && r[name] !== undefined)?.[name];
    out[name] = typeof v === 'number' ? 'DOUBLE' : 'VARCHAR';
  }
  return out;
}

/** The rows as CSV (empty = missing), quoted where needed. */
export function toCsvText(rows: readonly Row[]): string {
  const names = Object.keys(rows[0]!);
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [names.join(','), ...rows.map((r) => names.map((n) => cell(r[n])).join(','))].join('\n');
}

/** A temporary directory with the rows as clients.csv; `cleanup` removes it. */
export function writeCsv(rows: readonly Row[]): { dir: string; file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'effectmeting-duckdb-'));
  const file = join(dir, 'clients.csv');
  writeFileSync(file, `${toCsvText(rows)}\n`);
  return { dir, file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An in-memory DuckDB with the rows as table `clients` (typed columns). */
export async function duckdbWith(rows: readonly Row[]) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const types = columnTypes(rows);
  const { file, cleanup } = writeCsv(rows);
  const columns = Object.entries(types)
    .map(([n, t]) => `'${n}': '${t}'`)
    .join(', ');
  await connection.run(
    `CREATE TABLE clients AS SELECT * FROM read_csv('${file}', header = true, columns = {${columns}})`,
  );
  cleanup();
  return { instance, connection };
}
