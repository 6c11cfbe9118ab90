import { describe, expect, it } from 'vitest';
import { Kubectl } from '../../src/k8s/kubectl.js';
import { RecordingLogger } from '../../src/log.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { forceStatefulSetRollback, rollbackWorkloads } from '../../src/rollout/rollback.js';
import { runRollout } from '../../src/rollout/rollout.js';
import type { WorkloadResult } from '../../src/rollout/types.js';
import { FakeKubectl, fixture, ok, type RecordedCall } from '../helpers/fake-kubectl.js';
import { clone, FakeClock, fixtureObjects, list } from './helpers.js';
import { readyDeployment, revertedStatefulSet, stuckStatefulSet } from './scenarios.js';

const command = (call: RecordedCall) => call.args.join(' ');

function deps(fake: FakeKubectl, start = '2026-11-22T03:00:00Z') {
  return { kubectl: new Kubectl(fake.executor), clock: new FakeClock(start), logger: new RecordingLogger() };
}

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
    const fake = new FakeKubectl();
    fake.on(['rollout', 'undo'], fixture('rollout-undo-deploy/01-rollout-undo'));
    fake.on(['get', 'pods,persistentvolumeclaims'], list([]));
    fake.on(['get', 'events'], list([]));
    fake.on(['get'], ok(JSON.stringify(scaledUpDeployment())));
    const report = await runRollout(
      { environment: 'prod', workloads: [{ kind: 'Deployment', namespace: 'apps', name: 'web' }], timeoutSeconds: 6, rollback: { mode: 'undo' } },
      deps(fake),
    );
    expect(report.workloads[0]?.status).toBe('timed-out');
    expect(fake.mutatingCalls()).toEqual([]);
    expect(report.status).toBe('failed');
    expect(report.rollback.workloads[0]).toMatchObject({ action: 'nothing-to-undo', deletedPods: [] });
    expect(report.rollback.workloads[0]?.message).toContain('did not change in this deploy');
  });

  it('StatefulSet on one revision (currentRevision = updateRevision) with a pod not Ready: no undo, and no pod on the GOOD revision is deleted', async () => {
    const fake = new FakeKubectl();
    const sts = revertedStatefulSet(false); // currentRevision = updateRevision = db-57bb9949, 1/2 ready
    fake.on(['rollout', 'undo'], fixture('rollout-undo-sts/01-rollout-undo'));
    fake.on(['get', 'pods,persistentvolumeclaims'], list([]));
    fake.on(['get', 'events'], list([]));
    fake.on(['get'], ok(JSON.stringify(sts)));
    const report = await runRollout(
      { environment: 'prod', workloads: [{ kind: 'StatefulSet', namespace: 'ro-broken-sts', name: 'db' }], timeoutSeconds: 6, rollback: { mode: 'undo' } },
      deps(fake),
    );
    expect(fake.mutatingCalls()).toEqual([]);
    expect(report.rollback.workloads[0]).toMatchObject({ action: 'nothing-to-undo', deletedPods: [] });
  });

  it('a workload that DID roll out (rollback after a failed post-deploy migration) is still undone', async () => {
    const fake = new FakeKubectl();
    fake.on(['rollout', 'undo'], fixture('rollout-undo-deploy/01-rollout-undo'));
    fake.on(['get'], fixture('apply-outputs/ssa--k132/07-o-json'));
    const live = fixtureObjects('apply-outputs/ssa--k132/07-o-json')[0] as KubernetesObject;
    const succeeded: WorkloadResult = {
      kind: 'Deployment',
      namespace: 'apply-out-ssa-k132',
      name: 'web',
      status: 'succeeded',
      seconds: 3,
      reason: 'Available',
      message: '',
      ready: 2,
      desired: 2,
      diagnosis: [],
      live,
    };
    const report = await rollbackWorkloads({ mode: 'undo', environment: 'prod', workloads: [succeeded], wait: { timeoutSeconds: 6 } }, deps(fake));
    expect(fake.mutatingCalls().map(command)).toEqual(['rollout undo deployment/web -n apply-out-ssa-k132']);
    expect(report.workloads[0]?.action).toBe('undone');
  });

  it('`skipped rollback (current template already matches …)` exits 0 but is not an undo: no forced pod deletion, reported nothing-to-undo', async () => {
    const fake = new FakeKubectl();
    fake.on(['rollout', 'undo'], ok('statefulset.apps/db skipped rollback (current template already matches revision 0)\n'));
    fake.on(['get'], ok(JSON.stringify(stuckStatefulSet())));
    fake.on(['delete'], ok('pod "db-1" deleted\n'));
    const live = stuckStatefulSet();
    const failed: WorkloadResult = {
      kind: 'StatefulSet',
      namespace: 'ro-broken-sts',
      name: 'db',
      status: 'failed',
      seconds: 5,
      reason: 'ImagePullBackOff',
      message: '',
      ready: 1,
      desired: 2,
      diagnosis: [],
      live,
    };
    const report = await rollbackWorkloads({ mode: 'undo', environment: 'prod', workloads: [failed], wait: { timeoutSeconds: 4 } }, deps(fake));
    expect(fake.mutatingCalls().map(command)).toEqual(['rollout undo statefulset/db -n ro-broken-sts']);
    expect(report.workloads[0]).toMatchObject({ action: 'nothing-to-undo', deletedPods: [] });
    expect(report.status).toBe('failed');
  });
});

describe('StatefulSet forced rollback', () => {
  it('deletes only the bad-revision pods that are not Ready; a Ready one is left for the controller to roll back', async () => {
    const fake = new FakeKubectl();
    const [good, stuck] = fixtureObjects('rollout-status-broken-image-sts/04-get-pods-json').map(clone) as [KubernetesObject, KubernetesObject];
    // db-2 already runs the bad revision and is Ready (the bad revision only breaks some pods).
    const readyBad = clone(good);
    readyBad.metadata.name = 'db-2';
    readyBad.metadata.labels = { ...readyBad.metadata.labels, 'controller-revision-hash': 'db-c9f9bfb65', 'statefulset.kubernetes.io/pod-name': 'db-2' };
    const sts = revertedStatefulSet(false);
    fake.on(['get', 'statefulset/db'], ok(JSON.stringify(sts)));
    fake.on(['get', 'pods'], list([good, stuck, readyBad]));
    fake.on(['delete'], (call) => ok(`pod "${call.args[1]}" deleted\n`));
    const result = await forceStatefulSetRollback({ kind: 'StatefulSet', namespace: 'ro-broken-sts', name: 'db' }, 'db-c9f9bfb65', deps(fake), 2);
    expect(result.deleted).toEqual(['db-1']);
    expect(fake.mutatingCalls().map(command)).toEqual(['delete pod/db-1 -n ro-broken-sts --wait=false']);
  });
});
