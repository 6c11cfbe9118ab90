import * as core from '@actions/core';
import { DEFAULT_CONTROL_FILE, loadDeployControl } from '../config/deploy-control.js';
import { parseServiceList } from '../gate/inputs.js';
import { execute } from '../exec.js';
import { booleanInput, input, requiredInput, runAction } from '../github/action.js';
import { actionKube, kubeconfigForAction } from '../github/kubeconfig.js';
import { actionsLogger } from '../github/logger.js';
import type { HttpKubeClient } from '../k8s/http.js';
import { Kubectl } from '../k8s/kubectl.js';
import { ensureServerReachable } from '../k8s/reachable.js';
import { systemClock } from '../log.js';
import { applyEnvironment } from '../apply/engine.js';
import { applyMarkdown } from '../apply/render.js';
import { parseSecretValues, type SecretValues } from '../apply/secrets.js';
import { maskValue } from '../github/mask.js';

/** Input and output names, exactly as declared in actions/apply/action.yml (a test keeps them in step). */
export const APPLY_INPUTS = ['environment', 'control-file', 'kubeconfig', 'secrets', 'dry-run', 'services'] as const;
export const APPLY_OUTPUTS = ['resources', 'recreated', 'workloads'] as const;

export interface ApplyActionInputs {
  environment: string;
  controlFile: string;
  kubeconfig?: string;
  secrets: SecretValues;
  dryRun: boolean;
  services: string[];
}

/** Reads and checks every input once; secret values are masked before anything else can print them. */
export function readApplyInputs(): ApplyActionInputs {
  const secrets = parseSecretValues(input('secrets'), 'input "secrets"');
  for (const value of Object.values(secrets)) maskValue(value);
  const inputs: ApplyActionInputs = {
    environment: requiredInput('environment'),
    controlFile: input('control-file') ?? DEFAULT_CONTROL_FILE,
    secrets,
    dryRun: booleanInput('dry-run', false),
    services: parseServices(input('services')),
  };
  const kubeconfig = input('kubeconfig');
  if (kubeconfig !== undefined) inputs.kubeconfig = kubeconfig;
  return inputs;
}

/** The gate's `services` output: a JSON list, or names separated by commas/newlines; empty = all enabled. */
export function parseServices(text: string | undefined): string[] {
  return parseServiceList(text, 'services');
}

export function runApplyAction(): Promise<void> {
  return runAction(async () => {
    const inputs = readApplyInputs();
    const control = await loadDeployControl(inputs.controlFile);
    const kubeconfig = kubeconfigForAction(inputs.kubeconfig, inputs.environment);
    let kube: HttpKubeClient | undefined;
    try {
      kube = actionKube(kubeconfig);
      // kubectl only builds the overlay (kubectl kustomize); every API call goes through the client.
      const kubectl = new Kubectl(execute);
      await ensureServerReachable(kube, inputs.dryRun ? 'nothing was planned' : 'nothing was applied', kubeconfig.server);
      const report = await applyEnvironment(
        {
          environment: inputs.environment,
          control,
          secrets: inputs.secrets,
          services: inputs.services,
          dryRun: inputs.dryRun,
          registerSecret: maskValue,
        },
        { kube, kubectl, clock: systemClock, logger: actionsLogger },
      );
      core.setOutput('resources', JSON.stringify(report.resources));
      core.setOutput('recreated', JSON.stringify(report.recreated));
      core.setOutput('workloads', JSON.stringify(report.workloads));
      await core.summary.addRaw(applyMarkdown(report)).write();
      for (const error of report.errors) core.error(error);
      if (!report.ok) {
        core.setFailed(`${report.mode === 'plan' ? 'Plan' : 'Apply'} for ${inputs.environment} failed: ${report.errors.length} error(s), see the job summary.`);
      }
    } finally {
      kube?.close();
    }
  });
}
