import { describe, expect, it } from 'vitest';
import { serviceSelection } from '../../src/apply/engine.js';
import { RecordingLogger } from '../../src/log.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { inventoryEntry, PRUNE_ANNOTATION, type InventoryEntry } from '../../src/prune/inventory.js';
import { notOwnedBecause, prune, PruneAbort, type PruneRequest } from '../../src/prune/prune.js';
import { pruneMarkdown } from '../../src/prune/report.js';
import type { ReleaseRecord } from '../../src/rollout/releases.js';
import { controlFor } from '../deploy/helpers.js';
import { apiError, FakeKube, listOf, type KubeCall } from '../helpers/fake-kube.js';
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
 * A cluster of `objects` behind the fake: a LIST of a kind in a namespace answers the ones present (narrowed by a
 * `metadata.name=` field selector), a DELETE removes one (unless it is `stuck`), a LIST of PersistentVolumeClaims in
 * NS answers `claims[NS]`; `refuse` answers a kind's LISTs or one name's DELETE with an error. Every call is recorded.
 */
function cluster(
  objects: KubernetesObject[],
  options: { stuck?: string[]; claims?: Record<string, string[]>; refuse?: { list?: Record<string, Error>; delete?: Record<string, Error> } } = {},
) {
  const present = new Map(objects.map((o) => [`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]));
  const named = (c: KubeCall) => /^metadata\.name=(.*)$/.exec((c.options?.fieldSelector as string | undefined) ?? '')?.[1];
  return new FakeKube()
    .on(
      (c) => c.verb === 'list',
      (c: KubeCall) =>
        options.refuse?.list?.[c.kind!] ??
        listOf([
          ...[...present.values()].filter(
            (o) => o.kind === c.kind && o.metadata.namespace === c.namespace && (named(c) === undefined || o.metadata.name === named(c)),
          ),
          ...(c.kind === 'PersistentVolumeClaim' ? (options.claims?.[c.namespace ?? ''] ?? []) : []).map((name) => ({
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: { name, namespace: c.namespace },
          })),
        ]),
    )
    .on(
      (c) => c.verb === 'delete',
      (c: KubeCall) => {
        const refused = options.refuse?.delete?.[c.name!];
        if (refused) return refused;
        const key = `${c.kind}/${c.namespace ?? ''}/${c.name}`;
        if (!present.has(key)) return 'not-found';
        if (!options.stuck?.includes(c.name!)) present.delete(key);
        return 'deleted';
      },
    );
}

function run(fake: FakeKube, request: Partial<PruneRequest> & Pick<PruneRequest, 'previous' | 'rendered'>, clock = new FakeClock('2026-11-23T10:00:00Z')) {
  const logger = new RecordingLogger();
  const control = controlFor('web').config;
  return prune(
    { environment: 'dev', notDeployed: serviceSelection(control, 'dev'), dryRun: false, timeoutSeconds: 10, pollSeconds: 2, ...request },
    { kube: fake, clock, logger },
  );
}

/** Each call in one line: verb, apiVersion, Kind, namespace, name, then its selector, propagation policy and uid. */
function line(c: KubeCall): string {
  const options = c.options ?? {};
  const extra = [options.fieldSelector, options.labelSelector, options.propagationPolicy, options.uid ? `uid=${options.uid as string}` : undefined];
  return [c.verb, c.apiVersion, c.kind, c.namespace, c.name, ...extra].filter(Boolean).join(' ');
}
const commands = (fake: FakeKube) => fake.calls.map(line);
const deletes = (fake: FakeKube) => fake.of('delete').map(line);

const configMap = object('v1', 'ConfigMap', 'old-config', { data: { a: '1' } });
const deployment = object('apps/v1', 'Deployment', 'old-web', { spec: { replicas: 1 } });
const service = object('v1', 'Service', 'old-web', { spec: { ports: [{ port: 80 }] } });
const kept = object('v1', 'ConfigMap', 'web-config', { data: { a: '1' } });

describe('prune', () => {
  it('without an earlier release or with one that predates the inventory: prunes nothing, says so, makes no call', async () => {
    const fake = new FakeKube();
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
    // One LIST per kind and namespace (managedFields come with it); deletes with the background cascade (pods go
    // too), of the incarnation that was judged (uid); each stage listed again until its objects are gone.
    expect(commands(fake)).toEqual([
      'list v1 ConfigMap apps metadata.name=old-config',
      'list apps/v1 Deployment apps metadata.name=old-web',
      'list v1 Service apps metadata.name=old-web',
      'delete apps/v1 Deployment apps old-web Background uid=uid-old-web',
      'list apps/v1 Deployment apps metadata.name=old-web',
      'delete v1 Service apps old-web Background uid=uid-old-web',
      'list v1 Service apps metadata.name=old-web',
      'delete v1 ConfigMap apps old-config Background uid=uid-old-config',
      'list v1 ConfigMap apps metadata.name=old-config',
    ]);
    expect(deletes(fake).some((call) => call.includes('Orphan'))).toBe(false);
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
      'delete v1 ConfigMap apps old-config Background uid=uid-old-config',
      'delete v1 Namespace empty-ns Background uid=uid-empty-ns',
      'delete apiextensions.k8s.io/v1 CustomResourceDefinition widgets.example.com Background uid=uid-widgets.example.com',
    ]);
    // Each allowed Namespace's claims are listed before deciding; the one holding a claim is never deleted.
    expect(commands(fake).filter((c) => c.includes('PersistentVolumeClaim'))).toEqual([
      'list v1 PersistentVolumeClaim empty-ns',
      'list v1 PersistentVolumeClaim data-ns',
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
    expect(deletes(fake)).toEqual(['delete v1 ConfigMap apps old-config Background uid=uid-old-config']);
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
    expect(deletes(fake)).toEqual(['delete apps/v1 StatefulSet apps db Background uid=uid-db']);
  });

  it('objects of services this deploy does not deploy are not candidates (--service, disabled services)', async () => {
    const control = controlFor('web').config;
    control.environments.dev!.services!.api = { enabled: true, auto_deploy: true };
    const apiConfig = object('v1', 'ConfigMap', 'api-config', { metadata: { name: 'api-config', labels: { app: 'api' } } });
    const fake = cluster([live(configMap), live(apiConfig)]);
    const report = await run(fake, { previous: release([configMap, apiConfig]), rendered: [], notDeployed: serviceSelection(control, 'dev', ['web']) });

    expect(report.objects.map((r) => r.name)).toEqual(['old-config']);
    expect(commands(fake).some((c) => c.includes('api-config'))).toBe(false);
  });

  it('dry run: "would prune" and "kept: protected" rows, reads only', async () => {
    const claim = object('v1', 'PersistentVolumeClaim', 'data-db-0');
    const fake = cluster([live(configMap), live(claim), live(deployment)]);
    const report = await run(fake, { previous: release([configMap, claim, deployment]), rendered: [], dryRun: true });

    expect(report.status).toBe('planned');
    expect(report.objects.map((r) => `${r.kind}=${r.action}`)).toEqual(['ConfigMap=would-prune', 'PersistentVolumeClaim=kept', 'Deployment=would-prune']);
    expect(fake.calls.filter((c) => c.verb !== 'list')).toEqual([]);
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
    const denied = apiError(400, 'BadRequest', 'admission webhook "guard.example.com" denied the request: old-config is still referenced');
    const fake = cluster([live(configMap), live(other)], { refuse: { delete: { 'old-config': denied } } });
    const gone = object('v1', 'Secret', 'old-secret');
    const report = await run(fake, { previous: release([configMap, other, gone]), rendered: [] });

    expect(report.objects.map((r) => `${r.name}=${r.action}`)).toEqual(['old-config=failed', 'other=pruned', 'old-secret=gone']);
    expect(report.objects[0]?.reason).toBe(
      'delete failed: BadRequest: admission webhook "guard.example.com" denied the request: old-config is still referenced',
    );
  });

  it('many objects of one kind and namespace are one LIST (no selector), matched by name', async () => {
    const second = object('v1', 'ConfigMap', 'old-second');
    const unrelated = object('v1', 'ConfigMap', 'someone-elses');
    const fake = cluster([live(configMap), live(second), live(unrelated)]);
    const report = await run(fake, { previous: release([configMap, second]), rendered: [], dryRun: true });
    expect(report.objects.map((r) => `${r.name}=${r.action}`)).toEqual(['old-config=would-prune', 'old-second=would-prune']);
    expect(commands(fake)).toEqual(['list v1 ConfigMap apps']);
  });

  it('RBAC refusing a delete stops the prune at once with the RBAC sentence', async () => {
    const forbidden = apiError(
      403,
      'Forbidden',
      'deployments.apps "old-web" is forbidden: User "deployer" cannot delete resource "deployments" in API group "apps" in the namespace "apps"',
    );
    const fake = cluster([live(deployment), live(configMap)], { refuse: { delete: { 'old-web': forbidden } } });
    const refused = await run(fake, { previous: release([deployment, configMap]), rendered: [] }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PruneAbort);
    expect((refused as Error).message).toBe(
      `deleting Deployment apps/old-web: the kubeconfig's identity "deployer" is authenticated but not allowed to do this (403 Forbidden by RBAC). ` +
        `Grant it the missing permission (Role/ClusterRole binding) or use a kubeconfig with more rights. The server said: "${forbidden.message}"`,
    );
    expect(deletes(fake)).toHaveLength(1);
  });

  it('rejected credentials on the first read stop the prune before any delete', async () => {
    const fake = cluster([live(configMap)], { refuse: { list: { ConfigMap: apiError(401, 'Unauthorized', 'Unauthorized') } } });
    await expect(run(fake, { previous: release([configMap]), rendered: [] })).rejects.toThrow(
      /^reading ConfigMap in apps old-config: the API server rejected the credentials in the kubeconfig \(401 Unauthorized\)/,
    );
    expect(fake.of('delete')).toEqual([]);
  });

  it('a kind that cannot be read is failed for its objects only; the rest is pruned', async () => {
    const widget = object('example.com/v1alpha1', 'Widget', 'old-widget');
    const noKind = apiError(404, 'NotFound', 'the server could not find the requested resource');
    const fake = cluster([live(configMap), live(widget)], { refuse: { list: { Widget: noKind } } });
    const report = await run(fake, { previous: release([configMap, widget]), rendered: [] });
    expect(report.objects.map((r) => `${r.name}=${r.action}`)).toEqual(['old-config=pruned', 'old-widget=failed']);
    expect(report.objects[1]?.reason).toBe('could not be read, so it was not pruned: NotFound: the server could not find the requested resource');
    // Not rendered any more and not built in: the group's v1 is tried (the inventory keeps the group, not the version).
    expect(commands(fake)).toContain('list example.com/v1 Widget apps metadata.name=old-widget');
    expect(deletes(fake)).toEqual(['delete v1 ConfigMap apps old-config Background uid=uid-old-config']);
  });

  it('a custom resource still rendered in another version is listed in the rendered apiVersion', async () => {
    const widget = object('example.com/v1alpha1', 'Widget', 'old-widget');
    const fake = cluster([live(widget)]);
    const renderedWidget = object('example.com/v1alpha1', 'Widget', 'new-widget');
    await run(fake, { previous: release([widget]), rendered: [renderedWidget] });
    expect(commands(fake)[0]).toBe('list example.com/v1alpha1 Widget apps metadata.name=old-widget');
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
