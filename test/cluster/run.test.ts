import { access, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as toolCache from '@actions/tool-cache';
import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HetznerK3s } from '../../src/cluster/hetzner-k3s.js';
import { expectedNodeCount, planClusterRun, redact, runCluster, type ClusterRunDeps, type ClusterRunRequest } from '../../src/cluster/run.js';
import { executeStreaming } from '../../src/github/stream-exec.js';
import { ConfigurationError } from '../../src/errors.js';
import { execute, type Executor } from '../../src/exec.js';
import { RecordingLogger } from '../../src/log.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { call, FakeKube, listOf } from '../helpers/fake-kube.js';
import { installFakeHetznerK3s, installNoopBinary, node, pod, seedToolCache, startFakeGitHubApi, storageClass } from './helpers.js';
import { quietActionsDebug } from '../helpers/quiet-debug.js';

quietActionsDebug();

const TOKEN = 'hcloudTOKEN0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQR';
const PRIVATE_KEY =
  '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACDxFAKEKEYFAKEKEYFAKEKEYFAKEKEYFAKEKEYFAKEKEYAAAAJg=\n-----END OPENSSH PRIVATE KEY-----\n';
const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPFAKEPUBLICKEYFAKEPUBLICKEYFAKEPUBLIC k8sapp@ci';
const DEPLOY_TOKEN = 'ghp_DEPLOYtoken0123456789abcdefghijklmnop';
const KUBECONFIG = 'apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    client-key-data: S1VCRUNPTkZJR1NFQ1JFVEtFWURBVEEwMTIzNDU2Nzg5\n';

const CONFIG = `auto_deploy: true
config_format_version: 1
cluster_name: hetzner-dev-cluster
kubeconfig_path: ./kubeconfig
k3s_version: v1.32.4+k3s1
networking:
  ssh:
    public_key_path: ~/.ssh/id_ed25519.pub
    private_key_path: ~/.ssh/id_ed25519
masters_pool:
  instance_type: cpx21
  instance_count: 1
  locations: [fsn1]
worker_node_pools:
  - name: small-static
    instance_type: cpx31
    instance_count: 2
    location: fsn1
  - name: burst
    instance_type: cpx31
    location: fsn1
    autoscaling: { enabled: true, min_instances: 0, max_instances: 3 }
addons:
  embedded_registry_mirror:
    enabled: true
`;

const list = (items: unknown[]) => listOf(items as KubernetesObject[]);
const NODES = call('list', { kind: 'Node' });
const PODS = call('list', { kind: 'Pod', namespace: 'kube-system' });
const CLASSES = call('list', { kind: 'StorageClass' });
const READY_KUBE = () =>
  new FakeKube()
    .on(NODES, list([node('m1', true, { role: 'master' }), node('w1', true), node('w2', true)]))
    .on(PODS, list([pod('hcloud-csi-controller-0', 'running'), pod('hcloud-csi-node-a', 'running')]))
    .on(CLASSES, list([storageClass('hcloud-volumes', true)]));

let api: Awaited<ReturnType<typeof startFakeGitHubApi>>;
let work: string;
let pathDir: string;

beforeEach(async () => {
  api = await startFakeGitHubApi();
  work = await mkdtemp(join(tmpdir(), 'k8sapp-run-'));
  pathDir = await mkdtemp(join(tmpdir(), 'k8sapp-run-path-'));
  await installNoopBinary(pathDir, 'kubectl');
  await installNoopBinary(pathDir, 'helm');
  process.env.RUNNER_TEMP = await mkdtemp(join(tmpdir(), 'k8sapp-run-temp-'));
  process.env.RUNNER_TOOL_CACHE = await mkdtemp(join(tmpdir(), 'k8sapp-run-cache-'));
});
afterEach(() => api.close());

async function setup(script: Parameters<typeof installFakeHetznerK3s>[0], config = CONFIG, overrides: Partial<ClusterRunRequest> = {}) {
  const fake = await installFakeHetznerK3s(script);
  await seedToolCache(process.env.RUNNER_TOOL_CACHE!, fake.binary, '9.9.9');
  const configFile = join(work, 'cluster-config.yaml');
  await writeFile(configFile, config);
  const kube = READY_KUBE();
  /** The kubeconfig files the API client was made from; and any other process run (there must be none). */
  const connected: string[] = [];
  const processes: string[] = [];
  const registered: string[] = [];
  const exec: Executor = (command, args, options) => {
    if (command.endsWith('hetzner-k3s')) return executeStreaming(command, args, options);
    processes.push([command, ...args].join(' '));
    return Promise.resolve({ exitCode: 1, stdout: '', stderr: `unexpected process ${command}` });
  };
  const octokit = getOctokit(DEPLOY_TOKEN, { baseUrl: api.url });
  const logger = new RecordingLogger();
  let now = 0;
  const deps: ClusterRunDeps = {
    exec,
    toolCache,
    github: (route, parameters) => octokit.request(route, parameters) as Promise<{ status: number; data: unknown }>,
    clock: { now: () => new Date(now), sleep: async (ms) => void (now += ms) },
    logger,
    registerSecret: (value) => registered.push(value),
    tempRoot: process.env.RUNNER_TEMP,
    path: pathDir,
    connect: (path) => (connected.push(path), kube),
  };
  const request: ClusterRunRequest = {
    environment: 'dev',
    configFile,
    event: 'push',
    hcloudToken: TOKEN,
    sshPrivateKey: PRIVATE_KEY,
    sshPublicKey: PUBLIC_KEY,
    deployToken: DEPLOY_TOKEN,
    deployWorkflow: 'deploy.yml',
    ref: 'dev',
    repository: { owner: 'acme', repo: 'infra' },
    skipCurrentIpValidation: false,
    readinessTimeoutSeconds: 60,
    install: { version: '9.9.9', sha256: fake.sha256 },
    ...overrides,
  };
  return { fake, kube, connected, processes, deps, request, registered, logger };
}

