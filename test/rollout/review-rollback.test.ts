import { describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../src/log.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { forceStatefulSetRollback, rollbackWorkloads } from '../../src/rollout/rollback.js';
import { runRollout } from '../../src/rollout/rollout.js';
import type { WorkloadResult } from '../../src/rollout/types.js';
import { call, FakeKube, listOf, recordedItems } from '../helpers/fake-kube.js';
import { releaseStore } from './release-store.js';
import { answerWaits, clone, FakeClock, fixtureObjects, type WaitAnswers } from './helpers.js';
import { readyDeployment, revertedStatefulSet, stuckStatefulSet } from './scenarios.js';

/** A FakeKube with no release recorded; `waits` scripts the waiter's reads after the test's own rules. */
function deps(kube = new FakeKube(), waits: WaitAnswers = {}, start = '2026-11-22T03:00:00Z') {
  releaseStore(kube);
  answerWaits(kube, waits);
  return { kube, clock: new FakeClock(start), logger: new RecordingLogger() };
}
const writes = (kube: FakeKube) =>
  kube.calls.filter((c) => ['patch', 'delete', 'create', 'replace', 'apply'].includes(c.verb)).map((c) => `${c.verb} ${c.kind}/${c.name}`);
const REVISIONS = 'rollout-undo-revisions';

/** A Deployment that completed an earlier rollout and was only scaled up by this deploy; the new pods never get Ready. */
function scaledUpDeployment(): KubernetesObject {
  const web = readyDeployment('web', 'apps');
  (web.spec as Record<string, unknown>).replicas = 5;
  web.metadata.generation = 7;
  web.status = {
    observedGeneration: 7,
    replicas: 5,
    updatedReplicas: 5,
    readyReplicas: 2,
    availableReplicas: 2,
    unavailableReplicas: 3,
    conditions: [
      { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: 'ReplicaSet "web-5d4bcdbb9d" has successfully progressed.' },
    ],
  };
  return web;
}

describe('rollback must not revert a rollout this deploy did not make', () => {
  it('Deployment whose template did not change (scale-up that timed out): no `rollout undo`, reported nothing-to-undo', async () => {
    const kube = new FakeKube();
    const report = await runRollout(
      { environment: 'prod', workloads: [{ kind: 'Deployment', namespace: 'apps', name: 'web' }], timeoutSeconds: 6, rollback: { mode: 'undo' } },
      deps(kube, { workloads: [scaledUpDeployment()] }),
    );
    expect(report.workloads[0]?.status).toBe('timed-out');
    expect(writes(kube)).toEqual([]);
    expect(kube.of('list').filter((c) => c.kind === 'ReplicaSet')).toEqual([]); // not even the revisions were read
    expect(report.status).toBe('failed');
    expect(report.rollback.workloads[0]).toMatchObject({ action: 'nothing-to-undo', deletedPods: [] });
    expect(report.rollback.workloads[0]?.message).toContain('did not change in this deploy');
  });

  it('StatefulSet on one revision (currentRevision = updateRevision) with a pod not Ready: no undo, and no pod on the GOOD revision is deleted', async () => {
    const kube = new FakeKube();
    const sts = revertedStatefulSet(false); // currentRevision = updateRevision = db-57bb9949, 1/2 ready
    const report = await runRollout(
      { environment: 'prod', workloads: [{ kind: 'StatefulSet', namespace: 'ro-broken-sts', name: 'db' }], timeoutSeconds: 6, rollback: { mode: 'undo' } },
      deps(kube, { workloads: [sts] }),
    );
    expect(writes(kube)).toEqual([]);
    expect(kube.of('list').filter((c) => c.kind === 'ControllerRevision')).toEqual([]);
    expect(report.rollback.workloads[0]).toMatchObject({ action: 'nothing-to-undo', deletedPods: [] });
  });

  it('a workload that DID roll out (rollback after a failed post-deploy migration) is still undone', async () => {
    // Recorded: a Deployment whose revision 3 is live; undo goes back to an earlier ReplicaSet.
    const live = recordedItems(`${REVISIONS}/01-get-deployment-json`)[0] as KubernetesObject;
    const kube = new FakeKube();
    kube.on(call('get', { kind: 'Deployment', name: 'deployment' }), live);
    kube.on(call('list', { kind: 'ReplicaSet' }), listOf(recordedItems(`${REVISIONS}/02-get-replicasets-json`)));
    kube.on(call('patch', { kind: 'Deployment', name: 'deployment' }), live);
    const succeeded: WorkloadResult = {
      kind: 'Deployment',
      namespace: 'rollout-undo-revisions',
      name: 'deployment',
      status: 'succeeded',
      seconds: 3,
      reason: 'Available',
      message: '',
      ready: 1,
      desired: 1,
      diagnosis: [],
      live,
    };
    const report = await rollbackWorkloads(
      { mode: 'undo', environment: 'prod', workloads: [succeeded], wait: { timeoutSeconds: 6 } },
      deps(kube, { workloads: [readyDeployment('deployment', 'rollout-undo-revisions')] }),
    );
    expect(writes(kube)).toEqual(['patch Deployment/deployment']);
    expect(report.workloads[0]?.action).toBe('undone');
  });

  it('the revision to go back to already is the live template (kubectl: `skipped rollback`): no patch, no forced pod deletion, nothing-to-undo', async () => {
    const revisions = recordedItems(`${REVISIONS}/04-get-controllerrevisions-sts-json`);
    const previous = revisions.find((r) => r.revision === 2) as KubernetesObject;
    const live = clone(recordedItems(`${REVISIONS}/03-get-statefulset-json`)[0] as KubernetesObject);
    const { $patch: _p, ...template } = (previous.data as { spec: { template: Record<string, unknown> } }).spec.template;
    (live.spec as Record<string, unknown>).template = template;
    const kube = new FakeKube();
    kube.on(call('get', { kind: 'StatefulSet' }), live);
    kube.on(call('list', { kind: 'ControllerRevision' }), listOf(revisions));
    kube.on(call('list', { kind: 'Pod' }), listOf([]));
    const failed: WorkloadResult = {
      kind: 'StatefulSet',
      namespace: 'rollout-undo-revisions',
      name: 'statefulset',
      status: 'failed',
      seconds: 5,
      reason: 'ImagePullBackOff',
      message: '',
      ready: 0,
      desired: 1,
      diagnosis: [],
      live: stuckStatefulSet(),
    };
    const report = await rollbackWorkloads({ mode: 'undo', environment: 'prod', workloads: [failed], wait: { timeoutSeconds: 4 } }, deps(kube));
    expect(writes(kube)).toEqual([]);
    expect(report.workloads[0]).toMatchObject({ action: 'nothing-to-undo', deletedPods: [] });
    expect(report.workloads[0]?.message).toContain(
      'the previous revision equals the current one, nothing was rolled back (current template already matches revision 2)',
    );
    expect(report.status).toBe('failed');
  });
});

describe('StatefulSet forced rollback', () => {
  it('deletes only the bad-revision pods that are not Ready; a Ready one is left for the controller to roll back', async () => {
    const [good, stuck] = fixtureObjects('rollout-status-broken-image-sts/04-get-pods-json').map(clone) as [KubernetesObject, KubernetesObject];
    // db-2 already runs the bad revision and is Ready (the bad revision only breaks some pods).
    const readyBad = clone(good);
    readyBad.metadata.name = 'db-2';
    readyBad.metadata.labels = { ...readyBad.metadata.labels, 'controller-revision-hash': 'db-c9f9bfb65', 'statefulset.kubernetes.io/pod-name': 'db-2' };
    const sts = revertedStatefulSet(false);
    const kube = new FakeKube();
    kube.on(call('get', { kind: 'StatefulSet', name: 'db' }), sts);
    kube.on(call('list', { kind: 'Pod', namespace: 'ro-broken-sts' }), listOf([good, stuck, readyBad]));
    kube.on(call('delete', { kind: 'Pod' }), 'deleted');
    const result = await forceStatefulSetRollback({ kind: 'StatefulSet', namespace: 'ro-broken-sts', name: 'db' }, 'db-c9f9bfb65', deps(kube), 2);
    expect(result.deleted).toEqual(['db-1']);
    expect(kube.of('list')[0]?.options).toEqual({ labelSelector: 'app=db' });
    expect(writes(kube)).toEqual(['delete Pod/db-1']);
    expect(kube.of('delete')[0]).toMatchObject({ namespace: 'ro-broken-sts', options: { uid: stuck.metadata.uid } });
  });
});
