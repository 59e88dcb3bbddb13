/** The terminal of a run: width on a TTY only, colour by NO_COLOR / FORCE_COLOR. */
import { describe, expect, it } from 'vitest';
import { colorEnabled, stdoutRendering, terminalInfo } from '../../src/cli/terminal.js';

describe('colour', () => {
  it('on a terminal, off when piped, NO_COLOR and TERM=dumb turn it off, FORCE_COLOR wins', () => {
    expect(colorEnabled({}, true)).toBe(true);
    expect(colorEnabled({}, false)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '' }, true)).toBe(true);
    expect(colorEnabled({ TERM: 'dumb' }, true)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: 'false' }, true)).toBe(false);
  });
});

describe('width', () => {
  it('only for a TTY with a known width', () => {
    expect(terminalInfo({}, { isTTY: true, columns: 100 }, { isTTY: true })).toEqual({
      columns: 100,
      color: true,
      stderrIsTTY: true,
    });
    expect(terminalInfo({}, { isTTY: false, columns: 100 }, {})).toEqual({
      color: false,
      stderrIsTTY: false,
    });
    expect(terminalInfo({ NO_COLOR: 'x' }, { isTTY: true }, {})).toEqual({
      color: false,
      stderrIsTTY: false,
    });
  });
  it('the rendering options of stdout', () => {
    expect(stdoutRendering(undefined)).toEqual({});
    expect(stdoutRendering({ color: false, stderrIsTTY: false })).toEqual({});
    expect(stdoutRendering({ columns: 80, color: true, stderrIsTTY: true })).toEqual({
      width: 80,
      color: true,
    });
  });
});
