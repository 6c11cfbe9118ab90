import * as core from '@actions/core';
import { code, inlineText, markdownTable } from '../report/markdown.js';
import { ConfigurationError, formatFinding } from '../errors.js';
import { annotate, booleanInput, input, requiredInput, runAction } from '../github/action.js';
import { actionsLogger } from '../github/logger.js';
import { systemClock } from '../log.js';
import type { GitHubRequest } from '../cluster/handover.js';
import { HETZNER_K3S_VERSION } from '../cluster/install.js';
import { runCluster, type ClusterRunReport, type ClusterRunRequest } from '../cluster/run.js';
import { executeStreaming } from '../github/stream-exec.js';
import { maskKubeconfig, maskValue } from '../github/mask.js';

/** Input names as declared in actions/cluster/action.yml (a test keeps the two in step). */
export const INPUTS = [
  'environment',
  'config',
  'hcloud-token',
  'ssh-private-key',
  'ssh-public-key',
  'deploy-token',
  'deploy-workflow',
  'ref',
  'event',
  'skip-current-ip-validation',
  'readiness-timeout',
  'storage-class',
  'storage-class-default',
  'hetzner-k3s-version',
  'hetzner-k3s-sha256',
] as const;

export const OUTPUTS = ['cluster-name', 'decision', 'status', 'ready', 'kubeconfig-secret', 'dispatched', 'dispatched-run-id', 'dispatched-run-url'] as const;

