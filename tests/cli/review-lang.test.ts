/**
 * `effectmeting review --lang` (issue #17): `--lang nl` writes review.md, review.html, the four
 * SVG charts and the terminal lines in Dutch; review.json (and `--json` on stdout) is byte for
 * byte the one of `--lang en`; English is the default; `--lang de` is a usage error naming
 * `--lang`. On slices of the synthetic populations (3,000 and 4,000 clients) to stay quick; no
 * client id appears in any output.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'review-lang-'));
const FILES = [
  'review.md',
  'review.html',
  'review.json',
  'gains.svg',
  'calibration.svg',
  'drift.svg',
  'subgroups.svg',
];

async function run(args: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args], {
    stdout: (t: string) => out.push(t),
    stderr: (t: string) => err.push(t),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const review = (...more: string[]) => [
  'review',
  '--current',
  join(dir, 'scan-2024.csv'),
  '--previous',
  join(dir, 'scan-2023.csv'),
  '--quiet',
  ...more,
];

describe('effectmeting review --lang', () => {
  const read = (lang: string, file: string) => readFileSync(join(dir, lang, file), 'utf8');
  let ids: string[] = [];
  let en: Awaited<ReturnType<typeof run>>;
  let nl: Awaited<ReturnType<typeof run>>;

  beforeAll(async () => {
    for (const [year, rows] of [
      ['2023', 3000],
      ['2024', 4000],
    ] as const) {
      const lines = readFileSync(`data/scan-population-${year}.csv`, 'utf8')
        .split('\n')
        .slice(0, rows + 1);
      writeFileSync(join(dir, `scan-${year}.csv`), `${lines.join('\n')}\n`);
      ids.push(...lines.slice(1, 400).map((l) => l.split(',')[0]!));
    }
    ids = ids.filter((id) => id.length >= 6);
    en = await run(review('--out', join(dir, 'en')));
    nl = await run(review('--out', join(dir, 'nl'), '--lang', 'nl'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--lang nl: Dutch Markdown, HTML, charts and terminal line; exit 0', () => {
    expect(en.code).toBe(EXIT.ok);
    expect(nl.code).toBe(EXIT.ok);
    const md = read('nl', 'review.md');
    expect(md).toMatch(
      /^# Jaarlijkse review van de risicoscan \(Maatwerkscan\): 2024 tegenover 2023\n/,
    );
    expect(md).toContain('## Oordeel');
    expect(md).toContain('procentpunt');
    expect(md).toMatch(/\d\.\d{3} cliënten/); // "4.000 cliënten": the thousands dot
    expect(md).toMatch(/\d,\d%/); // "63,3%": the decimal comma, no space
    expect(md).toContain('![Gains-curves](gains.svg)');
    expect(md).not.toMatch(/\d\.\d %/);
    expect(nl.stdout).toBe(md);
    const html = read('nl', 'review.html');
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('Getallen uit effectmeting scanReview');
    expect(html).toContain('Onderscheidend vermogen');
    expect(read('nl', 'gains.svg')).toContain('Gains-curves, 2023 en 2024');
    expect(read('nl', 'calibration.svg')).toContain('Kalibratie per risicodeciel, 2024');
    expect(read('nl', 'drift.svg')).toContain('Drift per kenmerk');
    expect(read('nl', 'subgroups.svg')).toContain('Vangst per subgroep, 2024');
    expect(nl.stderr).toMatch(
      /review\.html, review\.md \(\+ 4 SVG-grafieken\) en review\.json geschreven; \d+ signa(al|len)\n$/,
    );
    // English stays the default
    expect(read('en', 'review.md')).toContain('## Verdict');
    expect(read('en', 'review.html')).toContain('<html lang="en">');
    expect(en.stderr).toMatch(/and review\.json; \d+ flags?\n$/);
  });

  it('review.json is the same bytes in both languages (machine numbers, English keys)', async () => {
    expect(read('nl', 'review.json')).toBe(read('en', 'review.json'));
    const json = JSON.parse(read('nl', 'review.json'));
    expect(json.title).toMatch(/^Yearly review of the risk scan/);
    expect(typeof json.current.capture10).toBe('number');
    const b = await run(review('--out', join(dir, 'nl-json'), '--json', '--lang', 'nl'));
    expect(b.stdout).toBe(read('en', 'review.json'));
  });

  it('no client id in any output, in either language', () => {
    expect(ids.length).toBeGreaterThan(500);
    for (const lang of ['en', 'nl']) {
      for (const f of FILES) {
        const text = read(lang, f);
        for (const id of ids) expect(text.includes(id), `${lang}/${f}`).toBe(false);
      }
    }
  });

  it('--lang de is a usage error naming --lang; the help lists --lang', async () => {
    const r = await run(review('--out', join(dir, 'de'), '--lang', 'de'));
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain('--lang: expected "en" or "nl", got "de"');
    const help = await run(['review', '--help']);
    expect(help.stdout).toContain('--lang <en|nl>');
  });
});
