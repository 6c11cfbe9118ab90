/**
 * The live benchmark (issue "Talk to the API server directly"): against the cluster in K8SAPP_E2E_KUBECONFIG (the
 * lab, kube-apiserver 1.28 with its simulated kubelet), side by side in one run:
 *
 * - 60 Deployments (2 replicas each) + 60 ConfigMaps, first deploy and no-op redeploy: the seed's bash
 *   (`kubectl apply --server-side`, then `kubectl rollout status` per workload) against `k8sapp deploy`.
 *   Targets: first ≤ 5 s and ≥ 6× faster than the seed; no-op ≤ 2 s and ≥ 8× faster.
 * - 300 ConfigMaps with `k8sapp apply`: ≤ 3 s.
 * - A Deployment with an image tag that does not exist: `k8sapp deploy`'s verdict ≤ 5 s after the kubelet reports
 *   the pull error (the moment a pod first shows ErrImagePull, observed here by polling the API every 100 ms).
 *
 * Without K8SAPP_E2E_KUBECONFIG it says so and measures nothing.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { mapLimit } from '../src/k8s/concurrency.js';
import { node24 } from './build.js';
import { connectKube } from '../src/k8s/connect.js';
import type { KubernetesObject } from '../src/manifests/resource.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'k8sapp.js');
const KUBECONFIG = process.env.K8SAPP_E2E_KUBECONFIG ?? '';
const IMAGE = 'busybox:1.36';
const BROKEN = 'busybox:1.36-broken';

interface Timed {
  seconds: number;
  exitCode: number;
  output: string;
}

function run(command: string, args: string[], stdin?: string): Promise<Timed> {
  const started = performance.now();
  const child = spawn(command, args, { env: { ...process.env, KUBECONFIG, NO_COLOR: '1' } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end(stdin ?? '');
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ seconds: (performance.now() - started) / 1000, exitCode: code ?? 1, output }));
  });
}

function deployment(name: string, image = IMAGE, replicas = 2): KubernetesObject {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'main', image, command: ['sh', '-c', 'sleep 3600'] }] },
      },
    },
  };
}

function configMap(name: string, app: string): KubernetesObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { app } }, data: { value: name } };
}

/** deploy-control.yaml with one environment and one overlay (namespace set by Kustomize), every service enabled. */
async function infra(environment: string, namespace: string, objects: KubernetesObject[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), `k8sapp-bench-${environment}-`));
  const services = [...new Set(objects.map((o) => o.metadata.labels?.app).filter((app): app is string => Boolean(app)))];
  const control = {
    version: '3.0.0',
    global: { auto_deploy: true },
    environments: {
      [environment]: {
        enabled: true,
        auto_deploy: true,
        require_manual_approval: false,
        branch: environment,
        overlay: `k8s/${environment}`,
        rollout_timeout: 300,
        immutable_recovery: 'recreate',
        rollback: 'undo',
        deployment_windows: { enabled: false },
        services: Object.fromEntries(services.map((s) => [s, { enabled: true, auto_deploy: true, require_approval: false, rollback_on_failure: false }])),
      },
    },
  };
  const overlay = join(root, 'k8s', environment);
  await mkdir(overlay, { recursive: true });
  await writeFile(join(root, 'deploy-control.yaml'), stringify(control));
  const all = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }, ...objects];
  await writeFile(join(overlay, 'resources.yaml'), all.map((o) => stringify(o)).join('---\n'));
  await writeFile(join(overlay, 'kustomization.yaml'), stringify({ namespace, resources: ['resources.yaml'] }));
  return root;
}

function workloadSet(prefix: string): KubernetesObject[] {
  const objects: KubernetesObject[] = [];
  for (let i = 0; i < 60; i++) {
    objects.push(configMap(`${prefix}-config-${i}`, `${prefix}-${i}`), deployment(`${prefix}-${i}`));
  }
  return objects;
}

