/**
 * The CLI's one writer of output files. `planOutputs` runs before any computation: it refuses
 * (usage error, exit 2) an output that would overwrite an input or another output, and an output
 * location that cannot be written (a file where a directory is needed, a directory where a file
 * is needed, a read-only directory). `writeOutputs` then writes atomically: every file goes to a
 * temp file in its own directory first and is renamed into place only when all were written, so
 * a failed run (a full disk) leaves the previous files, not half a report. A failed write is an
 * {@link OutputWriteError} (exit 1) that names the flag and the file, never the content.
 */
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  lstatSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { IdentifierGuard } from '../table/identifier-guard.js';
import { UsageError } from './command.js';
import { checkOutput } from './guarded-io.js';

/** A file a command reads, by the flag (or role) that names it in messages. */
export interface InputPath {
  /** How a message names it: `--input`, `--config`, `the shipped data file`. */
  readonly flag: string;
  readonly path: string;
}

/** A file a command writes, by the flag that asked for it. */
export interface OutputTarget {
  /** `--out`, `--output`, `--record`. */
  readonly flag: string;
  /** The file to write. */
  readonly path: string;
  /** A client file that holds ids by design (`assign --output`): not checked by the guard. */
  readonly holdsIds?: boolean;
}

/** A checked output: `direct` when it is a device or pipe (written in place, no temp file). */
export interface PlannedOutput extends OutputTarget {
  readonly direct: boolean;
}

/** The outputs of a run, checked by {@link planOutputs}; pass it to {@link writeOutputs}. */
export interface OutputPlan {
  readonly outputs: readonly PlannedOutput[];
}

/** A write that failed after the computation (disk full, permission lost): exit code 1. */
export class OutputWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputWriteError';
  }
}

/**
 * The files a command writes inside an `--out` directory, one target per name.
 *
 * @example
 * outputsIn('--out', 'out', ['analysis.md', 'analysis.json']);
 * // [{ flag: '--out', path: 'out/analysis.md' }, { flag: '--out', path: 'out/analysis.json' }]
 */
export function outputsIn(flag: string, dir: string, names: readonly string[]): OutputTarget[] {
  return names.map((name) => ({ flag, path: join(dir, name) }));
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The nearest ancestor of `path` (itself included) that exists. */
function existingAncestor(path: string): string {
  let p = resolve(path);
  while (lstatOrUndefined(p) === undefined && dirname(p) !== p) p = dirname(p);
  return p;
}

/**
 * Where a path points as the file system sees it: the real path of the file when it exists
 * (symlinks, `./x`, case on a case-insensitive volume), else the real path of its nearest
 * existing ancestor joined with the rest.
 */
function identity(path: string): string {
  const absolute = resolve(path);
  const ancestor = existingAncestor(absolute);
  let real: string;
  try {
    real = realpathSync.native(ancestor);
  } catch {
    real = ancestor;
  }
  return ancestor === absolute ? real : join(real, absolute.slice(ancestor.length));
}

/** True when both paths exist and are the same file (hard links too). */
function sameFile(a: Stats | undefined, b: Stats | undefined): boolean {
  return a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why a directory for `target` cannot be used, or undefined when it can. */
function directoryProblem(target: OutputTarget, dir: string): string | undefined {
  const absolute = resolve(dir);
  const ancestor = existingAncestor(absolute);
  const stats = statOrUndefined(ancestor);
  if (stats === undefined) return `${target.flag}: ${ancestor} is a broken symbolic link`;
  if (!stats.isDirectory()) {
    return ancestor === absolute
      ? `${target.flag}: ${dir} is a file, not a directory`
      : `${target.flag}: cannot create a directory under ${ancestor}, which is a file`;
  }
  if (!writable(ancestor)) return `${target.flag}: directory ${ancestor} is not writable`;
  return undefined;
}

/**
 * Checks the outputs of a run before it computes anything, and returns them as a plan for
 * {@link writeOutputs}. Throws a `UsageError` (exit 2) naming the flag and the file when an
 * output would overwrite an input (compared by real path and by inode, so a symlink, `./x` or a
 * hard link is caught) or another output, when it is an existing directory or read-only file,
 * or when its directory is a file, lies under a file or is not writable.
 *
 * @example
 * planOutputs([{ flag: '--input', path: 'out/analysis.csv' }], outputsIn('--out', 'out', ['analysis.csv']));
 * // UsageError: --out: writing out/analysis.csv would overwrite --input out/analysis.csv; choose another --out
 */
export function planOutputs(
  inputs: readonly InputPath[],
  outputs: readonly OutputTarget[],
): OutputPlan {
  const seen: { target: OutputTarget; id: string; stats: Stats | undefined }[] = [];
  const known = inputs.map((input) => ({
    input,
    id: identity(input.path),
    stats: statOrUndefined(input.path),
  }));
  const planned: PlannedOutput[] = [];
  for (const target of outputs) {
    const id = identity(target.path);
    const stats = statOrUndefined(target.path);
    const hit = known.find((k) => k.id === id || sameFile(k.stats, stats));
    if (hit) {
      throw new UsageError(
        `${target.flag}: writing ${target.path} would overwrite ${hit.input.flag} ${hit.input.path}; choose another ${target.flag}`,
      );
    }
    const twice = seen.find((s) => s.id === id || sameFile(s.stats, stats));
    if (twice) {
      throw new UsageError(
        `${target.flag}: ${target.path} is also the file of ${twice.target.flag} (${twice.target.path}); give each output its own file`,
      );
    }
    seen.push({ target, id, stats });
    if (stats?.isDirectory()) {
      throw new UsageError(`${target.flag}: ${target.path} is a directory, not a file`);
    }
    const problem = directoryProblem(target, dirname(target.path));
    if (problem) throw new UsageError(problem);
    if (stats !== undefined && !writable(target.path)) {
      throw new UsageError(`${target.flag}: ${target.path} is not writable`);
    }
    // A device or pipe (/dev/stdout, /dev/null, a FIFO) is written in place: renaming a temp
    // file over it would replace the device with a regular file.
    planned.push({ ...target, direct: stats !== undefined && !stats.isFile() });
  }
  return { outputs: planned };
}

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'a file is in the way',
  EFBIG: 'file too large',
};

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === undefined) return 'write failed';
  return `${REASONS[code] ?? 'write failed'} (${code})`;
}

