// The CLI as one ESM bundle: dist/cli/main.js with every module it imports (ours and the
// dependencies) inlined, and the lazily imported parts (each command, vega and vega-lite) as
// chunks beside it in dist/cli/, so `effectmeting --version` reads one file and `reproduce`
// a handful instead of ~670 (run after `tsc -p tsconfig.build.json`, which it overwrites
// dist/cli/main.js of). Kept out of the bundle, imported from tsc's output in dist/:
// - the simulation (`src/plan/simulate.ts`) and the study's simulation model: a worker thread
//   imports `simulate-worker.js` beside simulate.js and the model by its module URL and export
//   name, which must be a real module, not a chunk;
// - `src/errors.ts`, so that InputError is one class for the bundle and those modules (the
//   CLI's exit codes depend on `instanceof InputError`);
// - @duckdb/node-api (an optional peer, native).
// usage: node scripts/build-cli.mjs [--outdir <dir>]   (default dist/cli; tests build elsewhere)
import { rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = resolve(values.outdir ?? resolve(root, 'dist/cli'));
/** Source modules imported from tsc's output (see above). */
const UNBUNDLED = [
  'src/errors.ts',
  'src/plan/simulate.ts',
  'src/studies/den-haag-pilot/simulation-model.ts',
].map((p) => resolve(root, p));

/** Resolves an import of an unbundled module to its compiled file, relative to dist/cli/. */
const unbundled = {
  name: 'unbundled',
  setup(b) {
    b.onResolve({ filter: /\.js$/ }, (args) => {
      if (args.kind === 'entry-point' || !args.importer) return undefined;
      const source = resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      if (!UNBUNDLED.includes(source)) return undefined;
      const compiled = relative(resolve(root, 'src'), source).replace(/\.ts$/, '.js');
      return { path: `../${compiled}`, external: true };
    });
  },
};

await build({
  entryPoints: { main: resolve(root, 'src/cli/main.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  external: ['@duckdb/node-api'],
  plugins: [unbundled],
  legalComments: 'none',
  logLevel: 'warning',
  // Some dependencies are CommonJS: give their `require` of Node built-ins a real require.
  banner: {
    js: "import { createRequire as __effectmetingRequire } from 'node:module'; const require = __effectmetingRequire(import.meta.url);",
  },
});
// tsc's source map of main.js describes the file this bundle replaced.
rmSync(resolve(outdir, 'main.js.map'), { force: true });
