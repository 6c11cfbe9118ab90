import { join } from 'node:path';
import { parseSecretValues } from '../../apply/secrets.js';
import { loadDeployControl } from '../../config/deploy-control.js';
import { deployJson } from '../../deploy/json.js';
import { runDeploy } from '../../deploy/pipeline.js';
import { deployText } from '../../deploy/summary.js';
import { ConfigurationError } from '../../errors.js';
import { parseTrigger } from '../../gate/inputs.js';
import { streamLogger, systemClock, type Clock } from '../../log.js';
import {
  ENV_OPTION,
  EXIT_FAILED,
  EXIT_OK,
  KUBECONFIG_OPTION,
  SECRETS_FILE_OPTION,
  connectionFor,
  kubectlFor,
  listValue,
  readOptionFile,
  stringValue,
  type Command,
  type CommandContext,
} from '../command.js';
import { TRIGGERS } from '../../gate/decide.js';
import { REGISTRY_CONFIG_OPTION, registryConfigOption } from './preflight.js';

/** `k8sapp deploy`: the deploy action's pipeline from a terminal. */
export async function runDeployCommand(context: CommandContext, clock: Clock = systemClock): Promise<number> {
  const environment = stringValue(context.values, 'env');
  if (!environment) throw new ConfigurationError('--env ENV is required.');
  const kubeconfig = stringValue(context.values, 'kubeconfig');
  if (!kubeconfig)
    throw new ConfigurationError('--kubeconfig FILE is required: k8sapp deploy never deploys to whatever cluster your current context points at.');
  const trigger = parseTrigger(stringValue(context.values, 'trigger'), '--trigger') ?? 'manual';
  const secretsFile = stringValue(context.values, 'secrets-file');
  const secretsText = secretsFile ? await readOptionFile(context, 'secrets-file', secretsFile) : undefined;
  const secrets = parseSecretValues(secretsText, `--secrets-file ${secretsFile ?? ''}`.trim());
  const control = await loadDeployControl(join(context.root, 'deploy-control.yaml'));
  const services = listValue(context.values, 'service');
  const emergencyReason = stringValue(context.values, 'emergency-reason');
  const { kube, server } = connectionFor(context);
  const registryCredentials = await registryConfigOption(context);
  const report = await runDeploy(
    {
      environment,
      control,
      trigger,
      services,
      ...(emergencyReason ? { emergencyReason } : {}),
      secrets,
      dryRun: context.values['dry-run'] === true,
      git: { sha: stringValue(context.values, 'sha') ?? context.env.GITHUB_SHA ?? '', ref: context.env.GITHUB_REF ?? '' },
      server,
      ...(registryCredentials ? { registryCredentials } : {}),
    },
    // A terminal has no masking; the pipeline redacts every value from what it logs and reports.
    { kube, kustomize: kubectlFor(context), clock, logger: streamLogger(context.err), registerSecret: () => undefined, fetch: context.fetch },
  );
  context.out(context.json ? JSON.stringify(deployJson(report), null, 2) : deployText(report, context.style));
  return report.status === 'succeeded' || report.status === 'skipped' ? EXIT_OK : EXIT_FAILED;
}

export const deployCommand: Command = {
  name: 'deploy',
  summary: 'Deploy one environment end to end (gate, apply, migrations, rollout, rollback, release): the deploy action, locally.',
  options: [
    ENV_OPTION,
    {
      ...KUBECONFIG_OPTION,
      required: true,
      defaultText: undefined,
      description:
        'Kubeconfig of the cluster to deploy to, relative to the current folder; required so a deploy never goes to whatever cluster your current context points at.',
    },
    SECRETS_FILE_OPTION,
    {
      name: 'trigger',
      value: 'MODE',
      choices: TRIGGERS,
      default: 'manual',
      description: 'How the gate sees this run: manual like a workflow_dispatch, auto like a push (auto_deploy must allow it).',
    },
    {
      name: 'emergency-reason',
      value: 'TEXT',
      description:
        'Deploy outside a deployment window or in a blackout, where the environment allows an emergency override; the reason is shown in the report.',
    },
    { name: 'service', value: 'NAME', multiple: true, defaultText: 'every service the gate allows', description: 'Deploy only this service.' },
    { name: 'dry-run', description: 'Plan only: gate, build, server-side dry run, migrations listed with their isNeeded answers; nothing changes.' },
    { name: 'sha', value: 'SHA', defaultText: '$GITHUB_SHA, else unknown', description: 'Commit recorded with the release.' },
    REGISTRY_CONFIG_OPTION,
  ],
  notes:
    "The same pipeline as the deploy action: gate, build, migrations, apply, rollout, rollback, release record. The GitHub environment's required reviewers are not checked (no GitHub API here) and no GitHub deployment is recorded.",
  exitCodes: [
    [0, 'deployed, or skipped by the gate (the report says which rule)'],
    [1, 'the deployment failed or was rolled back'],
    [2, 'usage or configuration error; nothing was deployed'],
  ],
  examples: [
    ['k8sapp deploy --env dev --kubeconfig dev.yaml --secrets-file dev-secrets.yaml', 'deploy dev now, as a manual run'],
    ['k8sapp deploy --env prod --kubeconfig prod.yaml --dry-run', 'what a prod deployment would do, changing nothing'],
    [
      'k8sapp deploy --env prod --kubeconfig prod.yaml --emergency-reason "CVE-2026-1234 fix"',
      'deploy during a blackout, where prod allows an emergency override',
    ],
  ],
  run: (context) => runDeployCommand(context, { now: context.now, sleep: context.sleep }),
};
