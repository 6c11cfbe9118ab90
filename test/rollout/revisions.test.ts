import { describe, expect, it } from 'vitest';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { RecordingLogger } from '../../src/log.js';
import { rollbackWorkloads } from '../../src/rollout/rollback.js';
import { chooseRevision, controllerRevisions, deploymentUndoPatch, replicaSetRevisions } from '../../src/rollout/revisions.js';
import type { WorkloadResult } from '../../src/rollout/types.js';
import { call, FakeKube, listOf, recordedItems } from '../helpers/fake-kube.js';
import { answerWaits, clone, FakeClock } from './helpers.js';

// Recorded live (test/fixtures/kubernetes/rollout-undo-revisions): good v1, then two broken deploys (v2, v3).
const CASE = 'rollout-undo-revisions';
const NS = 'rollout-undo-revisions';
const one = (dir: string) => recordedItems(`${CASE}/${dir}`)[0] as KubernetesObject;
const deployment = one('01-get-deployment-json');
const replicaSets = recordedItems(`${CASE}/02-get-replicasets-json`);
const statefulSet = one('03-get-statefulset-json');
const stsRevisions = recordedItems(`${CASE}/04-get-controllerrevisions-sts-json`);
const daemonSet = one('05-get-daemonset-json');
const dsRevisions = recordedItems(`${CASE}/06-get-controllerrevisions-ds-json`);
const stsPods = recordedItems(`${CASE}/07-get-pods-statefulset-json`);
const imageOf = (template: unknown) => (template as { spec: { containers: { image: string }[] } }).spec.containers[0]?.image;
const templateOf = (object: KubernetesObject) => (object.spec as { template: unknown }).template;
const noneReady = (items: KubernetesObject[]) => items.map((rs) => ({ ...clone(rs), status: { ...(rs.status as object), availableReplicas: 0 } }));

function cluster(answers: { replicaSets?: KubernetesObject[]; revisions?: KubernetesObject[]; pods?: KubernetesObject[] }) {
  const fake = new FakeKube();
  fake.on(call('list', { kind: 'ReplicaSet', namespace: NS }), listOf(answers.replicaSets ?? []));
  fake.on(call('list', { kind: 'ControllerRevision', namespace: NS }), listOf(answers.revisions ?? []));
  fake.on(call('list', { kind: 'Pod', namespace: NS }), listOf(answers.pods ?? []));
  return fake;
}

