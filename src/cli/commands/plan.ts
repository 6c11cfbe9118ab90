import type { Command } from '../command.js';
import { applyOptions, runApplyCommand } from './apply.js';

export const planCommand: Command = {
  name: 'plan',
  summary: 'Preview an apply with a server-side dry run: created, changed, unchanged, re-created (and which field), placeholders.',
  usage:
    '--env ENV [--kubeconfig FILE] [--secrets-file FILE] [--service NAME]...\n\n' +
    'Same options as `k8sapp apply`; makes no change to the cluster.',
  options: applyOptions,
  run: (context) => runApplyCommand(context, true),
};
