import { chmod } from 'node:fs/promises';
import type { Finding } from '../errors.js';
import type { Executor } from '../exec.js';
import type { KubeClient } from '../k8s/client.js';
import { connectKube } from '../k8s/connect.js';
import type { Clock, Logger } from '../log.js';
import { dispatchWorkflow, putEnvironmentSecret, type DispatchedRun, type GitHubRequest, type Repository } from './handover.js';
import { HetznerK3s, type StreamingExecutor } from './hetzner-k3s.js';
import { installHetznerK3s, requireTools, type InstallRequest, type ToolCache } from './install.js';
import { loadClusterConfig, type ClusterConfig } from './preflight.js';
import { waitForClusterReady, type ReadinessReport } from './readiness.js';
import { writeRunFiles } from './run-files.js';

export const KUBECONFIG_SECRET = 'KUBECONFIG';

export interface ClusterRunRequest {
  environment: string;
  configFile: string;
  /** github.event_name: a `push` only creates/updates the cluster when the config says `auto_deploy: true`. */
  event: string;
  hcloudToken: string;
  sshPrivateKey: string;
  sshPublicKey: string;
  /** PAT that can write environment secrets and dispatch workflows; without it the hand-over is skipped. */
  deployToken?: string;
  /** Workflow file (or id) to dispatch after the cluster is ready; empty skips the dispatch. */
  deployWorkflow?: string;
  ref: string;
  repository: Repository;
  skipCurrentIpValidation: boolean;
  readinessTimeoutSeconds: number;
  readinessIntervalSeconds?: number;
  storageClass?: string;
  storageClassDefault?: boolean;
  install: InstallRequest;
}

export interface ClusterRunDeps {
  exec: StreamingExecutor | Executor;
  toolCache: ToolCache;
  /** octokit.request bound to the deploy token; only called when a deploy token was given. */
  github?: GitHubRequest;
  clock: Clock;
  logger: Logger;
  /** Called with every value derived from secrets (the kubeconfig) before it is used anywhere. */
  registerSecret(value: string): void;
  /** Where the run's private files go (RUNNER_TEMP at the edge; default the OS temp folder). */
  tempRoot?: string;
  /** PATH to look for kubectl and helm in (the edge passes the process's). */
  path?: string;
  /**
   * The API client for the kubeconfig hetzner-k3s wrote (readiness reads through it; hetzner-k3s runs its own kubectl).
   * Default: the HTTP client with a 20 s request timeout.
   */
  connect?: (kubeconfigPath: string) => KubeClient & { close?(): void };
}

const connectWrittenKubeconfig = (path: string) => connectKube({ kubeconfig: path }, { requestTimeoutMs: 20_000 });

export type StepName = 'preflight' | 'tools' | 'install' | 'create' | 'readiness' | 'kubeconfig-secret' | 'dispatch';
export interface PlannedStep {
  step: StepName;
  run: boolean;
  reason: string;
}
export interface StepResult extends PlannedStep {
  status: 'done' | 'skipped' | 'failed' | 'not reached';
  detail?: string;
}

export interface ClusterRunReport {
  environment: string;
  clusterName: string;
  decision: 'run' | 'skipped';
  reason: string;
  status: 'succeeded' | 'failed' | 'skipped';
  steps: StepResult[];
  warnings: Finding[];
  hetznerK3s?: { version: string; sha256: string; fromCache: boolean };
  /** Last lines hetzner-k3s printed when it failed (secrets redacted). */
  failureTail: string[];
  readiness?: ReadinessReport;
  kubeconfigSecret?: string;
  dispatched?: DispatchedRun;
}

/** Static nodes the config asks for; autoscaled pools are not counted (they may be at zero). */
export function expectedNodeCount(config: ClusterConfig): number {
  const masters = config.masters_pool?.instance_count ?? 1;
  const workers = (config.worker_node_pools ?? [])
    .filter((pool) => pool.autoscaling?.enabled !== true)
    .reduce((sum, pool) => sum + (pool.instance_count ?? 1), 0);
  return masters + workers;
}

