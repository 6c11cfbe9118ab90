import { join } from 'node:path';
import { imagePreflightSettings, loadDeployControl, overlayPath } from '../../config/deploy-control.js';
import { ConfigurationError, formatFinding } from '../../errors.js';
import { Kubectl } from '../../k8s/kubectl.js';
import { streamLogger } from '../../log.js';
import { renderOverlay } from '../../manifests/render.js';
import { parseDockerConfig, type CredentialStore } from '../../preflight/credentials.js';
import { preflightObjects } from '../../preflight/run.js';
import { preflightText } from '../../preflight/summary.js';
import { ENV_OPTION, EXIT_FAILED, EXIT_OK, KUBECONFIG_OPTION, kubeFor, readOptionFile, stringValue, type Command, type CommandContext } from '../command.js';
import type { OptionDef } from '../options.js';

/** `--registry-config FILE` (Docker config.json), shared by `preflight` and `deploy`; errors never quote a value. */
export async function registryConfigOption(context: CommandContext): Promise<CredentialStore | undefined> {
  const file = stringValue(context.values, 'registry-config');
  if (!file) return undefined;
  const text = await readOptionFile(context, 'registry-config', file);
  return parseDockerConfig(text, '--registry-config', `--registry-config ${file}`);
}

/** `--registry-config FILE`, shared by `preflight` and `deploy`. */
export const REGISTRY_CONFIG_OPTION: OptionDef = {
  name: 'registry-config',
  value: 'FILE',
  description:
    'Docker config.json with registry credentials for the image preflight (auths: auth or username/password), relative to the current folder; values are masked and never printed.',
};

export async function runPreflightCommand(context: CommandContext): Promise<number> {
  const environment = stringValue(context.values, 'env');
  if (!environment) throw new ConfigurationError('--env ENV is required.');
  const control = await loadDeployControl(join(context.root, 'deploy-control.yaml'));
  if (!control.config.environments[environment])
    throw new ConfigurationError(`Environment "${environment}" is not in deploy-control (known: ${Object.keys(control.config.environments).join(', ')}).`);
  const modeOption = stringValue(context.values, 'mode');
  if (modeOption && modeOption !== 'enforce' && modeOption !== 'warn') throw new ConfigurationError(`--mode must be enforce or warn, not "${modeOption}".`);
  const settings = imagePreflightSettings(control.config, environment);
  const mode = (modeOption as 'enforce' | 'warn' | undefined) ?? (settings.mode === 'off' ? 'warn' : settings.mode);
  const credentials = await registryConfigOption(context);
  const kubeconfig = stringValue(context.values, 'kubeconfig');
  // kubectl renders the overlay only (`kubectl kustomize`); pull secrets are read through the API client.
  const kubectl = new Kubectl(context.exec);
  const overlay = overlayPath(control, environment);
  const rendered = await renderOverlay(kubectl, overlay);
  const logger = streamLogger(context.err);
  const result = await preflightObjects(
    { objects: rendered.resources.map((r) => r.object), overlay, mode, pinDigests: false, ...(credentials ? { credentials } : {}) },
    {
      fetch: (url, init) => fetch(url, init),
      ...(kubeconfig ? { kube: kubeFor(context) } : {}),
      registerSecret: () => undefined,
      logger: { info: () => undefined, warning: (m) => logger.warning(m), group: (n, b) => logger.group(n, b) },
    },
  );
  const report = { environment, ...result.report, pullSecretsRead: Boolean(kubeconfig) };
  if (context.json) context.out(JSON.stringify(report, null, 2));
  else {
    context.out(
      [...preflightText(result.report), ...(kubeconfig ? [] : ['  (pull secrets not read: no --kubeconfig; credentials only from --registry-config)'])].join(
        '\n',
      ),
    );
  }
  for (const finding of result.report.findings.filter((f) => f.severity === 'error')) context.err(formatFinding(finding));
  return result.report.refused ? EXIT_FAILED : EXIT_OK;
}

export const preflightCommand: Command = {
  name: 'preflight',
  summary: 'Resolve every image of an environment in its registry before deploying: missing tags, missing pull secrets.',
  options: [
    ENV_OPTION,
    REGISTRY_CONFIG_OPTION,
    {
      ...KUBECONFIG_OPTION,
      defaultText: 'none: pull secrets are not read',
      description: "Also read the pods' imagePullSecrets (and their ServiceAccounts') from this cluster, read-only; relative to the current folder.",
    },
    {
      name: 'mode',
      value: 'MODE',
      choices: ['enforce', 'warn'],
      defaultText: "the environment's image_preflight, else warn",
      description: 'enforce: a missing or inaccessible image fails (exit 1); warn: it is reported only.',
    },
  ],
  notes:
    "Builds the overlay and resolves every container, init container and ephemeral container image in its registry (HEAD /v2/<name>/manifests/<ref>), as the deploy's preflight phase does. Read-only; an unreachable registry is a warning.",
  exitCodes: [
    [0, 'every image was found (or, under warn, reported)'],
    [1, 'under enforce: an image is missing or not accessible'],
    [2, 'usage or configuration error'],
  ],
  examples: [
    ['k8sapp preflight --env prod', 'check every image of prod anonymously (public images)'],
    ['k8sapp preflight --env prod --registry-config ~/.docker/config.json', 'with your registry credentials, no cluster needed'],
    ['k8sapp preflight --env prod --kubeconfig prod.yaml --json', "with the cluster's pull secrets, as JSON"],
  ],
  run: (context) => runPreflightCommand(context),
};
