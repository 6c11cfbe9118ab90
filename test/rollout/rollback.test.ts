import { describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../src/log.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { recordRelease } from '../../src/rollout/releases.js';
import { runRollout } from '../../src/rollout/rollout.js';
import { call, FakeKube, listOf, recordedItems, type KubeCall } from '../helpers/fake-kube.js';
import { fixture } from '../helpers/fake-kubectl.js';
import { releaseStore } from './release-store.js';
import { answerWaits, eventsFromTable, FakeClock, fixtureObjects } from './helpers.js';
import { progressingDeployment, revertedStatefulSet, stuckStatefulSet } from './scenarios.js';

const STS_NS = 'ro-broken-sts';
const STS_UID = 'uid-db';

/** A revision of a StatefulSet/DaemonSet as the controller stores it: its template as a strategic-merge patch. */
function controllerRevision(owner: KubernetesObject, name: string, revision: number, image: string): KubernetesObject {
  const template = { metadata: { labels: { app: owner.metadata.name } }, spec: { containers: [{ name: owner.metadata.name, image }] } };
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: owner.metadata.namespace,
      labels: { app: owner.metadata.name },
      ownerReferences: [{ controller: true, uid: owner.metadata.uid }],
    },
    data: { spec: { template: { $patch: 'replace', ...template } } },
    revision,
  };
}

