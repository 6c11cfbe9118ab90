import { describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../src/log.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { recordRelease } from '../../src/rollout/releases.js';
import { runRollout, type RolloutRequest } from '../../src/rollout/rollout.js';
import { refKey, type TemplateBefore } from '../../src/rollout/types.js';
import { call, FakeKube, listOf, recordedItems, type KubeCall } from '../helpers/fake-kube.js';
import { fixture, fixtureFile } from '../helpers/fake-kubectl.js';
import { releaseStore } from './release-store.js';
import { answerWaits, clone, FakeClock } from './helpers.js';

// Recorded live (test/fixtures/kubernetes/sts-single-replica-broken-image): a one-replica StatefulSet re-applied
// with a tag that does not exist. Its status says currentRevision = updateRevision = the bad revision.
const CASE = 'sts-single-replica-broken-image';
const NS = 'sts-single-broken';
const REF = { kind: 'StatefulSet', namespace: NS, name: 'pg' };
const read = (dir: string) => JSON.parse(fixture(`${CASE}/${dir}`).stdout) as KubernetesObject;
const good = read('02-get-statefulset-before-json');
const stuck = read('04-get-statefulset-json');
const template = (object: KubernetesObject) => (object.spec as { template: unknown }).template;
const status = (object: KubernetesObject) => object.status as Record<string, unknown>;
const write = (c: KubeCall) => `${c.verb} ${c.kind}/${c.name}`;

/** After the template is restored the controller moves back to the good revision; Ready once the pod is replaced. */
function restored(podReplaced: boolean): KubernetesObject {
  const object = clone(good);
  object.metadata = { ...object.metadata, generation: 3 };
  object.status = { ...status(good), observedGeneration: 3, readyReplicas: podReplaced ? 1 : 0, availableReplicas: podReplaced ? 1 : 0 };
  return object;
}

/** `dryRun`: how the server answers the dry run of the release's StatefulSet (default: the good template, defaulted). */
function cluster(options: { dryRun?: KubernetesObject } = {}) {
  const kube = new FakeKube();
  const clock = new FakeClock('2026-12-01T23:48:00Z');
  let patched = false;
  let podDeleted = false;
  releaseStore(kube, { environment: 'dev' });
  const live = () => (patched ? restored(podDeleted) : stuck);
  kube.on((c) => c.verb === 'apply' && c.options?.dryRun === true, options.dryRun ?? good);
  kube.on(call('get', { kind: 'StatefulSet', name: 'pg' }), live);
  kube.on(call('list', { kind: 'Pod', namespace: NS }), listOf(recordedItems(`${CASE}/05-get-pods-json`)));
  kube.on(call('patch', { kind: 'StatefulSet', name: 'pg' }), () => {
    patched = true;
    return restored(false);
  });
  kube.on(call('delete', { kind: 'Pod', name: 'pg-0' }), () => {
    podDeleted = true;
    return 'deleted';
  });
  // The waiter reads the same set (its pods through the rollback's rule above).
  answerWaits(kube, { workloads: () => [live()] });
  const deps = { kube, clock, logger: new RecordingLogger() };
  const writes = () => kube.calls.filter((c) => ['patch', 'delete', 'create', 'replace'].includes(c.verb) || (c.verb === 'apply' && !c.options?.dryRun));
  return { kube, deps, writes, record: (manifests: string) => recordRelease({ environment: 'dev', sha: 'abc123', manifests, time: clock.now() }, deps) };
}

function request(templatesBefore?: Map<string, TemplateBefore>): RolloutRequest {
  return {
    environment: 'dev',
    workloads: [REF],
    timeoutSeconds: 120,
    rollback: { mode: 'undo' },
    ...(templatesBefore ? { templatesBefore } : {}),
  };
}

describe('undo returns to the template k8sapp knew was good, not to what the status fields say', () => {
  it('a one-replica StatefulSet stuck on a missing image: restores the template read before the apply, replaces the stuck pod, comes back Ready', async () => {
    const { kube, deps, writes } = cluster();
    expect(status(stuck).currentRevision).toBe(status(stuck).updateRevision); // what misled the old rule
    const before = new Map([[refKey(REF), { template: template(good), changed: true }]]);

    const report = await runRollout(request(before), deps);

    expect(report.workloads[0]).toMatchObject({ status: 'failed', reason: 'ImagePullBackOff' });
    expect(writes().map(write)).toEqual(['patch StatefulSet/pg', 'delete Pod/pg-0']);
    expect(kube.of('patch')[0]).toMatchObject({
      namespace: NS,
      body: [{ op: 'replace', path: '/spec/template', value: template(good) }],
      options: { type: 'json', fieldManager: 'k8sapp-rollback' },
    });
    expect(kube.of('delete')[0]?.options).toEqual({ uid: (recordedItems(`${CASE}/05-get-pods-json`)[0] as KubernetesObject).metadata.uid });
    expect(report.status).toBe('rolled-back');
    expect(report.rollback).toMatchObject({
      status: 'succeeded',
      workloads: [{ name: 'pg', action: 'undone', deletedPods: ['pg-0'], status: 'succeeded' }],
    });
    expect(report.rollback.workloads[0]?.message).toContain('restored the pod template it had before this deploy');
  });

  it('a deploy that did not change the pod template rolls nothing back, whatever the status says', async () => {
    const { deps, writes } = cluster();
    const report = await runRollout(request(new Map([[refKey(REF), { template: template(stuck), changed: false }]])), deps);
    expect(writes()).toEqual([]);
    expect(report.status).toBe('failed');
    expect(report.rollback.workloads[0]).toMatchObject({ action: 'nothing-to-undo' });
    expect(report.rollback.workloads[0]?.message).toContain('did not change its pod template');
  });

  it('a workload this deploy created has nothing to return to', async () => {
    const { deps, writes } = cluster();
    const report = await runRollout(request(new Map([[refKey(REF), { changed: true }]])), deps);
    expect(writes()).toEqual([]);
    expect(report.rollback.workloads[0]).toMatchObject({ action: 'nothing-to-undo' });
    expect(report.rollback.workloads[0]?.message).toContain('this deploy created it');
  });

  it('a separate `k8sapp rollout` run learns the good template from the last release: dry-run of its manifest, then restore', async () => {
    const { kube, deps, record, writes } = cluster();
    await record(fixtureFile(`${CASE}/before.yaml`));
    const writesBefore = writes().length;

    const report = await runRollout(request(), deps);

    expect(writes().slice(writesBefore).map(write)).toEqual(['patch StatefulSet/pg', 'delete Pod/pg-0']);
    // The recorded manifest went to the server's dry run (namespace filled in from the workload).
    expect(kube.of('apply')).toMatchObject([{ kind: 'StatefulSet', name: 'pg', namespace: NS, options: { dryRun: true } }]);
    expect(kube.of('patch')[0]?.body).toEqual([{ op: 'replace', path: '/spec/template', value: template(good) }]);
    expect(report.status).toBe('rolled-back');
    expect(report.rollback.workloads[0]?.message).toContain('the pod template of release 1 (sha abc123)');
  });

  it('the release holds the template that is live: nothing to undo', async () => {
    // The last release already holds the bad tag (recorded by hand, say): its dry run is the live template.
    const { deps, record, writes } = cluster({ dryRun: stuck });
    await record(fixtureFile(`${CASE}/after.yaml`));
    const writesBefore = writes().length;

    const report = await runRollout(request(), deps);

    expect(writes().slice(writesBefore)).toEqual([]);
    expect(report.rollback.workloads[0]).toMatchObject({ action: 'nothing-to-undo' });
    expect(report.rollback.workloads[0]?.message).toContain('is the one of release 1');
  });

  it('nothing known (no template from this run, no release): the status cannot tell, so it is not rolled back and says why', async () => {
    const { deps, writes } = cluster();
    const report = await runRollout(request(), deps);
    expect(writes()).toEqual([]);
    expect(report.rollback.workloads[0]).toMatchObject({ action: 'nothing-to-undo' });
    expect(report.rollback.workloads[0]?.message).toContain('k8sapp does not know its last good revision (no release is recorded for environment dev');
  });
});
