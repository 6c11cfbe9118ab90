import { describe, expect, it } from 'vitest';
import { computeStatus } from '../../src/rollout/status.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { clone, fixtureObjects, fixtureYamlObjects } from './helpers.js';

const named = (objects: KubernetesObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name) as KubernetesObject;

describe('status rules on recorded objects', () => {
  it('Deployment: available and NewReplicaSetAvailable is Current', () => {
    const web = fixtureObjects('apply-outputs/ssa--k132/07-o-json')[0] as KubernetesObject;
    expect(computeStatus(web)).toMatchObject({ state: 'Current', ready: 2, desired: 2 });
    const multi = fixtureObjects('apply-outputs/ssa--k132/08-o-json-multi');
    expect(computeStatus(named(multi, 'Deployment', 'worker')).state).toBe('Current');
    expect(computeStatus(named(multi, 'Deployment', 'api')).state).toBe('Current');
  });

  it('Deployment mid-rollout (3 replicas, 1 updated) is InProgress', () => {
    const web = fixtureObjects('apply-outputs/csa--k132/07-o-json')[0] as KubernetesObject;
    const status = computeStatus(web);
    expect(status.state).toBe('InProgress');
    expect(['LessUpdated', 'ExtraPods']).toContain(status.reason);
  });

  it('Deployment without available pods is InProgress', () => {
    const [api] = fixtureYamlObjects('deploy-selector/ssa--kdefault/live-after.yaml');
    expect(computeStatus(api)).toMatchObject({ state: 'InProgress', reason: 'LessAvailable', message: 'Available: 0/1' });
  });

  it('Deployment ProgressDeadlineExceeded is Failed with the controller message', () => {
    const web = fixtureObjects('rollout-status-progress-deadline-exceeded/03-get-deployment-json')[0] as KubernetesObject;
    expect(computeStatus(web)).toMatchObject({
      state: 'Failed',
      reason: 'ProgressDeadlineExceeded',
      message: 'ReplicaSet "web-6f959df8ff" has timed out progressing.',
    });
  });

  it('observedGeneration lag wins over everything else', () => {
    const web = clone(fixtureObjects('apply-outputs/ssa--k132/07-o-json')[0] as KubernetesObject);
    web.metadata.generation = 4;
    expect(computeStatus(web)).toMatchObject({ state: 'InProgress', reason: 'LatestGenerationNotObserved' });
  });

  it('StatefulSet: all ready with equal revisions is Current; not ready is InProgress', () => {
    const multi = fixtureObjects('apply-outputs/ssa--k132/08-o-json-multi');
    expect(computeStatus(named(multi, 'StatefulSet', 'cache')).state).toBe('Current');
    expect(computeStatus(named(multi, 'StatefulSet', 'web'))).toMatchObject({ state: 'InProgress', reason: 'LessReady', ready: 0, desired: 1 });
  });

  it('StatefulSet that cannot create its pod (FailedCreate fixtures) is InProgress with 0/1 replicas', () => {
    for (const dir of ['sts-failedcreate-env-value-and-valuefrom', 'sts-failedcreate-missing-serviceaccount', 'sts-failedcreate-podsecurity-restricted']) {
      const sts = fixtureObjects(`${dir}/05-get-statefulset-json`)[0] as KubernetesObject;
      expect(computeStatus(sts)).toMatchObject({ state: 'InProgress', reason: 'LessReplicas', message: 'Replicas: 0/1' });
    }
  });

  it('StatefulSet: revision mismatch is InProgress without a partition; a partition is honoured', () => {
    const cache = clone(named(fixtureObjects('apply-outputs/ssa--k132/08-o-json-multi'), 'StatefulSet', 'cache'));
    (cache.status as Record<string, unknown>).updateRevision = 'cache-newrev';
    expect(computeStatus(cache)).toMatchObject({ state: 'InProgress', reason: 'RevisionMismatch' });

    const partitioned = clone(cache);
    Object.assign(partitioned.spec as object, { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } });
    Object.assign(partitioned.status as object, { replicas: 3, readyReplicas: 3, updatedReplicas: 1 });
    expect(computeStatus(partitioned)).toMatchObject({ state: 'Current', reason: 'PartitionRolloutComplete' });
    Object.assign(partitioned.status as object, { updatedReplicas: 0 });
    expect(computeStatus(partitioned)).toMatchObject({ state: 'InProgress', reason: 'PartitionRollout' });
  });

  it('StatefulSet with OnDelete: revisions are user-managed, but its pods must still exist and be Ready', () => {
    const web = clone(named(fixtureObjects('apply-outputs/ssa--k132/08-o-json-multi'), 'StatefulSet', 'web'));
    (web.spec as Record<string, unknown>).updateStrategy = { type: 'OnDelete' };
    expect(computeStatus(web)).toMatchObject({ state: 'InProgress', reason: 'LessReady', ready: 0, desired: 1 });
    const cache = clone(named(fixtureObjects('apply-outputs/ssa--k132/08-o-json-multi'), 'StatefulSet', 'cache'));
    (cache.spec as Record<string, unknown>).updateStrategy = { type: 'OnDelete' };
    (cache.status as Record<string, unknown>).updateRevision = 'cache-newrev'; // pods not yet deleted by the user
    expect(computeStatus(cache)).toMatchObject({ state: 'Current', reason: 'OnDelete' });
  });

  it('DaemonSet: desired/updated/available/ready, and generation must be observed', () => {
    const [ds] = fixtureYamlObjects('rollout-undo-no-previous-revision-ds/v1.yaml');
    const live = clone(ds) as KubernetesObject;
    live.metadata.generation = 2;
    expect(computeStatus(live)).toMatchObject({ state: 'InProgress', reason: 'NoObservedGeneration' });
    live.status = {
      observedGeneration: 2,
      desiredNumberScheduled: 1,
      currentNumberScheduled: 1,
      updatedNumberScheduled: 1,
      numberAvailable: 0,
      numberReady: 0,
    };
    expect(computeStatus(live)).toMatchObject({ state: 'InProgress', reason: 'LessAvailable', ready: 0, desired: 1 });
    Object.assign(live.status as object, { numberAvailable: 1, numberReady: 1 });
    expect(computeStatus(live)).toMatchObject({ state: 'Current', ready: 1, desired: 1 });
  });

  it('Job: Flux rule — running is InProgress (not Current as upstream kstatus says), Complete=True is Current, Failed=True is Failed', () => {
    const [job] = fixtureYamlObjects('job-completions/ssa--kdefault/live-after.yaml');
    expect(computeStatus(job)).toMatchObject({ state: 'InProgress', reason: 'JobInProgress' });
    const done = clone(job) as KubernetesObject;
    done.status = { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] };
    expect(computeStatus(done).state).toBe('Current');
    const failed = clone(job) as KubernetesObject;
    failed.status = {
      failed: 7,
      conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }],
    };
    expect(computeStatus(failed)).toMatchObject({ state: 'Failed', reason: 'JobFailed' });
    expect(computeStatus(failed).message).toContain('BackoffLimitExceeded');
  });

  it('PVC: Bound is Current, Pending is InProgress; a missing object is NotFound', () => {
    const [bound] = fixtureYamlObjects('pvc-shrink-bound/ssa--kdefault/live-after.yaml');
    const [pending] = fixtureYamlObjects('pvc-grow-unbound/ssa--kdefault/live-after.yaml');
    expect(computeStatus(bound).state).toBe('Current');
    expect(computeStatus(pending)).toMatchObject({ state: 'InProgress', reason: 'NotBound' });
    expect(computeStatus(undefined).state).toBe('NotFound');
  });

  it('an object being deleted is Terminating', () => {
    const web = clone(fixtureObjects('apply-outputs/ssa--k132/07-o-json')[0] as KubernetesObject);
    web.metadata.deletionTimestamp = '2026-11-22T02:20:00Z';
    expect(computeStatus(web).state).toBe('Terminating');
  });
});
