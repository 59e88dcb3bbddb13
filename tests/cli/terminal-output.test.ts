/**
 * `analyze --format table` on a terminal: folded to its width and coloured on request; piped
 * and in the `--out` files the same bytes as without a terminal.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/main.js';
import type { TerminalInfo } from '../../src/cli/terminal.js';
import { SMALL_PLAN, smallCsv } from '../evaluate/small-data.js';

const dir = mkdtempSync(join(tmpdir(), 'effectmeting-terminal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const data = join(dir, 'clients.csv');
const config = join(dir, 'config.json');
writeFileSync(data, smallCsv());
writeFileSync(config, JSON.stringify(SMALL_PLAN));

async function analyze(terminal?: TerminalInfo, out?: string): Promise<string> {
  let text = '';
  const io: CliIO = {
    stdout: (t) => {
      text += t;
    },
    stderr: () => {},
    ...(terminal ? { terminal } : {}),
  };
  const args = ['analyze', '--input', data, '--config', config];
  const code = await runCli(out ? [...args, '--out', out] : args, io);
  expect(code).toBe(0);
  return text;
}

const width = (text: string) => Math.max(...text.split('\n').map((l) => [...l].length));

describe('analyze on a terminal', () => {
  it('fits a narrow terminal, keeps every number, and leaves the files as they are', async () => {
    const piped = await analyze();
    const narrow = join(dir, 'narrow');
    const folded = await analyze({ columns: 60, color: false, stderrIsTTY: false }, narrow);
    expect(width(piped)).toBeGreaterThan(60);
    expect(width(folded)).toBeLessThanOrEqual(60);
    const numbers = (t: string) => t.match(/[−-]?\d[\d,.]*/g) ?? [];
    // Folding repeats the label columns (month, event) and moves no other number.
    expect(new Set(numbers(folded))).toEqual(new Set(numbers(piped)));
    expect(readFileSync(join(narrow, 'analysis.txt'), 'utf8')).toBe(piped);
    expect(folded).not.toContain('\u001b');
  });

  it('colours a colour terminal only', async () => {
    const piped = await analyze();
    const coloured = await analyze({ color: true, stderrIsTTY: true });
    expect(coloured).toContain('\u001b[1m');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(piped);
    expect(await analyze({ color: false, stderrIsTTY: true })).toBe(piped);
  });
});
