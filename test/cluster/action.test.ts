import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INPUTS, OUTPUTS } from '../../src/actions/cluster-action.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { serveKube } from '../helpers/fake-api-server.js';
import { call, FakeKube, listOf } from '../helpers/fake-kube.js';
import { installFakeKubectlBinary } from '../helpers/fake-kubectl.js';
import { REPO_ROOT, runBundledAction } from '../helpers/run-action.js';
import { installFakeHetznerK3s, installNoopBinary, node, pod, readTree, seedToolCache, startFakeGitHubApi, storageClass } from './helpers.js';

const TOKEN = 'hcloudBUNDLEDtoken0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH';
const PRIVATE_KEY =
  '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwBUNDLED01\nQyNTUxOQAAACDxBUNDLEDKEYBUNDLEDKEYBUNDLEDKEYBUNDLEDKEYBUNDLEDAAAAJg=\n-----END OPENSSH PRIVATE KEY-----';
const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBUNDLEDPUBLICKEYBUNDLEDPUBLICKEYBUNDLED k8sapp@ci';
const DEPLOY_TOKEN = 'ghp_BUNDLEDdeploy0123456789abcdefghijklmnop';
/** The cluster's API, over HTTP, behind recorded answers: three nodes Ready, the CSI pods running, the default class. */
const asList = (items: unknown[]) => listOf(items as KubernetesObject[]);
const kube = new FakeKube()
  .on(
    call('list', { kind: 'Node' }),
    asList([
      node('hetzner-dev-cluster-master1', true, { role: 'master' }),
      node('hetzner-dev-cluster-pool-small-static-worker1', true),
      node('hetzner-dev-cluster-pool-small-static-worker2', true),
    ]),
  )
  .on(call('list', { kind: 'Pod', namespace: 'kube-system' }), asList([pod('hcloud-csi-controller-7d9f8', 'running'), pod('hcloud-csi-node-abcde', 'running')]))
  .on(call('list', { kind: 'StorageClass' }), asList([storageClass('hetzner-volumes-unused', false), storageClass('hcloud-volumes', true)]));
const clusterApi = await serveKube(kube);
afterAll(() => clusterApi.close());
/** What hetzner-k3s writes: a kubeconfig for the new cluster (here: the fake API above) with its credentials. */
const KUBECONFIG = clusterApi.kubeconfig.replace('fake-api-token-0123456789', 'BUNDLEDkubeconfigTOKEN0123456789abcdef');

const CONFIG = readFileSync(join(REPO_ROOT, 'examples/infra/k8s/hetzner/dev/cluster/cluster-config.yaml'), 'utf8');

let api: Awaited<ReturnType<typeof startFakeGitHubApi>>;
beforeEach(async () => {
  api = await startFakeGitHubApi();
});
afterEach(() => api.close());

async function scenario(
  options: { script?: Parameters<typeof installFakeHetznerK3s>[0]; config?: string; inputs?: Record<string, string>; event?: string } = {},
) {
  const fake = await installFakeHetznerK3s(
    options.script ?? { lines: ['[Configuration] Validating configuration...', '[Configuration] ...configuration seems valid.'], kubeconfig: KUBECONFIG },
  );
  const toolCacheRoot = await mkdtemp(join(tmpdir(), 'k8sapp-bundled-toolcache-'));
  await seedToolCache(toolCacheRoot, fake.binary, '9.9.9');
  // kubectl (and helm) must be on PATH for hetzner-k3s; k8sapp's own cluster reads go through the API client.
  const kubectl = await installFakeKubectlBinary([]);
  kube.calls.length = 0;
  await installNoopBinary(kubectl.dir, 'helm');
  const cwd = await mkdtemp(join(tmpdir(), 'k8sapp-bundled-repo-'));
  await mkdir(join(cwd, 'infra/k8s/hetzner/dev/cluster'), { recursive: true });
  await writeFile(join(cwd, 'infra/k8s/hetzner/dev/cluster/cluster-config.yaml'), options.config ?? CONFIG);
  const run = await runBundledAction(
    'cluster',
    {
      environment: 'dev',
      'hcloud-token': TOKEN,
      'ssh-private-key': PRIVATE_KEY,
      'ssh-public-key': PUBLIC_KEY,
      'deploy-token': DEPLOY_TOKEN,
      'deploy-workflow': 'deploy.yml',
      'readiness-timeout': '30',
      'hetzner-k3s-version': '9.9.9',
      'hetzner-k3s-sha256': fake.sha256,
      ...options.inputs,
    },
    {
      cwd,
      env: {
        PATH: `${kubectl.dir}:${process.env.PATH}`,
        RUNNER_TOOL_CACHE: toolCacheRoot,
        GITHUB_API_URL: api.url,
        GITHUB_REPOSITORY: 'acme/infra',
        GITHUB_EVENT_NAME: options.event ?? 'push',
        GITHUB_REF_NAME: 'dev',
      },
    },
  );
  return { run, fake, kubectl, cwd };
}