const gone = (path: string) =>
  access(path).then(
    () => false,
    () => true,
  );

describe('runCluster', () => {
  it('creates the cluster with the token only in HCLOUD_TOKEN and 0600 files that are gone afterwards, then hands over', async () => {
    const { fake, kube, connected, processes, deps, request, registered, logger } = await setup({
      lines: ['[Instance hetzner-dev-cluster-master1] ...instance created', '[Control plane] Waiting for the control plane to be ready...'],
      kubeconfig: KUBECONFIG,
    });
    const report = await runCluster(request, deps);
    expect(report.status).toBe('succeeded');
    const [call, ...more] = await fake.calls();
    expect(more).toEqual([]);
    expect(call!.args).toEqual(['create', '--config', call!.configFile]);
    expect(call!.args.join(' ')).not.toContain(TOKEN);
    expect(call!.env.HCLOUD_TOKEN).toBe(TOKEN);
    expect(call!.configMode).toBe('600');
    expect(call!.configFile!.startsWith(process.env.RUNNER_TEMP!)).toBe(true);
    const ssh = call!.config!.networking.ssh;
    expect(call!.keyModes).toEqual({ [ssh.private_key_path]: '600', [ssh.public_key_path]: '600' });
    expect(call!.config!.auto_deploy).toBeUndefined();
    expect(call!.config!.kubeconfig_path.startsWith(process.env.RUNNER_TEMP!)).toBe(true);
    for (const file of [call!.configFile!, ssh.private_key_path, ssh.public_key_path, call!.config!.kubeconfig_path]) expect(await gone(file)).toBe(true);
    // Readiness read the cluster through the API client made from the kubeconfig hetzner-k3s wrote: three LISTs, no
    // kubectl process of ours.
    expect(connected).toEqual([call!.config!.kubeconfig_path]);
    expect(kube.calls.map((c) => `${c.verb} ${c.kind}`)).toEqual(['list Node', 'list Pod', 'list StorageClass']);
    expect(processes).toEqual([]);
    expect(registered).toEqual([KUBECONFIG]);
    expect(api.secrets).toEqual({ 'dev/KUBECONFIG': KUBECONFIG });
    expect(api.dispatches).toEqual([{ workflow: 'deploy.yml', body: { ref: 'dev', inputs: { environment: 'dev' }, return_run_details: true } }]);
    expect(report.dispatched?.runId).toBe(4242);
    expect(report.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
      'preflight:done',
      'tools:done',
      'install:done',
      'create:done',
      'readiness:done',
      'kubeconfig-secret:done',
      'dispatch:done',
    ]);
    expect(logger.lines).toContain('[Control plane] Waiting for the control plane to be ready...');
    expect(logger.lines).toContain('== hetzner-k3s create (hetzner-dev-cluster)');
  });

  it('passes --skip-current-ip-validation only when asked', async () => {
    const { fake, deps, request } = await setup({ kubeconfig: KUBECONFIG }, CONFIG, { skipCurrentIpValidation: true, deployToken: undefined });
    const report = await runCluster(request, deps);
    expect((await fake.calls())[0]!.args.slice(3)).toEqual(['--skip-current-ip-validation']);
    expect(report.steps.filter((s) => s.status === 'skipped').map((s) => `${s.step}: ${s.reason}`)).toEqual([
      'kubeconfig-secret: no deploy-token given',
      'dispatch: no deploy-token given',
    ]);
    expect(api.requests).toEqual([]);
  });

  it('a failing create surfaces its last lines (secrets redacted), stores nothing and still removes the files', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `[Instance] step ${i}`).concat([`Error: token ${TOKEN} is invalid`]);
    const { fake, deps, request } = await setup({ lines, exit: 1 });
    const report = await runCluster(request, deps);
    expect(report.status).toBe('failed');
    expect(report.failureTail).toHaveLength(30);
    expect(report.failureTail.at(-1)).toBe('Error: token *** is invalid');
    expect(report.failureTail[0]).toBe('[Instance] step 11');
    expect(report.steps.find((s) => s.step === 'create')).toMatchObject({ status: 'failed', detail: 'hetzner-k3s exited with 1' });
    expect(api.requests).toEqual([]);
    const call = (await fake.calls())[0]!;
    expect(await gone(call.configFile!)).toBe(true);
  });

  it('a push with auto_deploy false changes nothing', async () => {
    const { fake, kube, connected, deps, request } = await setup({ kubeconfig: KUBECONFIG }, CONFIG.replace('auto_deploy: true', 'auto_deploy: false'));
    const report = await runCluster(request, deps);
    expect(report).toMatchObject({ decision: 'skipped', status: 'skipped' });
    expect(await fake.calls()).toEqual([]);
    expect(connected).toEqual([]);
    expect(kube.calls).toEqual([]);
    // A manual run of the same config does create it.
    const manual = await runCluster({ ...request, event: 'workflow_dispatch' }, deps);
    expect(manual.status).toBe('succeeded');
  });

  it('a config error stops before anything runs, with located findings', async () => {
    const { fake, deps, request } = await setup({ kubeconfig: KUBECONFIG }, CONFIG.replace('cluster_name:', 'hetzner_token: abc\ncluster_name:'));
    const error = await runCluster(request, deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).findings.find((f) => f.code === 'HETZNER_TOKEN_IN_FILE')?.location?.line).toBe(3);
    expect(await fake.calls()).toEqual([]);
  });

  it('an unready cluster fails with a diagnosis and does not store the kubeconfig', async () => {
    const { deps, request } = await setup({ kubeconfig: KUBECONFIG });
    const slow = new FakeKube()
      .on(NODES, list([node('m1', true)]))
      .on(PODS, list([]))
      .on(CLASSES, list([]));
    deps.connect = () => slow;
    const report = await runCluster({ ...request, readinessTimeoutSeconds: 30 }, deps);
    expect(report.status).toBe('failed');
    expect(report.readiness?.diagnosis).toContain('1/3 nodes Ready');
    expect(api.requests).toEqual([]);
  });
});

