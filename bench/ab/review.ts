/**
 * A/B check of the scan review (issue 18) against a base checkout, on the same generated tables:
 * `node --import tsx bench/ab/review.ts <base checkout> [clients per year]` (default 1,000,000; the
 * base e.g. `git archive <commit> | tar -x -C /tmp/base` with node_modules linked). Both builds
 * review the same two tables (generated once, by this checkout's generator: 2023 parameters for
 * the previous year, 2024 for the current, as bench/scan.bench.ts); then
 * - every number of the review JSON (`reviewJson`) is compared: the largest relative difference
 *   |a − b| / max(|a|, |b|) and every field above 1e-10 (those with an absolute difference
 *   ≤ 1e-13, numbers that are 0 in exact arithmetic, listed apart and passed); every other JSON
 *   value must be equal (numbers inside texts compared as numbers);
 * - the printed Markdown (en and nl) must be identical, and the HTML page with its charts too but
 *   for the SVG coordinates written in full (each within 1e-10 relative);
 * - this checkout runs twice: its JSON must be byte-identical (determinism);
 * - the CPU seconds (user + system) of each `scanReview` call, base and this checkout
 *   alternating (on a shared machine, read the ratio, not the seconds).
 * Exit code 1 when a check fails. Not part of `npm run bench`.
 */
const base = process.argv[2];
if (!base) throw new Error('usage: bench/ab/review.ts <base checkout> [clients per year]');
const N = Number(process.argv[3] ?? 1_000_000);
const here = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

interface Build {
  scanReview: (input: Record<string, unknown>) => Record<string, unknown> & {
    toMarkdown(): string;
  };
  scanReviewMarkdown: (r: unknown, charts: unknown, options: unknown) => string;
  reviewJson: (value: unknown) => string;
  scanReviewHtml: (r: unknown) => Promise<string>;
}

async function load(root: string): Promise<Build> {
  const scan = await import(`${root}/src/scan/index.ts`);
  const cli = await import(`${root}/src/cli/review.ts`);
  const html = await import(`${root}/src/report/scan-review-html.ts`);
  return {
    scanReview: scan.scanReview,
    scanReviewMarkdown: scan.scanReviewMarkdown,
    reviewJson: cli.reviewJson,
    scanReviewHtml: html.scanReviewHtml,
  };
}

const { table } = await import('arquero');
const studies = await import(`${here}/src/studies.ts`);
function makeTable(params: Record<string, unknown>) {
  const rows = studies.generateScanPopulation({ ...params, n: N }) as Record<string, unknown>[];
  const cols: Record<string, unknown[]> = {};
  for (const c of studies.SCAN_POPULATION_COLUMNS as string[]) cols[c] = rows.map((r) => r[c]);
  return table(cols);
}
const previous = makeTable(studies.SCAN_POPULATION_2023);
const current = makeTable(studies.SCAN_POPULATION_2024);
const builds = { base: await load(base), new: await load(here) };

interface Outputs {
  json: string;
  md: string;
  mdNl: string;
  html: string;
  cpu: number;
}
async function run(b: Build): Promise<Outputs> {
  const c0 = process.cpuUsage();
  const review = b.scanReview({ current, previous, currentName: '2024', previousName: '2023' });
  const c = process.cpuUsage(c0);
  return {
    cpu: (c.user + c.system) / 1e6,
    json: b.reviewJson(review),
    md: b.scanReviewMarkdown(review, {}, {}),
    mdNl: b.scanReviewMarkdown(review, {}, { lang: 'nl' }),
    html: await b.scanReviewHtml(review),
  };
}

const a1 = await run(builds.base);
const b1 = await run(builds.new);
const a2 = await run(builds.base);
const b2 = await run(builds.new);

