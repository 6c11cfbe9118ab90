import { kubeFor } from '../command.js';
import { streamLogger } from '../../log.js';
import { planSectionMarkdown } from '../../plan/markdown.js';
import { planEnvironment, preparePlan } from '../../plan/plan.js';
import { EXIT_FAILED, EXIT_OK, ensureReachable, kubectlFor, type Command, type CommandContext } from '../command.js';
import { UsageError } from '../options.js';
import { applyOptions, readApplyInputs, runApplyCommand } from './apply.js';
import { REGISTRY_CONFIG_OPTION, registryConfigOption } from './preflight.js';

/** `--markdown`: the pull-request comment's section for this environment (the plan jobs of the workflows post it). */
export async function runPlanMarkdown(context: CommandContext): Promise<number> {
  if (context.json) throw new UsageError('--markdown and --json cannot be combined; choose one output.');
  const inputs = await readApplyInputs(context);
  const registryCredentials = await registryConfigOption(context);
  const kubectl = kubectlFor(context);
  const logger = streamLogger(context.err);
  // Migrations load and the overlay builds before the first cluster call: a user error changes nothing.
  const prepared = await preparePlan(
    { ...inputs, relativeTo: context.cwd, ...(registryCredentials ? { registryCredentials } : {}) },
    { kustomize: kubectl, logger },
  );
  await ensureReachable(context, 'nothing was planned');
  const { section, ok } = await planEnvironment(prepared, {
    kube: kubeFor(context),
    clock: { now: context.now, sleep: context.sleep },
    logger,
    fetch: context.fetch,
    // A terminal has no masking; the plan redacts every supplied value and never reports a pull secret's credentials.
    registerSecret: () => undefined,
  });
  context.out(planSectionMarkdown(section));
  return ok ? EXIT_OK : EXIT_FAILED;
}

export const planOptions: Command['options'] = [
  ...applyOptions,
  {
    name: 'markdown',
    description:
      'Print the plan as Markdown: created, configured, re-created (field, what is preserved), would-prune and kept-protected tables, the image preflight, the migrations that would run and the gate for a merge.',
  },
  { ...REGISTRY_CONFIG_OPTION, description: `${REGISTRY_CONFIG_OPTION.description} With --markdown only.` },
];

export const planCommand: Command = {
  name: 'plan',
  summary: 'Preview an apply with a server-side dry run: created, changed, unchanged, re-created (and which field), placeholders.',
  options: planOptions,
  notes:
    "The same build and checks as k8sapp apply, sent with --dry-run=server: the cluster says what it would do and changes nothing. With --markdown also the deploy's image preflight and every migration's isNeeded (nothing runs, nothing is recorded).",
  exitCodes: [
    [0, 'the apply would succeed'],
    [1, 'the server would refuse a resource, or a Secret placeholder is left; with --markdown also: an image is refused (enforce) or an isNeeded failed'],
    [2, 'usage or configuration error'],
  ],
  examples: [
    ['k8sapp plan --env prod --kubeconfig prod.yaml --secrets-file prod-secrets.yaml', "what applying prod's overlay would change"],
    ['k8sapp plan --env dev --service redis --json', 'the plan for one service as JSON'],
    ['k8sapp plan --env prod --kubeconfig prod.yaml --markdown > plan.md', 'the section the pull-request comment shows'],
  ],
  run: (context) => {
    if (context.values.markdown === true) return runPlanMarkdown(context);
    if (context.values['registry-config'] !== undefined) throw new UsageError('--registry-config is for the image preflight of --markdown; add --markdown.');
    return runApplyCommand(context, true);
  },
};
