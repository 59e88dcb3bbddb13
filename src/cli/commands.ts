/** The registry of subcommands, in the order `--help` lists them. */
import { assignCommand } from './assign.js';
import { auditCommand } from './audit.js';
import type { Command } from './command.js';
import { reproduceCommand } from './reproduce.js';

export const commands: readonly Command[] = [assignCommand, auditCommand, reproduceCommand];
