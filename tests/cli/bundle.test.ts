// The CLI bundle (scripts/build-cli.mjs, the second half of `npm run build`), built into a
// temporary directory: a node entry, commands and vega only in lazily imported chunks, and
// `import.meta.url` pointing at tsc's compiled file of each module (the simulation worker and
// model stay real modules). scripts/check-package.sh runs the installed CLI.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const out = mkdtempSync(join(tmpdir(), 'effectmeting-cli-bundle-'));
const built = spawnSync(process.execPath, ['scripts/build-cli.mjs', '--outdir', out], {
  encoding: 'utf8',
});
afterAll(() => rmSync(out, { recursive: true, force: true }));
const read = (file: string) => readFileSync(join(out, file), 'utf8');
const files = built.status === 0 ? readdirSync(out) : [];
const chunks = files.filter((f) => f.startsWith('chunk-'));
/** The relative modules main.js imports statically (`import … from "./x.js"`). */
const staticImports = (text: string) =>
  [...text.matchAll(/^import\s[^;]*?from\s*"(\.\/[^"]+)"/gms)].map((m) => m[1]!);

/** The files a chunk loads with it: itself and, transitively, what it imports statically. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = read(file);
  for (const target of staticImports(text)) staticClosure(target.slice(2), seen);
  for (const m of text.matchAll(/^import\s*"(\.\/[^"]+)"/gm)) staticClosure(m[1]!.slice(2), seen);
  return seen;
}
/** The chunk a module's `import("./chunk-….js")` loads for the named export. */
function lazyChunk(text: string, exported: string): string {
  const m = new RegExp(`import\\("\\.\\/(chunk-[A-Z0-9]+\\.js)"\\)\\)\\.${exported}\\b`).exec(text);
  expect(m, exported).not.toBeNull();
  return m![1]!;
}

describe('the CLI bundle', () => {
  it('builds an executable entry with lazily loaded chunks', () => {
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    const main = read('main.js');
    expect(main.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(chunks.length).toBeGreaterThan(3);
    expect(main).toMatch(/import\("\.\/chunk-[A-Z0-9]+\.js"\)/);
    // --version reads main.js and what it imports statically: none of it is vega or a study
    const eager = [main, ...staticImports(main).map((f) => read(f))].join('\n');
    expect(eager).not.toMatch(/vega-lite|VEGA_LITE|den-haag-pilot\.csv/);
    expect(chunks.some((f) => read(f).includes('den-haag-pilot.csv'))).toBe(true);
  });

  it('reproduce loads the one study it runs: its help needs no study module', () => {
    const reproduce = lazyChunk(read('main.js'), 'reproduceCommand');
    const command = [...staticClosure(reproduce)].map(read).join('\n');
    // Each study's generator is in its own modules only (the light catalog names the studies
    // and their files, but holds no generator): none is in the command's own files.
    const generators = [
      'generateDenHaag',
      'generateIntensive2012',
      'generatePersonalServices2017',
      'generateScanPopulation',
    ];
    const defines = (name: string) => new RegExp(`\\bfunction ${name}\\d*\\(`);
    for (const g of generators) expect(command).not.toMatch(defines(g));
    // The den-haag study's chunk and what it imports hold its generator, and no other study's.
    const loaderText = [...staticClosure(reproduce)]
      .map(read)
      .find((t) => t.includes('DEN_HAAG_STUDY'));
    expect(loaderText).toBeDefined();
    const study = [...staticClosure(lazyChunk(loaderText!, 'DEN_HAAG_STUDY'))].map(read).join('\n');
    expect(study).toMatch(defines('generateDenHaag'));
    for (const g of generators.slice(1)) expect(study).not.toMatch(defines(g));
  });

  it("rewrites import.meta.url to the compiled module's file in dist/", () => {
    const text = files
      .filter((f) => f.endsWith('.js'))
      .map(read)
      .join('\n');
    // one InputError class (the exit codes depend on instanceof), no module left external
    expect(text.match(/\bInputError = class\b/g)).toHaveLength(1);
    expect(text).not.toMatch(/from\s*"\.\.\//);
    // the worker beside dist/plan/simulate.js, the model the worker imports, package.json
    expect(text).toContain('new URL("../plan/simulate.js", import.meta.url).href');
    expect(text).toContain(
      'module: new URL("../studies/den-haag-pilot/simulation-model.js", import.meta.url).href',
    );
    expect(text).toContain(
      'new URL("../../package.json", new URL("./package-version.js", import.meta.url).href)',
    );
  });
});
