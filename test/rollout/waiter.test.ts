import { describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../src/log.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { waitForWorkloads } from '../../src/rollout/waiter.js';
import { apiError, call, FakeKube, listOf, recordedItems, unreachable, type KubeCall } from '../helpers/fake-kube.js';
import { clone, eventsFromTable, fixtureObjects, listsClaims, listsEvents, listsPods, listsWorkloads, waitSetup } from './helpers.js';
import { brokenImageDaemonSet, brokenImageDeployment, crashingDeployment, progressingDeployment, readyDeployment, stuckStatefulSet } from './scenarios.js';

const setup = waitSetup;

const workloadLists = (fake: FakeKube) => fake.calls.filter(listsWorkloads);
const options = (c: KubeCall | undefined) => c && { verb: c.verb, kind: c.kind, namespace: c.namespace, ...c.options };

describe('parallel waiter', () => {
  it('waits for all workloads at once with ONE get per interval: total ≈ the slowest, not the sum', async () => {
    const { fake, clock, logger, wait } = setup('2026-11-22T03:00:00Z');
    const readyAt: Record<string, number> = { api: 10, worker: 30, cache: 60 };
    fake.on(listsWorkloads, () => {
      const t = clock.elapsedSeconds;
      return listOf(
        Object.entries(readyAt).map(([name, at]) => (t >= at ? readyDeployment(name, 'apps') : progressingDeployment(name, 'apps', t >= at / 2 ? 1 : 0))),
      );
    });
    fake.on(listsPods, listOf([]));
    fake.on(listsEvents, listOf([]));
    const refs = Object.keys(readyAt).map((name) => ({ kind: 'Deployment', namespace: 'apps', name }));
    const results = await wait(refs, { timeoutSeconds: 300 });

    expect(results.map((r) => [r.name, r.status, r.seconds])).toEqual([
      ['api', 'succeeded', 10],
      ['worker', 'succeeded', 30],
      ['cache', 'succeeded', 60],
    ]);
    expect(clock.elapsedSeconds).toBe(60);
    // One workload list per poll (every 2 s from 0 to 60 s; the fake's watches end at once), for all three at once.
    expect(workloadLists(fake)).toHaveLength(31);
    expect(options(workloadLists(fake)[0])).toEqual({ verb: 'list', kind: 'Deployment', namespace: 'apps' });
    // Pods and PVCs for all pending workloads in one batched selector, Warning events, each once per poll.
    expect(options(fake.calls.find(listsPods))).toEqual({ verb: 'list', kind: 'Pod', namespace: 'apps', labelSelector: 'app in (api,cache,worker)' });
    expect(options(fake.calls.find(listsClaims))).toEqual({
      verb: 'list',
      kind: 'PersistentVolumeClaim',
      namespace: 'apps',
      labelSelector: 'app in (api,cache,worker)',
    });
    expect(options(fake.calls.find(listsEvents))).toEqual({ verb: 'list', kind: 'Event', namespace: 'apps', fieldSelector: 'type=Warning' });
    // Each list is followed by a watch from its resourceVersion.
    expect(fake.of('watch')[0]).toMatchObject({ kind: 'Deployment', namespace: 'apps', options: { resourceVersion: '100' } });
    // The selector narrows as workloads finish: at the end only cache's pods are listed.
    expect(
      fake
        .of('list')
        .filter((c) => c.kind === 'Pod')
        .at(-1)?.options,
    ).toEqual({ labelSelector: 'app=cache' });
    expect(new Set(fake.calls.map((c) => c.verb))).toEqual(new Set(['list', 'watch']));
    // Progress lines: on change and at least every 30 s.
    expect(logger.lines).toContain('cache 0/2 ready, 0 s (Available: 0/2)');
    expect(logger.lines).toContain('cache 1/2 ready, 30 s (Available: 1/2)');
    expect(logger.lines).toContain('api ready after 10 s (2/2)');
    expect(logger.lines).toContain('cache ready after 60 s (2/2)');
  });

  it('prints a progress line at least every 30 s while nothing changes', async () => {
    const { fake, logger, wait } = setup('2026-11-22T03:00:00Z');
    fake.on(listsWorkloads, listOf([progressingDeployment('postgres', 'db', 1)]));
    fake.on(listsPods, listOf([]));
    fake.on(listsEvents, listOf([]));
    const [result] = await wait([{ kind: 'Deployment', namespace: 'db', name: 'postgres' }], { timeoutSeconds: 70 });
    expect(result?.status).toBe('timed-out');
    const progress = logger.lines.filter((line) => line.startsWith('postgres 1/2 ready'));
    expect(progress).toEqual(['postgres 1/2 ready, 0 s (Available: 1/2)', 'postgres 1/2 ready, 30 s', 'postgres 1/2 ready, 60 s']);
  });

  it('times out at rollout_timeout with a diagnosis that says what is still missing', async () => {
    const { fake, clock, wait } = setup('2026-11-22T03:00:00Z');
    fake.on(listsWorkloads, listOf([progressingDeployment('postgres', 'db', 1)]));
    fake.on(listsPods, listOf([]));
    fake.on(listsEvents, listOf([]));
    const [result] = await wait([{ kind: 'Deployment', namespace: 'db', name: 'postgres' }], { timeoutSeconds: 11 });
    expect(result).toMatchObject({ status: 'timed-out', seconds: 11, reason: 'LessAvailable' });
    expect(result?.message).toBe('not ready after 11 s: Available: 1/2');
    expect(result?.diagnosis).toEqual([{ workload: 'Deployment/postgres', namespace: 'db', reason: 'LessAvailable', message: 'Available: 1/2', fatal: false }]);
    expect(clock.elapsedSeconds).toBe(11);
  });
});

describe('fail-fast on recorded signals', () => {
  it('broken image (Deployment): fails within seconds, names the image and quotes the kubelet; old ReplicaSet pods are ignored', async () => {
    const { fake, clock, wait } = setup('2026-11-22T02:07:38Z');
    fake.on(listsWorkloads, listOf([brokenImageDeployment()]));
    fake.on(listsPods, listOf(recordedItems('rollout-status-broken-image-deploy/04-get-pods-json')));
    fake.on(listsEvents, listOf(eventsFromTable('rollout-status-broken-image-deploy/05-get-events', new Date('2026-11-22T02:07:40Z'), 'ro-broken-deploy')));
    const [result] = await wait([{ kind: 'Deployment', namespace: 'ro-broken-deploy', name: 'web' }], { timeoutSeconds: 300 });
    expect(result).toMatchObject({ status: 'failed', reason: 'ImagePullBackOff' });
    expect(result?.seconds).toBeLessThanOrEqual(10);
    expect(clock.elapsedSeconds).toBeLessThanOrEqual(10);
    expect(result?.diagnosis).toHaveLength(1);
    expect(result?.diagnosis[0]).toMatchObject({
      workload: 'Deployment/web',
      pod: 'web-6f959df8ff-88fbf',
      container: 'app',
      image: 'nginx:broken',
      fatal: true,
    });
    expect(result?.diagnosis[0]?.message).toContain('image "nginx:broken": Failed to pull image "nginx:broken": rpc error: code = NotFound');
    expect(fake.calls.find(listsPods)?.options).toEqual({ labelSelector: 'app=web' });
    // The only Deployment of its namespace is listed by name.
    expect(fake.calls.find(listsWorkloads)?.options).toEqual({ fieldSelector: 'metadata.name=web' });
  });

  it('broken image (StatefulSet): only the pod on the update revision is blamed', async () => {
    const { fake, wait } = setup('2026-11-22T02:07:50Z');
    fake.on(listsWorkloads, listOf([stuckStatefulSet()]));
    fake.on(listsPods, listOf(recordedItems('rollout-status-broken-image-sts/04-get-pods-json')));
    fake.on(listsEvents, listOf(eventsFromTable('rollout-status-broken-image-sts/05-get-events', new Date('2026-11-22T02:08:20Z'), 'ro-broken-sts')));
    const [result] = await wait([{ kind: 'StatefulSet', namespace: 'ro-broken-sts', name: 'db' }], { timeoutSeconds: 300 });
    expect(result?.status).toBe('failed');
    expect(result?.diagnosis.map((row) => [row.pod, row.reason, row.image])).toEqual([['db-1', 'ImagePullBackOff', 'quay.io/ceph/ceph:v17.2.31-broken']]);
    expect(result?.diagnosis[0]?.message).toContain('quay.io/ceph/ceph:v17.2.31-broken: not found');
  });

  it('broken image (DaemonSet)', async () => {
    const { fake, wait } = setup('2026-11-22T02:07:50Z');
    fake.on(listsWorkloads, listOf([brokenImageDaemonSet()]));
    fake.on(listsPods, listOf(recordedItems('rollout-status-broken-image-ds/04-get-pods-json')));
    fake.on(listsEvents, listOf(eventsFromTable('rollout-status-broken-image-ds/05-get-events', new Date('2026-11-22T02:08:20Z'), 'ro-broken-ds')));
    const [result] = await wait([{ kind: 'DaemonSet', namespace: 'ro-broken-ds', name: 'node-agent' }], { timeoutSeconds: 300 });
    expect(result?.status).toBe('failed');
    expect(result?.diagnosis[0]).toMatchObject({
      pod: 'node-agent-cxq77',
      container: 'agent',
      reason: 'ImagePullBackOff',
      image: 'busybox:broken',
      fatal: true,
    });
  });

  it('InvalidImageName fails on the first poll', async () => {
    const { fake, clock, wait } = setup('2026-11-22T02:07:50Z');
    const pods = fixtureObjects('rollout-status-broken-image-ds/04-get-pods-json').map(clone);
    const status = (pods[0]?.status as { containerStatuses: { state: unknown }[] }).containerStatuses[0] as { state: unknown };
    status.state = { waiting: { reason: 'InvalidImageName', message: 'Failed to apply default image tag "busybox:BAD": couldn\'t parse image reference' } };
    fake.on(listsWorkloads, listOf([brokenImageDaemonSet()]));
    fake.on(listsPods, listOf(pods));
    fake.on(listsEvents, listOf([]));
    const [result] = await wait([{ kind: 'DaemonSet', namespace: 'ro-broken-ds', name: 'node-agent' }], { timeoutSeconds: 300 });
    expect(result).toMatchObject({ status: 'failed', reason: 'InvalidImageName', seconds: 0 });
    expect(result?.message).toContain("couldn't parse image reference");
    expect(clock.elapsedSeconds).toBe(0);
  });

  it('CrashLoopBackOff: restart count, last termination reason and the previous container log', async () => {
    const { fake, wait } = setup('2026-11-22T02:13:20Z');
    fake.on(listsWorkloads, listOf([crashingDeployment()]));
    fake.on(listsPods, listOf(recordedItems('rollout-status-crashloop-deploy/05-get-pods-json')));
    fake.on(listsEvents, listOf([]));
    fake.on(call('logs'), 'starting crashy\nCRASH=1 set, exiting with 1\n');
    const [result] = await wait([{ kind: 'Deployment', namespace: 'ro-crash-1', name: 'crashy' }], { timeoutSeconds: 300 });
    expect(result).toMatchObject({ status: 'failed', reason: 'CrashLoopBackOff', seconds: 0 });
    expect(result?.diagnosis[0]).toMatchObject({
      pod: 'crashy-7445ffbc6d-g42pg',
      container: 'app',
      restarts: 2,
      message: 'restarted 2 times; last termination: Error (exit code 1)',
      logs: ['starting crashy', 'CRASH=1 set, exiting with 1'],
      since: '2026-11-22T02:13:08Z',
    });
    expect(fake.of('logs')).toEqual([
      { verb: 'logs', kind: 'Pod', name: 'crashy-7445ffbc6d-g42pg', namespace: 'ro-crash-1', options: { container: 'app', previous: true, tailLines: 20 } },
    ]);
  });

  it('CrashLoopBackOff after being briefly Ready (restart 1) still fails with the default threshold, and not with crashLoopRestarts: 3', async () => {
    const run = async (crashLoopRestarts?: number) => {
      const { fake, wait } = setup('2026-11-22T02:13:30Z');
      const deployment = crashingDeployment();
      deployment.metadata.name = 'crashy';
      deployment.metadata.namespace = 'ro-crash-brief';
      deployment.status = {
        ...(deployment.status as object),
        conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'ReplicaSet "crashy-ffc74f7d9" is progressing.' }],
      };
      fake.on(listsWorkloads, listOf([deployment]));
      fake.on(listsPods, listOf(recordedItems('rollout-status-crashloop-deploy-briefly-ready/05-get-pods-json')));
      fake.on(listsEvents, listOf([]));
      fake.on(call('logs'), apiError(400, 'BadRequest', 'previous terminated container "app" in pod "crashy-ffc74f7d9-lb9c2" not found'));
      return (
        await wait([{ kind: 'Deployment', namespace: 'ro-crash-brief', name: 'crashy' }], {
          timeoutSeconds: 6,
          ...(crashLoopRestarts ? { thresholds: { crashLoopRestarts } } : {}),
        })
      )[0];
    };
    const strict = await run();
    expect(strict).toMatchObject({ status: 'failed', reason: 'CrashLoopBackOff' });
    expect(strict?.diagnosis[0]?.logs?.[0]).toContain('previous log unavailable');
    const lenient = await run(3);
    expect(lenient?.status).toBe('timed-out');
    expect(lenient?.diagnosis[0]).toMatchObject({ reason: 'CrashLoopBackOff', restarts: 1, fatal: false });
  });

  for (const dir of ['sts-failedcreate-env-value-and-valuefrom', 'sts-failedcreate-missing-serviceaccount', 'sts-failedcreate-podsecurity-restricted']) {
    it(`FailedCreate events on the StatefulSet (${dir}) fail fast and quote the event`, async () => {
      const events = fixtureObjects(`${dir}/03-get-events-json`) as unknown as { lastTimestamp: string; message: string; count: number }[];
      const event = events[0] as { lastTimestamp: string; firstTimestamp: string; message: string; count: number };
      const sts = fixtureObjects(`${dir}/05-get-statefulset-json`)[0] as KubernetesObject;
      const { fake, clock, wait } = setup(new Date(Date.parse(event.lastTimestamp) - 1000).toISOString());
      fake.on(listsWorkloads, listOf([sts]));
      fake.on(listsPods, listOf([]));
      fake.on(listsEvents, listOf(recordedItems(`${dir}/03-get-events-json`)));
      const [result] = await wait([{ kind: 'StatefulSet', namespace: sts.metadata.namespace, name: sts.metadata.name }], { timeoutSeconds: 300 });
      expect(result).toMatchObject({ status: 'failed', reason: 'FailedCreate' });
      expect(clock.elapsedSeconds).toBe(0);
      expect(result?.diagnosis[0]).toMatchObject({ reason: 'FailedCreate', count: event.count, since: event.firstTimestamp, fatal: true });
      expect(result?.diagnosis[0]?.message).toBe(`StatefulSet ${sts.metadata.name}: ${event.message}`);
    });
  }

  it('after a rollback, a FailedCreate reported just before the wait (the template it replaced) fails only if the controller repeats it', async () => {
    const dir = 'sts-failedcreate-missing-serviceaccount';
    const event = fixtureObjects(`${dir}/03-get-events-json`)[0] as unknown as { lastTimestamp: string; firstTimestamp: string; count: number };
    const sts = fixtureObjects(`${dir}/05-get-statefulset-json`)[0] as KubernetesObject;
    const ref = { kind: 'StatefulSet', namespace: sts.metadata.namespace, name: sts.metadata.name };
    // Within the clock-skew allowance after its last report, so still "fresh", but begun before the wait.
    const start = new Date(Date.parse(event.lastTimestamp) + 1500).toISOString();

    const quiet = setup(start);
    quiet.fake.on(listsWorkloads, listOf([sts]));
    quiet.fake.on(listsPods, listOf([]));
    quiet.fake.on(listsEvents, listOf(recordedItems(`${dir}/03-get-events-json`)));
    const [stale] = await quiet.wait([ref], { timeoutSeconds: 6, afterRollback: true });
    expect(stale).toMatchObject({ status: 'timed-out' });
    expect(stale?.diagnosis[0]).toMatchObject({ reason: 'FailedCreate', fatal: false });

    const repeated = setup(start);
    const events = { items: recordedItems(`${dir}/03-get-events-json`) as unknown as { count: number }[] };
    let polls = 0;
    repeated.fake.on(listsWorkloads, listOf([sts]));
    repeated.fake.on(listsPods, listOf([]));
    repeated.fake.on(listsEvents, () => {
      const again = structuredClone(events);
      if (polls++ > 0 && again.items[0]) again.items[0].count = event.count + 1;
      return listOf(again.items as unknown as KubernetesObject[]);
    });
    const [failed] = await repeated.wait([ref], { timeoutSeconds: 300, afterRollback: true });
    expect(failed).toMatchObject({ status: 'failed', reason: 'FailedCreate' });
    expect(repeated.clock.elapsedSeconds).toBeLessThanOrEqual(4);
  });

  it('a FailedCreate event from before the wait began (an older, fixed spec) does not fail the rollout', async () => {
    const dir = 'sts-failedcreate-env-value-and-valuefrom';
    const sts = fixtureObjects(`${dir}/05-get-statefulset-json`)[0] as KubernetesObject;
    const { fake, wait } = setup('2026-11-22T02:10:00Z');
    fake.on(listsWorkloads, listOf([sts]));
    fake.on(listsPods, listOf([]));
    fake.on(listsEvents, listOf(recordedItems(`${dir}/03-get-events-json`)));
    const [result] = await wait([{ kind: 'StatefulSet', namespace: sts.metadata.namespace, name: 'broken-env' }], { timeoutSeconds: 6 });
    expect(result).toMatchObject({ status: 'timed-out', reason: 'LessReplicas' });
  });

  it("FailedCreate on the Deployment's new ReplicaSet fails it", async () => {
    const { fake, wait } = setup('2026-11-22T02:07:38Z');
    fake.on(listsWorkloads, listOf([brokenImageDeployment()]));
    fake.on(listsPods, listOf([]));
    fake.on(
      listsEvents,
      listOf([
        {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name: 'event-1', namespace: 'ns' },
          involvedObject: { kind: 'ReplicaSet', name: 'web-6f959df8ff' },
          type: 'Warning',
          reason: 'FailedCreate',
          count: 3,
          firstTimestamp: '2026-11-22T02:07:39Z',
          lastTimestamp: '2026-11-22T02:07:39Z',
          message: 'Error creating: pods "web-6f959df8ff-x" is forbidden: exceeded quota: compute, requested: cpu=2, used: cpu=8, limited: cpu=8',
        },
        {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name: 'event-2', namespace: 'ns' },
          involvedObject: { kind: 'ReplicaSet', name: 'web-5d4bcdbb9d' },
          type: 'Warning',
          reason: 'FailedCreate',
          count: 1,
          firstTimestamp: '2026-11-22T02:07:39Z',
          lastTimestamp: '2026-11-22T02:07:39Z',
          message: 'old ReplicaSet: not ours',
        },
      ]),
    );
    const [result] = await wait([{ kind: 'Deployment', namespace: 'ro-broken-deploy', name: 'web' }], { timeoutSeconds: 300 });
    expect(result?.diagnosis).toHaveLength(1);
    expect(result?.diagnosis[0]?.message).toContain('ReplicaSet web-6f959df8ff: Error creating: pods "web-6f959df8ff-x" is forbidden: exceeded quota');
  });

  it('Deployment ProgressDeadlineExceeded fails on the first poll', async () => {
    const { fake, wait } = setup('2026-11-22T02:09:21Z');
    fake.on(listsWorkloads, listOf(recordedItems('rollout-status-progress-deadline-exceeded/03-get-deployment-json')));
    fake.on(listsPods, listOf([]));
    fake.on(listsEvents, listOf([]));
    const [result] = await wait([{ kind: 'Deployment', namespace: 'ro-deadline', name: 'web' }], { timeoutSeconds: 300 });
    expect(result).toMatchObject({ status: 'failed', reason: 'ProgressDeadlineExceeded', seconds: 0 });
    expect(result?.diagnosis[0]).toMatchObject({ message: 'ReplicaSet "web-6f959df8ff" has timed out progressing.', since: '2026-11-22T02:09:20Z' });
  });

  it('CreateContainerConfigError names the missing Secret key after its grace period', async () => {
    const { fake, wait } = setup('2026-11-22T02:07:50Z');
    const pods = fixtureObjects('rollout-status-broken-image-ds/04-get-pods-json').map(clone);
    const status = (pods[0]?.status as { containerStatuses: { state: unknown }[] }).containerStatuses[0] as { state: unknown };
    status.state = { waiting: { reason: 'CreateContainerConfigError', message: "couldn't find key password in Secret ro-broken-ds/db" } };
    fake.on(listsWorkloads, listOf([brokenImageDaemonSet()]));
    fake.on(listsPods, listOf(pods));
    fake.on(listsEvents, listOf([]));
    const [result] = await wait([{ kind: 'DaemonSet', namespace: 'ro-broken-ds', name: 'node-agent' }], { timeoutSeconds: 300 });
    expect(result).toMatchObject({ status: 'failed', reason: 'CreateContainerConfigError', seconds: 4 });
    expect(result?.message).toBe("couldn't find key password in Secret ro-broken-ds/db");
  });

  it('Unschedulable fails only past its grace period', async () => {
    const { fake, wait } = setup('2026-11-22T02:07:50Z');
    const pods = fixtureObjects('rollout-status-broken-image-ds/04-get-pods-json').map(clone);
    const pod = pods[0] as KubernetesObject;
    pod.status = {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: '0/3 nodes are available: 3 Insufficient memory.',
          lastTransitionTime: '2026-11-22T02:07:49Z',
        },
      ],
    };
    fake.on(listsWorkloads, listOf([brokenImageDaemonSet()]));
    fake.on(listsPods, listOf(pods));
    fake.on(listsEvents, listOf([]));
    const [result] = await wait([{ kind: 'DaemonSet', namespace: 'ro-broken-ds', name: 'node-agent' }], {
      timeoutSeconds: 300,
      thresholds: { unschedulableGraceSeconds: 20 },
    });
    expect(result).toMatchObject({ status: 'failed', reason: 'FailedScheduling', seconds: 20 });
    expect(result?.message).toBe('0/3 nodes are available: 3 Insufficient memory.');
  });

  it('a PVC stuck Pending with ProvisioningFailed fails the StatefulSet that needs it', async () => {
    const { fake, wait } = setup('2026-11-22T02:07:50Z');
    const sts = stuckStatefulSet();
    sts.status = { observedGeneration: 2, replicas: 1, readyReplicas: 0, currentRevision: 'db-c9f9bfb65', updateRevision: 'db-c9f9bfb65' };
    fake.on(listsWorkloads, listOf([sts]));
    fake.on(listsPods, listOf([]));
    fake.on(
      listsClaims,
      listOf([{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data-db-0', labels: { app: 'db' } }, status: { phase: 'Pending' } }]),
    );
    fake.on(
      listsEvents,
      listOf([
        {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name: 'event-3', namespace: 'ns' },
          involvedObject: { kind: 'PersistentVolumeClaim', name: 'data-db-0' },
          type: 'Warning',
          reason: 'ProvisioningFailed',
          count: 2,
          firstTimestamp: '2026-11-22T02:07:51Z',
          lastTimestamp: '2026-11-22T02:07:52Z',
          message: 'storageclass.storage.k8s.io "fast" not found',
        },
      ]),
    );
    const [result] = await wait([{ kind: 'StatefulSet', namespace: 'ro-broken-sts', name: 'db' }], { timeoutSeconds: 300 });
    expect(result).toMatchObject({ status: 'failed', reason: 'ProvisioningFailed' });
    expect(result?.message).toBe('PersistentVolumeClaim data-db-0 is Pending: storageclass.storage.k8s.io "fast" not found');
    expect(result?.seconds).toBeLessThanOrEqual(10);
  });

  it('gives up after repeated API errors with one sentence naming the server and the cause', async () => {
    const { fake, logger, wait } = setup('2026-11-22T02:07:50Z');
    fake.on(listsWorkloads, unreachable('refused', 'https://127.0.0.1:6443', 'connect ECONNREFUSED 127.0.0.1:6443'));
    const [result] = await wait([{ kind: 'StatefulSet', namespace: 'x', name: 'db' }], { timeoutSeconds: 300 });
    expect(result).toMatchObject({ status: 'failed', reason: 'ApiError', seconds: 8 });
    expect(result?.message).toMatch(
      /^Cannot reach the Kubernetes API server https:\/\/127\.0\.0\.1:6443: .*; the workloads could not be observed\. .*ECONNREFUSED/,
    );
    expect(fake.of('list')).toHaveLength(5);
    expect(logger.lines.filter((line) => line.startsWith('warning: reading the workloads failed'))).toHaveLength(5);
  });

  it('a refusal the server answers (Forbidden) is an API error too; one good read resets the count', async () => {
    const { fake, wait } = setup('2026-11-22T02:07:50Z');
    const forbidden = apiError(403, 'Forbidden', 'statefulsets.apps is forbidden: User "ci" cannot list resource "statefulsets"');
    fake.on(listsWorkloads, forbidden, forbidden, forbidden, forbidden, listOf([stuckStatefulSet()]), forbidden);
    fake.on(listsPods, listOf([]));
    fake.on(listsEvents, listOf([]));
    const [result] = await wait([{ kind: 'StatefulSet', namespace: 'ro-broken-sts', name: 'db' }], { timeoutSeconds: 300 });
    // 4 failures, one success (t = 8 s), then 5 more failures: t = 18 s.
    expect(result).toMatchObject({ status: 'failed', reason: 'ApiError', seconds: 18 });
    expect(result?.message).toBe('statefulsets.apps is forbidden: User "ci" cannot list resource "statefulsets"');
  });
});

