// The CLI as one ESM bundle: dist/cli/main.js with every module it imports (ours and the
// dependencies) inlined, and the lazily imported parts (each command, vega and vega-lite) as
// chunks beside it in dist/cli/, so `effectmeting --version` reads one file and `reproduce`
// a few dozen instead of ~670 (run after `tsc -p tsconfig.build.json`, whose dist/cli/main.js
// it replaces). `import.meta.url` in a bundled module is rewritten to the URL of that module's
// compiled file in dist/ (tsc's output), so what it locates keeps working from a chunk: the
// package.json two levels up, the power simulation's worker (`dist/plan/simulate-worker.js`)
// and the study's simulation model, which the worker imports by module URL and export name.
// @duckdb/node-api (an optional peer, native) stays external.
// usage: node scripts/build-cli.mjs [--outdir <dir>]   (default dist/cli; tests build elsewhere)

import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const src = resolve(root, 'src');
const dist = resolve(root, 'dist');
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = resolve(values.outdir ?? resolve(dist, 'cli'));
mkdirSync(outdir, { recursive: true });

/** Rewrites `import.meta.url` of a source module to the URL of its compiled file in dist/. */
const compiledUrl = {
  name: 'compiled-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!args.path.startsWith(src) || !text.includes('import.meta.url')) return undefined;
      const compiled = resolve(dist, relative(src, args.path)).replace(/\.ts$/, '.js');
      const rel = relative(resolve(dist, 'cli'), compiled).split('\\').join('/');
      const url = `new URL(${JSON.stringify(rel.startsWith('.') ? rel : `./${rel}`)}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

// chunks of an earlier build (their names are content hashes)
for (const f of readdirSync(outdir, { withFileTypes: true })) {
  if (f.isFile() && /^chunk-.*\.js$/.test(f.name)) rmSync(resolve(outdir, f.name));
}

await build({
  entryPoints: { main: resolve(src, 'cli/main.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  external: ['@duckdb/node-api'],
  plugins: [compiledUrl],
  legalComments: 'none',
  logLevel: 'warning',
  // Some dependencies are CommonJS: give their `require` of Node built-ins a real require.
  banner: {
    js: "import { createRequire as __effectmetingRequire } from 'node:module'; const require = __effectmetingRequire(import.meta.url);",
  },
});
// tsc's source map of main.js describes the file this bundle replaced.
rmSync(resolve(outdir, 'main.js.map'), { force: true });
