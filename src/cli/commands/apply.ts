import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { applyEnvironment } from '../../apply/engine.js';
import { renderMarkdown, reportJson } from '../../apply/render.js';
import { parseSecretValues } from '../../apply/secrets.js';
import { loadDeployControl, controlFileIn } from '../../config/deploy-control.js';
import { ConfigurationError } from '../../errors.js';
import { streamLogger, systemClock, type Clock } from '../../log.js';
import { EXIT_FAILED, EXIT_OK, stringValue, type Command, type CommandContext, kubectlFor, ensureReachable } from '../command.js';

const USAGE =
  '--env ENV [--kubeconfig FILE] [--secrets-file FILE] [--service NAME]...\n\n' +
  '  --env ENV             environment under environments: in deploy-control.yaml\n' +
  '  --kubeconfig FILE     kubeconfig to use (default: kubectl\'s own, e.g. $KUBECONFIG)\n' +
  '  --secrets-file FILE   JSON or YAML object of Secret values (KEY or secret-name/KEY: value)\n' +
  '  --service NAME        deploy only this service (repeatable); default every enabled service\n\n' +
  'Exit 0 when everything applied (plan: would apply), 1 when something failed or would be refused, 2 for usage or\n' +
  'configuration errors.';

/** Shared by `k8sapp apply` and `k8sapp plan`: the same core, plan only sets dryRun. */
export async function runApplyCommand(context: CommandContext, dryRun: boolean, clock: Clock = systemClock): Promise<number> {
  const environment = stringValue(context.values, 'env');
  if (!environment) throw new ConfigurationError('--env ENV is required.');
  const control = await loadDeployControl(controlFileIn(context.root));
  const secretsFile = stringValue(context.values, 'secrets-file');
  let secretsText: string | undefined;
  if (secretsFile) {
    try {
      secretsText = await readFile(resolve(secretsFile), 'utf8');
    } catch {
      throw new ConfigurationError(`--secrets-file ${secretsFile} cannot be read.`);
    }
  }
  const secrets = parseSecretValues(secretsText, `--secrets-file ${secretsFile ?? ''}`.trim());
  const services = context.values.service;
  const kubectl = kubectlFor(context);
  await ensureReachable(context, kubectl, dryRun ? 'nothing was planned' : 'nothing was applied');
  const report = await applyEnvironment(
    {
      environment,
      control,
      secrets,
      services: Array.isArray(services) ? services.filter((name): name is string => typeof name === 'string') : [],
      dryRun,
      // A terminal has no masking; the core already redacts every value from what it reports.
      registerSecret: () => undefined,
    },
    { kubectl, clock, logger: streamLogger(context.err) },
  );
  context.out(context.json ? reportJson(report) : renderMarkdown(report));
  return report.ok ? EXIT_OK : EXIT_FAILED;
}

export const applyOptions: Command['options'] = {
  env: { type: 'string' },
  kubeconfig: { type: 'string' },
  'secrets-file': { type: 'string' },
  service: { type: 'string', multiple: true },
};

export const applyCommand: Command = {
  name: 'apply',
  summary: 'Build, substitute secrets in memory, server-side apply in stages and recover from immutable-field refusals.',
  usage: USAGE,
  options: applyOptions,
  run: (context) => runApplyCommand(context, false),
};
