import * as core from '@actions/core';
import { annotate, booleanInput, input, requiredInput, runAction } from '../github/action.js';
import { actionKube, kubeconfigForAction, type ActionKubeconfig } from '../github/kubeconfig.js';
import { actionsLogger } from '../github/logger.js';
import { execute } from '../exec.js';
import { Kubectl } from '../k8s/kubectl.js';
import { ensureServerReachable } from '../k8s/reachable.js';
import { systemClock } from '../log.js';
import { prepareMigrations } from '../migrations/prepare.js';
import { migrationSummaryMarkdown, runMigrations } from '../migrations/runner.js';

/** The action's inputs and outputs as declared in actions/migrations/action.yml (a test keeps them equal). */
export const MIGRATIONS_ACTION_INPUTS = ['environment', 'control-file', 'kubeconfig', 'run'] as const;
export const MIGRATIONS_ACTION_OUTPUTS = ['status', 'needed', 'ran', 'report'] as const;

interface MigrationsActionInputs {
  environment: string;
  controlFile: string;
  kubeconfig?: string;
  run: boolean;
}

function readInputs(): MigrationsActionInputs {
  const inputs: MigrationsActionInputs = {
    environment: requiredInput('environment'),
    controlFile: input('control-file') ?? 'infra/deploy-control.yaml',
    run: booleanInput('run', false),
  };
  const kubeconfig = input('kubeconfig');
  if (kubeconfig !== undefined) inputs.kubeconfig = kubeconfig;
  return inputs;
}

/** Lists (or with run: true, runs) an environment's migrations, on its own: reviewing them before a deploy. */
export function runMigrationsAction(): Promise<void> {
  return runAction(async () => {
    const inputs = readInputs();
    let kubeconfig: ActionKubeconfig | undefined;
    let closeKube = () => undefined as void;
    try {
      kubeconfig = kubeconfigForAction(inputs.kubeconfig, inputs.environment);
      // kubectl only renders the overlay (`kubectl kustomize`, offline); every cluster call goes through the API client.
      const kubectl = new Kubectl(execute);
      const prepared = await core.group('Load migrations', () =>
        prepareMigrations({ controlFile: inputs.controlFile, environment: inputs.environment, kubectl, sha: process.env.GITHUB_SHA }),
      );
      core.info(`${prepared.request.migrations.length} migration(s) loaded; components: ${prepared.request.components.join(', ') || '(none)'}`);
      const kube = actionKube(kubeconfig);
      closeKube = () => kube.close();
      await ensureServerReachable(kube, 'no migration was asked or run', kubeconfig.server);
      const report = await runMigrations({ ...prepared.request, mode: inputs.run ? 'run' : 'plan' }, { kube, clock: systemClock, logger: actionsLogger });
      annotate(report.findings);
      core.setOutput('status', report.status);
      core.setOutput('needed', JSON.stringify(report.results.filter((r) => r.needed).map((r) => r.id)));
      core.setOutput('ran', JSON.stringify(report.results.filter((r) => r.status === 'succeeded').map((r) => r.id)));
      core.setOutput('report', JSON.stringify(report));
      await core.summary.addRaw(migrationSummaryMarkdown(report)).write();
      if (report.status === 'failed') {
        const failed = report.results.filter((r) => r.status === 'failed' || r.status === 'timed-out');
        core.setFailed(`migration(s) failed: ${failed.map((r) => `${r.id}: ${r.error ?? r.status}`).join('; ')}`);
      }
    } finally {
      closeKube();
    }
  });
}
