import type { Command } from '../command.js';
import { validateCommand } from './validate.js';
import { applyCommand } from './apply.js';
import { planCommand } from './plan.js';
import { changesCommand } from './changes.js';
import { migrationsCommand } from './migrations.js';
import { gateCommand } from './gate.js';
import { rolloutCommand } from './rollout.js';
import { rollbackCommand } from './rollback.js';
import { releasesCommand } from './releases.js';
import { deployCommand } from './deploy.js';
import { preflightCommand } from './preflight.js';

/** Every `k8sapp` subcommand; each lives in its own module next to this one. */
export const commands: Command[] = [
  validateCommand,
  changesCommand,
  migrationsCommand,
  gateCommand,
  applyCommand,
  planCommand,
  rolloutCommand,
  rollbackCommand,
  releasesCommand,
  preflightCommand,
  deployCommand,
];
