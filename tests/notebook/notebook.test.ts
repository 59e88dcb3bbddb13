/**
 * Executes examples/den-haag-pilot.ipynb headlessly in Deno's Jupyter kernel and fails on any
 * cell error. Needs `jupyter nbconvert` (Debian: jupyter-nbconvert, python3-ipykernel) and Deno
 * (the `deno` devDependency ships the binary); skips, saying what is missing, without them.
 * The kernel spec is installed into a temporary directory, never the user's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const NOTEBOOK = resolve('examples/den-haag-pilot.ipynb');
const KERNEL = 'effectmeting-deno';

/** The Deno binary: the npm package's, else `deno` on the PATH; null if neither runs. */
function findDeno(): string | null {
  const require = createRequire(import.meta.url);
  const candidates: string[] = [];
  try {
    candidates.push(join(dirname(require.resolve('deno/package.json')), 'deno'));
  } catch {
    // not installed
  }
  const platform =
    process.platform === 'linux'
      ? `linux-${process.arch}-glibc`
      : `${process.platform}-${process.arch}`;
  try {
    candidates.push(join(dirname(require.resolve(`@deno/${platform}/package.json`)), 'deno'));
  } catch {
    // no binary package for this platform
  }
  candidates.push('deno');
  for (const c of candidates) {
    if (c !== 'deno' && !existsSync(c)) continue;
    if (spawnSync(c, ['--version'], { encoding: 'utf8' }).status === 0) return c;
  }
  return null;
}

function hasNbconvert(): boolean {
  return spawnSync('jupyter', ['nbconvert', '--version'], { encoding: 'utf8' }).status === 0;
}

const deno = findDeno();
const missing = [
  hasNbconvert() ? null : 'jupyter nbconvert (apt-get install jupyter-nbconvert python3-ipykernel)',
  deno ? null : 'deno (npm install)',
].filter((m): m is string => m !== null);
const skip = missing.length > 0 ? `skipped: ${missing.join(' and ')} not available` : '';
if (skip) console.warn(`tests/notebook: ${skip}`);

interface Output {
  output_type: string;
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: Output[];
}

describe('examples/den-haag-pilot.ipynb', () => {
  const work = mkdtempSync(join(tmpdir(), 'effectmeting-notebook-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.skipIf(skip !== '')(
    `runs headlessly in Deno's Jupyter kernel without a cell error${skip ? ` (${skip})` : ''}`,
    () => {
      const env = {
        ...process.env,
        XDG_DATA_HOME: join(work, 'data'), // where `deno jupyter --install` writes on Linux
        JUPYTER_PATH: join(work, 'data', 'jupyter'),
        NO_COLOR: '1',
      };
      const install = spawnSync(deno!, ['jupyter', '--install', '--force', '--name', KERNEL], {
        env,
        encoding: 'utf8',
      });
      expect(install.status, install.stderr).toBe(0);
      expect(existsSync(join(work, 'data', 'jupyter', 'kernels', KERNEL, 'kernel.json'))).toBe(
        true,
      );

      const run = spawnSync(
        'jupyter',
        [
          'nbconvert',
          '--to',
          'notebook',
          '--execute',
          `--ExecutePreprocessor.kernel_name=${KERNEL}`,
          '--ExecutePreprocessor.timeout=180',
          '--output-dir',
          join(work, 'out'),
          NOTEBOOK,
        ],
        { env, encoding: 'utf8', timeout: 240_000 },
      );
      // nbconvert exits non-zero when a cell fails (its execute_reply has status "error").
      expect(run.status, `${run.stderr}`.slice(-4000)).toBe(0);

      const executed = JSON.parse(
        readFileSync(join(work, 'out', 'den-haag-pilot.ipynb'), 'utf8'),
      ) as { cells: Cell[] };
      const code = executed.cells.filter((c) => c.cell_type === 'code');
      const outputs = code.flatMap((c) => c.outputs ?? []);
      // Errors raised while formatting a result arrive as outputs, not in the reply.
      const errors = outputs.filter((o) => o.output_type === 'error');
      expect(errors.map((e) => `${e.ename}: ${e.evalue}`)).toEqual([]);
      // Rich output arrived: tables as HTML, charts as Vega-Lite. (The kernel may send a
      // result after reporting idle, so a single output can be missing; not all of them.)
      const mimes = new Set(outputs.flatMap((o) => Object.keys(o.data ?? {})));
      expect(mimes).toContain('text/html');
      expect(mimes).toContain('application/vnd.vegalite.v5+json');
    },
    300_000,
  );
});