/** The pure decision: which steps run for this event, config and inputs, and why. */
export function planClusterRun(input: { config: ClusterConfig; event: string; hasDeployToken: boolean; deployWorkflow?: string }): {
  decision: 'run' | 'skipped';
  reason: string;
  steps: PlannedStep[];
} {
  const gated = input.event === 'push' && input.config.auto_deploy !== true;
  const reason = gated
    ? `push event and auto_deploy is ${input.config.auto_deploy === false ? 'false' : 'not set'} in the cluster config: the cluster is created/updated only by a manual run`
    : input.event === 'push'
      ? 'push event and auto_deploy: true'
      : `${input.event || 'manual'} run`;
  const run = !gated;
  const steps: PlannedStep[] = [
    { step: 'preflight', run: true, reason: 'schema and lint rules' },
    { step: 'tools', run, reason: run ? 'kubectl and helm on PATH' : reason },
    { step: 'install', run, reason: run ? 'pinned, verified hetzner-k3s' : reason },
    { step: 'create', run, reason: run ? 'hetzner-k3s create (idempotent)' : reason },
    { step: 'readiness', run, reason: run ? 'nodes, CSI driver, StorageClass' : reason },
    {
      step: 'kubeconfig-secret',
      run: run && input.hasDeployToken,
      reason: !run ? reason : input.hasDeployToken ? `environment secret ${KUBECONFIG_SECRET}` : 'no deploy-token given',
    },
    {
      step: 'dispatch',
      run: run && input.hasDeployToken && Boolean(input.deployWorkflow),
      reason: !run
        ? reason
        : !input.hasDeployToken
          ? 'no deploy-token given'
          : input.deployWorkflow
            ? `workflow_dispatch of ${input.deployWorkflow}`
            : 'no deploy-workflow given',
    },
  ];
  return { decision: gated ? 'skipped' : 'run', reason, steps };
}

/** Replaces every known secret value (and each long line of multi-line ones) with ***. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  const parts = secrets.flatMap((secret) => [secret, ...secret.split('\n').map((line) => line.trim())]).filter((part) => part.length >= 8);
  for (const part of parts.sort((a, b) => b.length - a.length)) out = out.split(part).join('***');
  return out;
}

const TAIL_LINES = 30;

/**
 * Creates or updates the environment's cluster and hands it over: preflight, gate, tools, verified install,
 * `hetzner-k3s create`, readiness, KUBECONFIG environment secret, deployment dispatch. Never deletes anything.
 * A config error throws a located ConfigurationError before anything runs; a failed step returns a failed report.
 */
