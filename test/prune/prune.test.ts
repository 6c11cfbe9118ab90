import { describe, expect, it } from 'vitest';
import { serviceSelection } from '../../src/apply/engine.js';
import { Kubectl } from '../../src/k8s/kubectl.js';
import { RecordingLogger } from '../../src/log.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { inventoryEntry, PRUNE_ANNOTATION, type InventoryEntry } from '../../src/prune/inventory.js';
import { notOwnedBecause, prune, type PruneRequest } from '../../src/prune/prune.js';
import { pruneMarkdown } from '../../src/prune/report.js';
import type { ReleaseRecord } from '../../src/rollout/releases.js';
import { controlFor } from '../deploy/helpers.js';
import { fail, FakeKubectl, ok, type RecordedCall } from '../helpers/fake-kubectl.js';
import { FakeClock } from '../rollout/helpers.js';

const NS = 'apps';
const K8SAPP = { manager: 'k8sapp', operation: 'Apply', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': {}, 'f:spec': {} } };
const CONTROLLER_STATUS = { manager: 'kube-controller-manager', operation: 'Update', subresource: 'status', fieldsV1: { 'f:status': {} } };

function object(apiVersion: string, kind: string, name: string, extra: Partial<KubernetesObject> = {}, namespace: string | null = NS): KubernetesObject {
  return { apiVersion, kind, ...extra, metadata: { name, ...(namespace ? { namespace } : {}), labels: { app: 'web' }, ...(extra.metadata ?? {}) } };
}

/** The live form: what the API server answers, with managedFields. */
function live(manifest: KubernetesObject, managers: object[] = [K8SAPP, CONTROLLER_STATUS], extra: Record<string, unknown> = {}): KubernetesObject {
  return { ...structuredClone(manifest), ...extra, metadata: { ...manifest.metadata, uid: `uid-${manifest.metadata.name}`, managedFields: managers } };
}

function release(objects: KubernetesObject[], revision = 4): ReleaseRecord {
  return {
    revision,
    sha: 'previous',
    time: '2026-11-20T10:00:00Z',
    digest: 'sha256:x',
    objects: objects.length,
    strippedSecrets: [],
    bytes: 1,
    inventoryVersion: 1,
    inventory: objects.map(inventoryEntry),
  };
}

/**
 * A cluster of `objects` behind the fake: `get TYPE NAME… [-n NS]` answers the ones present, `delete TYPE/NAME`
 * removes one (unless it is `stuck`), `get persistentvolumeclaims -n NS` lists `claims[NS]`. Every call is recorded.
 */
function cluster(objects: KubernetesObject[], options: { stuck?: string[]; claims?: Record<string, string[]>; deleteFails?: string } = {}) {
  const fake = new FakeKubectl();
  const present = new Map(objects.map((o) => [`${o.kind.toLowerCase()}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]));
  const namespaceOf = (args: string[]) => (args.includes('-n') ? args[args.indexOf('-n') + 1] : '');
  fake
    .on(
      (args) => args[0] === 'get' && args[1] === 'persistentvolumeclaims',
      (call: RecordedCall) =>
        ok(
          JSON.stringify({
            kind: 'List',
            items: (options.claims?.[namespaceOf(call.args) ?? ''] ?? []).map((name) => ({ kind: 'PersistentVolumeClaim', metadata: { name } })),
          }),
        ),
    )
    .on(['get'], (call: RecordedCall) => {
      const [, type = '', ...rest] = call.args;
      const kind = type.split('.')[0] ?? '';
      const names = rest.slice(
        0,
        rest.findIndex((arg) => arg.startsWith('-')),
      );
      const items = names.map((name) => present.get(`${kind}/${namespaceOf(call.args)}/${name}`)).filter(Boolean);
      return ok(JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
    })
    .on(['delete'], (call: RecordedCall) => {
      const [type = '', name = ''] = (call.args[1] ?? '').split('/');
      if (options.deleteFails === name) return fail(`Error from server (Forbidden): ${type} "${name}" is forbidden: no delete for you`);
      if (!options.stuck?.includes(name)) present.delete(`${type.split('.')[0]}/${namespaceOf(call.args)}/${name}`);
      return ok(`${type}/${name} deleted\n`);
    });
  return fake;
}

function run(fake: FakeKubectl, request: Partial<PruneRequest> & Pick<PruneRequest, 'previous' | 'rendered'>, clock = new FakeClock('2026-11-23T10:00:00Z')) {
  const logger = new RecordingLogger();
  const control = controlFor('web').config;
  return prune(
    { environment: 'dev', notDeployed: serviceSelection(control, 'dev'), dryRun: false, timeoutSeconds: 10, pollSeconds: 2, ...request },
    { kubectl: new Kubectl(fake.executor), clock, logger },
  );
}

const deletes = (fake: FakeKubectl) => fake.mutatingCalls().map((call) => call.args.join(' '));

const configMap = object('v1', 'ConfigMap', 'old-config', { data: { a: '1' } });
const deployment = object('apps/v1', 'Deployment', 'old-web', { spec: { replicas: 1 } });
const service = object('v1', 'Service', 'old-web', { spec: { ports: [{ port: 80 }] } });
const kept = object('v1', 'ConfigMap', 'web-config', { data: { a: '1' } });

describe('prune', () => {
  it('without an earlier release or with one that predates the inventory: prunes nothing, says so, makes no call', async () => {
    const fake = new FakeKubectl();
    const none = await run(fake, { previous: undefined, rendered: [kept] });
    expect(none).toMatchObject({ status: 'skipped', objects: [] });
    expect(none.message).toContain('No earlier release of dev');

    const { inventory: _inventory, inventoryVersion: _version, ...old } = release([configMap, kept], 7);
    const predates = await run(fake, { previous: old, rendered: [kept] });
    expect(predates).toMatchObject({ status: 'skipped', previousRevision: 7, objects: [] });
    expect(predates.message).toMatch(/Release 7 of dev was recorded before k8sapp kept an inventory: nothing is pruned this time/);
    expect(fake.calls).toEqual([]);
  });

  it('deletes what is no longer rendered, workloads first, then Services, then ConfigMaps — each stage gone before the next', async () => {
    const fake = cluster([live(configMap), live(deployment), live(service), live(kept)]);
    const report = await run(fake, { previous: release([configMap, deployment, service, kept]), rendered: [kept] });

    expect(report.status).toBe('succeeded');
    expect(report.objects.map((r) => `${r.kind}/${r.name}=${r.action}`)).toEqual([
      'ConfigMap/old-config=pruned',
      'Deployment/old-web=pruned',
      'Service/old-web=pruned',
    ]);
    // Reads grouped by kind and namespace, with managedFields; deletes with the background cascade (pods go too).
    expect(fake.commands().map((args) => args.join(' '))).toEqual([
      'get configmap old-config -n apps --ignore-not-found --show-managed-fields -o json',
      'get deployment.apps old-web -n apps --ignore-not-found --show-managed-fields -o json',
      'get service old-web -n apps --ignore-not-found --show-managed-fields -o json',
      'delete deployment.apps/old-web -n apps --cascade=background --ignore-not-found --wait=false',
      'get deployment.apps old-web -n apps --ignore-not-found -o json',
      'delete service/old-web -n apps --cascade=background --ignore-not-found --wait=false',
      'get service old-web -n apps --ignore-not-found -o json',
      'delete configmap/old-config -n apps --cascade=background --ignore-not-found --wait=false',
      'get configmap old-config -n apps --ignore-not-found -o json',
    ]);
    expect(deletes(fake).some((call) => call.includes('--cascade=orphan'))).toBe(false);
  });

  it('never deletes a PersistentVolumeClaim (not even with the allow annotation), a PV, a Namespace or a CRD without it', async () => {
    const allow = { metadata: { name: 'data-db-0', annotations: { [PRUNE_ANNOTATION]: 'allow' } } } as Partial<KubernetesObject>;
    const claim = object('v1', 'PersistentVolumeClaim', 'data-db-0', allow);
    const volume = object('v1', 'PersistentVolume', 'pv-1', {}, null);
    const namespace = object('v1', 'Namespace', 'old-ns', {}, null);
    const crd = object('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com', {}, null);
    const fake = cluster([claim, volume, namespace, crd].map((o) => live(o)));
    const report = await run(fake, { previous: release([claim, volume, namespace, crd]), rendered: [] });

    expect(report.objects.map((r) => `${r.kind}=${r.action}`)).toEqual([
      'PersistentVolumeClaim=kept',
      'PersistentVolume=kept',
      'Namespace=kept',
      'CustomResourceDefinition=kept',
    ]);
    expect(report.objects[0]?.reason).toMatch(/^protected: k8sapp never deletes a PersistentVolumeClaim/);
    expect(report.objects[2]?.reason).toBe(
      'protected: a Namespace is never pruned unless its manifest carried the annotation k8sapp.io/prune: allow when it was last deployed',
    );
    expect(deletes(fake)).toEqual([]);
    expect(pruneMarkdown(report)).toContain('| Namespace old-ns | kept: protected |');
  });

  it('with k8sapp.io/prune: allow a Namespace and a CRD are pruned last — but not a Namespace that still holds PVCs', async () => {
    const allow = (name: string) => ({ metadata: { name, annotations: { [PRUNE_ANNOTATION]: 'allow' } } }) as Partial<KubernetesObject>;
    const empty = object('v1', 'Namespace', 'empty-ns', allow('empty-ns'), null);
    const full = object('v1', 'Namespace', 'data-ns', allow('data-ns'), null);
    const crd = object('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com', allow('widgets.example.com'), null);
    const fake = cluster(
      [empty, full, crd, configMap].map((o) => live(o)),
      { claims: { 'data-ns': ['data-db-0'] } },
    );
    const report = await run(fake, { previous: release([empty, full, crd, configMap]), rendered: [] });

    expect(report.objects.map((r) => `${r.kind}/${r.name}=${r.action}`)).toEqual([
      'Namespace/empty-ns=pruned',
      'Namespace/data-ns=kept',
      'CustomResourceDefinition/widgets.example.com=pruned',
      'ConfigMap/old-config=pruned',
    ]);
    expect(report.objects[1]?.reason).toBe('protected: deleting it would delete its PersistentVolumeClaims data-db-0, and k8sapp never deletes one');
    expect(deletes(fake)).toEqual([
      'delete configmap/old-config -n apps --cascade=background --ignore-not-found --wait=false',
      'delete namespace/empty-ns --cascade=background --ignore-not-found --wait=false',
      'delete customresourcedefinition.apiextensions.k8s.io/widgets.example.com --cascade=background --ignore-not-found --wait=false',
    ]);
  });

  it('leaves alone what another field manager edited, or what k8sapp no longer manages; status writers do not count', async () => {
    const edited = object('v1', 'ConfigMap', 'edited');
    const patched = object('apps/v1', 'Deployment', 'patched');
    const foreign = object('v1', 'ConfigMap', 'foreign');
    const fake = cluster([
      live(edited, [K8SAPP, { manager: 'kubectl-edit', operation: 'Update', fieldsV1: { 'f:data': {} } }]),
      live(patched, [K8SAPP, CONTROLLER_STATUS, { manager: 'kubectl-patch', operation: 'Update', fieldsV1: { 'f:spec': {} } }]),
      live(foreign, [{ manager: 'kubectl-client-side-apply', operation: 'Update', fieldsV1: { 'f:data': {} } }]),
      live(configMap, [
        K8SAPP,
        { manager: 'k8sapp-migrations', operation: 'Apply' },
        CONTROLLER_STATUS,
        { manager: 'kube-controller-manager', operation: 'Update', fieldsV1: { 'f:metadata': {} } },
      ]),
    ]);
    const report = await run(fake, { previous: release([edited, patched, foreign, configMap]), rendered: [] });

    expect(report.objects.map((r) => `${r.name}=${r.action}: ${r.reason ?? ''}`)).toEqual([
      'edited=left-alone: edited by kubectl-edit',
      'patched=left-alone: edited by kubectl-patch',
      'foreign=left-alone: not applied by k8sapp any more (no "k8sapp" field manager on it)',
      'old-config=pruned: ',
    ]);
    expect(deletes(fake)).toEqual(['delete configmap/old-config -n apps --cascade=background --ignore-not-found --wait=false']);
    expect(pruneMarkdown(report)).toContain('| ConfigMap apps/edited | left alone | edited by kubectl-edit |');
  });

  it('a StatefulSet keeps its PVCs (the row says so); one whose retention policy would delete them is kept', async () => {
    const db = object('apps/v1', 'StatefulSet', 'db', { spec: { replicas: 2, volumeClaimTemplates: [{ metadata: { name: 'data' } }] } });
    const cache = object('apps/v1', 'StatefulSet', 'cache', {
      spec: { replicas: 1, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } },
    });
    const fake = cluster([live(db), live(cache)]);
    const report = await run(fake, { previous: release([db, cache]), rendered: [] });

    expect(report.objects.map((r) => `${r.name}=${r.action}`)).toEqual(['db=pruned', 'cache=kept']);
    expect(report.objects[0]?.reason).toBe(
      'its PersistentVolumeClaims stay (data-db-0, data-db-1): k8sapp never deletes them; delete them by hand once the data is not needed',
    );
    expect(report.objects[1]?.reason).toMatch(/^protected: its persistentVolumeClaimRetentionPolicy.whenDeleted is Delete/);
    expect(deletes(fake)).toEqual(['delete statefulset.apps/db -n apps --cascade=background --ignore-not-found --wait=false']);
  });

  it('objects of services this deploy does not deploy are not candidates (--service, disabled services)', async () => {
    const control = controlFor('web').config;
    control.environments.dev!.services!.api = { enabled: true, auto_deploy: true };
    const apiConfig = object('v1', 'ConfigMap', 'api-config', { metadata: { name: 'api-config', labels: { app: 'api' } } });
    const fake = cluster([live(configMap), live(apiConfig)]);
    const report = await run(fake, { previous: release([configMap, apiConfig]), rendered: [], notDeployed: serviceSelection(control, 'dev', ['web']) });

    expect(report.objects.map((r) => r.name)).toEqual(['old-config']);
    expect(fake.commands().some((args) => args.includes('api-config'))).toBe(false);
  });

  it('dry run: "would prune" and "kept: protected" rows, reads only', async () => {
    const claim = object('v1', 'PersistentVolumeClaim', 'data-db-0');
    const fake = cluster([live(configMap), live(claim), live(deployment)]);
    const report = await run(fake, { previous: release([configMap, claim, deployment]), rendered: [], dryRun: true });

    expect(report.status).toBe('planned');
    expect(report.objects.map((r) => `${r.kind}=${r.action}`)).toEqual(['ConfigMap=would-prune', 'PersistentVolumeClaim=kept', 'Deployment=would-prune']);
    expect(fake.mutatingCalls()).toEqual([]);
    const markdown = pruneMarkdown(report);
    expect(markdown).toContain('| ConfigMap apps/old-config | would prune |');
    expect(markdown).toContain('| PersistentVolumeClaim apps/data-db-0 | kept: protected |');
  });

  it('waits boundedly for a stage; an object still there is reported failed and the next stage goes ahead', async () => {
    const clock = new FakeClock('2026-11-23T10:00:00Z');
    const fake = cluster([live(deployment), live(configMap)], { stuck: ['old-web'] });
    const report = await run(fake, { previous: release([deployment, configMap]), rendered: [], timeoutSeconds: 10 }, clock);

    expect(report.status).toBe('failed');
    expect(report.objects.map((r) => `${r.kind}=${r.action}`)).toEqual(['Deployment=failed', 'ConfigMap=pruned']);
    expect(report.objects[0]?.reason).toMatch(/still there after 10 s/);
    expect(clock.elapsedSeconds).toBeGreaterThanOrEqual(10);
    expect(clock.elapsedSeconds).toBeLessThan(14);
  });

  it('a refused delete is failed for that object only; what is already gone is reported as such', async () => {
    const other = object('v1', 'ConfigMap', 'other');
    const fake = cluster([live(configMap), live(other)], { deleteFails: 'old-config' });
    const gone = object('v1', 'Secret', 'old-secret');
    const report = await run(fake, { previous: release([configMap, other, gone]), rendered: [] });

    expect(report.objects.map((r) => `${r.name}=${r.action}`)).toEqual(['old-config=failed', 'other=pruned', 'old-secret=gone']);
    expect(report.objects[0]?.reason).toContain('Forbidden');
  });
});

describe('notOwnedBecause (managedFields)', () => {
  const cm = object('v1', 'ConfigMap', 'x');
  it('k8sapp alone, or beside status writers, the control plane and k8sapp-… managers: owned', () => {
    expect(notOwnedBecause(live(cm, [K8SAPP]))).toBeUndefined();
    expect(
      notOwnedBecause(live(cm, [K8SAPP, CONTROLLER_STATUS, { manager: 'kubectl-patch', subresource: 'status' }, { manager: 'k8sapp-releases' }])),
    ).toBeUndefined();
  });
  it('another manager on the main resource or on scale, or no k8sapp entry: not owned', () => {
    expect(notOwnedBecause(live(cm, [K8SAPP, { manager: 'kubectl-client-side-apply', operation: 'Update' }]))).toBe('edited by kubectl-client-side-apply');
    expect(notOwnedBecause(live(cm, [K8SAPP, { manager: 'kubectl', operation: 'Update', subresource: 'scale' }]))).toBe('edited by kubectl');
    expect(notOwnedBecause(live(cm, [{ ...K8SAPP, subresource: 'status' }]))).toMatch(/no "k8sapp" field manager/);
    expect(notOwnedBecause(live(cm, []))).toMatch(/no "k8sapp" field manager/);
  });
});

describe('inventory entries', () => {
  it('identity, service labels and the allow annotation only', () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: NS, labels: { app: 'web', team: 'x' } },
      data: { PASSWORD: 'c2VjcmV0' },
    };
    expect(inventoryEntry(secret)).toEqual({ group: '', kind: 'Secret', namespace: NS, name: 's', labels: { app: 'web' } } satisfies InventoryEntry);
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n', namespace: 'ignored', annotations: { [PRUNE_ANNOTATION]: 'allow' } } };
    expect(inventoryEntry(ns)).toEqual({ group: '', kind: 'Namespace', name: 'n', pruneAllowed: true });
  });
});
