/**
 * What the terminal of a run can show: its width and whether to use colour. Read once by the
 * binary from the process (a TTY's `columns`, `NO_COLOR`, `FORCE_COLOR`) and passed to commands
 * in `CliIO.terminal`; tests pass their own. Only what goes to a terminal uses it: files written
 * with `--out` and piped output are the same bytes whatever the terminal.
 */

/** The terminal of a run. */
export interface TerminalInfo {
  /** stdout's width in characters when it is a terminal; absent for a pipe or file. */
  readonly columns?: number;
  /** Colour (ANSI escapes) on stdout. */
  readonly color: boolean;
  /** stderr is a terminal: progress bars may draw. */
  readonly stderrIsTTY: boolean;
}

/** The parts of a process stream the terminal info reads. */
export interface StreamInfo {
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

/**
 * Whether to colour: `FORCE_COLOR` set to anything but `0` / `false` forces it (as Node does),
 * else a non-empty `NO_COLOR` turns it off (no-color.org), else colour on a terminal unless
 * `TERM=dumb`.
 *
 * @example
 * colorEnabled({ NO_COLOR: '1' }, true) // false
 * colorEnabled({ FORCE_COLOR: '1' }, false) // true
 */
export function colorEnabled(
  env: Readonly<Record<string, string | undefined>>,
  isTTY: boolean,
): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}

/**
 * The terminal info of a process: width only when stdout is a TTY with a known width, colour by
 * {@link colorEnabled}.
 *
 * @example
 * terminalInfo(process.env, process.stdout, process.stderr);
 * // { columns: 120, color: true, stderrIsTTY: true } in a terminal; { color: false, stderrIsTTY: false } piped
 */
export function terminalInfo(
  env: Readonly<Record<string, string | undefined>>,
  stdout: StreamInfo,
  stderr: StreamInfo,
): TerminalInfo {
  const tty = stdout.isTTY === true;
  const columns = stdout.columns;
  return {
    ...(tty && columns !== undefined && columns > 0 ? { columns } : {}),
    color: colorEnabled(env, tty),
    stderrIsTTY: stderr.isTTY === true,
  };
}

/**
 * The terminal rendering options of text for stdout: `{ width, color }` on a terminal, `{}`
 * otherwise (no io terminal, a pipe).
 *
 * @example
 * renderTable(title, sections, stdoutRendering(io.terminal));
 */
export function stdoutRendering(terminal: TerminalInfo | undefined): {
  width?: number;
  color?: boolean;
} {
  if (terminal === undefined) return {};
  return {
    ...(terminal.columns === undefined ? {} : { width: terminal.columns }),
    ...(terminal.color ? { color: true } : {}),
  };
}