/** A clock on which time does not pass: a sleep ends only when the waiter aborts it (a watch event woke it). */
class StoppedClock {
  readonly time: number;
  sleeping = 0;
  woken = 0;
  constructor(start: string) {
    this.time = Date.parse(start);
  }
  now = () => new Date(this.time);
  sleep = (_milliseconds: number, signal?: AbortSignal) =>
    new Promise<void>((resolve) => {
      this.sleeping++;
      signal?.addEventListener('abort', () => {
        this.woken++;
        resolve();
      });
    });
}

describe('watches', () => {
  it('a pod change and its Warning event reported by the watches wake the waiter at once, before the next poll', { timeout: 5000 }, async () => {
    const fake = new FakeKube();
    const clock = new StoppedClock('2026-11-22T02:08:10Z');
    const logger = new RecordingLogger();
    const pods = recordedItems('rollout-status-broken-image-sts/04-get-pods-json');
    const broken = pods.find((pod) => pod.metadata.name === 'db-1') as KubernetesObject;
    const creating = clone(broken);
    (creating.status as { containerStatuses: { state: unknown }[] }).containerStatuses[0] = {
      ...(broken.status as { containerStatuses: object[] }).containerStatuses[0],
      state: { waiting: { reason: 'ContainerCreating' } },
    };
    const pullFailed = eventsFromTable('rollout-status-broken-image-sts/05-get-events', new Date('2026-11-22T02:08:20Z'), 'ro-broken-sts').filter(
      (event) => (event as { reason?: string }).reason === 'Failed',
    );
    expect(pullFailed.length).toBeGreaterThan(0);
    let report: () => void = () => undefined;
    const reported = new Promise<void>((resolve) => (report = resolve));
    fake.on(listsWorkloads, listOf([stuckStatefulSet()]));
    // The fake's watches end after their events, so the waiter lists those kinds again: then they show the new state.
    fake.on(listsPods, listOf([pods[0] as KubernetesObject, creating]), listOf(pods));
    fake.on(listsClaims, listOf([]));
    fake.on(listsEvents, listOf([]), listOf(pullFailed));
    fake.on(call('watch', { kind: 'Pod' }), async () => {
      await reported;
      return [{ type: 'MODIFIED', object: broken }];
    });
    fake.on(call('watch', { kind: 'Event' }), async () => {
      await reported;
      return pullFailed.map((object) => ({ type: 'ADDED', object }));
    });
    fake.on(call('watch'), () => new Promise(() => undefined)); // the workload watch stays open and quiet
    const waiting = waitForWorkloads(
      [{ kind: 'StatefulSet', namespace: 'ro-broken-sts', name: 'db' }],
      { timeoutSeconds: 300, thresholds: { imagePullGraceSeconds: 0 } },
      { kube: fake, clock, logger },
    );
    while (!clock.sleeping) await new Promise((resolve) => setImmediate(resolve));
    expect(logger.lines).toEqual(['db 1/2 ready, 0 s (Ready: 1/2)']);
    report();
    const [result] = await waiting;
    expect(result).toMatchObject({ status: 'failed', reason: 'ImagePullBackOff', seconds: 0 });
    expect(result?.diagnosis[0]?.message).toContain('quay.io/ceph/ceph:v17.2.31-broken: not found');
    // Woken out of its first sleep (time never passed); the StatefulSet, whose watch is still open, was not listed again.
    expect(clock.woken).toBe(1);
    expect(clock.sleeping).toBe(1);
    expect(fake.of('list').map((c) => c.kind)).toEqual(['StatefulSet', 'Pod', 'PersistentVolumeClaim', 'Event', 'Pod', 'Event']);
    expect(
      fake
        .of('watch')
        .slice(0, 4)
        .map((c) => [c.kind, c.options?.resourceVersion]),
    ).toEqual([
      ['StatefulSet', '100'],
      ['Pod', '100'],
      ['PersistentVolumeClaim', '100'],
      ['Event', '100'],
    ]);
  });

  it('judges again exactly when a grace period ends, not at the next poll', async () => {
    const { fake, clock, wait } = setup('2026-11-22T02:07:38Z');
    fake.on(listsWorkloads, listOf([brokenImageDeployment()]));
    fake.on(listsPods, listOf(recordedItems('rollout-status-broken-image-deploy/04-get-pods-json')));
    fake.on(listsEvents, listOf(eventsFromTable('rollout-status-broken-image-deploy/05-get-events', new Date('2026-11-22T02:07:40Z'), 'ro-broken-deploy')));
    const [result] = await wait([{ kind: 'Deployment', namespace: 'ro-broken-deploy', name: 'web' }], {
      timeoutSeconds: 300,
      thresholds: { imagePullGraceSeconds: 3 },
    });
    expect(result).toMatchObject({ status: 'failed', reason: 'ImagePullBackOff', seconds: 3 });
    expect(clock.sleeps).toEqual([2000, 1000]);
  });

  it('a watch that fails (410 Expired) is followed by a new list at the next poll', async () => {
    const { fake, clock, wait } = setup('2026-11-22T03:00:00Z');
    fake.on(listsWorkloads, () => listOf([clock.elapsedSeconds >= 2 ? readyDeployment('api', 'apps') : progressingDeployment('api', 'apps')], '7'));
    fake.on(listsPods, listOf([]));
    fake.on(listsEvents, listOf([]));
    fake.on(call('watch', { kind: 'Deployment' }), apiError(410, 'Expired', 'too old resource version: 7 (12)'));
    const [result] = await wait([{ kind: 'Deployment', namespace: 'apps', name: 'api' }], { timeoutSeconds: 60 });
    expect(result).toMatchObject({ status: 'succeeded', seconds: 2 });
    expect(workloadLists(fake)).toHaveLength(2);
  });
});
