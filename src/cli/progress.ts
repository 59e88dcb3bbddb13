/**
 * A progress bar for long CLI runs, on stderr. It appears only on a terminal and only once a run
 * has taken longer than a delay (2 s by default), so quick runs and piped output stay silent.
 * The analysis is synchronous between steps, so the bar advances per step.
 */

/** Where and when a progress bar draws. */
export interface ProgressOptions {
  /** Draw at all: true on a terminal (`process.stderr.isTTY`), false when piped. */
  readonly enabled: boolean;
  /** Writes to the terminal (stderr). */
  readonly write: (text: string) => void;
  /** Number of steps. */
  readonly total: number;
  /** Draw only once this many milliseconds have passed since the start (default 2000). */
  readonly delayMs?: number;
  /** Clock in milliseconds (default `performance.now`); tests pass their own. */
  readonly now?: () => number;
  /** Bar width in characters (default 24). */
  readonly width?: number;
}

/** A running progress bar. */
export interface Progress {
  /** Marks the start of a step; draws the bar when enabled and past the delay. */
  step(label: string): void;
  /**
   * Redraws the current step as `fraction` (0–1) done, for a long step that reports its own
   * progress (reading a large CSV); draws when enabled and past the delay.
   */
  advance(fraction: number): void;
  /** Clears the bar (if it was drawn). */
  done(): void;
}

/**
 * Creates a progress bar: `[#########---------------]  3/8  effects: bijstand`.
 *
 * @example
 * const progress = createProgress({ enabled: process.stderr.isTTY === true, write: (t) => process.stderr.write(t), total: 3 });
 * progress.step('loading'); … progress.done();
 */
export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const delay = options.delayMs ?? 2000;
  const width = options.width ?? 24;
  const start = now();
  let index = 0;
  let drawn = 0;
  let current = '';
  const draw = (label: string, within = 0) => {
    const done = Math.min(index + within, options.total);
    const filled = Math.round((width * done) / options.total);
    const text = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(index).padStart(
      String(options.total).length,
    )}/${options.total}  ${label}`;
    options.write(`\r${text.padEnd(drawn)}`);
    drawn = text.length;
  };
  return {
    step(label: string) {
      if (!options.enabled) return;
      current = label;
      if (drawn > 0 || now() - start >= delay) draw(label);
      index++;
    },
    advance(fraction: number) {
      if (!options.enabled || index === 0) return;
      if (drawn > 0 || now() - start >= delay) {
        index--;
        draw(`${current} ${Math.round(100 * Math.min(Math.max(fraction, 0), 1))}%`, fraction);
        index++;
      }
    },
    done() {
      if (drawn > 0) options.write(`\r${' '.repeat(drawn)}\r`);
      drawn = 0;
    },
  };
}
