import { describe, expect, it } from 'vitest';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { call, listOf, recordedItems } from '../helpers/fake-kube.js';
import { clone, eventsFromTable, fixtureObjects, listsEvents, listsPods, listsWorkloads, waitSetup } from './helpers.js';
import { brokenImageDaemonSet, brokenImageDeployment, crashingDeployment } from './scenarios.js';

const setup = waitSetup;

/** The crashing `crashy` pod of rollout-status-crashloop-deploy (ReplicaSet crashy-7445ffbc6d, restarts 2). */
const crashingPods = () => recordedItems('rollout-status-crashloop-deploy/05-get-pods-json');

/** `crashy` after a fix was applied: the controller names a new ReplicaSet that has no pod yet. */
function fixedCrashyDeployment(newHash = '5c9f7d8b6f'): KubernetesObject {
  const deployment = crashingDeployment();
  deployment.metadata.generation = 2;
  deployment.status = {
    observedGeneration: 2,
    replicas: 2,
    updatedReplicas: 1,
    unavailableReplicas: 2,
    conditions: [{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "crashy-${newHash}"` }],
  };
  return deployment;
}

describe('fail-fast must not blame pods of an older revision', () => {
  it('a crash-looping pod of the OLD ReplicaSet does not fail a rolling update whose new pods do not exist yet', async () => {
    const { fake, wait } = setup('2026-11-22T02:13:20Z');
    fake.on(listsWorkloads, listOf([fixedCrashyDeployment()]));
    fake.on(listsPods, listOf(crashingPods()));
    fake.on(listsEvents, listOf([]));
    fake.on(call('logs'), 'old version crashing\n');
    const [result] = await wait([{ kind: 'Deployment', namespace: 'ro-crash-1', name: 'crashy' }], { timeoutSeconds: 6 });
    expect(result?.status).toBe('timed-out');
    expect(result?.diagnosis.some((row) => row.pod === 'crashy-7445ffbc6d-g42pg')).toBe(false);
  });

  it('before the controller observed the applied generation, the revision it names is the old one: its pods are not fatal', async () => {
    const { fake, wait } = setup('2026-11-22T02:13:20Z');
    const deployment = crashingDeployment(); // Progressing names crashy-7445ffbc6d, the crashing (old) ReplicaSet
    deployment.metadata.generation = 3;
    (deployment.status as Record<string, unknown>).observedGeneration = 2;
    fake.on(listsWorkloads, listOf([deployment]));
    fake.on(listsPods, listOf(crashingPods()));
    fake.on(listsEvents, listOf([]));
    fake.on(call('logs'), 'old version crashing\n');
    const [result] = await wait([{ kind: 'Deployment', namespace: 'ro-crash-1', name: 'crashy' }], { timeoutSeconds: 6 });
    expect(result).toMatchObject({ status: 'timed-out', reason: 'LatestGenerationNotObserved' });
    expect(result?.diagnosis.find((row) => row.reason === 'CrashLoopBackOff')).toMatchObject({ fatal: false });
  });

  it('DaemonSet: an old-generation pod that cannot pull does not fail the new generation before its pods exist', async () => {
    const { fake, wait } = setup('2026-11-22T02:07:50Z');
    const ds = brokenImageDaemonSet();
    ds.metadata.generation = 3; // the fix; pods of generation 2 (busybox:broken) are still there
    (ds.status as Record<string, unknown>).observedGeneration = 3;
    (ds.status as Record<string, unknown>).updatedNumberScheduled = 0;
    fake.on(listsWorkloads, listOf([ds]));
    fake.on(listsPods, listOf(recordedItems('rollout-status-broken-image-ds/04-get-pods-json')));
    fake.on(listsEvents, listOf(eventsFromTable('rollout-status-broken-image-ds/05-get-events', new Date('2026-11-22T02:08:20Z'), 'ro-broken-ds')));
    const [result] = await wait([{ kind: 'DaemonSet', namespace: 'ro-broken-ds', name: 'node-agent' }], { timeoutSeconds: 8 });
    expect(result).toMatchObject({ status: 'timed-out', reason: 'LessUpdated' });
  });

  it('a pod another controller owns (broad selector) never fails the workload', async () => {
    const { fake, wait } = setup('2026-11-22T02:13:20Z');
    const deployment = fixedCrashyDeployment();
    (deployment.status as Record<string, unknown>).conditions = []; // no Progressing: the revision cannot be told
    const pods = { items: crashingPods() };
    const stranger = pods.items[0] as KubernetesObject;
    (stranger.metadata as Record<string, unknown>).ownerReferences = [
      { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'crashy-db', controller: true, uid: 'x' },
    ];
    fake.on(listsWorkloads, listOf([deployment]));
    fake.on(listsPods, listOf(pods.items));
    fake.on(listsEvents, listOf([]));
    const [result] = await wait([{ kind: 'Deployment', namespace: 'ro-crash-1', name: 'crashy' }], { timeoutSeconds: 6 });
    expect(result?.status).toBe('timed-out');
    expect(result?.diagnosis.some((row) => row.pod === stranger.metadata.name)).toBe(false);
  });
});

describe('fail-fast must not fire on retryable signals', () => {
  /** The broken-image Deployment, its pod's pull failing with `message` instead of NotFound. */
  async function pullFailing(message: string, timeoutSeconds: number) {
    const { fake, wait } = setup('2026-11-22T02:07:38Z');
    const events = eventsFromTable('rollout-status-broken-image-deploy/05-get-events', new Date('2026-11-22T02:07:40Z'), 'ro-broken-deploy');
    for (const event of events as unknown as { message: string }[]) if (event.message.startsWith('Failed to pull image')) event.message = message;
    fake.on(listsWorkloads, listOf([brokenImageDeployment()]));
    fake.on(listsPods, listOf(recordedItems('rollout-status-broken-image-deploy/04-get-pods-json')));
    fake.on(listsEvents, listOf(events));
    return (await wait([{ kind: 'Deployment', namespace: 'ro-broken-deploy', name: 'web' }], { timeoutSeconds }))[0];
  }

  it('a registry blip (503 / 429) is not fatal after 4 s; it is after the retry grace period', async () => {
    const blip =
      'Failed to pull image "nginx:1.27": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginx:1.27": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/nginx/manifests/sha256:abc: 503 Service Unavailable';
    const early = await pullFailing(blip, 30);
    expect(early?.status).toBe('timed-out');
    expect(early?.diagnosis[0]).toMatchObject({ reason: 'ImagePullBackOff', fatal: false });
    const late = await pullFailing(blip, 300);
    expect(late).toMatchObject({ status: 'failed', reason: 'ImagePullBackOff' });
    expect(late?.seconds).toBeGreaterThanOrEqual(90);
    const rateLimited = await pullFailing(
      'Failed to pull image "nginx:1.27": rpc error: code = Unknown desc = failed to pull and unpack image: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit.',
      30,
    );
    expect(rateLimited?.status).toBe('timed-out');
  });

  it('a tag that does not exist still fails within seconds', async () => {
    const result = await pullFailing(
      'Failed to pull image "nginx:nope": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found',
      300,
    );
    expect(result).toMatchObject({ status: 'failed', reason: 'ImagePullBackOff' });
    expect(result?.seconds).toBeLessThanOrEqual(10);
  });

  it('Job: a crash-looping pod (restartPolicy OnFailure) is a retry counted by backoffLimit, not a fail-fast', async () => {
    const { fake, wait } = setup('2026-11-22T02:13:20Z');
    const job: KubernetesObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate', namespace: 'ro-crash-1', generation: 1, uid: 'job-uid' },
      spec: { backoffLimit: 6, completions: 1, parallelism: 1, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'job-uid' } } },
      status: { active: 1, startTime: '2026-11-22T02:12:00Z' },
    };
    const pods = { items: crashingPods() }.items.map(clone);
    const pod = pods[0] as KubernetesObject;
    pod.metadata.labels = { 'batch.kubernetes.io/controller-uid': 'job-uid', 'job-name': 'migrate' };
    (pod.metadata as Record<string, unknown>).ownerReferences = [{ apiVersion: 'batch/v1', kind: 'Job', name: 'migrate', controller: true, uid: 'job-uid' }];
    fake.on(listsWorkloads, listOf([job]));
    fake.on(listsPods, listOf(pods));
    fake.on(listsEvents, listOf([]));
    const [result] = await wait([{ kind: 'Job', namespace: 'ro-crash-1', name: 'migrate' }], { timeoutSeconds: 6 });
    expect(result?.status).toBe('timed-out');
    expect(result?.diagnosis.find((row) => row.reason === 'CrashLoopBackOff')).toMatchObject({ fatal: false, restarts: 2 });
  });

  it('a ProgressDeadlineExceeded left from an EARLIER rollout (revert to an existing ReplicaSet) does not fail the new one', async () => {
    // The controller keeps the old condition until the reverted ReplicaSet makes progress; here it becomes ready at 6 s.
    const { fake, clock, wait } = setup('2026-11-22T02:30:00Z');
    const stale = fixtureObjects('rollout-status-progress-deadline-exceeded/03-get-deployment-json')[0] as KubernetesObject;
    stale.metadata.generation = 2;
    (stale.status as Record<string, unknown>).observedGeneration = 2;
    const ready = clone(fixtureObjects('apply-outputs/ssa--k132/07-o-json')[0] as KubernetesObject);
    fake.on(listsWorkloads, () =>
      listOf([clock.elapsedSeconds >= 6 ? { ...ready, metadata: stale.metadata, status: { ...(ready.status as object), observedGeneration: 2 } } : stale]),
    );
    fake.on(listsPods, listOf([]));
    fake.on(listsEvents, listOf([]));
    const [result] = await wait([{ kind: 'Deployment', namespace: 'ro-deadline', name: 'web' }], { timeoutSeconds: 60 });
    expect(result).toMatchObject({ status: 'succeeded', seconds: 6 });
  });
});

describe('credentials an application prints never reach the diagnosis', () => {
  const LOG = [
    'connecting to postgres://app:S3cr3t-Pw!@postgres.db:5432/app',
    'config: {"POSTGRES_PASSWORD": "hunter2-value", "mode": "prod"}',
    'env API_TOKEN=tok_live_abcdef123456 LOG_LEVEL=debug',
    'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig',
    '-----BEGIN RSA PRIVATE KEY-----',
    'MIIEowIBAAKCAQEAsecretkeymaterial',
    '-----END RSA PRIVATE KEY-----',
    'fatal: cannot connect',
  ].join('\n');
  const SECRETS = ['S3cr3t-Pw!', 'hunter2-value', 'tok_live_abcdef123456', 'eyJhbGciOiJIUzI1NiJ9.payload.sig', 'secretkeymaterial'];

  it('CrashLoopBackOff: previous-container log lines and the termination message are masked, the rest kept', async () => {
    const { fake, wait } = setup('2026-11-22T02:13:20Z');
    const pods = { items: crashingPods() }.items.map(clone);
    const status = (pods[0]?.status as { containerStatuses: { lastState: { terminated: Record<string, unknown> } }[] }).containerStatuses[0];
    if (status) status.lastState.terminated.message = 'DB_PASSWORD=hunter2-value rejected';
    fake.on(listsWorkloads, listOf([crashingDeployment()]));
    fake.on(listsPods, listOf(pods));
    fake.on(listsEvents, listOf([]));
    fake.on(call('logs'), `${LOG}\n`);
    const [result] = await wait([{ kind: 'Deployment', namespace: 'ro-crash-1', name: 'crashy' }], { timeoutSeconds: 60 });
    expect(result).toMatchObject({ status: 'failed', reason: 'CrashLoopBackOff' });
    const text = JSON.stringify(result?.diagnosis) + (result?.message ?? '');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(result?.diagnosis[0]?.logs).toContain('fatal: cannot connect');
    expect(result?.diagnosis[0]?.logs?.[0]).toBe('connecting to postgres://app:***@postgres.db:5432/app');
    expect(result?.diagnosis[0]?.logs?.[2]).toBe('env API_TOKEN=*** LOG_LEVEL=debug');
  });
});

describe('a stale ProgressDeadlineExceeded', () => {
  it('still fails once the controller had its progressDeadlineSeconds in this wait without progress', async () => {
    const { fake, wait } = setup('2026-11-22T02:30:00Z');
    const stale = fixtureObjects('rollout-status-progress-deadline-exceeded/03-get-deployment-json')[0] as KubernetesObject; // progressDeadlineSeconds: 10
    fake.on(listsWorkloads, listOf([stale]));
    fake.on(listsPods, listOf([]));
    fake.on(listsEvents, listOf([]));
    const [result] = await wait([{ kind: 'Deployment', namespace: 'ro-deadline', name: 'web' }], { timeoutSeconds: 300 });
    expect(result).toMatchObject({ status: 'failed', reason: 'ProgressDeadlineExceeded', seconds: 10 });
  });
});
