import { describe, expect, it } from 'vitest';
import { Kubectl } from '../../src/k8s/kubectl.js';
import { RecordingLogger } from '../../src/log.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { recordRelease } from '../../src/rollout/releases.js';
import { runRollout } from '../../src/rollout/rollout.js';
import { FakeKubectl, fixture, ok, type RecordedCall } from '../helpers/fake-kubectl.js';
import { eventsFromTable, FakeClock, list } from './helpers.js';
import { progressingDeployment, revertedStatefulSet, stuckStatefulSet } from './scenarios.js';

const STS_NS = 'ro-broken-sts';

/** A tiny in-memory cluster for the stuck-StatefulSet story: the answers change once `rollout undo` ran. */
function stuckStatefulSetCluster(options: { undo?: 'ok' | 'no-history'; before?: (fake: FakeKubectl) => void } = {}) {
  const fake = new FakeKubectl();
  options.before?.(fake);
  // No release is recorded: nothing tells k8sapp which revision was good, so it falls back to `rollout undo`.
  fake.on(['get', 'configmap/k8sapp-releases-dev'], ok(''));
  const clock = new FakeClock('2026-11-22T02:07:50Z');
  const logger = new RecordingLogger();
  let undone = false;
  let podDeleted = false;
  const pods = fixture('rollout-status-broken-image-sts/04-get-pods-json');
  const events = list(eventsFromTable('rollout-status-broken-image-sts/05-get-events', new Date('2026-11-22T02:08:20Z'), STS_NS));
  fake.on(['rollout', 'undo'], () => {
    if (options.undo === 'no-history') return fixture('rollout-undo-no-previous-revision-sts/02-rollout-undo');
    undone = true;
    return fixture('rollout-undo-sts/01-rollout-undo');
  });
  fake.on(['get', 'statefulset/db'], () => ok(JSON.stringify(!undone ? stuckStatefulSet() : revertedStatefulSet(podDeleted))));
  fake.on(['get', 'pods,persistentvolumeclaims'], pods);
  fake.on(['get', 'pods'], pods);
  fake.on(['get', 'events'], events);
  fake.on(['delete', 'pod/db-1'], () => {
    podDeleted = true;
    return ok('pod "db-1" deleted\n');
  });
  return { fake, clock, logger, deps: { kubectl: new Kubectl(fake.executor), clock, logger } };
}

const command = (call: RecordedCall) => call.args.join(' ');