/** The seed's way: one server-side apply of the whole build, then `kubectl rollout status` for each workload in turn. */
async function seedDeploy(root: string, environment: string, namespace: string, names: string[]): Promise<Timed> {
  const started = performance.now();
  const built = await run('kubectl', ['kustomize', join(root, 'k8s', environment)]);
  const applied = await run('kubectl', ['apply', '--server-side', '--field-manager=seed', '-f', '-'], built.output);
  if (applied.exitCode !== 0) throw new Error(`seed apply failed: ${applied.output}`);
  for (const name of names) {
    const status = await run('kubectl', ['rollout', 'status', `deployment/${name}`, '-n', namespace, '--timeout=300s']);
    if (status.exitCode !== 0) throw new Error(`seed rollout status ${name} failed: ${status.output}`);
  }
  return { seconds: (performance.now() - started) / 1000, exitCode: 0, output: '' };
}

async function k8sapp(command: string, root: string, environment: string): Promise<Timed> {
  // Node 24, k8sapp's minimum and the actions' runtime (its compile cache makes every run after the first start faster).
  const result = await run(node24(), [BIN, command, '--env', environment, '--kubeconfig', KUBECONFIG, '--root', root]);
  return result;
}

const fmt = (s: number) => `${s.toFixed(2)} s`;
const rows: [string, string, string, boolean][] = [];

function target(what: string, figure: string, wanted: string, met: boolean): void {
  rows.push([what, figure, wanted, met]);
  console.log(`  ${met ? 'MET    ' : 'NOT MET'}  ${what}: ${figure} (target ${wanted})`);
}

async function deleteNamespaces(names: string[]): Promise<void> {
  await Promise.all(names.map((ns) => run('kubectl', ['delete', 'namespace', ns, '--wait=false', '--ignore-not-found'])));
}

export async function benchLive(): Promise<void> {
  console.log('\n# Live deploys against K8SAPP_E2E_KUBECONFIG');
  if (!KUBECONFIG) {
    console.log('  not run: set K8SAPP_E2E_KUBECONFIG to a disposable cluster (the lab: $HOME/.cache/k8s-lab/kubeconfig).');
    return;
  }
  const stamp = Date.now().toString(36);
  const seedNs = `bench-seed-${stamp}`;
  const appNs = `bench-app-${stamp}`;
  const bulkNs = `bench-bulk-${stamp}`;
  const brokenNs = `bench-broken-${stamp}`;
  const limitNs = `bench-limit-${stamp}`;
  try {
    const seedObjects = workloadSet('s');
    const seedRoot = await infra('seed', seedNs, seedObjects);
    const seedNames = seedObjects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name);
    const seedFirst = await seedDeploy(seedRoot, 'seed', seedNs, seedNames);
    const seedNoop = await seedDeploy(seedRoot, 'seed', seedNs, seedNames);
    console.log(`  seed bash (kubectl apply --server-side + rollout status ×60): first ${fmt(seedFirst.seconds)}, no-op ${fmt(seedNoop.seconds)}`);

    const appRoot = await infra('app', appNs, workloadSet('a'));
    const first = await k8sapp('deploy', appRoot, 'app');
    if (first.exitCode !== 0) throw new Error(`k8sapp deploy (first) exited ${first.exitCode}:\n${first.output}`);
    const noop = await k8sapp('deploy', appRoot, 'app');
    if (noop.exitCode !== 0) throw new Error(`k8sapp deploy (no-op) exited ${noop.exitCode}:\n${noop.output}`);
    console.log(`  k8sapp deploy: first ${fmt(first.seconds)}, no-op ${fmt(noop.seconds)}`);
    const limit = await controllersLimit(limitNs, workloadSet('l'));
    console.log(
      `  the control plane's own time for the same set (120 objects applied straight to the API, 16 in flight: ${fmt(limit.apply)}; ` +
        `then every Deployment available: ${fmt(limit.available)}) — what any tool has to wait for; k8sapp's own share of its first deploy: ${fmt(first.seconds - limit.available)}`,
    );
    target('60 Deployments + 60 ConfigMaps, first deploy', fmt(first.seconds), '≤ 5 s', first.seconds <= 5);
    target('first deploy vs the seed', `${(seedFirst.seconds / first.seconds).toFixed(1)}×`, '≥ 6×', seedFirst.seconds / first.seconds >= 6);
    target('no-op redeploy', fmt(noop.seconds), '≤ 2 s', noop.seconds <= 2);
    target('no-op vs the seed', `${(seedNoop.seconds / noop.seconds).toFixed(1)}×`, '≥ 8×', seedNoop.seconds / noop.seconds >= 8);

    const bulk = Array.from({ length: 299 }, (_, i) => configMap(`bulk-${i}`, 'bulk'));
    const bulkRoot = await infra('bulk', bulkNs, bulk);
    const bulkApply = await k8sapp('apply', bulkRoot, 'bulk');
    if (bulkApply.exitCode !== 0) throw new Error(`k8sapp apply (300 objects) exited ${bulkApply.exitCode}:\n${bulkApply.output}`);
    target('300 objects (a Namespace + 299 ConfigMaps), k8sapp apply', fmt(bulkApply.seconds), '≤ 3 s', bulkApply.seconds <= 3);

    await brokenImage(brokenNs);
  } finally {
    await deleteNamespaces([seedNs, appNs, bulkNs, brokenNs, limitNs]);
  }
  console.log(`  live: ${rows.filter((r) => r[3]).length} of ${rows.length} targets met`);
}

