import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

function capture() {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: (t: string) => {
        out += t;
      },
      stderr: (t: string) => {
        err += t;
      },
    },
    out: () => out,
    err: () => err,
  };
}

describe('effectmeting CLI dispatcher', () => {
  it('prints usage with --help and exits 0', async () => {
    const c = capture();
    expect(await runCli(['--help'], c.io)).toBe(0);
    expect(c.out()).toMatch(/Usage: effectmeting <command>/);
  });

  it('exits 2 with usage when no command is given', async () => {
    const c = capture();
    expect(await runCli([], c.io)).toBe(2);
    expect(c.out()).toMatch(/Commands:/);
  });

  it('names an unknown command and exits 2', async () => {
    const c = capture();
    expect(await runCli(['frobnicate'], c.io)).toBe(2);
    expect(c.err()).toMatch(/unknown command 'frobnicate'/);
  });

  it('prints the version', async () => {
    const c = capture();
    expect(await runCli(['--version'], c.io)).toBe(0);
    expect(c.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
