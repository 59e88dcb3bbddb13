/**
 * Executes examples/den-haag-pilot.ipynb headlessly in Deno's Jupyter kernel and fails on any
 * cell error. Needs `jupyter nbconvert` (Debian: jupyter-nbconvert, python3-ipykernel) and Deno
 * (the `deno` devDependency ships the binary); skips, saying what is missing, without them.
 * The kernel spec is installed into a temporary directory, never the user's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
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

/**
 * Whether `jupyter nbconvert` can be found: `jupyter` runs the subcommand as the program
 * `jupyter-nbconvert` on the PATH, so both must be there. Looked up, not run: starting it to ask
 * its version costs 1.4 s of CPU (Python importing nbconvert) on every run; an installed but
 * broken nbconvert fails the test below with its error instead of skipping it.
 */
function hasNbconvert(): boolean {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((d) => d !== '');
  return ['jupyter', 'jupyter-nbconvert'].every((program) =>
    dirs.some((dir) => existsSync(join(dir, program))),
  );
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

/** Code cells that draw a chart: `display(<name>Chart(…))`. */
const isChartCell = (cell: Cell) =>
  cell.cell_type === 'code' && /display\(\s*\w+Chart\(/.test(sourceOf(cell));
const sourceOf = (cell: Cell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source);

/** The SVG documents of the `<img src="data:image/svg+xml;base64,…">` images of an HTML page. */
function svgImages(html: string): string[] {
  return [...html.matchAll(/<img[^>]*src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)"/g)].map(
    (m) => Buffer.from(m[1] ?? '', 'base64').toString('utf8'),
  );
}

describe('examples/den-haag-pilot.ipynb', () => {
  const work = mkdtempSync(join(tmpdir(), 'effectmeting-notebook-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const env = {
    ...process.env,
    XDG_DATA_HOME: join(work, 'data'), // where `deno jupyter --install` writes on Linux
    JUPYTER_PATH: join(work, 'data', 'jupyter'),
    NO_COLOR: '1',
  };

  /** Executes the notebook once; returns the executed cells. */
  function execute(attempt: number): Cell[] {
    const outDir = join(work, `out-${attempt}`);
    const run = spawnSync(
      'jupyter',
      [
        'nbconvert',
        '--to',
        'notebook',
        '--execute',
        `--ExecutePreprocessor.kernel_name=${KERNEL}`,
        '--ExecutePreprocessor.timeout=600',
        '--output-dir',
        outDir,
        NOTEBOOK,
      ],
      { env, encoding: 'utf8', timeout: 600_000 },
    );
    // nbconvert exits non-zero when a cell fails (its execute_reply has status "error").
    expect(run.status, `${run.stderr}`.slice(-4000)).toBe(0);
    return (
      JSON.parse(readFileSync(join(outDir, 'den-haag-pilot.ipynb'), 'utf8')) as { cells: Cell[] }
    ).cells;
  }

  it.skipIf(skip !== '')(
    `runs headlessly in Deno's Jupyter kernel without a cell error, and its HTML export shows every chart${skip ? ` (${skip})` : ''}`,
    () => {
      const install = spawnSync(deno!, ['jupyter', '--install', '--force', '--name', KERNEL], {
        env,
        encoding: 'utf8',
      });
      expect(install.status, install.stderr).toBe(0);
      expect(existsSync(join(work, 'data', 'jupyter', 'kernels', KERNEL, 'kernel.json'))).toBe(
        true,
      );

      // Deno 2.9 with nbconvert 6.5 sometimes delivers a cell's result after reporting the cell
      // done, and nbconvert has stopped listening by then: the cell is saved without output. A
      // chart cell without output is therefore run again (once); errors fail at once.
      let cells = execute(1);
      const silentCharts = (cs: Cell[]) =>
        cs.filter((c) => isChartCell(c) && (c.outputs ?? []).length === 0).length;
      if (silentCharts(cells) > 0) cells = execute(2);
      expect(silentCharts(cells), 'a chart cell saved no output in two runs').toBe(0);

      const outputs = cells.filter((c) => c.cell_type === 'code').flatMap((c) => c.outputs ?? []);
      // Errors raised while formatting a result arrive as outputs, not in the reply.
      const errors = outputs.filter((o) => o.output_type === 'error');
      expect(errors.map((e) => `${e.ename}: ${e.evalue}`)).toEqual([]);
      const mimes = new Set(outputs.flatMap((o) => Object.keys(o.data ?? {})));
      expect(mimes).toContain('text/html');
      expect(mimes).toContain('application/vnd.vegalite.v5+json');

      // The HTML export (what docs/notebooks.md shows) keeps every chart with its marks.
      const charts = cells.filter(isChartCell).length;
      expect(charts).toBe(3);
      const executed = join(work, 'executed.ipynb');
      writeFileSync(executed, JSON.stringify({ ...notebookMeta(), cells }));
      const html = spawnSync(
        'jupyter',
        ['nbconvert', '--to', 'html', '--output-dir', work, executed],
        {
          env,
          encoding: 'utf8',
          timeout: 600_000,
        },
      );
      expect(html.status, html.stderr.slice(-2000)).toBe(0);
      const images = svgImages(readFileSync(join(work, 'executed.html'), 'utf8'));
      expect(images).toHaveLength(charts);
      for (const svg of images) {
        expect(svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
        // Vega draws marks as <path>/<line>/<rect> inside groups classed mark-<type>.
        expect(svg).toMatch(/class="mark-(line|symbol|rect|area|rule)[^"]*"/);
        expect((svg.match(/<path /g) ?? []).length).toBeGreaterThan(5);
      }
    },
    600_000,
  );
});

/** The notebook's own metadata (kernel spec, format), to write the executed cells back. */
function notebookMeta(): Record<string, unknown> {
  const { cells: _cells, ...rest } = JSON.parse(readFileSync(NOTEBOOK, 'utf8')) as {
    cells: unknown;
  };
  return rest;
}