/** A Deployment's revision: a ReplicaSet it controls, with `available` pods. */
function replicaSet(owner: KubernetesObject, revision: number, image: string, available: number): KubernetesObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${owner.metadata.name}-r${revision}`,
      namespace: owner.metadata.namespace,
      annotations: { 'deployment.kubernetes.io/revision': String(revision) },
      ownerReferences: [{ controller: true, uid: owner.metadata.uid }],
    },
    spec: {
      template: { metadata: { labels: { app: owner.metadata.name, 'pod-template-hash': `h${revision}` } }, spec: { containers: [{ name: 'c', image }] } },
    },
    status: { availableReplicas: available },
  };
}

const withUid = (object: KubernetesObject, uid: string) => ({ ...object, metadata: { ...object.metadata, uid } });

/**
 * A tiny in-memory cluster for the stuck-StatefulSet story: the answers change once the undo patched it. The
 * rollback and the waiter read the same state.
 */
function stuckStatefulSetCluster(options: { undo?: 'ok' | 'no-history'; before?: (kube: FakeKube) => void } = {}) {
  const kube = new FakeKube();
  options.before?.(kube);
  // No release is recorded: nothing tells k8sapp which revision was good, so it falls back to the revisions.
  releaseStore(kube, { environment: 'dev' });
  const clock = new FakeClock('2026-11-22T02:07:50Z');
  const logger = new RecordingLogger();
  let undone = false;
  let podDeleted = false;
  const events = eventsFromTable('rollout-status-broken-image-sts/05-get-events', new Date('2026-11-22T02:08:20Z'), STS_NS);
  const live = () => withUid(!undone ? stuckStatefulSet() : revertedStatefulSet(podDeleted), STS_UID);
  const revisions =
    options.undo === 'no-history'
      ? [controllerRevision(live(), 'db-c9f9bfb65', 4, 'postgres:broken')]
      : [controllerRevision(live(), 'db-57bb9949', 3, 'postgres:16'), controllerRevision(live(), 'db-c9f9bfb65', 4, 'postgres:broken')];
  kube.on(call('get', { kind: 'StatefulSet', name: 'db' }), live);
  kube.on(call('list', { kind: 'ControllerRevision', namespace: STS_NS }), listOf(revisions));
  kube.on(call('list', { kind: 'Pod', namespace: STS_NS }), listOf(recordedItems('rollout-status-broken-image-sts/04-get-pods-json')));
  kube.on(call('patch', { kind: 'StatefulSet', name: 'db' }), () => {
    undone = true;
    return live();
  });
  kube.on(call('delete', { kind: 'Pod', name: 'db-1' }), () => {
    podDeleted = true;
    return 'deleted';
  });
  answerWaits(kube, { workloads: () => [live()], events });
  return { kube, clock, logger, flip: () => (undone = true), deps: { kube, clock, logger } };
}

const write = (c: KubeCall) => `${c.verb} ${c.kind}/${c.name}`;
const writes = (kube: FakeKube) =>
  kube.calls.filter((c) => ['patch', 'delete', 'create', 'replace', 'apply'].includes(c.verb) && c.kind !== 'ConfigMap').map(write);

describe('rollback', () => {
  it('stuck StatefulSet: undo, then delete only the pod on the bad revision, wait for the rollback, report rolled-back', async () => {
    const { kube, deps } = stuckStatefulSetCluster();
    const report = await runRollout(
      {
        environment: 'dev',
        workloads: [{ kind: 'StatefulSet', namespace: STS_NS, name: 'db' }],
        timeoutSeconds: 300,
        rollback: { mode: 'undo', services: { db: true } },
      },
      deps,
    );
    const rollbackCalls = kube.calls.slice(kube.calls.findIndex((c) => c.verb === 'get' && c.kind === 'StatefulSet'));
    expect(
      rollbackCalls.map(
        (c) =>
          `${c.verb} ${c.kind}${c.name ? `/${c.name}` : ''}${c.options?.labelSelector ? ` -l ${c.options.labelSelector as string}` : ''}${c.options?.fieldSelector ? ` --field-selector ${c.options.fieldSelector as string}` : ''}`,
      ),
    ).toEqual([
      // what `rollout undo` reads: the set, its ControllerRevisions and (for the Ready check) its pods, by its selector
      'get StatefulSet/db',
      'list ControllerRevision -l app=db',
      'list Pod -l app=db',
      // the previous revision (db-57bb9949, where db-0 is Ready) written back as kubectl does
      'patch StatefulSet/db',
      // wait for the controller to observe the reverted template
      'get StatefulSet/db',
      // the pods of the set, by its selector
      'list Pod -l app=db',
      // db-1 is on the bad revision db-c9f9bfb65; db-0 (db-57bb9949) is left alone
      'delete Pod/db-1',
      // the wait for the rollback: the set by name, then watched from that list (it is Ready at once)
      'list StatefulSet --field-selector metadata.name=db',
      'watch StatefulSet --field-selector metadata.name=db',
    ]);
    expect(kube.of('patch')[0]).toMatchObject({ namespace: STS_NS, options: { type: 'strategic', fieldManager: 'k8sapp-rollback' } });
    expect(JSON.stringify(kube.of('patch')[0]?.body)).toContain('postgres:16');
    expect(writes(kube)).toEqual(['patch StatefulSet/db', 'delete Pod/db-1']);
    expect(kube.calls.some((c) => c.verb === 'delete' && c.kind === 'PersistentVolumeClaim')).toBe(false);
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
    it(`first deployment of a ${kind}: says there is nothing to undo (kubectl's words) and fails`, async () => {
      const kube = new FakeKube();
      releaseStore(kube, { environment: 'dev' });
      const clock = new FakeClock('2026-11-22T03:00:00Z');
      const deployment = withUid(progressingDeployment(name, 'ns1'), `uid-${name}`);
      deployment.kind = kind;
      kube.on(call('get', { kind, name }), deployment);
      kube.on(call('list', { kind: 'ReplicaSet' }), listOf([replicaSet(deployment, 1, 'app:v1', 0)]));
      kube.on(call('list', { kind: 'ControllerRevision' }), listOf([controllerRevision(deployment, `${name}-1`, 1, 'app:v1')]));
      kube.on(call('list', { kind: 'Pod' }), listOf([]));
      answerWaits(kube, { workloads: [{ ...deployment, status: { observedGeneration: 1 } }] });
      const report = await runRollout(
        { environment: 'dev', workloads: [{ kind, namespace: 'ns1', name }], timeoutSeconds: 4, rollback: { mode: 'undo' } },
        { kube, clock, logger: new RecordingLogger() },
      );
      expect(report.status).toBe('failed');
      expect(report.rollback.status).toBe('failed');
      const [entry] = report.rollback.workloads;
      expect(entry?.action).toBe('nothing-to-undo');
      expect(entry?.message).toContain('first deployment, there is no previous revision to roll back to');
      // the same words kubectl 1.28 printed for this case (recorded), without its "error: " prefix
      expect(entry?.message).toContain(
        fixture(dir)
          .stderr.trim()
          .replace(/^error: /, ''),
      );
      expect(writes(kube)).toEqual([]);
    });
  }

  it('rolls back on a timeout and on a fail-fast only for services with rollback_on_failure', async () => {
    const clock = new FakeClock('2026-11-22T02:09:21Z');
    const logger = new RecordingLogger();
    const deadline = JSON.parse(fixture('rollout-status-progress-deadline-exceeded/03-get-deployment-json').stdout) as KubernetesObject;
    const failFast = (name: string) => ({ ...deadline, metadata: { ...deadline.metadata, name, namespace: 'apps', labels: { app: name } } });
    const slow = (name: string) => {
      const d = progressingDeployment(name, 'apps');
      return d;
    };
    // postgres and redis fail fast (ProgressDeadlineExceeded); jaeger and api time out. Only postgres and jaeger roll back.
    const kube = new FakeKube();
    releaseStore(kube);
    const names = ['postgres', 'redis', 'jaeger', 'api'];
    const withIds = (items: KubernetesObject[]) => items.map((item) => withUid(item, `uid-${item.metadata.name}`));
    const allReplicaSets: KubernetesObject[] = [];
    for (const name of names) {
      const owner = withUid(slow(name), `uid-${name}`);
      kube.on(call('get', { kind: 'Deployment', name }), () => withIds([name === 'postgres' || name === 'redis' ? failFast(name) : slow(name)])[0]);
      allReplicaSets.push(replicaSet(owner, 1, `${name}:good`, 2), replicaSet(owner, 2, `${name}:bad`, 0));
      kube.on(call('patch', { kind: 'Deployment', name }), owner);
    }
    // The scenario's Deployments share one selector: ownership (uid) tells whose ReplicaSets they are.
    kube.on(call('list', { kind: 'ReplicaSet', namespace: 'apps' }), listOf(allReplicaSets));
    let undone = 0;
    answerWaits(kube, {
      workloads: () => {
        undone = kube.of('patch').length;
        const items = [failFast('postgres'), failFast('redis'), slow('jaeger'), slow('api')];
        return undone ? items.map((item) => ({ ...item, ...readyDeploymentFor(item) })) : items;
      },
    });
    const report = await runRollout(
      {
        environment: 'prod',
        workloads: names.map((name) => ({ kind: 'Deployment', namespace: 'apps', name })),
        timeoutSeconds: 10,
        rollback: { mode: 'undo', services: { postgres: true, redis: false, jaeger: true } },
      },
      { kube, clock, logger },
    );
    expect(report.workloads.map((w) => [w.name, w.status])).toEqual([
      ['postgres', 'failed'],
      ['redis', 'failed'],
      ['jaeger', 'timed-out'],
      ['api', 'timed-out'],
    ]);
    expect(writes(kube)).toEqual(['patch Deployment/postgres', 'patch Deployment/jaeger']);
    expect(kube.of('patch').map((c) => (c.body as { value: { spec: { containers: { image: string }[] } } }[])[0]?.value.spec.containers[0]?.image)).toEqual([
      'postgres:good',
      'jaeger:good',
    ]);
    expect(report.rollback.workloads.map((w) => [w.name, w.action, w.status])).toEqual([
      ['postgres', 'undone', 'succeeded'],
      ['jaeger', 'undone', 'succeeded'],
    ]);
    expect(report.status).toBe('rolled-back');
    expect(logger.lines).toContain('Deployment/redis: not rolled back (rollback_on_failure is not set for service redis)');
    expect(undone).toBe(2);
  });

  it('never rolls back with rollback: never', async () => {
    const kube = answerWaits(new FakeKube(), { workloads: fixtureObjects('rollout-status-progress-deadline-exceeded/03-get-deployment-json') });
    const report = await runRollout(
      { environment: 'dev', workloads: [{ kind: 'Deployment', namespace: 'ro-deadline', name: 'web' }], timeoutSeconds: 10, rollback: { mode: 'never' } },
      { kube, clock: new FakeClock('2026-11-22T02:09:21Z'), logger: new RecordingLogger() },
    );
    expect(report.status).toBe('failed');
    expect(report.rollback).toEqual({ mode: 'never', workloads: [], status: 'none' });
    // Only the wait's reads: nothing written, not even the revisions read.
    expect(new Set(kube.calls.map((c) => c.verb))).toEqual(new Set(['list', 'watch']));
    expect(kube.calls.filter((c) => c.kind === 'ReplicaSet' || c.kind === 'ControllerRevision')).toEqual([]);
  });

  it('release mode: re-applies the last good release (ConfigMap included) through the reapply seam, then forces the StatefulSet back', async () => {
    const { deps, flip } = stuckStatefulSetCluster();
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
        reapply: (text) => {
          seen.push(text);
          // the re-applied release puts the good template back, as a real apply would
          flip();
          return Promise.resolve({ ok: true, message: 'applied' });
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