/** Deploys a healthy Deployment, then the same with a tag that does not exist; times the verdict after the signal. */
async function brokenImage(namespace: string): Promise<void> {
  const root = await infra('broken', namespace, [deployment('web', IMAGE, 1)]);
  const healthy = await k8sapp('deploy', root, 'broken');
  if (healthy.exitCode !== 0) throw new Error(`k8sapp deploy (healthy) exited ${healthy.exitCode}:\n${healthy.output}`);
  const brokenRoot = await infra('broken', namespace, [deployment('web', BROKEN, 1)]);
  const kube = connectKube({ kubeconfig: KUBECONFIG });
  let signalAt: number | undefined;
  let stop = false;
  const watcher = (async () => {
    while (!stop && signalAt === undefined) {
      const pods = await kube.list({ apiVersion: 'v1', kind: 'Pod', namespace }, { labelSelector: 'app=web' });
      const pulling = pods.items.some((pod) =>
        ((pod.status as { containerStatuses?: { state?: { waiting?: { reason?: string } } }[] } | undefined)?.containerStatuses ?? []).some((c) =>
          ['ErrImagePull', 'ImagePullBackOff'].includes(c.state?.waiting?.reason ?? ''),
        ),
      );
      if (pulling) signalAt = performance.now();
      else await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const started = performance.now();
  const verdict = await k8sapp('deploy', brokenRoot, 'broken');
  const endedAt = performance.now();
  stop = true;
  await watcher;
  kube.close();
  if (verdict.exitCode === 0) throw new Error(`k8sapp deploy of a broken image succeeded:\n${verdict.output}`);
  if (signalAt === undefined) throw new Error('no pod ever reported a pull error');
  const latency = (endedAt - signalAt) / 1000;
  console.log(`  broken image: deploy ${fmt((endedAt - started) / 1000)} in all, pull error seen ${fmt((signalAt - started) / 1000)} after start`);
  target('broken image (tag not found): verdict after the kubelet reports it', fmt(latency), '≤ 5 s', latency <= 5);
}

/**
 * The physical limit of a first deploy on this cluster: the same objects applied straight to the API (no tool at
 * all), then the time until the controllers and the kubelet have every Deployment available, polled every 100 ms.
 * A first deploy cannot beat it; what k8sapp adds on top is its own cost.
 */
async function controllersLimit(namespace: string, objects: KubernetesObject[]): Promise<{ apply: number; available: number }> {
  const kube = connectKube({ kubeconfig: KUBECONFIG });
  try {
    await kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    const placed = objects.map((o) => ({ ...o, metadata: { ...o.metadata, namespace } }));
    const started = performance.now();
    await mapLimit(placed, 16, (o) => kube.apply(o));
    const applied = performance.now();
    const wanted = placed.filter((o) => o.kind === 'Deployment').length;
    for (;;) {
      const { items } = await kube.list({ apiVersion: 'apps/v1', kind: 'Deployment', namespace });
      const available = items.filter((d) => {
        const status = d.status as { observedGeneration?: number; availableReplicas?: number; updatedReplicas?: number } | undefined;
        const replicas = (d.spec as { replicas?: number }).replicas ?? 1;
        return status?.observedGeneration === d.metadata.generation && status?.availableReplicas === replicas && status?.updatedReplicas === replicas;
      }).length;
      if (available === wanted) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return { apply: (applied - started) / 1000, available: (performance.now() - started) / 1000 };
  } finally {
    kube.close();
  }
}
