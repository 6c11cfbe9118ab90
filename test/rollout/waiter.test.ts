import { describe, expect, it } from 'vitest';
import { Kubectl } from '../../src/k8s/kubectl.js';
import { RecordingLogger } from '../../src/log.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { waitForWorkloads } from '../../src/rollout/waiter.js';
import { FakeKubectl, fail, fixture, ok } from '../helpers/fake-kubectl.js';
import { clone, eventsFromTable, FakeClock, fixtureObjects, getsEvents, getsPods, getsWorkloads, list } from './helpers.js';
import { brokenImageDaemonSet, brokenImageDeployment, crashingDeployment, progressingDeployment, readyDeployment, stuckStatefulSet } from './scenarios.js';

function setup(start: string) {
  const fake = new FakeKubectl();
  const clock = new FakeClock(start);
  const logger = new RecordingLogger();
  return { fake, clock, logger, deps: { kubectl: new Kubectl(fake.executor), clock, logger } };
}

const workloadGets = (fake: FakeKubectl) => fake.calls.filter((c) => getsWorkloads(c.args));

describe('parallel waiter', () => {
  it('waits for all workloads at once with ONE get per interval: total ≈ the slowest, not the sum', async () => {
    const { fake, clock, logger, deps } = setup('2026-11-22T03:00:00Z');
    const readyAt: Record<string, number> = { api: 10, worker: 30, cache: 60 };
    fake.on(getsWorkloads, () => {
      const t = clock.elapsedSeconds;
      return list(
        Object.entries(readyAt).map(([name, at]) => (t >= at ? readyDeployment(name, 'apps') : progressingDeployment(name, 'apps', t >= at / 2 ? 1 : 0))),
      );
    });
    fake.on(getsPods, list([]));
    fake.on(getsEvents, list([]));
    const refs = Object.keys(readyAt).map((name) => ({ kind: 'Deployment', namespace: 'apps', name }));
    const results = await waitForWorkloads(refs, { timeoutSeconds: 300 }, deps);

    expect(results.map((r) => [r.name, r.status, r.seconds])).toEqual([
      ['api', 'succeeded', 10],
      ['worker', 'succeeded', 30],
      ['cache', 'succeeded', 60],
    ]);
    expect(clock.elapsedSeconds).toBe(60);
    // One workload get per poll (every 2 s from 0 to 60 s), always for every pending workload in one call.
    expect(workloadGets(fake)).toHaveLength(31);
    expect(workloadGets(fake)[0]?.args).toEqual([
      'get',
      'deployment/api',
      'deployment/worker',
      'deployment/cache',
      '-n',
      'apps',
      '--ignore-not-found',
      '-o',
      'json',
    ]);
    expect(workloadGets(fake).at(-1)?.args).toEqual(['get', 'deployment/cache', '-n', 'apps', '--ignore-not-found', '-o', 'json']);
    // Pods for all pending workloads in one batched selector, events once per poll.
    expect(fake.calls.find((c) => getsPods(c.args))?.args).toEqual([
      'get',
      'pods,persistentvolumeclaims',
      '-n',
      'apps',
      '-l',
      'app in (api,cache,worker)',
      '-o',
      'json',
    ]);
    expect(fake.calls.find((c) => getsEvents(c.args))?.args).toEqual(['get', 'events', '-n', 'apps', '--field-selector=type=Warning', '-o', 'json']);
    expect(fake.mutatingCalls()).toEqual([]);
    // Progress lines: on change and at least every 30 s.
    expect(logger.lines).toContain('cache 0/2 ready, 0 s (Available: 0/2)');
    expect(logger.lines).toContain('cache 1/2 ready, 30 s (Available: 1/2)');
    expect(logger.lines).toContain('api ready after 10 s (2/2)');
    expect(logger.lines).toContain('cache ready after 60 s (2/2)');
  });

  it('prints a progress line at least every 30 s while nothing changes', async () => {
    const { fake, logger, deps } = setup('2026-11-22T03:00:00Z');
    fake.on(getsWorkloads, ok(JSON.stringify(progressingDeployment('postgres', 'db', 1))));
    fake.on(getsPods, list([]));
    fake.on(getsEvents, list([]));
    const [result] = await waitForWorkloads([{ kind: 'Deployment', namespace: 'db', name: 'postgres' }], { timeoutSeconds: 70 }, deps);
    expect(result?.status).toBe('timed-out');
    const progress = logger.lines.filter((line) => line.startsWith('postgres 1/2 ready'));
    expect(progress).toEqual(['postgres 1/2 ready, 0 s (Available: 1/2)', 'postgres 1/2 ready, 30 s', 'postgres 1/2 ready, 60 s']);
  });

  it('times out at rollout_timeout with a diagnosis that says what is still missing', async () => {
    const { fake, clock, deps } = setup('2026-11-22T03:00:00Z');
    fake.on(getsWorkloads, ok(JSON.stringify(progressingDeployment('postgres', 'db', 1))));
    fake.on(getsPods, list([]));
    fake.on(getsEvents, list([]));
    const [result] = await waitForWorkloads([{ kind: 'Deployment', namespace: 'db', name: 'postgres' }], { timeoutSeconds: 11 }, deps);
    expect(result).toMatchObject({ status: 'timed-out', seconds: 11, reason: 'LessAvailable' });
    expect(result?.message).toBe('not ready after 11 s: Available: 1/2');
    expect(result?.diagnosis).toEqual([{ workload: 'Deployment/postgres', namespace: 'db', reason: 'LessAvailable', message: 'Available: 1/2', fatal: false }]);
    expect(clock.elapsedSeconds).toBe(11);
  });
});