function writeWhole(path: string, content: string | Uint8Array, flags: string): void {
  const fd = openSync(path, flags, 0o666);
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
  } finally {
    closeSync(fd);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

let counter = 0;

/**
 * Writes the contents of a run's outputs (keyed by path, a subset of the plan's outputs):
 * creates the directories, writes each file to a temp file beside it, then renames all into
 * place. On a failure every temp file is removed and an {@link OutputWriteError} names the flag,
 * the file and the reason (`no space left on device (ENOSPC)`). Given the run's identifier guard
 * (`io.guard`), every content but a client file (`holdsIds`) is checked first, and an identifier
 * in any of them refuses the whole write (`InputError` `bsn-in-output`, see `checkOutput`).
 *
 * @example
 * const plan = planOutputs([{ flag: '--input', path: 'clients.csv' }], [{ flag: '--output', path: 'assigned.csv' }]);
 * // … compute …
 * writeOutputs(plan, new Map([['assigned.csv', csv]]), io.guard);
 */
export function writeOutputs(
  plan: OutputPlan,
  contents: ReadonlyMap<string, string | Uint8Array>,
  guard?: IdentifierGuard,
): void {
  const jobs = [...contents].map(([path, content]) => {
    const target = plan.outputs.find((o) => o.path === path);
    if (!target) throw new Error(`output ${path} was not planned`);
    return { target, content };
  });
  // Every file is checked before any is written: a refusal leaves all outputs as they were.
  if (guard) {
    for (const { target, content } of jobs) {
      if (target.holdsIds) continue;
      const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
      checkOutput(guard, `${target.flag} ${target.path}`, text);
    }
  }
  const temps: { target: PlannedOutput; temp: string }[] = [];
  let current: PlannedOutput | undefined;
  try {
    for (const { target, content } of jobs) {
      current = target;
      if (target.direct) continue;
      mkdirSync(dirname(target.path), { recursive: true });
      const temp = join(
        dirname(target.path),
        `.${basename(target.path)}.${process.pid}.${++counter}.tmp`,
      );
      temps.push({ target, temp });
      writeWhole(temp, content, 'wx');
      // a file replaced keeps its permissions (a report kept at 0600 stays private)
      const previous = statOrUndefined(target.path);
      if (previous?.isFile()) chmodSync(temp, previous.mode & 0o7777);
    }
    for (const { target, content } of jobs) {
      current = target;
      if (target.direct) writeWhole(target.path, content, 'w');
    }
  } catch (error) {
    for (const { temp } of temps) removeQuietly(temp);
    const failed = current!;
    const note = failed.direct ? '' : '; no output file was changed';
    throw new OutputWriteError(
      `could not write ${failed.flag} ${failed.path}: ${reason(error)}${note}`,
    );
  }
  for (const [i, { target, temp }] of temps.entries()) {
    try {
      renameSync(temp, target.path);
    } catch (error) {
      for (const rest of temps.slice(i)) removeQuietly(rest.temp);
      throw new OutputWriteError(`could not write ${target.flag} ${target.path}: ${reason(error)}`);
    }
  }
}
