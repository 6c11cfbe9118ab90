import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseSecretValues } from '../../apply/secrets.js';
import { loadDeployControl } from '../../config/deploy-control.js';
import { deployJson } from '../../deploy/json.js';
import { runDeploy } from '../../deploy/pipeline.js';
import { deployText } from '../../deploy/summary.js';
import { ConfigurationError } from '../../errors.js';
import { parseTrigger } from '../../gate/inputs.js';
import { Kubectl } from '../../k8s/kubectl.js';
import { streamLogger, systemClock, type Clock } from '../../log.js';
import { registryConfigOption } from './preflight.js';
import { EXIT_FAILED, EXIT_OK, stringValue, type Command, type CommandContext } from '../command.js';

const USAGE =
  '--env ENV --kubeconfig FILE [--secrets-file FILE] [--trigger manual|auto] [--emergency-reason TEXT] [--service NAME]...\n' +
  '       [--dry-run] [--sha SHA] [--registry-config FILE]\n\n' +
  '  --env ENV                 environment under environments: in deploy-control.yaml\n' +
  '  --kubeconfig FILE         the cluster to deploy to (required: never your current kubectl context by accident)\n' +
  '  --secrets-file FILE       JSON or YAML object of Secret values (KEY or secret-name/KEY: value)\n' +
  '  --trigger manual|auto     how the gate sees this run (default manual, like a workflow_dispatch)\n' +
  '  --emergency-reason TEXT   deploy outside a window where the environment allows an emergency override\n' +
  '  --service NAME            deploy only this service (repeatable); default every service the gate allows\n' +
  '  --dry-run                 plan only: server-side dry run, migrations listed; nothing changes\n' +
  '  --sha SHA                 commit recorded with the release (default $GITHUB_SHA, else "unknown")\n' +
  '  --registry-config FILE    Docker config.json with registry credentials for the image preflight\n\n' +
  'The same pipeline as the deploy action: gate, build, migrations, apply, rollout, rollback, release record. The\n' +
  'GitHub environment\'s required reviewers are not checked (no GitHub API here) and no GitHub deployment is recorded.\n' +
  'Exit 0 when deployed or skipped by the gate, 1 when the deployment failed or was rolled back, 2 for usage or\n' +
  'configuration errors.';

/** `k8sapp deploy`: the deploy action's pipeline from a terminal. */
export async function runDeployCommand(context: CommandContext, clock: Clock = systemClock): Promise<number> {
  if (context.positionals.length > 0) throw new ConfigurationError(`Unexpected argument(s): ${context.positionals.join(' ')}.`);
  const environment = stringValue(context.values, 'env');
  if (!environment) throw new ConfigurationError('--env ENV is required.');
  const kubeconfig = stringValue(context.values, 'kubeconfig');
  if (!kubeconfig) throw new ConfigurationError('--kubeconfig FILE is required: k8sapp deploy never deploys to whatever cluster your current context points at.');
  const trigger = parseTrigger(stringValue(context.values, 'trigger'), '--trigger') ?? 'manual';
  const secretsFile = stringValue(context.values, 'secrets-file');
  let secretsText: string | undefined;
  if (secretsFile) {
    try {
      secretsText = await readFile(resolve(context.cwd, secretsFile), 'utf8');
    } catch {
      throw new ConfigurationError(`--secrets-file ${secretsFile} cannot be read.`);
    }
  }
  const secrets = parseSecretValues(secretsText, `--secrets-file ${secretsFile ?? ''}`.trim());
  const control = await loadDeployControl(join(context.root, 'deploy-control.yaml'));
  const services = ((context.values.service as string[] | undefined) ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  const emergencyReason = stringValue(context.values, 'emergency-reason');
  const registryCredentials = await registryConfigOption(context);
  const kubectl = new Kubectl(context.exec, { kubeconfig: resolve(context.cwd, kubeconfig) });
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
      ...(registryCredentials ? { registryCredentials } : {}),
    },
    // A terminal has no masking; the pipeline redacts every value from what it logs and reports.
    { kubectl, clock, logger: streamLogger(context.err), registerSecret: () => undefined, fetch: (url, init) => fetch(url, init) },
  );
  context.out(context.json ? JSON.stringify(deployJson(report), null, 2) : deployText(report));
  return report.status === 'succeeded' || report.status === 'skipped' ? EXIT_OK : EXIT_FAILED;
}

export const deployCommand: Command = {
  name: 'deploy',
  summary: 'Deploy one environment end to end (gate, apply, migrations, rollout, rollback, release): the deploy action, locally.',
  usage: USAGE,
  options: {
    env: { type: 'string' },
    kubeconfig: { type: 'string' },
    'secrets-file': { type: 'string' },
    trigger: { type: 'string' },
    'emergency-reason': { type: 'string' },
    service: { type: 'string', multiple: true },
    'dry-run': { type: 'boolean', default: false },
    sha: { type: 'string' },
    'registry-config': { type: 'string' },
  },
  run: (context) => runDeployCommand(context),
};
