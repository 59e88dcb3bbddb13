/**
 * The policy figures are computed, not written: on a file with deciles 1 and 2 swapped (decile 2
 * has almost no effect), `reproduce den-haag` prints no sentence about the published 405.9, no
 * negated figure and no "trajectories effective" for an effect that prevents nothing.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.js';

function swappedDeciles(): string {
  const lines = readFileSync('data/den-haag-pilot.csv', 'utf8').trimEnd().split('\n');
  const header = lines[0]!.split(',');
  const d = header.indexOf('decile');
  const out = [lines[0]!];
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    cells[d] = cells[d] === '1' ? '2' : cells[d] === '2' ? '1' : cells[d]!;
    out.push(cells.join(','));
  }
  const path = join(mkdtempSync(join(tmpdir(), 'den-haag-swapped-')), 'swapped.csv');
  writeFileSync(path, `${out.join('\n')}\n`);
  return path;
}

describe('reproduce den-haag on another decile', () => {
  it('prints the figures as computed: no 405.9, no negated IV figure, signs kept', async () => {
    let markdown = '';
    const code = await runCli(['reproduce', 'den-haag', '--data', swappedDeciles()], {
      stdout: (t) => (markdown += t),
      stderr: () => {},
    });
    expect(code).toBe(0);
    const policy = markdown.slice(markdown.indexOf('## Policy figures'));
    expect(policy).not.toContain('405');
    expect(policy).not.toContain('whole clients');
    expect(policy).not.toContain('trajectories effective');
    expect(policy).not.toMatch(/-\d/); // every minus is computed and printed as U+2212
    // Decile 2's effect is about zero and positive: prevented is negative and says so.
    expect(policy).toMatch(/Prevented: 969 × −0\.\d+ % = −/);
    expect(policy).toContain('negative: more flow-throughs into bijstand with the service');
    expect(policy).toContain('Trajectories per prevented case: not defined');
    // The IV ratio is printed with the sign it has: ITT / participation difference.
    const m = /is (−?[\d.]+) pp \/ (−?[\d.]+) pp = (−?[\d.]+)\./.exec(policy);
    expect(m).not.toBeNull();
    const [itt, diff, ratio] = m!.slice(1).map((x) => Number(x.replace('−', '-')));
    expect(Math.sign(ratio!)).toBe(Math.sign(itt! / diff!));
    expect(ratio).toBeCloseTo(itt! / diff!, 1);
    expect(policy).toContain('Instrumental-variable reading (complier effect, 2SLS');
  });
});