describe('fail-fast on recorded signals', () => {
  it('broken image (Deployment): fails within seconds, names the image and quotes the kubelet; old ReplicaSet pods are ignored', async () => {
    const { fake, clock, deps } = setup('2026-11-22T02:07:38Z');
    fake.on(getsWorkloads, ok(JSON.stringify(brokenImageDeployment())));
    fake.on(getsPods, fixture('rollout-status-broken-image-deploy/04-get-pods-json'));
    fake.on(getsEvents, list(eventsFromTable('rollout-status-broken-image-deploy/05-get-events', new Date('2026-11-22T02:07:40Z'), 'ro-broken-deploy')));
    const [result] = await waitForWorkloads([{ kind: 'Deployment', namespace: 'ro-broken-deploy', name: 'web' }], { timeoutSeconds: 300 }, deps);
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
    expect(fake.calls.find((c) => getsPods(c.args))?.args).toContain('app=web');
  });

  it('broken image (StatefulSet): only the pod on the update revision is blamed', async () => {
    const { fake, deps } = setup('2026-11-22T02:07:50Z');
    fake.on(getsWorkloads, ok(JSON.stringify(stuckStatefulSet())));
    fake.on(getsPods, fixture('rollout-status-broken-image-sts/04-get-pods-json'));
    fake.on(getsEvents, list(eventsFromTable('rollout-status-broken-image-sts/05-get-events', new Date('2026-11-22T02:08:20Z'), 'ro-broken-sts')));
    const [result] = await waitForWorkloads([{ kind: 'StatefulSet', namespace: 'ro-broken-sts', name: 'db' }], { timeoutSeconds: 300 }, deps);
    expect(result?.status).toBe('failed');
    expect(result?.diagnosis.map((row) => [row.pod, row.reason, row.image])).toEqual([['db-1', 'ImagePullBackOff', 'quay.io/ceph/ceph:v17.2.31-broken']]);
    expect(result?.diagnosis[0]?.message).toContain('quay.io/ceph/ceph:v17.2.31-broken: not found');
  });

  it('broken image (DaemonSet)', async () => {
    const { fake, deps } = setup('2026-11-22T02:07:50Z');
    fake.on(getsWorkloads, ok(JSON.stringify(brokenImageDaemonSet())));
    fake.on(getsPods, fixture('rollout-status-broken-image-ds/04-get-pods-json'));
    fake.on(getsEvents, list(eventsFromTable('rollout-status-broken-image-ds/05-get-events', new Date('2026-11-22T02:08:20Z'), 'ro-broken-ds')));
    const [result] = await waitForWorkloads([{ kind: 'DaemonSet', namespace: 'ro-broken-ds', name: 'node-agent' }], { timeoutSeconds: 300 }, deps);
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
    const { fake, clock, deps } = setup('2026-11-22T02:07:50Z');
    const pods = fixtureObjects('rollout-status-broken-image-ds/04-get-pods-json').map(clone);
    const status = (pods[0]?.status as { containerStatuses: { state: unknown }[] }).containerStatuses[0] as { state: unknown };
    status.state = { waiting: { reason: 'InvalidImageName', message: 'Failed to apply default image tag "busybox:BAD": couldn\'t parse image reference' } };
    fake.on(getsWorkloads, ok(JSON.stringify(brokenImageDaemonSet())));
    fake.on(getsPods, list(pods));
    fake.on(getsEvents, list([]));
    const [result] = await waitForWorkloads([{ kind: 'DaemonSet', namespace: 'ro-broken-ds', name: 'node-agent' }], { timeoutSeconds: 300 }, deps);
    expect(result).toMatchObject({ status: 'failed', reason: 'InvalidImageName', seconds: 0 });
    expect(result?.message).toContain("couldn't parse image reference");
    expect(clock.elapsedSeconds).toBe(0);
  });

  it('CrashLoopBackOff: restart count, last termination reason and the previous container log', async () => {
    const { fake, deps } = setup('2026-11-22T02:13:20Z');
    fake.on(getsWorkloads, ok(JSON.stringify(crashingDeployment())));
    fake.on(getsPods, fixture('rollout-status-crashloop-deploy/05-get-pods-json'));
    fake.on(getsEvents, list([]));
    fake.on(['logs'], ok('starting crashy\nCRASH=1 set, exiting with 1\n'));
    const [result] = await waitForWorkloads([{ kind: 'Deployment', namespace: 'ro-crash-1', name: 'crashy' }], { timeoutSeconds: 300 }, deps);
    expect(result).toMatchObject({ status: 'failed', reason: 'CrashLoopBackOff', seconds: 0 });
    expect(result?.diagnosis[0]).toMatchObject({
      pod: 'crashy-7445ffbc6d-g42pg',
      container: 'app',
      restarts: 2,
      message: 'restarted 2 times; last termination: Error (exit code 1)',
      logs: ['starting crashy', 'CRASH=1 set, exiting with 1'],
      since: '2026-11-22T02:13:08Z',
    });
    expect(fake.calls.find((c) => c.args[0] === 'logs')?.args).toEqual([
      'logs',
      'crashy-7445ffbc6d-g42pg',
      '-n',
      'ro-crash-1',
      '-c',
      'app',
      '--previous',
      '--tail=20',
    ]);
  });

  it('CrashLoopBackOff after being briefly Ready (restart 1) still fails with the default threshold, and not with crashLoopRestarts: 3', async () => {
    const run = async (crashLoopRestarts?: number) => {
      const { fake, deps } = setup('2026-11-22T02:13:30Z');
      const deployment = crashingDeployment();
      deployment.metadata.name = 'crashy';
      deployment.metadata.namespace = 'ro-crash-brief';
      deployment.status = {
        ...(deployment.status as object),
        conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'ReplicaSet "crashy-ffc74f7d9" is progressing.' }],
      };
      fake.on(getsWorkloads, ok(JSON.stringify(deployment)));
      fake.on(getsPods, fixture('rollout-status-crashloop-deploy-briefly-ready/05-get-pods-json'));
      fake.on(getsEvents, list([]));
      fake.on(['logs'], fail('Error from server (BadRequest): previous terminated container "app" in pod "crashy-ffc74f7d9-lb9c2" not found'));
      return (
        await waitForWorkloads(
          [{ kind: 'Deployment', namespace: 'ro-crash-brief', name: 'crashy' }],
          { timeoutSeconds: 6, ...(crashLoopRestarts ? { thresholds: { crashLoopRestarts } } : {}) },
          deps,
        )
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
      const { fake, clock, deps } = setup(new Date(Date.parse(event.lastTimestamp) - 1000).toISOString());
      fake.on(getsWorkloads, ok(JSON.stringify(sts)));
      fake.on(getsPods, list([]));
      fake.on(getsEvents, fixture(`${dir}/03-get-events-json`));
      const [result] = await waitForWorkloads(
        [{ kind: 'StatefulSet', namespace: sts.metadata.namespace, name: sts.metadata.name }],
        { timeoutSeconds: 300 },
        deps,
      );
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
    quiet.fake.on(getsWorkloads, ok(JSON.stringify(sts)));
    quiet.fake.on(getsPods, list([]));
    quiet.fake.on(getsEvents, fixture(`${dir}/03-get-events-json`));
    const [stale] = await waitForWorkloads([ref], { timeoutSeconds: 6, afterRollback: true }, quiet.deps);
    expect(stale).toMatchObject({ status: 'timed-out' });
    expect(stale?.diagnosis[0]).toMatchObject({ reason: 'FailedCreate', fatal: false });

    const repeated = setup(start);
    const events = JSON.parse(fixture(`${dir}/03-get-events-json`).stdout) as { items: { count: number }[] };
    let polls = 0;
    repeated.fake.on(getsWorkloads, ok(JSON.stringify(sts)));
    repeated.fake.on(getsPods, list([]));
    repeated.fake.on(getsEvents, () => {
      const again = structuredClone(events);
      if (polls++ > 0 && again.items[0]) again.items[0].count = event.count + 1;
      return ok(JSON.stringify(again));
    });
    const [failed] = await waitForWorkloads([ref], { timeoutSeconds: 300, afterRollback: true }, repeated.deps);
    expect(failed).toMatchObject({ status: 'failed', reason: 'FailedCreate' });
    expect(repeated.clock.elapsedSeconds).toBeLessThanOrEqual(4);
  });

  it('a FailedCreate event from before the wait began (an older, fixed spec) does not fail the rollout', async () => {
    const dir = 'sts-failedcreate-env-value-and-valuefrom';
    const sts = fixtureObjects(`${dir}/05-get-statefulset-json`)[0] as KubernetesObject;
    const { fake, deps } = setup('2026-11-22T02:10:00Z');
    fake.on(getsWorkloads, ok(JSON.stringify(sts)));
    fake.on(getsPods, list([]));
    fake.on(getsEvents, fixture(`${dir}/03-get-events-json`));
    const [result] = await waitForWorkloads([{ kind: 'StatefulSet', namespace: sts.metadata.namespace, name: 'broken-env' }], { timeoutSeconds: 6 }, deps);
    expect(result).toMatchObject({ status: 'timed-out', reason: 'LessReplicas' });
  });

  it("FailedCreate on the Deployment's new ReplicaSet fails it", async () => {
    const { fake, deps } = setup('2026-11-22T02:07:38Z');
    fake.on(getsWorkloads, ok(JSON.stringify(brokenImageDeployment())));
    fake.on(getsPods, list([]));
    fake.on(
      getsEvents,
      list([
        {
          involvedObject: { kind: 'ReplicaSet', name: 'web-6f959df8ff' },
          type: 'Warning',
          reason: 'FailedCreate',
          count: 3,
          firstTimestamp: '2026-11-22T02:07:39Z',
          lastTimestamp: '2026-11-22T02:07:39Z',
          message: 'Error creating: pods "web-6f959df8ff-x" is forbidden: exceeded quota: compute, requested: cpu=2, used: cpu=8, limited: cpu=8',
        },
        {
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
    const [result] = await waitForWorkloads([{ kind: 'Deployment', namespace: 'ro-broken-deploy', name: 'web' }], { timeoutSeconds: 300 }, deps);
    expect(result?.diagnosis).toHaveLength(1);
    expect(result?.diagnosis[0]?.message).toContain('ReplicaSet web-6f959df8ff: Error creating: pods "web-6f959df8ff-x" is forbidden: exceeded quota');
  });

  it('Deployment ProgressDeadlineExceeded fails on the first poll', async () => {
    const { fake, deps } = setup('2026-11-22T02:09:21Z');
    fake.on(getsWorkloads, fixture('rollout-status-progress-deadline-exceeded/03-get-deployment-json'));
    fake.on(getsPods, list([]));
    fake.on(getsEvents, list([]));
    const [result] = await waitForWorkloads([{ kind: 'Deployment', namespace: 'ro-deadline', name: 'web' }], { timeoutSeconds: 300 }, deps);
    expect(result).toMatchObject({ status: 'failed', reason: 'ProgressDeadlineExceeded', seconds: 0 });
    expect(result?.diagnosis[0]).toMatchObject({ message: 'ReplicaSet "web-6f959df8ff" has timed out progressing.', since: '2026-11-22T02:09:20Z' });
  });

  it('CreateContainerConfigError names the missing Secret key after its grace period', async () => {
    const { fake, deps } = setup('2026-11-22T02:07:50Z');
    const pods = fixtureObjects('rollout-status-broken-image-ds/04-get-pods-json').map(clone);
    const status = (pods[0]?.status as { containerStatuses: { state: unknown }[] }).containerStatuses[0] as { state: unknown };
    status.state = { waiting: { reason: 'CreateContainerConfigError', message: "couldn't find key password in Secret ro-broken-ds/db" } };
    fake.on(getsWorkloads, ok(JSON.stringify(brokenImageDaemonSet())));
    fake.on(getsPods, list(pods));
    fake.on(getsEvents, list([]));
    const [result] = await waitForWorkloads([{ kind: 'DaemonSet', namespace: 'ro-broken-ds', name: 'node-agent' }], { timeoutSeconds: 300 }, deps);
    expect(result).toMatchObject({ status: 'failed', reason: 'CreateContainerConfigError', seconds: 4 });
    expect(result?.message).toBe("couldn't find key password in Secret ro-broken-ds/db");
  });

  it('Unschedulable fails only past its grace period', async () => {
    const { fake, deps } = setup('2026-11-22T02:07:50Z');
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
    fake.on(getsWorkloads, ok(JSON.stringify(brokenImageDaemonSet())));
    fake.on(getsPods, list(pods));
    fake.on(getsEvents, list([]));
    const [result] = await waitForWorkloads(
      [{ kind: 'DaemonSet', namespace: 'ro-broken-ds', name: 'node-agent' }],
      { timeoutSeconds: 300, thresholds: { unschedulableGraceSeconds: 20 } },
      deps,
    );
    expect(result).toMatchObject({ status: 'failed', reason: 'FailedScheduling', seconds: 20 });
    expect(result?.message).toBe('0/3 nodes are available: 3 Insufficient memory.');
  });

  it('a PVC stuck Pending with ProvisioningFailed fails the StatefulSet that needs it', async () => {
    const { fake, deps } = setup('2026-11-22T02:07:50Z');
    const sts = stuckStatefulSet();
    sts.status = { observedGeneration: 2, replicas: 1, readyReplicas: 0, currentRevision: 'db-c9f9bfb65', updateRevision: 'db-c9f9bfb65' };
    fake.on(getsWorkloads, ok(JSON.stringify(sts)));
    fake.on(
      getsPods,
      list([{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data-db-0', labels: { app: 'db' } }, status: { phase: 'Pending' } }]),
    );
    fake.on(
      getsEvents,
      list([
        {
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
    const [result] = await waitForWorkloads([{ kind: 'StatefulSet', namespace: 'ro-broken-sts', name: 'db' }], { timeoutSeconds: 300 }, deps);
    expect(result).toMatchObject({ status: 'failed', reason: 'ProvisioningFailed' });
    expect(result?.message).toBe('PersistentVolumeClaim data-db-0 is Pending: storageclass.storage.k8s.io "fast" not found');
    expect(result?.seconds).toBeLessThanOrEqual(10);
  });

  it("gives up after repeated API errors with kubectl's message", async () => {
    const { fake, deps } = setup('2026-11-22T02:07:50Z');
    fake.on(getsWorkloads, fixture('apply-apiserver-down/get-pods--k132'));
    const [result] = await waitForWorkloads([{ kind: 'StatefulSet', namespace: 'x', name: 'db' }], { timeoutSeconds: 300 }, deps);
    expect(result).toMatchObject({ status: 'failed', reason: 'ApiError', seconds: 8 });
    expect(result?.message).toBe('The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?');
  });
});
