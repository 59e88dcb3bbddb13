/**
 * A/B check of `effectmeting analyze --format json` results: two JSON files (the base build's and
 * the new build's output on the same input and config, e.g. `--min-cell 0` for every number) must
 * have the same structure and strings, and every number must agree to a relative 1e-12 (|a − b| ≤
 * 1e-12·max(|a|, |b|), or both 0 / equal). Prints the number of fields, how many numbers differ
 * at all, the largest relative difference and where; exits 1 on a mismatch.
 * `node --import tsx bench/ab/analyze-compare.ts base.json new.json [tolerance]`.
 * Not part of `npm run bench`.
 */
import { readFileSync } from 'node:fs';

const [basePath, newPath, tolText] = process.argv.slice(2);
if (basePath === undefined || newPath === undefined) {
  console.error('usage: analyze-compare.ts <base.json> <new.json> [relative tolerance]');
  process.exit(2);
}
const tolerance = tolText === undefined ? 1e-12 : Number(tolText);
const a: unknown = JSON.parse(readFileSync(basePath, 'utf8'));
const b: unknown = JSON.parse(readFileSync(newPath, 'utf8'));

let fields = 0;
let numbers = 0;
let differing = 0;
let worst = { rel: 0, path: '', a: 0, b: 0 };
const problems: string[] = [];

function walk(x: unknown, y: unknown, path: string): void {
  fields++;
  if (typeof x === 'number' && typeof y === 'number') {
    numbers++;
    if (x === y || (Number.isNaN(x) && Number.isNaN(y))) return;
    differing++;
    const rel = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
    if (rel > worst.rel) worst = { rel, path, a: x, b: y };
    if (!(rel <= tolerance)) problems.push(`${path}: ${x} vs ${y} (relative ${rel})`);
    return;
  }
  if (Array.isArray(x) && Array.isArray(y)) {
    if (x.length !== y.length) {
      problems.push(`${path}: length ${x.length} vs ${y.length}`);
      return;
    }
    for (let i = 0; i < x.length; i++) walk(x[i], y[i], `${path}[${i}]`);
    return;
  }
  if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object') {
    const kx = Object.keys(x);
    const ky = Object.keys(y);
    if (kx.join('\u0000') !== ky.join('\u0000')) {
      problems.push(`${path}: keys ${kx.join(',')} vs ${ky.join(',')}`);
      return;
    }
    for (const k of kx)
      walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  if (x !== y) problems.push(`${path}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
}

walk(a, b, '$');
console.log(
  `${fields} fields, ${numbers} numbers, ${differing} numbers not bit-identical, largest relative difference ${worst.rel}${worst.path ? ` at ${worst.path} (${worst.a} vs ${worst.b})` : ''}`,
);
if (problems.length > 0) {
  console.log(`${problems.length} mismatches (tolerance ${tolerance}):`);
  for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
  process.exit(1);
}
console.log(`every number within ${tolerance} relative`);