describe('rollback', () => {
  it('stuck StatefulSet: undo, then delete only the pod on the bad revision, wait for the rollback, report rolled-back', async () => {
    const { fake, deps } = stuckStatefulSetCluster();
    const report = await runRollout(
      {
        environment: 'dev',
        workloads: [{ kind: 'StatefulSet', namespace: STS_NS, name: 'db' }],
        timeoutSeconds: 300,
        rollback: { mode: 'undo', services: { db: true } },
      },
      deps,
    );
    const commands = fake.calls.map(command);
    const undoAt = commands.indexOf(`rollout undo statefulset/db -n ${STS_NS}`);
    expect(undoAt).toBeGreaterThan(0);
    expect(commands.slice(undoAt)).toEqual([
      `rollout undo statefulset/db -n ${STS_NS}`,
      // wait for the controller to observe the reverted template
      `get statefulset/db -n ${STS_NS} -o json`,
      // the pods of the set, by its selector
      `get pods -n ${STS_NS} -l app=db -o json`,
      // db-1 is on the bad revision db-c9f9bfb65; db-0 (db-57bb9949) is left alone
      `delete pod/db-1 -n ${STS_NS} --wait=false`,
      // the rollback itself is waited for
      `get statefulset/db -n ${STS_NS} --ignore-not-found -o json`,
    ]);
    expect(fake.mutatingCalls().map(command)).toEqual([`rollout undo statefulset/db -n ${STS_NS}`, `delete pod/db-1 -n ${STS_NS} --wait=false`]);
    expect(commands.some((c) => /persistentvolumeclaim|pvc/.test(c) && c.startsWith('delete'))).toBe(false);
    expect(report.status).toBe('rolled-back');
    expect(report.workloads[0]).toMatchObject({ name: 'db', status: 'failed', reason: 'ImagePullBackOff' });
    expect(report.rollback).toMatchObject({
      mode: 'undo',
      status: 'succeeded',
      workloads: [{ kind: 'StatefulSet', name: 'db', action: 'undone', deletedPods: ['db-1'], status: 'succeeded' }],
    });
  });

  const noHistory: [string, string, string][] = [
    ['Deployment', 'web', 'rollout-undo-no-previous-revision-deploy/02-rollout-undo'],
    ['DaemonSet', 'node-agent', 'rollout-undo-no-previous-revision-ds/02-rollout-undo'],
    ['StatefulSet', 'db', 'rollout-undo-no-previous-revision-sts/02-rollout-undo'],
  ];
  for (const [kind, name, dir] of noHistory) {
    it(`first deployment of a ${kind}: says there is nothing to undo and fails`, async () => {
      const fake = new FakeKubectl();
      const clock = new FakeClock('2026-11-22T03:00:00Z');
      const deployment = progressingDeployment(name, 'ns1');
      deployment.kind = kind;
      fake.on(['rollout', 'undo'], fixture(dir));
      fake.on(['get', 'pods,persistentvolumeclaims'], list([]));
      fake.on(['get', 'events'], list([]));
      fake.on(['get'], ok(JSON.stringify({ ...deployment, status: { observedGeneration: 1 } })));
      const report = await runRollout(
        { environment: 'dev', workloads: [{ kind, namespace: 'ns1', name }], timeoutSeconds: 4, rollback: { mode: 'undo' } },
        { kubectl: new Kubectl(fake.executor), clock, logger: new RecordingLogger() },
      );
      expect(report.status).toBe('failed');
      expect(report.rollback.status).toBe('failed');
      const [entry] = report.rollback.workloads;
      expect(entry?.action).toBe('nothing-to-undo');
      expect(entry?.message).toContain('first deployment, there is no previous revision to roll back to');
      expect(entry?.message).toContain(fixture(dir).stderr.trim());
      expect(fake.mutatingCalls().map(command)).toEqual([`rollout undo ${kind.toLowerCase()}/${name} -n ns1`]);
    });
  }

  it('rolls back on a timeout and on a fail-fast only for services with rollback_on_failure', async () => {
    const fake = new FakeKubectl();
    const clock = new FakeClock('2026-11-22T02:09:21Z');
    const logger = new RecordingLogger();
    const deadline = JSON.parse(fixture('rollout-status-progress-deadline-exceeded/03-get-deployment-json').stdout) as KubernetesObject;
    const failFast = (name: string) => ({ ...deadline, metadata: { ...deadline.metadata, name, namespace: 'apps', labels: { app: name } } });
    const slow = (name: string) => {
      const d = progressingDeployment(name, 'apps');
      return d;
    };
    // postgres and redis fail fast (ProgressDeadlineExceeded); jaeger and api time out. Only postgres and jaeger roll back.
    fake.on(['get', 'pods,persistentvolumeclaims'], list([]));
    fake.on(['get', 'events'], list([]));
    fake.on(['rollout', 'undo'], (call) => ok(`deployment.apps/${call.args[2]?.split('/')[1]} rolled back\n`));
    let undone = 0;
    fake.on(
      (args) => args[0] === 'get',
      () => {
        undone = fake.calls.filter((c) => c.args[1] === 'undo').length;
        const items = [failFast('postgres'), failFast('redis'), slow('jaeger'), slow('api')];
        return list(undone ? items.map((item) => ({ ...item, ...readyDeploymentFor(item) })) : items);
      },
    );
    const report = await runRollout(
      {
        environment: 'prod',
        workloads: ['postgres', 'redis', 'jaeger', 'api'].map((name) => ({ kind: 'Deployment', namespace: 'apps', name })),
        timeoutSeconds: 10,
        rollback: { mode: 'undo', services: { postgres: true, redis: false, jaeger: true } },
      },
      { kubectl: new Kubectl(fake.executor), clock, logger },
    );
    expect(report.workloads.map((w) => [w.name, w.status])).toEqual([
      ['postgres', 'failed'],
      ['redis', 'failed'],
      ['jaeger', 'timed-out'],
      ['api', 'timed-out'],
    ]);
    expect(fake.mutatingCalls().map(command)).toEqual(['rollout undo deployment/postgres -n apps', 'rollout undo deployment/jaeger -n apps']);
    expect(report.rollback.workloads.map((w) => [w.name, w.action, w.status])).toEqual([
      ['postgres', 'undone', 'succeeded'],
      ['jaeger', 'undone', 'succeeded'],
    ]);
    expect(report.status).toBe('rolled-back');
    expect(logger.lines).toContain('Deployment/redis: not rolled back (rollback_on_failure is not set for service redis)');
    expect(undone).toBe(2);
  });

  it('never rolls back with rollback: never', async () => {
    const fake = new FakeKubectl();
    fake.on(['get'], fixture('rollout-status-progress-deadline-exceeded/03-get-deployment-json'));
    const report = await runRollout(
      { environment: 'dev', workloads: [{ kind: 'Deployment', namespace: 'ro-deadline', name: 'web' }], timeoutSeconds: 10, rollback: { mode: 'never' } },
      { kubectl: new Kubectl(fake.executor), clock: new FakeClock('2026-11-22T02:09:21Z'), logger: new RecordingLogger() },
    );
    expect(report.status).toBe('failed');
    expect(report.rollback).toEqual({ mode: 'never', workloads: [], status: 'none' });
    expect(fake.mutatingCalls()).toEqual([]);
  });

  it('release mode: re-applies the last good release (ConfigMap included) through the reapply seam, then forces the StatefulSet back', async () => {
    // A release store holding the good StatefulSet and its ConfigMap (rules registered before the cluster's).
    let stored = '';
    const { deps } = stuckStatefulSetCluster({
      before: (fake) => {
        fake.on(['get', 'configmap/k8sapp-releases-dev'], () => ok(stored));
        fake.on(['apply'], (call) => {
          stored = call.input ?? '';
          return ok('configmap/k8sapp-releases-dev serverside-applied\n');
        });
      },
    });
    const manifests = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db-config\n  namespace: ro-broken-sts\n  labels: {app: db}\ndata:\n  mode: good\n',
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n  namespace: ro-broken-sts\n  labels: {app: db}\nspec:\n  replicas: 2\n',
    ].join('---\n');
    await recordRelease({ environment: 'dev', sha: 'abc123', manifests, time: new Date('2026-11-20T10:00:00Z') }, deps);
    // Flip the stuck set to "reverted" once the release has been re-applied.
    const seen: string[] = [];
    const report = await runRollout(
      {
        environment: 'dev',
        workloads: [{ kind: 'StatefulSet', namespace: STS_NS, name: 'db' }],
        timeoutSeconds: 300,
        rollback: { mode: 'release', services: { db: true } },
      },
      {
        ...deps,
        reapply: async (text, { kubectl }) => {
          seen.push(text);
          // route the re-apply through the fake "rollout undo" to flip the cluster state, as a real apply would
          await kubectl.rolloutUndo('statefulset', 'db', { namespace: STS_NS });
          return { ok: true, message: 'applied' };
        },
      },
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain('"db-config"');
    expect(seen[0]).toContain('"mode":"good"');
    expect(report.rollback).toMatchObject({ mode: 'release', release: 1, status: 'succeeded' });
    expect(report.rollback.workloads[0]).toMatchObject({ action: 'reapplied', deletedPods: ['db-1'], status: 'succeeded' });
    expect(report.status).toBe('rolled-back');
  });
});

function readyDeploymentFor(item: KubernetesObject): Partial<KubernetesObject> {
  return {
    metadata: { ...item.metadata, generation: 1 },
    spec: { ...(item.spec as object), replicas: 2, progressDeadlineSeconds: 600 },
    status: {
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      conditions: [
        { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${item.metadata.name}-1" has successfully progressed.` },
      ],
    },
  };
}