let maxRel = 0;
let maxPath = '';
let numbers = 0;
const over: string[] = [];
// Numbers that are 0 in exact arithmetic (the in-sample calibration intercept and score
// statistics of a fit that stopped at glm's tolerance): relative differences are meaningless
// there, so an absolute difference ≤ 1e-13 is listed but passes.
const nearZero: string[] = [];
const unequal: string[] = [];
function compare(a: unknown, b: unknown, path: string): void {
  if (typeof a === 'number' && typeof b === 'number') {
    numbers++;
    const scale = Math.max(Math.abs(a), Math.abs(b));
    const rel = scale === 0 ? 0 : Math.abs(a - b) / scale;
    if (rel > maxRel) {
      maxRel = rel;
      maxPath = path;
    }
    if (rel > 1e-10) {
      const line = `${path}: ${a} vs ${b} (rel. ${rel.toExponential(2)}, abs. ${Math.abs(a - b).toExponential(2)})`;
      (Math.abs(a - b) <= 1e-13 ? nearZero : over).push(line);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let i = 0; i < a.length; i++) compare(a[i], b[i], `${path}[${i}]`);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.join() !== kb.join()) unequal.push(`${path}: keys differ`);
    for (const key of ka) {
      compare(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
    }
    return;
  }
  if (typeof a === 'string' && typeof b === 'string' && a !== b) {
    // A text with a number written in full (a method's threshold): the same words, and each
    // number compared as a number.
    const num = /-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g;
    const na = a.match(num) ?? [];
    const nb = b.match(num) ?? [];
    if (a.replace(num, '#') === b.replace(num, '#') && na.length === nb.length) {
      na.forEach((x, i) => {
        compare(Number(x), Number(nb[i]), `${path}<number ${i}>`);
      });
      return;
    }
  }
  if (a !== b) unequal.push(`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
}
compare(JSON.parse(a1.json), JSON.parse(b1.json), '$');

// AB_OUT=<dir>: the outputs of both builds written there, for a diff.
const dir = process.env.AB_OUT;
if (dir) {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync(dir, { recursive: true });
  for (const [name, o] of [
    ['base', a1],
    ['new', b1],
  ] as const) {
    writeFileSync(`${dir}/${name}.json`, o.json);
    writeFileSync(`${dir}/${name}.md`, o.md);
    writeFileSync(`${dir}/${name}.nl.md`, o.mdNl);
    writeFileSync(`${dir}/${name}.html`, o.html);
  }
}

// The HTML page: the same text, and each number in it (the SVG charts' coordinates are written in
// full) within 1e-10 relative; the printed figures are rounded, so they must be equal as text.
const NUMBER = /-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g;
let htmlNumbers = 0;
let htmlMaxRel = 0;
const htmlSame =
  a1.html === b1.html ||
  (() => {
    const na = a1.html.match(NUMBER) ?? [];
    const nb = b1.html.match(NUMBER) ?? [];
    if (a1.html.replace(NUMBER, '#') !== b1.html.replace(NUMBER, '#') || na.length !== nb.length)
      return false;
    na.forEach((x, i) => {
      if (x === nb[i]) return;
      const u = Number(x);
      const v = Number(nb[i]);
      htmlNumbers++;
      htmlMaxRel = Math.max(htmlMaxRel, Math.abs(u - v) / Math.max(Math.abs(u), Math.abs(v)));
    });
    return htmlMaxRel <= 1e-10;
  })();

const checks = {
  'numbers within 1e-10': over.length === 0,
  'other JSON values equal': unequal.length === 0,
  'Markdown (en) identical': a1.md === b1.md,
  'Markdown (nl) identical': a1.mdNl === b1.mdNl,
  'HTML with charts identical (SVG coordinates within 1e-10)': htmlSame,
  'deterministic (this checkout twice: JSON, Markdown, HTML)':
    b1.json === b2.json && b1.md === b2.md && b1.html === b2.html,
};
console.log(`scan review A/B, 2 × ${N.toLocaleString('en-US')} clients`);
console.log(`numbers compared: ${numbers}; max rel. diff ${maxRel.toExponential(2)} at ${maxPath}`);
for (const line of [...over, ...unequal].slice(0, 40)) console.log(`  ${line}`);
if (nearZero.length > 0) console.log('near zero (absolute difference ≤ 1e-13):');
for (const line of nearZero.slice(0, 40)) console.log(`  ${line}`);
if (htmlNumbers > 0) {
  console.log(
    `HTML: same text; ${htmlNumbers} numbers written in full (SVG coordinates) differ, max rel. ${htmlMaxRel.toExponential(2)}`,
  );
}
for (const [name, ok] of Object.entries(checks)) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
console.log(
  `scanReview CPU s: base ${a1.cpu.toFixed(1)}, ${a2.cpu.toFixed(1)}; this checkout ${b1.cpu.toFixed(1)}, ${b2.cpu.toFixed(1)}; ratio of the best ${(Math.min(a1.cpu, a2.cpu) / Math.min(b1.cpu, b2.cpu)).toFixed(2)}`,
);
if (!Object.values(checks).every(Boolean)) process.exitCode = 1;