describe('revisions as kubectl rollout undo reads them', () => {
  it("a Deployment's revisions are the ReplicaSets it controls, listed by its selector; the one whose pods are Ready is chosen over the previous (bad) one", async () => {
    const fake = cluster({ replicaSets: replicaSets });
    const revisions = await replicaSetRevisions(deployment, fake);
    expect(fake.of('list')[0]).toMatchObject({ kind: 'ReplicaSet', namespace: NS, options: { labelSelector: 'app=deployment' } });
    expect(revisions.map((r) => [r.number, imageOf(r.template), r.readyPods]).sort()).toEqual([
      [1, 'busybox:1.36', 1],
      [2, 'busybox:1.36-broken', 0],
      [3, 'busybox:1.37-broken', 0],
    ]);
    // kubectl would go to revision 2 (the first broken deploy); the pods of revision 1 are the ones serving.
    const choice = chooseRevision('Deployment', 'deployment', revisions, templateOf(deployment));
    expect(choice).toMatchObject({ found: 'revision', revision: { number: 1 } });
    expect(choice.why).toBe('revision 1 (deployment-78bbfb7c77), whose pods are Ready');
    // The template goes back without the ReplicaSet's pod-template-hash label.
    expect((choice.found === 'revision' && (choice.revision.template as { metadata: { labels: object } }).metadata.labels) || {}).toEqual({
      app: 'deployment',
    });
  });

  it('with no pods Ready anywhere: the previous revision, as kubectl does', async () => {
    const revisions = await replicaSetRevisions(deployment, cluster({ replicaSets: noneReady(replicaSets) }));
    expect(chooseRevision('Deployment', 'deployment', revisions, templateOf(deployment))).toMatchObject({ found: 'revision', revision: { number: 2 } });
  });

  it('ReplicaSets another owner controls (same labels) are not revisions', async () => {
    const foreign = replicaSets.map((rs) => ({ ...clone(rs), metadata: { ...rs.metadata, ownerReferences: [{ controller: true, uid: 'someone-else' }] } }));
    expect(await replicaSetRevisions(deployment, cluster({ replicaSets: foreign }))).toEqual([]);
  });

  it("a StatefulSet's revisions are its ControllerRevisions; its only pod is on the broken revision 2, so the previous one (2) is chosen", async () => {
    const fake = cluster({ revisions: stsRevisions, pods: stsPods });
    const revisions = await controllerRevisions(statefulSet, fake);
    expect(fake.of('list').map((c) => [c.kind, c.options])).toEqual([
      ['ControllerRevision', { labelSelector: 'app=statefulset' }],
      ['Pod', { labelSelector: 'app=statefulset' }],
    ]);
    expect(revisions.map((r) => [r.number, imageOf(r.template), r.readyPods]).sort()).toEqual([
      [1, 'busybox:1.36', 0],
      [2, 'busybox:1.36-broken', 0],
      [3, 'busybox:1.37-broken', 0],
    ]);
    expect(chooseRevision('StatefulSet', 'statefulset', revisions, templateOf(statefulSet))).toMatchObject({ found: 'revision', revision: { number: 2 } });
  });

  it('a StatefulSet whose pod on revision 1 is Ready goes back to revision 1 (known to work)', async () => {
    const good = stsRevisions.find((r) => r.revision === 1) as KubernetesObject;
    const pod = clone(stsPods[0] as KubernetesObject);
    pod.metadata.labels = { ...pod.metadata.labels, 'controller-revision-hash': good.metadata.name };
    pod.status = { ...(pod.status as object), conditions: [{ type: 'Ready', status: 'True' }] };
    const revisions = await controllerRevisions(statefulSet, cluster({ revisions: stsRevisions, pods: [pod] }));
    expect(chooseRevision('StatefulSet', 'statefulset', revisions, templateOf(statefulSet))).toMatchObject({ found: 'revision', revision: { number: 1 } });
  });

  it("a DaemonSet's pods carry the controller-revision-hash label of its ControllerRevisions", async () => {
    const good = dsRevisions.find((r) => r.revision === 1) as KubernetesObject;
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'ds-x', labels: { app: 'daemonset', 'controller-revision-hash': good.metadata.labels?.['controller-revision-hash'] ?? '' } },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    };
    const revisions = await controllerRevisions(daemonSet, cluster({ revisions: dsRevisions, pods: [pod] }));
    expect(chooseRevision('DaemonSet', 'daemonset', revisions, templateOf(daemonSet))).toMatchObject({ found: 'revision', revision: { number: 1 } });
  });

  it("no previous revision: kubectl's words for each kind", () => {
    const [first] = replicaSets;
    const only = [{ number: 1, name: 'x', template: {}, readyPods: 0, object: first as KubernetesObject }];
    expect(chooseRevision('Deployment', 'web', only, {})).toEqual({ found: 'none', why: 'no rollout history found for deployment "web"' });
    expect(chooseRevision('StatefulSet', 'db', [], {})).toEqual({ found: 'none', why: 'no last revision to roll back to' });
  });

  it('the chosen revision already is the live template: current (kubectl: skipped rollback)', async () => {
    const revisions = await replicaSetRevisions(deployment, cluster({ replicaSets: noneReady(replicaSets) }));
    const previous = revisions.find((r) => r.number === 2);
    expect(chooseRevision('Deployment', 'deployment', revisions, previous?.template)).toMatchObject({
      found: 'current',
      why: 'current template already matches revision 2',
    });
  });

  it("the Deployment patch: the revision's template, the Deployment's own annotations kept, the ReplicaSet's others copied", async () => {
    const [revision] = (await replicaSetRevisions(deployment, cluster({ replicaSets: replicaSets }))).filter((r) => r.number === 1);
    const patch = deploymentUndoPatch(
      { ...deployment, metadata: { ...deployment.metadata, annotations: { 'deployment.kubernetes.io/revision': '3', note: 'v3' } } },
      revision!,
    );
    expect(patch).toEqual([
      { op: 'replace', path: '/spec/template', value: revision?.template },
      { op: 'add', path: '/metadata/annotations', value: { 'deployment.kubernetes.io/revision': '3' } },
    ]);
  });
});

