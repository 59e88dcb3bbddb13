// `analyze` on a terminal shows its progress bar from the first second, the read included: on a
// file large enough for the reader to report several fractions, the first line drawn once the
// delay has passed is the read's own ("reading … NN%", NN < 100), before any analysis step.
// The clock is the test's (performance.now advances 600 ms a call), so no timing is measured.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'effectmeting-analyze-progress-'));
afterAll(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** 70,000 clients: the CSV reader reports its progress after the bytes and every 65,536 rows. */
function bigCsv(): string {
  const lines = ['id,arm,followup_months,month_work'];
  for (let i = 0; i < 70_000; i++) {
    const work = (i * 7919) % 5 === 0 ? String(1 + (i % 3)) : '';
    lines.push(`P${i},${i % 2 ? 'experiment' : 'control'},3,${work}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('analyze progress on a terminal', () => {
  it('draws the read step with its fraction before any analysis step', async () => {
    const input = join(dir, 'progress-big.csv');
    writeFileSync(input, bigCsv());
    const config = join(dir, 'progress.json');
    writeFileSync(
      config,
      JSON.stringify({
        events: ['month_work'],
        months: 2,
        arms: { treatment: 'experiment', control: 'control' },
      }),
    );
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => {
      clock += 600;
      return clock;
    });
    const err: string[] = [];
    const code = await runCli(
      ['analyze', '--input', input, '--config', config, '--format', 'json'],
      {
        stdout: () => {},
        stderr: (t) => err.push(t),
        terminal: { color: false, stderrIsTTY: true },
      },
    );
    vi.restoreAllMocks();
    expect(code).toBe(0);
    const drawn = err.filter((t) => t.includes('['));
    expect(drawn.length).toBeGreaterThan(1);
    const first = /reading progress-big\.csv (\d+)%/.exec(drawn[0]!);
    expect(first).not.toBeNull();
    expect(Number(first![1])).toBeLessThan(100);
    const firstStep = drawn.findIndex((t) => t.includes('checking the data'));
    expect(firstStep).toBeGreaterThan(0);
    // Every line before the first analysis step is the read's, its fraction not decreasing.
    const fractions = drawn
      .slice(0, firstStep)
      .map((t) => Number(/reading progress-big\.csv (\d+)%/.exec(t)?.[1]));
    expect(fractions.every(Number.isFinite)).toBe(true);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    // The bar is cleared at the end.
    expect(err.at(-1)).toMatch(/^\r +\r$/);
  });
});