export async function runCluster(request: ClusterRunRequest, deps: ClusterRunDeps): Promise<ClusterRunReport> {
  const { logger } = deps;
  const secrets = [request.hcloudToken, request.sshPrivateKey, request.sshPublicKey, request.deployToken ?? ''];
  const loaded = await logger.group(`Preflight ${request.configFile}`, async () => {
    const result = await loadClusterConfig(request.configFile, request.environment);
    logger.info(`${request.configFile}: schema and lint rules passed (${result.findings.length} warning(s))`);
    return result;
  });
  const config = loaded.config;
  const plan = planClusterRun({ config, event: request.event, hasDeployToken: Boolean(request.deployToken), deployWorkflow: request.deployWorkflow });
  const steps: StepResult[] = plan.steps.map((step) => ({ ...step, status: step.run ? 'not reached' : 'skipped' }));
  const mark = (name: StepName, status: StepResult['status'], detail?: string) => {
    const step = steps.find((s) => s.step === name)!;
    step.status = status;
    if (detail !== undefined) step.detail = detail;
  };
  mark('preflight', 'done', `${loaded.findings.length} warning(s)`);
  const report: ClusterRunReport = {
    environment: request.environment,
    clusterName: config.cluster_name,
    decision: plan.decision,
    reason: plan.reason,
    status: plan.decision === 'skipped' ? 'skipped' : 'failed',
    steps,
    warnings: loaded.findings,
    failureTail: [],
  };
  logger.info(`decision: ${plan.decision} (${plan.reason})`);
  if (plan.decision === 'skipped') return report;

  const tool = await logger.group('Tools', async () => {
    const found = await requireTools(['kubectl', 'helm'], deps.path ?? '');
    mark('tools', 'done', Object.values(found).join(', '));
    const installed = await installHetznerK3s(request.install, deps.toolCache, logger);
    mark('install', 'done', `${installed.version}${installed.fromCache ? ' (cached)' : ''}, sha256 ${installed.sha256}`);
    return installed;
  });
  report.hetznerK3s = { version: tool.version, sha256: tool.sha256, fromCache: tool.fromCache };

  const files = await writeRunFiles(config, { privateKey: request.sshPrivateKey, publicKey: request.sshPublicKey }, deps.tempRoot);
  try {
    const hetznerK3s = new HetznerK3s(deps.exec, { binary: tool.binary });
    const tail: string[] = [];
    const created = await logger.group(`hetzner-k3s create (${config.cluster_name})`, () =>
      hetznerK3s.create(files.configFile, {
        token: request.hcloudToken,
        skipCurrentIpValidation: request.skipCurrentIpValidation,
        onLine: (line) => {
          const safe = redact(line, secrets);
          logger.info(safe);
          tail.push(safe);
          if (tail.length > TAIL_LINES) tail.shift();
        },
      }),
    );
    if (tail.length === 0) {
      for (const line of redact(`${created.stdout}\n${created.stderr}`, secrets).split('\n')) if (line.trim()) tail.push(line);
      tail.splice(0, Math.max(0, tail.length - TAIL_LINES));
    }
    if (created.exitCode !== 0) {
      report.failureTail = tail;
      mark('create', 'failed', `hetzner-k3s exited with ${created.exitCode}`);
      return report;
    }
    const kubeconfig = await files.readKubeconfig();
    if (!kubeconfig?.trim()) {
      mark('create', 'failed', `hetzner-k3s succeeded but wrote no kubeconfig to ${files.kubeconfigFile}`);
      return report;
    }
    deps.registerSecret(kubeconfig);
    secrets.push(kubeconfig);
    await chmod(files.kubeconfigFile, 0o600);
    mark('create', 'done', `cluster ${config.cluster_name} created/updated`);

    const kube = (deps.connect ?? connectWrittenKubeconfig)(files.kubeconfigFile);
    const readiness = await logger
      .group('Readiness', () =>
        waitForClusterReady(
          {
            expectedNodes: expectedNodeCount(config),
            csiDriver: config.addons?.csi_driver?.enabled !== false,
            storageClass: request.storageClass ?? 'hcloud-volumes',
            storageClassDefault: request.storageClassDefault ?? true,
            timeoutSeconds: request.readinessTimeoutSeconds,
            intervalSeconds: request.readinessIntervalSeconds ?? 10,
          },
          { kube, clock: deps.clock, logger },
        ),
      )
      .finally(() => kube.close?.());
    report.readiness = readiness;
    if (!readiness.ready) {
      mark('readiness', 'failed', readiness.diagnosis[0]);
      return report;
    }
    mark('readiness', 'done', `${readiness.nodes.length} node(s) Ready in ${readiness.seconds}s`);

    if (plan.steps.find((s) => s.step === 'kubeconfig-secret')?.run && deps.github) {
      const github = deps.github;
      await logger.group(`Environment secret ${KUBECONFIG_SECRET}`, async () => {
        const result = await putEnvironmentSecret(github, {
          ...request.repository,
          environment: request.environment,
          name: KUBECONFIG_SECRET,
          value: kubeconfig,
        });
        logger.info(`${result.created ? 'created' : 'updated'} secret ${KUBECONFIG_SECRET} of environment ${request.environment}`);
        report.kubeconfigSecret = KUBECONFIG_SECRET;
        mark('kubeconfig-secret', 'done', result.created ? 'created' : 'updated');
      });
      if (plan.steps.find((s) => s.step === 'dispatch')?.run && request.deployWorkflow) {
        const workflow = request.deployWorkflow;
        await logger.group(`Dispatch ${workflow}`, async () => {
          const run = await dispatchWorkflow(github, { ...request.repository, workflow, ref: request.ref, inputs: { environment: request.environment } });
          report.dispatched = run;
          logger.info(`dispatched ${workflow} on ${request.ref}${run.htmlUrl ? `: ${run.htmlUrl}` : ''}`);
          mark('dispatch', 'done', run.htmlUrl ?? (run.runId ? `run ${run.runId}` : 'dispatched (run id not reported by this GitHub server)'));
        });
      }
    }
    report.status = 'succeeded';
    return report;
  } finally {
    await files.dispose();
  }
}
