import type { Command } from '../command.js';
import { validateCommand } from './validate.js';
import { changesCommand } from './changes.js';

/** Every `k8sapp` subcommand; each lives in its own module next to this one. */
export const commands: Command[] = [validateCommand, changesCommand];
