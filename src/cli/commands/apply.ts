import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { applyEnvironment, serviceSelection } from '../../apply/engine.js';
import { renderMarkdown, reportJson } from '../../apply/render.js';
import { parseSecretValues } from '../../apply/secrets.js';
import type { ApplyReport } from '../../apply/types.js';
import { controlFileIn, environmentSettings, loadDeployControl, type LoadedDeployControl } from '../../config/deploy-control.js';
import { ConfigurationError } from '../../errors.js';
import type { Kubectl } from '../../k8s/kubectl.js';
import { streamLogger, systemClock, type Clock } from '../../log.js';
import { planPrune, PruneAbort, type PruneReport } from '../../prune/prune.js';
import { pruneMarkdown } from '../../prune/report.js';
import { ReleaseStoreError } from '../../rollout/releases.js';
import { EXIT_FAILED, EXIT_OK, stringValue, type Command, type CommandContext, kubectlFor } from '../command.js';

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
  const services = Array.isArray(context.values.service) ? context.values.service.filter((name): name is string => typeof name === 'string') : [];
  const kubectl = kubectlFor(context);
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
    { kubectl, clock, logger: streamLogger(context.err) },
  );
  const prune = dryRun && environmentSettings(control.config, environment).prune ? await planPruneOf(report, control, environment, services, kubectl, context.err) : undefined;
  if (context.json) {
    // Additive: the plan's JSON gains `prune` only where deploy-control turns prune on.
    context.out(prune ? JSON.stringify({ ...JSON.parse(reportJson(report)), prune }, null, 2) : reportJson(report));
  } else {
    context.out(renderMarkdown(report) + (prune ? `\n${pruneMarkdown(prune)}` : ''));
  }
  return report.ok && prune?.status !== 'failed' ? EXIT_OK : EXIT_FAILED;
}

/** `k8sapp plan`'s prune rows: the newest release's inventory against what this plan rendered (every service). */
async function planPruneOf(
  report: ApplyReport,
  control: LoadedDeployControl,
  environment: string,
  services: readonly string[],
  kubectl: Kubectl,
  err: (line: string) => void,
): Promise<PruneReport> {
  const rendered = report.resources.map((r) => ({ apiVersion: 'v1', kind: r.kind, metadata: { name: r.name, ...(r.namespace ? { namespace: r.namespace } : {}) } }));
  try {
    return await planPrune(
      { environment, rendered, notDeployed: serviceSelection(control.config, environment, services) },
      { kubectl, clock: systemClock, logger: streamLogger(err) },
    );
  } catch (error) {
    if (!(error instanceof PruneAbort) && !(error instanceof ReleaseStoreError)) throw error;
    return { status: 'failed', message: error.message, objects: [] };
  }
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
