/**
 * CLI messages in the CLI's words: `parseArgs` errors as "unknown flag --min-cel (did you mean
 * --min-cell?)", unknown commands with a did-you-mean, and library messages that name an API
 * option (`minCell`, `controlRate`, `clusters.icc`) rewritten to name the flag (`--min-cell`).
 */
import { didYouMean } from '../stats/option-keys.js';

/** The closest of `candidates` to `name` by the library's did-you-mean rule, if any. */
function closest(name: string, candidates: readonly string[]): string | undefined {
  const hint = didYouMean(name, candidates);
  return hint === '' ? undefined : /"(.*)"/.exec(hint)?.[1];
}

/**
 * ` (did you mean 'analyze'?)` for a mistyped command, else ''.
 *
 * @example
 * commandHint('anlyze', ['assign', 'analyze']) // " (did you mean 'analyze'?)"
 */
export function commandHint(name: string, commands: readonly string[]): string {
  const best = closest(name, commands);
  return best === undefined ? '' : ` (did you mean '${best}'?)`;
}

/**
 * The usage message of a `parseArgs` error, naming the flag, with a did-you-mean among the
 * command's flags (`options`' keys) for an unknown one.
 *
 * @example
 * flagErrorMessage(new Error("Unknown option '--min-cel'"), ['input', 'min-cell']);
 * // "unknown flag --min-cel (did you mean --min-cell?)"
 */
export function flagErrorMessage(error: unknown, flags: readonly string[]): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown || code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = unknown?.[1] ?? message;
    const bare = flag.replace(/^-+/, '').split('=')[0]!;
    const best = flag.startsWith('--') || bare.length > 1 ? closest(bare, flags) : undefined;
    return `unknown flag ${flag}${best === undefined ? '' : ` (did you mean --${best}?)`}`;
  }
  const missing = /^Option '(-\w, )?(--[\w-]+) <value>' argument missing/.exec(message);
  if (missing) return `${missing[2]} needs a value`;
  const noValue = /^Option '(-\w, )?(--[\w-]+)' does not take an argument/.exec(message);
  if (noValue) return `${noValue[2]} takes no value`;
  const positional = /^Unexpected argument '([^']*)'/.exec(message);
  if (positional) return `unexpected argument '${positional[1]}' (every option is a --flag)`;
  return message;
}

/** `min-cell` → `minCell`. */
function camel(flag: string): string {
  return flag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The flags a command's help lists (`--input`, `--min-cell`), without the dashes.
 *
 * @example
 * helpFlags('  --min-cell <n>  …\n  --quiet') // ['min-cell', 'quiet']
 */
export function helpFlags(help: string): string[] {
  return [...new Set([...help.matchAll(/(?<![\w-])--([a-z][a-z0-9-]*)/g)].map((m) => m[1]!))];
}

/**
 * A library message in the CLI's words: a leading API function name (`powerTTest: `) goes, and
 * every API option name a flag stands for becomes the flag: the camel-case forms of the
 * command's flags (`minCell` → `--min-cell`), the names in `aliases` (`rSquared` → `--r2`,
 * `clusters.icc` → `--icc`), and a flag's own name at the start of the message ("alpha must
 * be …" → "--alpha must be …").
 *
 * @example
 * cliWords('controlRate must be a share in (0, 1), got 1.5', ['control-rate']);
 * // "--control-rate must be a share in (0, 1), got 1.5"
 * cliWords('powerTTest: clusters.icc must be in [0, 1), got 2', [], { 'clusters.icc': '--icc' });
 * // "--icc must be in [0, 1), got 2"
 */
export function cliWords(
  message: string,
  flags: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): string {
  const names = new Map<string, string>();
  for (const f of flags) if (f.includes('-')) names.set(camel(f), `--${f}`);
  for (const [name, flag] of Object.entries(aliases)) names.set(name, flag);
  let text = message.replace(/^[a-z]+[A-Z][A-Za-z]*: /, '');
  const ordered = [...names.keys()].sort((a, b) => b.length - a.length);
  for (const name of ordered) {
    const pattern = new RegExp(`(?<![\\w.$-])(["'\`]?)${escapeRegExp(name)}\\1(?![\\w-])`, 'g');
    text = text.replace(pattern, names.get(name)!);
  }
  const first = /^([a-z][a-z0-9]*) must\b/.exec(text)?.[1];
  if (first !== undefined && flags.includes(first)) text = `--${text}`;
  return text;
}
