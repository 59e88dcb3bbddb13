/** The registry of subcommands, in the order `--help` lists them. */
import { analyzeCommand } from './analyze.js';
import { assignCommand } from './assign.js';
import { auditCommand } from './audit.js';
import type { Command } from './command.js';
import { planCommand } from './plan.js';
import { powerCommand } from './power.js';
import { reproduceCommand } from './reproduce.js';
import { reviewCommand } from './review.js';

export const commands: readonly Command[] = [
  assignCommand,
  auditCommand,
  analyzeCommand,
  planCommand,
  reproduceCommand,
  powerCommand,
  reviewCommand,
];
