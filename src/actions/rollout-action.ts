import { renderOverlay } from '../manifests/render.js';
import * as core from '@actions/core';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadDeployControl, overlayPath, type LoadedDeployControl } from '../config/deploy-control.js';
import { ConfigurationError } from '../errors.js';
import { execute } from '../exec.js';
import { annotate, input, requiredInput, runAction } from '../github/action.js';
import { actionKube, kubeconfigForAction } from '../github/kubeconfig.js';
import { actionsLogger } from '../github/logger.js';
import type { HttpKubeClient } from '../k8s/http.js';
import { Kubectl } from '../k8s/kubectl.js';
import { ensureServerReachable } from '../k8s/reachable.js';
import { systemClock } from '../log.js';
import { parseWorkloads, rolloutSettings, workloadsOf } from '../rollout/config.js';
import { failedWorkloadFindings } from '../rollout/locate.js';
import { publicReport, runRollout, type RolloutResult } from '../rollout/rollout.js';
import { DEFAULT_RELEASE_NAMESPACE } from '../rollout/releases.js';
import { inlineText } from '../report/markdown.js';
import { rolloutSections } from '../rollout/markdown.js';
import { diagnosisRows, verdictLine } from '../rollout/summary.js';

/** Input names, exactly as actions/rollout/action.yml declares them (a test keeps the two in step). */
export const ROLLOUT_INPUTS = ['environment', 'workloads', 'kubeconfig', 'timeout', 'rollback', 'control-file', 'manifests', 'release-namespace'] as const;
export const ROLLOUT_OUTPUTS = ['status', 'diagnosis', 'rolled-back', 'report'] as const;

interface RolloutInputs {
  environment: string;
  workloads?: string;
  kubeconfig?: string;
  timeout?: string;
  rollback?: string;
  controlFile: string;
  manifests?: string;
  releaseNamespace: string;
}

function readInputs(): RolloutInputs {
  const workloads = input('workloads');
  const kubeconfig = input('kubeconfig');
  const timeout = input('timeout');
  const rollback = input('rollback');
  const manifests = input('manifests');
  return {
    environment: requiredInput('environment'),
    ...(workloads !== undefined ? { workloads } : {}),
    ...(kubeconfig !== undefined ? { kubeconfig } : {}),
    ...(timeout !== undefined ? { timeout } : {}),
    ...(rollback !== undefined ? { rollback } : {}),
    controlFile: input('control-file') ?? 'infra/deploy-control.yaml',
    ...(manifests !== undefined ? { manifests } : {}),
    releaseNamespace: input('release-namespace') ?? DEFAULT_RELEASE_NAMESPACE,
  };
}

export function runRolloutAction(): Promise<void> {
  return runAction(async () => {
    const inputs = readInputs();
    const control: LoadedDeployControl | undefined =
      existsSync(inputs.controlFile) || (inputs.rollback ?? 'auto') === 'auto' ? await loadDeployControl(inputs.controlFile) : undefined;
    const settings = rolloutSettings(control, inputs.environment, {
      ...(inputs.timeout ? { timeout: inputs.timeout } : {}),
      ...(inputs.rollback ? { rollback: inputs.rollback } : {}),
    });
    let workloads = inputs.workloads ? parseWorkloads(inputs.workloads) : undefined;
    const record = inputs.manifests ? { sha: process.env.GITHUB_SHA ?? 'unknown', manifests: await readManifests(inputs.manifests) } : undefined;

    const kubeconfig = kubeconfigForAction(inputs.kubeconfig, inputs.environment);
    let result: RolloutResult;
    let kube: HttpKubeClient | undefined;
    try {
      const kubectl = new Kubectl(execute);
      kube = actionKube(kubeconfig);
      if (!workloads) {
        if (!control) throw new ConfigurationError('no workloads given and no deploy-control.yaml to render the overlay from');
        workloads = workloadsOf((await renderOverlay(kubectl, overlayPath(control, inputs.environment))).yaml);
      }
      await ensureServerReachable(kube, 'no workload was waited for', kubeconfig.server);
      result = await runRollout(
        {
          environment: inputs.environment,
          workloads,
          timeoutSeconds: settings.timeoutSeconds,
          rollback: settings.rollback,
          releaseStore: { namespace: inputs.releaseNamespace },
          ...(record ? { record } : {}),
        },
        { kube, clock: systemClock, logger: actionsLogger },
      );
    } finally {
      kube?.close();
    }

    const report = publicReport(result);
    const rows = diagnosisRows(report);
    core.setOutput('status', report.status);
    core.setOutput('diagnosis', JSON.stringify(rows));
    core.setOutput('rolled-back', JSON.stringify(report.rollback.workloads.map(({ diagnosis: _d, ...rest }) => rest)));
    core.setOutput('report', JSON.stringify(report));

    const summary = [`## Rollout: ${inlineText(inputs.environment)} — ${report.status}`, '', ...rolloutSections(report)];
    if (report.release?.recorded) {
      const r = report.release.recorded;
      summary.push(
        inlineText(
          `Recorded release ${r.revision} (${r.sha}, ${r.digest.slice(0, 19)}…)${r.strippedSecrets.length ? `; Secrets not recorded: ${r.strippedSecrets.join(', ')}` : ''}`,
        ),
        '',
      );
    } else if (report.release?.error) {
      summary.push(inlineText(`Release not recorded: ${report.release.error}`), '');
    }
    core.summary.addRaw(`${summary.join('\n')}\n`);
    await core.summary.write();

    // Annotations on the manifest that defines each failed workload, when it can be found in the repository.
    const overlay = control ? overlayPath(control, inputs.environment) : undefined;
    annotate(await failedWorkloadFindings(overlay, report.workloads, process.env.GITHUB_WORKSPACE ?? process.cwd()));
    if (report.status !== 'succeeded') core.setFailed(verdictLine(report));
    else core.info(verdictLine(report));
  });
}

async function readManifests(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`manifests: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
