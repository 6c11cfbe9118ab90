import * as core from '@actions/core';
import { relative } from 'node:path';
import { parseDockerConfig, type CredentialStore } from '../preflight/credentials.js';
import { parseSecretValues, type SecretValues } from '../apply/secrets.js';
import { DEFAULT_CONTROL_FILE, loadDeployControl, overlayPath } from '../config/deploy-control.js';
import { ConfigurationError } from '../errors.js';
import { execute } from '../exec.js';
import { approvalFinding, checkEnvironmentApproval } from '../gate/approval.js';
import { environmentReader, repositoryFromEnvironment } from '../github/repository.js';
import { triggerFromEvent } from '../gate/decide.js';
import { parseServiceList } from '../gate/inputs.js';
import { annotate, booleanInput, input, requiredInput, runAction } from '../github/action.js';
import { octokitDeployments, type DeploymentsApi } from '../github/deployments.js';
import { actionKube, kubeconfigForAction } from '../github/kubeconfig.js';
import { actionsLogger } from '../github/logger.js';
import { Kubectl } from '../k8s/kubectl.js';
import { systemClock } from '../log.js';
import { failedWorkloadFindings } from '../rollout/locate.js';
import { diagnosisRows } from '../rollout/summary.js';
import { runDeploy } from '../deploy/pipeline.js';
import { deployMarkdown } from '../deploy/summary.js';
import type { DeployReport } from '../deploy/types.js';
import { maskValue } from '../github/mask.js';

/** Declared in deploy/action.yml; a test keeps the two in step. */
export const DEPLOY_INPUTS = [
  'environment',
  'control-file',
  'kubeconfig',
  'secrets',
  'emergency-reason',
  'dry-run',
  'services',
  'token',
  'registry-credentials',
] as const;
export const DEPLOY_OUTPUTS = ['deployed', 'status', 'resources', 'recreated', 'diagnosis', 'release', 'prune'] as const;

export interface DeployActionInputs {
  environment: string;
  controlFile: string;
  kubeconfig?: string;
  secrets: SecretValues;
  emergencyReason?: string;
  dryRun: boolean;
  services: string[];
  token?: string;
  registryCredentials?: CredentialStore;
}

/** Reads every input once. Secret values are masked before anything else can print them. */
export function readDeployInputs(): DeployActionInputs {
  const secrets = parseSecretValues(input('secrets'), 'input "secrets"');
  for (const value of Object.values(secrets)) maskValue(value);
  const token = input('token');
  maskValue(token);
  const inputs: DeployActionInputs = {
    environment: requiredInput('environment'),
    controlFile: input('control-file') ?? DEFAULT_CONTROL_FILE,
    secrets,
    dryRun: booleanInput('dry-run', false),
    services: parseServiceList(input('services')),
  };
  const kubeconfig = input('kubeconfig');
  if (kubeconfig !== undefined) inputs.kubeconfig = kubeconfig;
  const emergencyReason = input('emergency-reason')?.trim();
  if (emergencyReason) inputs.emergencyReason = emergencyReason;
  if (token) inputs.token = token;
  const registryCredentials = input('registry-credentials');
  if (registryCredentials) {
    maskValue(registryCredentials);
    inputs.registryCredentials = parseDockerConfig(registryCredentials, 'input "registry-credentials"');
    for (const value of inputs.registryCredentials.secretValues()) maskValue(value);
  }
  return inputs;
}

function runUrl(): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = process.env;
  return server && repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined;
}