function positiveInteger(name: string, fallback: number): number {
  const text = input(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigurationError(`Input "${name}" must be a positive whole number of seconds, got "${text}".`);
  return value;
}

/** Reads every input once, registers the secrets before anything else happens, and validates the rest. */
export function readClusterInputs(): ClusterRunRequest {
  const secretInputs = ['hcloud-token', 'ssh-private-key', 'ssh-public-key', 'deploy-token'];
  for (const name of secretInputs) {
    const value = input(name);
    if (!value) continue;
    maskValue(value);
  }
  const environment = requiredInput('environment');
  if (!/^[A-Za-z0-9_-]+$/.test(environment))
    throw new ConfigurationError(`Input "environment" must be a plain name such as dev or prod, got "${environment}".`);
  const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
  const deployToken = input('deploy-token');
  if (deployToken && (!owner || !repo))
    throw new ConfigurationError('GITHUB_REPOSITORY is not set; cannot store the kubeconfig secret or dispatch the deployment.');
  return {
    environment,
    configFile: input('config') ?? `infra/k8s/hetzner/${environment}/cluster/cluster-config.yaml`,
    event: input('event') ?? process.env.GITHUB_EVENT_NAME ?? 'workflow_dispatch',
    hcloudToken: requiredInput('hcloud-token'),
    sshPrivateKey: requiredInput('ssh-private-key'),
    sshPublicKey: requiredInput('ssh-public-key'),
    deployToken,
    deployWorkflow: input('deploy-workflow'),
    ref: input('ref') ?? process.env.GITHUB_REF_NAME ?? 'main',
    repository: { owner: owner ?? '', repo: repo ?? '' },
    skipCurrentIpValidation: booleanInput('skip-current-ip-validation', false),
    readinessTimeoutSeconds: positiveInteger('readiness-timeout', 900),
    storageClass: input('storage-class') ?? 'hcloud-volumes',
    storageClassDefault: booleanInput('storage-class-default', true),
    install: { version: (input('hetzner-k3s-version') ?? HETZNER_K3S_VERSION).replace(/^v/, ''), sha256: input('hetzner-k3s-sha256') },
  };
}

const ICON: Record<string, string> = { done: '✅', skipped: '⏭️', failed: '❌', 'not reached': '—' };

/** The job summary, through the one summary renderer: hetzner-k3s output and cluster messages are escaped once. */
export function clusterMarkdown(report: ClusterRunReport): string {
  const lines: string[] = [`## ${inlineText(`Cluster ${report.clusterName} (${report.environment}): ${report.status}`)}`, ''];
  lines.push(`Decision: **${report.decision}** — ${inlineText(report.reason)}`, '');
  lines.push(
    markdownTable(
      ['Step', 'Status', 'Detail'],
      report.steps.map((step) => [step.step, `${ICON[step.status] ?? ''} ${step.status}`, step.detail ?? step.reason ?? '']),
    ),
    '',
  );
  if (report.warnings.length) {
    lines.push('### Config warnings', '', ...report.warnings.map((warning) => `- ${inlineText(formatFinding(warning))}`), '');
  }
  if (report.readiness) {
    const r = report.readiness;
    lines.push(
      '### Readiness',
      '',
      markdownTable(
        ['Check', 'State'],
        [
          ['Nodes Ready', `${r.nodes.filter((n) => n.ready).length}/${r.nodes.length}`],
          ['CSI driver pods running', `${r.csiPods.filter((p) => p.ready).length}/${r.csiPods.length}`],
          [
            `StorageClass ${r.storageClass.name}`,
            r.storageClass.present ? (r.storageClass.isDefault ? 'present, default' : 'present, not default') : 'missing',
          ],
        ],
      ),
      '',
    );
    if (r.diagnosis.length) lines.push('### Diagnosis', '', ...r.diagnosis.map((line) => `- ${inlineText(line)}`), '');
  }
  if (report.failureTail.length) {
    // A fenced block shows its lines literally; a fence longer than any backtick run inside cannot be closed early.
    const fence = '`'.repeat(Math.max(3, ...report.failureTail.map((line) => (line.match(/`+/g) ?? []).reduce((n, run) => Math.max(n, run.length + 1), 0))));
    lines.push('### hetzner-k3s create failed — last lines', '', `${fence}text`, ...report.failureTail, fence, '');
  }
  if (report.dispatched) {
    const d = report.dispatched;
    lines.push('### Deployment', '', `Dispatched ${code(d.workflow).markdown} on ${code(d.ref).markdown}${d.htmlUrl ? `: ${inlineText(d.htmlUrl)}` : ''}`, '');
  }
  return `${lines.join('\n')}\n`;
}

async function writeSummary(report: ClusterRunReport): Promise<void> {
  await core.summary.addRaw(clusterMarkdown(report)).write();
}

export function runClusterAction(): Promise<void> {
  return runAction(async () => {
    const request = readClusterInputs();
    let github: GitHubRequest | undefined;
    if (request.deployToken) {
      // octokit and tool-cache are loaded after the inputs are read and checked, not at action start.
      const { getOctokit } = await import('@actions/github');
      const octokit = getOctokit(request.deployToken);
      github = (route, parameters) => octokit.request(route, parameters) as Promise<{ status: number; data: unknown }>;
    }
    const report = await runCluster(request, {
      exec: executeStreaming,
      toolCache: await import('@actions/tool-cache'),
      github,
      clock: systemClock,
      logger: actionsLogger,
      path: process.env.PATH ?? '',
      ...(process.env.RUNNER_TEMP ? { tempRoot: process.env.RUNNER_TEMP } : {}),
      registerSecret: (value) => {
        maskValue(value);
        maskKubeconfig(value);
      },
    });
    annotate(report.warnings);
    core.setOutput('cluster-name', report.clusterName);
    core.setOutput('decision', report.decision);
    core.setOutput('status', report.status);
    core.setOutput('ready', String(report.readiness?.ready ?? false));
    core.setOutput('kubeconfig-secret', report.kubeconfigSecret ?? '');
    core.setOutput('dispatched', String(Boolean(report.dispatched)));
    core.setOutput('dispatched-run-id', report.dispatched?.runId ? String(report.dispatched.runId) : '');
    core.setOutput('dispatched-run-url', report.dispatched?.htmlUrl ?? '');
    await writeSummary(report);
    if (report.status === 'failed') {
      const failed = report.steps.find((step) => step.status === 'failed');
      core.setFailed(`cluster ${report.clusterName}: ${failed?.step ?? 'run'} failed${failed?.detail ? `: ${failed.detail}` : ''} (see the job summary)`);
    }
  });
}