const SECRETS = [TOKEN, PRIVATE_KEY, PUBLIC_KEY, DEPLOY_TOKEN, KUBECONFIG];
const secretFragments = SECRETS.flatMap((secret) => [
  secret,
  ...secret
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length >= 16 && !l.startsWith('-----') && !/^(apiVersion|kind|clusters|users|- name|name|user|server|- cluster)/.test(l)),
]);

/** Everything a user or another step can see: logs (minus the ::add-mask:: commands the runner consumes), summary, outputs, annotations, files left in RUNNER_TEMP. */
async function visible(run: Awaited<ReturnType<typeof runBundledAction>>): Promise<{ where: string; text: string }[]> {
  const logs = `${run.stdout}\n${run.stderr}`
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  return [
    { where: 'logs', text: logs },
    { where: 'summary', text: run.summary },
    { where: 'outputs', text: JSON.stringify(run.outputs) },
    { where: 'annotations', text: JSON.stringify(run.annotations) },
    ...(await readTree(run.tempDir)).map((file) => ({ where: file.path, text: file.text })),
  ];
}

describe('bundled cluster action', () => {
  it('creates the cluster, waits for it, stores KUBECONFIG and dispatches the deployment', async () => {
    const { run, fake, kubectl } = await scenario();
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({
      'cluster-name': 'hetzner-dev-cluster',
      decision: 'run',
      status: 'succeeded',
      ready: 'true',
      'kubeconfig-secret': 'KUBECONFIG',
      dispatched: 'true',
      'dispatched-run-id': '4242',
      'dispatched-run-url': 'https://github.com/acme/infra/actions/runs/4242',
    });
    const [call] = await fake.calls();
    expect(call!.args).toEqual(['create', '--config', call!.configFile]);
    expect(call!.env.HCLOUD_TOKEN).toBe(TOKEN);
    expect(call!.configMode).toBe('600');
    expect(Object.values(call!.keyModes)).toEqual(['600', '600']);
    expect(call!.configFile!.startsWith(run.tempDir)).toBe(true);
    // Readiness: one LIST each through the client made from the kubeconfig hetzner-k3s wrote; no kubectl process.
    expect(kube.calls.map((c) => [c.verb, c.kind, c.namespace].filter(Boolean).join(' '))).toEqual(['list Node', 'list Pod kube-system', 'list StorageClass']);
    expect(kubectl.calls()).toEqual([]);
    expect(api.secrets).toEqual({ 'dev/KUBECONFIG': KUBECONFIG });
    expect(api.requests.every((r) => r.authorization === `token ${DEPLOY_TOKEN}`)).toBe(true);
    expect(api.dispatches).toEqual([{ workflow: 'deploy.yml', body: { ref: 'dev', inputs: { environment: 'dev' }, return_run_details: true } }]);
    // Log groups per phase, hetzner-k3s output streamed, summary table.
    expect(run.stdout).toContain('::group::hetzner-k3s create (hetzner-dev-cluster)');
    expect(run.stdout).toContain('[Configuration] ...configuration seems valid.');
    expect(run.stdout).toMatch(/\[\d+s\] 3\/3 nodes Ready, CSI pods 2\/2 running, StorageClass hcloud-volumes present \(default\)/);
    expect(run.summary).toMatch(/\| dispatch \| ✅ done \|/);
    expect(run.summary).toContain('https://github.com/acme/infra/actions/runs/4242');
    // Keys, config and kubeconfig are gone.
    expect((await readdir(run.tempDir)).filter((name) => name.startsWith('k8sapp-cluster-'))).toEqual([]);
  });

  it('never shows a secret in logs, summary, outputs, annotations or files left behind (success and failure)', async () => {
    const ok = await scenario();
    const failed = await scenario({
      script: { lines: ['[Instance] creating...', `Hetzner API error: invalid token ${TOKEN}`, `ssh key line ${PRIVATE_KEY.split('\n')[1]}`], exit: 1 },
    });
    for (const run of [ok.run, failed.run]) {
      expect(run.stdout).toContain(`::add-mask::${TOKEN}`);
      for (const { where, text } of await visible(run)) {
        for (const fragment of secretFragments) expect(text.includes(fragment), `${fragment.slice(0, 12)}… visible in ${where}`).toBe(false);
      }
    }
  });

  it('a failing create fails the step with its last lines in the summary and stores nothing', async () => {
    const lines = Array.from({ length: 35 }, (_, i) => `[Instance hetzner-dev-cluster-master1] waiting for cloud-init (${i})`).concat([
      '[Control plane] Error: timeout waiting for the control plane',
    ]);
    const { run } = await scenario({ script: { lines, exit: 1 } });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'failed', ready: 'false', 'kubeconfig-secret': '', dispatched: 'false' });
    expect(run.summary).toContain('hetzner-k3s create failed');
    expect(run.summary).toContain('[Control plane] Error: timeout waiting for the control plane');
    expect(run.summary).not.toContain('cloud-init (4)');
    expect(run.stdout).toContain('::error::cluster hetzner-dev-cluster: create failed: hetzner-k3s exited with 1');
    expect(api.requests).toEqual([]);
    expect((await readdir(run.tempDir)).filter((name) => name.startsWith('k8sapp-cluster-'))).toEqual([]);
  });

  it('a push with auto_deploy false in the config does nothing', async () => {
    const { run, fake } = await scenario({ config: CONFIG.replace('auto_deploy: true', 'auto_deploy: false') });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'skipped', status: 'skipped', dispatched: 'false' });
    expect(await fake.calls()).toEqual([]);
    expect(run.summary).toContain('auto_deploy is false');
  });

  it('an unsafe config is annotated on its line and nothing is created', async () => {
    const config = CONFIG.replace(/        protocol: udp\n/, '        protocol: icmp\n');
    const { run, fake } = await scenario({ config, event: 'workflow_dispatch' });
    expect(run.exitCode).toBe(1);
    const trap = run.annotations.find((a) => a.properties.title === 'k8sapp: OUTBOUND_FIREWALL_TRAP')!;
    const line = config.split('\n').findIndex((l) => l.includes('Allow all outbound TCP')) + 1;
    expect(trap).toMatchObject({ level: 'error', properties: { file: 'infra/k8s/hetzner/dev/cluster/cluster-config.yaml', line: String(line) } });
    expect(await fake.calls()).toEqual([]);
    expect(api.requests).toEqual([]);
  });
});

describe('actions/cluster/action.yml', () => {
  const declared = parse(readFileSync(join(REPO_ROOT, 'actions/cluster/action.yml'), 'utf8')) as {
    inputs: object;
    outputs: object;
    runs: { using: string; main: string };
  };
  it('declares exactly the inputs and outputs the edge uses', () => {
    expect([...INPUTS].sort()).toEqual(Object.keys(declared.inputs).sort());
    expect([...OUTPUTS].sort()).toEqual(Object.keys(declared.outputs).sort());
    const edge = readFileSync(join(REPO_ROOT, 'src/actions/cluster-action.ts'), 'utf8');
    for (const [, name] of edge.matchAll(/setOutput\('([^']+)'/g)) expect(OUTPUTS).toContain(name);
  });
  it('runs the node24 bundle', () => {
    expect(declared.runs).toEqual({ using: 'node24', main: '../../dist/cluster/index.js' });
  });
});