export function runDeployAction(): Promise<void> {
  return runAction(async () => {
    const inputs = readDeployInputs();
    // Fail closed: until the pipeline says otherwise, nothing was deployed.
    core.setOutput('deployed', 'false');
    const event = process.env.GITHUB_EVENT_NAME;
    const trigger = triggerFromEvent(event);
    const control = await loadDeployControl(inputs.controlFile);
    const repo = repositoryFromEnvironment();
    let deployments: DeploymentsApi | undefined;
    if (!inputs.dryRun) {
      if (inputs.token && repo) deployments = octokitDeployments(inputs.token, repo.owner, repo.repo);
      else core.notice('Deployment history is not recorded: no token or GITHUB_REPOSITORY.', { title: 'k8sapp deploy' });
    }

    const kubeconfig = kubeconfigForAction(inputs.kubeconfig, inputs.environment);
    const kube = actionKube(kubeconfig);
    let report: DeployReport;
    try {
      report = await runDeploy(
        {
          environment: inputs.environment,
          control,
          trigger,
          services: inputs.services,
          ...(inputs.emergencyReason ? { emergencyReason: inputs.emergencyReason } : {}),
          secrets: inputs.secrets,
          dryRun: inputs.dryRun,
          git: { sha: process.env.GITHUB_SHA ?? '', ref: process.env.GITHUB_REF ?? '' },
          server: kubeconfig.server,
          ...(inputs.registryCredentials ? { registryCredentials: inputs.registryCredentials } : {}),
          ...(runUrl() ? { runUrl: runUrl() } : {}),
        },
        {
          kube,
          kustomize: new Kubectl(execute),
          clock: systemClock,
          logger: actionsLogger,
          registerSecret: maskValue,
          fetch: (url, init) => fetch(url, init),
          checkApproval: async ({ environment, mode }) => {
            if (!repo)
              throw new ConfigurationError('GITHUB_REPOSITORY is not set to "owner/repo"; the approval check needs it to read the GitHub environment.');
            return checkEnvironmentApproval(environmentReader(inputs.token), { ...repo, environment, mode });
          },
          ...(deployments ? { deployments } : {}),
          notice: (message) => core.notice(message, { title: 'k8sapp deploy: deployment history' }),
        },
      );
    } finally {
      kube.close();
    }

    core.setOutput('deployed', String(report.status === 'succeeded' && !report.dryRun));
    core.setOutput('status', report.status);
    core.setOutput('resources', JSON.stringify(report.resources));
    core.setOutput('recreated', JSON.stringify(report.recreated));
    core.setOutput('diagnosis', JSON.stringify(report.rollout ? diagnosisRows(report.rollout) : []));
    // The inventory stays in the cluster's record (and --json); the output keeps its documented, small shape.
    const { inventory: _inventory, inventoryVersion: _version, ...release } = report.release?.recorded ?? { inventory: undefined, inventoryVersion: undefined };
    core.setOutput('release', report.release?.recorded ? JSON.stringify(release) : '');
    core.setOutput('prune', report.prune ? JSON.stringify(report.prune) : '');
    await core.summary.addRaw(deployMarkdown(report, { triggerSource: `event ${event ?? 'unknown'}` })).write();

    if (report.approval && !report.approval.confirmed) {
      const finding = approvalFinding(control, report.decision, report.approval);
      if (!report.approval.passes) throw new ConfigurationError(`Manual approval for "${report.environment}" cannot be confirmed; not deploying.`, [finding]);
      annotate([finding]);
    }
    if (report.status === 'skipped') {
      core.notice(report.message, { title: 'k8sapp: deploy gate' });
      return;
    }
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    annotate(
      (report.preflight?.findings ?? []).map((f) => (f.location ? { ...f, location: { ...f.location, file: relative(workspace, f.location.file) } } : f)),
    );
    annotate(
      await failedWorkloadFindings(overlayPath(control, report.environment), report.rollout?.workloads ?? [], process.env.GITHUB_WORKSPACE ?? process.cwd()),
    );
    // Preflight errors are annotations on the manifest line already.
    for (const error of report.errors.filter((e) => !report.preflight?.findings.some((f) => f.message === e))) core.error(error, { title: 'k8sapp deploy' });
    if (report.apply) for (const error of report.apply.errors) core.error(error, { title: 'k8sapp apply' });
    if (report.status === 'succeeded') core.info(report.message);
    else core.setFailed(report.message);
  });
}
