import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

describe('progress within a step', () => {
  it('redraws the current step with its fraction once past the delay', () => {
    let t = 0;
    const out: string[] = [];
    const p = createProgress({
      enabled: true,
      write: (s) => out.push(s),
      total: 4,
      delayMs: 1000,
      now: () => t,
      width: 8,
    });
    p.step('reading clients.csv');
    p.advance(0.25);
    expect(out).toEqual([]); // before the delay
    t = 1500;
    p.advance(0.5);
    expect(out.at(-1)).toContain('reading clients.csv 50%');
    expect(out.at(-1)).toContain('0/4');
    p.step('effects');
    expect(out.at(-1)).toContain('1/4  effects');
  });

  it('stays silent when disabled', () => {
    const out: string[] = [];
    const p = createProgress({ enabled: false, write: (s) => out.push(s), total: 2, delayMs: 0 });
    p.step('a');
    p.advance(0.5);
    expect(out).toEqual([]);
  });
});
