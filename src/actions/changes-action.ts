import * as core from '@actions/core';
import { inlineText, markdownTable } from '../report/markdown.js';
import { loadDeployControl } from '../config/deploy-control.js';
import { execute } from '../exec.js';
import { input, runAction } from '../github/action.js';
import { Git } from '../git/git.js';
import { detectChanges, type ChangeResult } from '../changes/changes.js';
import { changesFromGit } from '../changes/from-git.js';
import { deployableEnvironments, planTargets } from '../changes/targets.js';

export const CHANGES_INPUTS = ['control-file', 'environment', 'base', 'head'] as const;

interface ChangesInputs {
  controlFile: string;
  environment?: string;
  base?: string;
  head?: string;
}

function readInputs(): ChangesInputs {
  const inputs: ChangesInputs = { controlFile: input('control-file') ?? 'infra/deploy-control.yaml' };
  const environment = input('environment');
  const base = input('base');
  const head = input('head');
  if (environment) inputs.environment = environment;
  if (base) inputs.base = base;
  if (head) inputs.head = head;
  return inputs;
}

type EventContext = Pick<typeof import('@actions/github').context, 'eventName' | 'payload' | 'sha'>;

function eventCommits(context: EventContext): { base?: string; head?: string; branch?: string } {
  const payload = context.payload as { before?: string; after?: string; pull_request?: { base?: { sha?: string }; head?: { sha?: string } } };
  if (context.eventName === 'pull_request' || context.eventName === 'pull_request_target') {
    return { base: payload.pull_request?.base?.sha, head: payload.pull_request?.head?.sha };
  }
  return { base: payload.before, head: payload.after ?? context.sha, branch: process.env.GITHUB_REF_NAME };
}

async function summarize(result: ChangeResult): Promise<void> {
  const rows = result.environments.map((environment) => [
    environment.name,
    environment.deploy ? 'deploy' : `affected (branch ${environment.branch ?? 'unset'} not pushed)`,
    environment.reasons.join('\n'),
  ]);
  const lines = ['### k8sapp: affected environments', ''];
  lines.push(rows.length === 0 ? 'No environment is affected by this change.' : markdownTable(['Environment', 'Action', 'Why'], rows), '');
  if (result.clusters.length) lines.push(inlineText(`Cluster configs changed: ${result.clusters.map((c) => c.file).join(', ')}`), '');
  core.summary.addRaw(`${lines.join('\n')}\n`);
  await core.summary.write();
}

export function runChangesAction(): Promise<void> {
  return runAction(async () => {
    const inputs = readInputs();
    const control = await loadDeployControl(inputs.controlFile);
    // @actions/github carries octokit; only its event context is used here, loaded after the inputs are read.
    const { context } = await import('@actions/github');
    const commits = eventCommits(context);
    const plan = planTargets(control.config, {
      name: context.eventName,
      ...(inputs.environment ? { environment: inputs.environment } : {}),
      ...(commits.branch ? { branch: commits.branch } : {}),
      ...((inputs.base ?? commits.base) ? { base: inputs.base ?? commits.base } : {}),
      ...((inputs.head ?? commits.head) ? { head: inputs.head ?? commits.head } : {}),
    });
    let result: ChangeResult;
    if (plan.kind === 'diff') {
      const fromGit = await changesFromGit(new Git(execute), plan.base, plan.head, control.file);
      result = await detectChanges({ ...fromGit, controlFile: control.file, control: control.config, ...(plan.branch ? { branch: plan.branch } : {}) });
    } else {
      result = { environments: plan.environments, clusters: [] };
    }
    const environments = deployableEnvironments(result);
    core.info(environments.length ? `Environments to deploy: ${environments.join(', ')}` : 'No environment to deploy.');
    core.setOutput('environments', JSON.stringify(environments));
    core.setOutput('details', JSON.stringify(result));
    core.setOutput('clusters', JSON.stringify(result.clusters.map((cluster) => cluster.name)));
    await summarize(result);
  });
}