describe('pure helpers', () => {
  it('counts static nodes only', () => {
    expect(
      expectedNodeCount({
        cluster_name: 'x',
        kubeconfig_path: 'k',
        k3s_version: 'v',
        masters_pool: { instance_type: 'a', instance_count: 3 },
        worker_node_pools: [{ instance_count: 2 }, {}, { autoscaling: { enabled: true } }],
      }),
    ).toBe(6);
  });

  it('plans: manual runs always act, pushes only with auto_deploy; hand-over needs the token and workflow', () => {
    const config = { cluster_name: 'x', kubeconfig_path: 'k', k3s_version: 'v', masters_pool: { instance_type: 'a' } };
    expect(planClusterRun({ config, event: 'push', hasDeployToken: true, deployWorkflow: 'd.yml' }).decision).toBe('skipped');
    const manual = planClusterRun({ config, event: 'workflow_dispatch', hasDeployToken: true });
    expect(manual.decision).toBe('run');
    expect(manual.steps.find((s) => s.step === 'dispatch')).toMatchObject({ run: false, reason: 'no deploy-workflow given' });
  });

  it('redacts secrets and each long line of multi-line ones', () => {
    expect(redact(`key line b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW and ${TOKEN}`, [TOKEN, PRIVATE_KEY])).toBe(
      'key line *** and ***',
    );
  });
});

describe('HetznerK3s wrapper', () => {
  it('builds exact arguments and never puts the token on the command line', async () => {
    const calls: { command: string; args: readonly string[]; env?: Record<string, string> }[] = [];
    const exec: Executor = async (command, args, options) => (calls.push({ command, args, env: options?.env }), { exitCode: 0, stdout: '', stderr: '' });
    const cli = new HetznerK3s(exec);
    await cli.create('/tmp/c.yaml', { token: 't0k' });
    await cli.create('/tmp/c.yaml', { token: 't0k', skipCurrentIpValidation: true });
    await cli.version();
    expect(calls).toEqual([
      { command: 'hetzner-k3s', args: ['create', '--config', '/tmp/c.yaml'], env: { HCLOUD_TOKEN: 't0k' } },
      { command: 'hetzner-k3s', args: ['create', '--config', '/tmp/c.yaml', '--skip-current-ip-validation'], env: { HCLOUD_TOKEN: 't0k' } },
      { command: 'hetzner-k3s', args: ['--version'], env: undefined },
    ]);
    expect('delete' in cli).toBe(false);
  });

  it('runs the fake hetzner-k3s found on PATH through the shared executor', async () => {
    const fake = await installFakeHetznerK3s({ lines: ['hello'], exit: 3 });
    const path = process.env.PATH;
    process.env.PATH = `${fake.dir}:${path}`;
    try {
      const configFile = join(work, 'c.yaml');
      await writeFile(configFile, 'cluster_name: x\n');
      const result = await new HetznerK3s(execute).create(configFile, { token: 'abc' });
      expect(result).toMatchObject({ exitCode: 3, stdout: 'hello\n' });
      expect(await fake.calls()).toMatchObject([{ args: ['create', '--config', configFile], env: { HCLOUD_TOKEN: 'abc' } }]);
      expect(await readFile(configFile, 'utf8')).toBe('cluster_name: x\n');
    } finally {
      process.env.PATH = path;
    }
  });
});
