/**
 * The registry of subcommands, in the order `--help` lists them. Each entry is light: its name
 * and one-line summary are eager (for `effectmeting --help`), the implementation — its flags,
 * `--help` text and run function, with everything they import (vega, the studies, the
 * estimators) — is loaded only when the command is used. Adding a command is one line.
 */
import type { Command } from './command.js';

/** A registered subcommand: what `--help` lists, and how to load the command itself. */
export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  /** Loads the command's module (flags, help text, run). */
  readonly load: () => Promise<Command>;
}

export const commands: readonly CommandEntry[] = [
  {
    name: 'assign',
    summary: 'assign clients to arms (hashed ratio, complete, blocked, BSN parity)',
    load: async () => (await import('./assign.js')).assignCommand,
  },
  {
    name: 'audit',
    summary: 'audit an assignment: sample ratio, conformance to the rule, covariate balance',
    load: async () => (await import('./audit.js')).auditCommand,
  },
  {
    name: 'analyze',
    summary: 'full effect analysis from a data file and a JSON config (table, md, json, csv, html)',
    load: async () => (await import('./analyze.js')).analyzeCommand,
  },
  {
    name: 'plan',
    summary: 'freeze a pre-analysis plan with its SHA-256, or verify a frozen plan',
    load: async () => (await import('./plan.js')).planCommand,
  },
  {
    name: 'reproduce',
    summary: 're-run a published study (the list: effectmeting reproduce --help)',
    load: async () => (await import('./reproduce.js')).reproduceCommand,
  },
  {
    name: 'power',
    summary:
      'minimum detectable effect, power and sample size; a pilot study answered with --pilot',
    load: async () => (await import('./power.js')).powerCommand,
  },
  {
    name: 'review',
    summary: 'yearly review of the risk scan on two years of data: HTML, Markdown and JSON report',
    load: async () => (await import('./review.js')).reviewCommand,
  },
];