describe('undo without a known template, through the revisions', () => {
  const failed = (kind: string, name: string, live: KubernetesObject): WorkloadResult => ({
    kind,
    namespace: NS,
    name,
    status: 'failed',
    seconds: 5,
    reason: 'ImagePullBackOff',
    message: '',
    ready: 0,
    desired: 1,
    diagnosis: [],
    live,
  });
  /** The release store is empty (nothing known), the waiter sees the workload ready after the patch. */
  function run(kind: string, name: string, live: KubernetesObject, fake: FakeKube, ready: KubernetesObject) {
    fake.on(call('get', { kind: 'ConfigMap' }), undefined);
    fake.on(call('get', { kind, name }), live);
    answerWaits(fake, { workloads: [ready] });
    return rollbackWorkloads(
      { mode: 'undo', environment: 'dev', workloads: [failed(kind, name, live)], wait: { timeoutSeconds: 6 } },
      { kube: fake, clock: new FakeClock('2026-12-02T02:13:00Z'), logger: new RecordingLogger() },
    );
  }
  const readyCopy = (object: KubernetesObject, status: Record<string, unknown>) => ({
    ...clone(object),
    metadata: { ...object.metadata, generation: 4 },
    status: { observedGeneration: 4, ...status },
  });

  it('Deployment: JSON patch of the Ready revision 1 with field manager k8sapp-rollback', async () => {
    const fake = cluster({ replicaSets: replicaSets });
    fake.on(call('patch', { kind: 'Deployment', name: 'deployment' }), deployment);
    const ready = readyCopy(deployment, {
      replicas: 1,
      updatedReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      conditions: [
        { type: 'Available', status: 'True' },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
      ],
    });
    const report = await run('Deployment', 'deployment', deployment, fake, { ...ready, spec: { ...(deployment.spec as object), replicas: 1 } });
    const [patch] = fake.of('patch');
    expect(patch?.options).toEqual({ type: 'json', fieldManager: 'k8sapp-rollback' });
    expect(imageOf((patch?.body as { value: unknown }[])[0]?.value)).toBe('busybox:1.36');
    expect(report.workloads[0]).toMatchObject({ action: 'undone', status: 'succeeded' });
    expect(report.workloads[0]?.message).toContain('rolled back to revision 1 (deployment-78bbfb7c77), whose pods are Ready');
  });

  it("StatefulSet: the ControllerRevision's data as a strategic-merge patch, then the stuck pod is replaced", async () => {
    const fake = cluster({ revisions: stsRevisions, pods: stsPods });
    const previous = stsRevisions.find((r) => r.revision === 2) as KubernetesObject;
    const after = readyCopy(statefulSet, {
      replicas: 1,
      readyReplicas: 1,
      currentReplicas: 1,
      updatedReplicas: 1,
      currentRevision: previous.metadata.name,
      updateRevision: previous.metadata.name,
    });
    fake.on(call('patch', { kind: 'StatefulSet', name: 'statefulset' }), after);
    fake.on(call('get', { kind: 'StatefulSet', name: 'statefulset' }), statefulSet, after);
    fake.on(call('delete', { kind: 'Pod' }), 'deleted');
    const report = await run('StatefulSet', 'statefulset', statefulSet, fake, after);
    const [patch] = fake.of('patch');
    expect(patch?.options).toEqual({ type: 'strategic', fieldManager: 'k8sapp-rollback' });
    expect(patch?.body).toEqual(previous.data);
    // The forced step looks for pods on the bad update revision (statefulset-7ff44cbf4): the only pod is on revision 2.
    expect(fake.of('delete')).toEqual([]);
    expect(report.workloads[0]).toMatchObject({ action: 'undone', status: 'succeeded' });
  });

  it('no previous revision: nothing-to-undo with the first-deployment wording, nothing written', async () => {
    const fake = cluster({ revisions: stsRevisions.filter((r) => r.revision === 1), pods: [] });
    const report = await run('StatefulSet', 'statefulset', statefulSet, fake, statefulSet);
    expect(fake.of('patch')).toEqual([]);
    expect(report.workloads[0]).toMatchObject({ action: 'nothing-to-undo' });
    expect(report.workloads[0]?.message).toBe(
      'StatefulSet/statefulset: first deployment, there is no previous revision to roll back to (no last revision to roll back to)',
    );
  });
});
