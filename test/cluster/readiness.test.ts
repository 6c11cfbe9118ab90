import { describe, expect, it } from 'vitest';
import { waitForClusterReady, type ReadinessRequest } from '../../src/cluster/readiness.js';
import { RecordingLogger, type Clock } from '../../src/log.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { apiError, call, FakeKube, listOf, recordedItems, unreachable } from '../helpers/fake-kube.js';
import { node, pod, storageClass } from './helpers.js';

/** A clock whose sleep advances time instantly, so a 15-minute wait takes no real time. */
function fakeClock(): Clock & { slept: number[] } {
  let now = Date.parse('2026-11-22T02:00:00Z');
  const slept: number[] = [];
  return { slept, now: () => new Date(now), sleep: async (ms) => void (slept.push(ms), (now += ms)) };
}

const REQUEST: ReadinessRequest = {
  expectedNodes: 3,
  csiDriver: true,
  storageClass: 'hcloud-volumes',
  storageClassDefault: true,
  timeoutSeconds: 60,
  intervalSeconds: 10,
};
const list = (items: unknown[]) => listOf(items as KubernetesObject[]);
const NODES = call('list', { apiVersion: 'v1', kind: 'Node' });
const PODS = call('list', { apiVersion: 'v1', kind: 'Pod', namespace: 'kube-system' });
const CLASSES = call('list', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' });
/** Each call as `list Kind [namespace]`. */
const lists = (fake: FakeKube) => fake.calls.map((c) => [c.verb, c.apiVersion, c.kind, c.namespace].filter(Boolean).join(' '));

const NODES_READY = list([
  node('hetzner-dev-cluster-master1', true, { role: 'master' }),
  node('hetzner-dev-cluster-pool-small-static-worker1', true),
  node('hetzner-dev-cluster-pool-small-static-worker2', true),
]);
const CSI_RUNNING = list([
  pod('coredns-697968c856-5xk2p', 'running', { 'k8s-app': 'kube-dns' }),
  pod('hcloud-csi-controller-5b8f6c9d4-q7xvz', 'running', { app: 'hcloud-csi-controller' }),
  pod('hcloud-csi-node-7tq2m', 'running', { app: 'hcloud-csi' }),
  pod('hcloud-csi-node-d9kq4', 'running', { app: 'hcloud-csi' }),
]);
const SC_DEFAULT = list([storageClass('hcloud-volumes', true), storageClass('local-path', false)]);

describe('waitForClusterReady', () => {
  it('is ready at once when nodes, CSI pods and the default StorageClass are there, one LIST each', async () => {
    const fake = new FakeKube().on(NODES, NODES_READY).on(PODS, CSI_RUNNING).on(CLASSES, SC_DEFAULT);
    const logger = new RecordingLogger();
    const report = await waitForClusterReady(REQUEST, { kube: fake, clock: fakeClock(), logger });
    expect(report).toMatchObject({ ready: true, diagnosis: [], storageClass: { present: true, isDefault: true } });
    expect(report.csiPods.map((p) => p.name)).toEqual(['hcloud-csi-controller-5b8f6c9d4-q7xvz', 'hcloud-csi-node-7tq2m', 'hcloud-csi-node-d9kq4']);
    expect(lists(fake)).toEqual(['list v1 Node', 'list v1 Pod kube-system', 'list storage.k8s.io/v1 StorageClass']);
    expect(fake.calls.every((c) => JSON.stringify(c.options) === '{}')).toBe(true);
    expect(logger.lines).toEqual(['[0s] 3/3 nodes Ready, CSI pods 3/3 running, StorageClass hcloud-volumes present (default)']);
  });

  it('waits through an unreachable API and joining nodes, printing progress each poll', async () => {
    const fake = new FakeKube()
      .on(
        NODES,
        unreachable('refused', 'https://127.0.0.1:6443', 'connect ECONNREFUSED 127.0.0.1:6443'),
        list([node('m1', true), node('w1', false)]),
        NODES_READY,
      )
      .on(PODS, list([pod('hcloud-csi-controller-1', 'pending')]), CSI_RUNNING)
      .on(CLASSES, list([]), SC_DEFAULT);
    const clock = fakeClock();
    const logger = new RecordingLogger();
    const report = await waitForClusterReady(REQUEST, { kube: fake, clock, logger });
    expect(report.ready).toBe(true);
    expect(clock.slept).toEqual([10_000, 10_000]);
    expect(logger.lines).toEqual([
      '[0s] the Kubernetes API is not answering yet: connect ECONNREFUSED 127.0.0.1:6443',
      '[10s] 1/3 nodes Ready, CSI pods 0/1 running, StorageClass hcloud-volumes missing',
      '[20s] 3/3 nodes Ready, CSI pods 3/3 running, StorageClass hcloud-volumes present (default)',
    ]);
  });

  it('gives up after the timeout with a diagnosis of what is missing', async () => {
    const fake = new FakeKube()
      .on(
        NODES,
        list([node('m1', true), node('w1', true), node('w2', false, { reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' })]),
      )
      .on(
        PODS,
        list([
          pod('hcloud-csi-controller-1', 'running'),
          pod('hcloud-csi-node-x', { waiting: 'ImagePullBackOff', message: 'Back-off pulling image "docker.io/hetznercloud/hcloud-csi-driver:v2.13.0"' }),
        ]),
      )
      .on(CLASSES, list([storageClass('hcloud-volumes', false)]));
    const clock = fakeClock();
    const report = await waitForClusterReady(REQUEST, { kube: fake, clock, logger: new RecordingLogger() });
    expect(report.ready).toBe(false);
    expect(report.seconds).toBe(60);
    expect(clock.slept).toHaveLength(6);
    expect(report.diagnosis).toEqual([
      'not ready after 60s (timeout 60s)',
      '2/3 nodes Ready',
      'node w2 not Ready: NodeStatusUnknown: Kubelet stopped posting node status.',
      'CSI pod hcloud-csi-node-x not running: ImagePullBackOff: Back-off pulling image "docker.io/hetznercloud/hcloud-csi-driver:v2.13.0"',
      'StorageClass hcloud-volumes is not the default (annotation storageclass.kubernetes.io/is-default-class != "true")',
    ]);
  });

  it('does not require the default annotation when not configured, and skips CSI checks when the driver is off', async () => {
    const fake = new FakeKube()
      .on(NODES, NODES_READY)
      .on(PODS, CSI_RUNNING)
      .on(CLASSES, list([storageClass('hcloud-volumes', false)]));
    const deps = { kube: fake, clock: fakeClock(), logger: new RecordingLogger() };
    expect((await waitForClusterReady({ ...REQUEST, storageClassDefault: false }, deps)).ready).toBe(true);
    const noCsi = new FakeKube().on(NODES, NODES_READY);
    const report = await waitForClusterReady({ ...REQUEST, csiDriver: false }, { ...deps, kube: noCsi });
    expect(report.ready).toBe(true);
    expect(lists(noCsi)).toEqual(['list v1 Node']);
  });

  it('treats a pods list without any CSI pod as not ready (e.g. the recorded broken DaemonSet listing)', async () => {
    const fake = new FakeKube()
      .on(NODES, NODES_READY)
      .on(PODS, listOf(recordedItems('rollout-status-broken-image-ds/04-get-pods-json')))
      .on(CLASSES, SC_DEFAULT);
    const report = await waitForClusterReady({ ...REQUEST, timeoutSeconds: 5 }, { kube: fake, clock: fakeClock(), logger: new RecordingLogger() });
    expect(report.ready).toBe(false);
    expect(report.diagnosis).toContain('no Hetzner CSI driver pods (hcloud-csi-*) in kube-system yet');
  });

  it('a LIST the server refuses is a problem line with its reason, and the wait goes on', async () => {
    const forbidden = apiError(
      403,
      'Forbidden',
      'pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "kube-system"',
    );
    const fake = new FakeKube()
      .on(NODES, NODES_READY)
      .on(PODS, forbidden, CSI_RUNNING)
      .on(CLASSES, apiError(503, 'ServiceUnavailable', 'etcd leader changed'), SC_DEFAULT);
    const report = await waitForClusterReady({ ...REQUEST, timeoutSeconds: 60 }, { kube: fake, clock: fakeClock(), logger: new RecordingLogger() });
    expect(report.ready).toBe(true);
    expect(report.seconds).toBe(10);
    const first = new FakeKube()
      .on(NODES, NODES_READY)
      .on(PODS, forbidden)
      .on(CLASSES, apiError(503, 'ServiceUnavailable', 'etcd leader changed'));
    const failed = await waitForClusterReady({ ...REQUEST, timeoutSeconds: 5 }, { kube: first, clock: fakeClock(), logger: new RecordingLogger() });
    expect(failed.diagnosis.slice(1)).toEqual([
      `cannot list kube-system pods: Forbidden: ${forbidden.message}`,
      'cannot list StorageClasses: ServiceUnavailable: etcd leader changed',
    ]);
  });
});
