/**
 * A throw-away PostgreSQL server for the portability tests: Debian's binaries
 * (/usr/lib/postgresql/<version>/bin, or $PG_BIN), `initdb` in a temporary directory, a free
 * port on localhost, `pg_ctl start`; `stop()` stops it and removes the directory. As root the
 * server runs as the `postgres` user (initdb refuses root). A {@link SqlRunner} on a `pg` client.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ColumnKind, SqlRow, SqlRunner, SqlValue } from '../../src/duckdb/runner.js';
import { POSTGRES } from '../../src/duckdb/sql.js';

/** The directory with initdb and pg_ctl, or undefined when PostgreSQL is not installed. */
export function postgresBin(): string | undefined {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'initdb')))
    return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0]!, 'bin') : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts a server; returns its port and a stop function. */
export async function startPostgres(bin: string): Promise<{ port: number; stop: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'effectmeting-pg-'));
  const data = join(dir, 'data');
  const root = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const full = join(bin, cmd);
    if (root) execFileSync('runuser', ['-u', 'postgres', '--', full, ...args], { stdio: 'pipe' });
    else execFileSync(full, args, { stdio: 'pipe' });
  };
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  run('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const port = await freePort();
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ]);
  return {
    port,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

const NUMBER_OIDS = new Set([20, 21, 23, 700, 701, 1700]);
const TEXT_OIDS = new Set([25, 1042, 1043]);

/** A client whose 64-bit integers and numerics come back as numbers. */
export function pgClient(port: number): pg.Client {
  return new pg.Client({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    database: 'postgres',
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === 20 || oid === 1700
          ? (v: string) => Number(v)
          : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
}

/** A SqlRunner on a connected client, recording every statement in `log`. */
export function pgRunner(client: pg.Client): SqlRunner & { log: string[] } {
  const log: string[] = [];
  return {
    dialect: POSTGRES,
    log,
    async query(sql) {
      log.push(sql);
      const result = await client.query(sql);
      return result.rows.map((r: Record<string, unknown>) => {
        const out: Record<string, SqlValue> = {};
        for (const [k, v] of Object.entries(r)) out[k] = v === undefined ? null : (v as SqlValue);
        return out as SqlRow;
      });
    },
    async columns(relation) {
      const result = await client.query(`SELECT * FROM ${relation} LIMIT 0`);
      return result.fields.map((f) => {
        const kind: ColumnKind = NUMBER_OIDS.has(f.dataTypeID)
          ? 'number'
          : TEXT_OIDS.has(f.dataTypeID)
            ? 'text'
            : f.dataTypeID === 16
              ? 'boolean'
              : 'other';
        return { name: f.name, kind, type: `oid ${f.dataTypeID}` };
      });
    },
  };
}

/** Creates `name` with typed columns and inserts the rows (parameterised, in batches). */
export async function loadRows(
  client: pg.Client,
  name: string,
  rows: readonly Record<string, string | number | null>[],
  types: Readonly<Record<string, 'DOUBLE' | 'VARCHAR'>>,
): Promise<void> {
  const names = Object.keys(types);
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  await client.query(
    `CREATE TABLE ${q(name)} (${names.map((n) => `${q(n)} ${types[n] === 'DOUBLE' ? 'DOUBLE PRECISION' : 'TEXT'}`).join(', ')})`,
  );
  const batch = 500;
  for (let start = 0; start < rows.length; start += batch) {
    const part = rows.slice(start, start + batch);
    const values: unknown[] = [];
    const tuples = part.map((r) => {
      const slots = names.map((n) => {
        values.push(r[n] ?? null);
        return `$${values.length}`;
      });
      return `(${slots.join(', ')})`;
    });
    await client.query(`INSERT INTO ${q(name)} VALUES ${tuples.join(', ')}`, values);
  }
}
