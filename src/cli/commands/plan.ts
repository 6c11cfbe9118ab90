import type { Command } from '../command.js';
import { applyOptions, runApplyCommand } from './apply.js';

/** `--markdown`: the pull-request comment's section for this environment (the plan job of validate.yml posts it). */
export const planOptions: Command['options'] = [
  ...applyOptions,
  {
    name: 'markdown',
    description:
      'Print the plan as Markdown: created, configured, re-created (field, what is preserved), would-prune and kept-protected tables and the gate for a merge.',
  },
];

export const planCommand: Command = {
  name: 'plan',
  summary: 'Preview an apply with a server-side dry run: created, changed, unchanged, re-created (and which field), placeholders.',
  options: planOptions,
  notes: 'The same build and checks as k8sapp apply, sent with --dry-run=server: the cluster says what it would do and changes nothing.',
  exitCodes: [
    [0, 'the apply would succeed'],
    [1, 'the server would refuse a resource, or a Secret placeholder is left'],
    [2, 'usage or configuration error'],
  ],
  examples: [
    ['k8sapp plan --env prod --kubeconfig prod.yaml --secrets-file prod-secrets.yaml', "what applying prod's overlay would change"],
    ['k8sapp plan --env dev --service redis --json', 'the plan for one service as JSON'],
    ['k8sapp plan --env prod --kubeconfig prod.yaml --markdown > plan.md', 'the section the pull-request comment shows'],
  ],
  run: (context) => runApplyCommand(context, true),
};
