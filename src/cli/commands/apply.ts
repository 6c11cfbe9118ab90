import { applyEnvironment } from '../../apply/engine.js';
import { renderText, reportJson } from '../../apply/render.js';
import { parseSecretValues, type SecretValues } from '../../apply/secrets.js';
import { controlFileIn, environmentSettings, loadDeployControl, type LoadedDeployControl } from '../../config/deploy-control.js';
import { ConfigurationError } from '../../errors.js';
import { streamLogger, systemClock, type Clock } from '../../log.js';
import {
  ENV_OPTION,
  EXIT_FAILED,
  EXIT_OK,
  KUBECONFIG_OPTION,
  SECRETS_FILE_OPTION,
  ensureReachable,
  kubeFor,
  kubectlFor,
  listValue,
  readOptionFile,
  stringValue,
  type Command,
  type CommandContext,
} from '../command.js';
import { planPruneOf } from '../../plan/plan.js';
import { pruneText } from '../../prune/report.js';

export interface ApplyInputs {
  environment: string;
  control: LoadedDeployControl;
  secrets: SecretValues;
  services: string[];
}

/** The options `k8sapp apply`, `k8sapp plan` and `k8sapp plan --markdown` read, read once and checked. */
export async function readApplyInputs(context: CommandContext): Promise<ApplyInputs> {
  const environment = stringValue(context.values, 'env');
  if (!environment) throw new ConfigurationError('--env ENV is required.');
  const control = await loadDeployControl(controlFileIn(context.root));
  const secretsFile = stringValue(context.values, 'secrets-file');
  const secretsText = secretsFile ? await readOptionFile(context, 'secrets-file', secretsFile) : undefined;
  const secrets = parseSecretValues(secretsText, `--secrets-file ${secretsFile ?? ''}`.trim());
  return { environment, control, secrets, services: listValue(context.values, 'service') };
}

/** Shared by `k8sapp apply` and `k8sapp plan`: the same core, plan only sets dryRun. */
export async function runApplyCommand(context: CommandContext, dryRun: boolean, clock: Clock = systemClock): Promise<number> {
  const { environment, control, secrets, services } = await readApplyInputs(context);
  const kubectl = kubectlFor(context);
  await ensureReachable(context, dryRun ? 'nothing was planned' : 'nothing was applied');
  const report = await applyEnvironment(
    {
      environment,
      control,
      secrets,
      services,
      dryRun,
      // A terminal has no masking; the core already redacts every value from what it reports.
      registerSecret: () => undefined,
    },
    { kube: kubeFor(context), kubectl, clock, logger: streamLogger(context.err) },
  );
  const prune =
    dryRun && environmentSettings(control.config, environment).prune
      ? await planPruneOf(report, control, environment, services, { kube: kubeFor(context), clock: systemClock, logger: streamLogger(context.err) })
      : undefined;
  if (context.json) {
    // Additive: the plan's JSON gains `prune` only where deploy-control turns prune on.
    context.out(prune ? JSON.stringify({ ...JSON.parse(reportJson(report)), prune }, null, 2) : reportJson(report));
  } else {
    context.out(renderText(report, context.style) + (prune ? `\n${pruneText(prune).join('\n')}` : ''));
  }
  return report.ok && prune?.status !== 'failed' ? EXIT_OK : EXIT_FAILED;
}

export const applyOptions: Command['options'] = [
  ENV_OPTION,
  KUBECONFIG_OPTION,
  SECRETS_FILE_OPTION,
  {
    name: 'service',
    value: 'NAME',
    multiple: true,
    defaultText: 'every service deploy-control.yaml enables for the environment',
    description: 'Apply only the resources of this service.',
  },
];

export const applyCommand: Command = {
  name: 'apply',
  summary: 'Build, substitute secrets in memory, server-side apply in stages and recover from immutable-field refusals.',
  options: applyOptions,
  notes:
    'Server-side apply straight to the API server (field manager k8sapp, conflicts forced, 16 objects in flight), CRDs and Namespaces first. When the server refuses an immutable-field change, only the objects it named are re-created (workloads with the Orphan propagation policy, so pods and volumes survive); PersistentVolumeClaims are never deleted. No gate and no rollout wait: k8sapp deploy runs the whole pipeline.',
  exitCodes: [
    [0, 'every resource applied'],
    [1, 'a resource was refused or failed, or a Secret placeholder is left'],
    [2, 'usage or configuration error; nothing was applied'],
  ],
  examples: [
    ['k8sapp apply --env dev --kubeconfig ~/.kube/dev.yaml --secrets-file dev-secrets.yaml', 'apply the dev overlay with its Secret values'],
    ['k8sapp apply --env dev --service postgres --json', 'apply only postgres, the report as JSON'],
  ],
  run: (context) => runApplyCommand(context, false),
};
