import { describe, expect, it } from 'vitest';
import { applyEnvironment } from '../../src/apply/engine.js';
import type { ApplyRequest } from '../../src/apply/types.js';
import { API_CONCURRENCY } from '../../src/k8s/concurrency.js';
import { Kubectl } from '../../src/k8s/kubectl.js';
import { RecordingLogger } from '../../src/log.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { apiError, call, FakeKube, recordedStatus, unreachable, type KubeCall } from '../helpers/fake-kube.js';
import { FakeKubectl, fixtureFile, ok } from '../helpers/fake-kubectl.js';
import { control, dryRunOf, FakeClock, inFlight, isApply, live, mutations, named, namesOf, NAMESPACE, objectsOf, serve, streamOf } from './helpers.js';

const OVERLAY = '/repo/infra/k8s/dev';

function request(overrides: Partial<ApplyRequest> = {}): ApplyRequest {
  return { environment: 'dev', control: control(), secrets: {}, dryRun: false, registerSecret: () => undefined, ...overrides };
}

/** The overlay is built by kubectl kustomize (the only kubectl call left); every API call goes to `kube`. */
function run(
  kube: FakeKube,
  objects: readonly KubernetesObject[],
  overrides: Partial<ApplyRequest> = {},
  clock = new FakeClock(),
  logger = new RecordingLogger(),
) {
  const fake = new FakeKubectl().on(['kustomize'], ok(streamOf(objects)));
  return { fake, report: applyEnvironment(request(overrides), { kube, kubectl: new Kubectl(fake.executor), clock, logger }) };
}

const STS_WEB_REFUSED = 'multi-doc-partial-failure/ssa-force--k132/raw-statefulset-web/api-status.json';
const STS_CACHE_REFUSED = 'multi-doc-partial-failure/ssa-force--k132/raw-statefulset-cache/api-status.json';
const DEPLOY_API_REFUSED = 'multi-doc-partial-failure/ssa-force--k132/raw-deployment-api/api-status.json';

/** multi-doc-single-failure: ConfigMap, StatefulSet web (storage 10Gi → 20Gi), Deployment worker, StatefulSet cache, Deployment api, Service web. */
function singleFailureCluster() {
  const after = objectsOf('multi-doc-single-failure/after.yaml');
  const current = objectsOf('multi-doc-single-failure/before.yaml').map((object) => live(object));
  const webPod: KubernetesObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-0', namespace: NAMESPACE, uid: 'uid-web-0', labels: { app: 'web' }, ownerReferences: [{ uid: 'uid-old-web', controller: true }] },
  };
  const kube = new FakeKube().on(named('apply', 'StatefulSet', 'web', true), recordedStatus(STS_WEB_REFUSED));
  return { after, current, webPod, kube };
}

describe('one failing StatefulSet among valid objects', () => {
  it('reads live state by one LIST per kind and namespace, dry-runs and applies each object alone, re-creates only the refused one', async () => {
    const { after, current, webPod, kube } = singleFailureCluster();
    kube.on(named('apply', 'StatefulSet', 'web', false), recordedStatus(STS_WEB_REFUSED), (c: KubeCall) => c.body);
    serve(kube, [...current, webPod]);
    const { fake, report: pending } = run(kube, after);
    const report = await pending;

    expect(fake.commands()).toEqual([['kustomize', OVERLAY]]);
    // Live state: one LIST per kind in the namespace; a kind with one object asks for it by field selector.
    expect(kube.of('list').map((c) => [c.kind, c.namespace, c.options])).toEqual([
      ['ConfigMap', NAMESPACE, { fieldSelector: 'metadata.name=app-config' }],
      ['StatefulSet', NAMESPACE, {}],
      ['Deployment', NAMESPACE, {}],
      ['Service', NAMESPACE, { fieldSelector: 'metadata.name=web' }],
      // The children of the refused StatefulSet, by its old selector.
      ['Pod', NAMESPACE, { labelSelector: 'app=web' }],
    ]);
    expect(kube.of('get').map((c) => `${c.kind}/${c.name}`)).toEqual(['StatefulSet/web']); // waiting for the delete
    expect(namesOf(kube, 'apply', true)).toEqual([
      'ConfigMap/app-config',
      'StatefulSet/web',
      'Deployment/worker',
      'StatefulSet/cache',
      'Deployment/api',
      'Service/web',
    ]);
    // Unchanged objects are not applied at all; the refused StatefulSet is applied, then re-applied once after its delete.
    expect(namesOf(kube, 'apply', false)).toEqual(['ConfigMap/app-config', 'StatefulSet/web', 'Deployment/worker', 'StatefulSet/web']);
    expect(kube.of('apply').every((c) => c.options?.force === undefined)).toBe(true); // the client's default: force
    expect(kube.of('delete')).toEqual([
      expect.objectContaining({ kind: 'StatefulSet', name: 'web', namespace: NAMESPACE, options: { propagationPolicy: 'Orphan', uid: 'uid-old-web' } }),
    ]);

    expect(report.ok).toBe(true);
    expect(report.resources.map((resource) => `${resource.kind}/${resource.name}=${resource.action}`)).toEqual([
      'ConfigMap/app-config=configured',
      'StatefulSet/web=recreated',
      'Deployment/worker=configured',
      'StatefulSet/cache=unchanged',
      'Deployment/api=unchanged',
      'Service/web=unchanged',
    ]);
    expect(report.recreated).toHaveLength(1);
    expect(report.recreated[0]).toMatchObject({
      kind: 'StatefulSet',
      name: 'web',
      status: 'recreated',
      cascade: 'orphan',
      fields: ['spec.volumeClaimTemplates[0].spec.resources.requests.storage (10Gi → 20Gi)'],
      preserved: ['pod/web-0 (adopted by the new StatefulSet)', 'persistentvolumeclaim/data-web-0 (never deleted)'],
      orphansRemoved: [],
    });
    expect(report.recreated[0]?.serverMessage).toContain("updates to statefulset spec for fields other than 'replicas'");
    expect(report.workloads).toEqual([
      { kind: 'StatefulSet', namespace: NAMESPACE, name: 'web' },
      { kind: 'Deployment', namespace: NAMESPACE, name: 'worker' },
    ]);
    // Rollback's input: the live templates from before the apply, for the applied workloads only.
    expect([...report.templatesBefore.keys()].sort()).toEqual([`Deployment/${NAMESPACE}/worker`, `StatefulSet/${NAMESPACE}/web`].sort());
    expect(report.templatesBefore.get(`StatefulSet/${NAMESPACE}/web`)?.changed).toBe(true);
  });

  it('plan mode predicts the same re-creation and field without any mutating call', async () => {
    const { after, current, kube } = singleFailureCluster();
    serve(kube, current);
    const report = await run(kube, after, { dryRun: true }).report;
    expect(mutations(kube)).toEqual([]);
    expect(kube.of('apply').every((c) => c.options?.dryRun === true)).toBe(true);
    expect(report.mode).toBe('plan');
    expect(report.resources.find((resource) => resource.name === 'web' && resource.kind === 'StatefulSet')).toMatchObject({
      action: 'recreated',
      reason: expect.stringContaining('spec.volumeClaimTemplates[0].spec.resources.requests.storage (10Gi → 20Gi)'),
    });
    expect(report.recreated[0]).toMatchObject({
      status: 'planned',
      cascade: 'orphan',
      preserved: ['running pods (adopted by the new object)', 'PersistentVolumeClaims (never deleted)'],
    });
    expect(report.resources.find((resource) => resource.name === 'worker')?.action).toBe('configured');
    expect(report.resources.find((resource) => resource.name === 'cache')?.action).toBe('unchanged');
  });

  it('with immutable_recovery: fail, names the blocking field and changes nothing', async () => {
    const { after, current, kube } = singleFailureCluster();
    serve(kube, current);
    const report = await run(kube, after, { control: control({ immutable_recovery: 'fail' }) }).report;
    expect(mutations(kube)).toEqual([]);
    expect(report.ok).toBe(false);
    expect(report.errors[0]).toContain('StatefulSet/shop/web: immutable field spec.volumeClaimTemplates[0].spec.resources.requests.storage (10Gi → 20Gi)');
    expect(report.errors[0]).toContain('immutable_recovery is "fail"');
    expect(report.resources.find((resource) => resource.name === 'worker')).toMatchObject({ action: 'skipped' });
  });
});

describe('a failure that persists after re-creation', () => {
  it('deletes once, re-applies once, and fails with both messages', async () => {
    const { after, current, kube } = singleFailureCluster();
    const required = apiError(422, 'Invalid', 'StatefulSet.apps "web" is invalid: spec.template.spec.containers[0].image: Required value', [
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.template.spec.containers[0].image' },
    ]);
    kube.on(named('apply', 'StatefulSet', 'web', false), recordedStatus(STS_WEB_REFUSED), required);
    serve(kube, current);
    const report = await run(kube, after).report;
    expect(kube.of('delete')).toHaveLength(1);
    expect(namesOf(kube, 'apply', false).filter((name) => name === 'StatefulSet/web')).toHaveLength(2);
    expect(report.ok).toBe(false);
    const web = report.resources.find((resource) => resource.kind === 'StatefulSet' && resource.name === 'web');
    expect(web?.action).toBe('failed');
    expect(web?.reason).toContain('updates to statefulset spec for fields other than');
    expect(web?.reason).toContain('spec.template.spec.containers[0].image: Required value');
    expect(report.recreated[0]?.status).toBe('failed');
  });
});

describe('three failures in one apply (multi-doc-partial-failure)', () => {
  function cluster(apiBecomesReady = true) {
    const after = objectsOf('multi-doc-partial-failure/after.yaml');
    const current = objectsOf('multi-doc-partial-failure/before.yaml').map((object) => live(object));
    const pod = (name: string, labels: Record<string, string>, owner?: string): KubernetesObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: NAMESPACE,
        uid: `uid-${name}-${owner ?? 'orphan'}`,
        labels,
        ...(owner ? { ownerReferences: [{ uid: owner, controller: true }] } : {}),
      },
    });
    const oldApiReplicaSet: KubernetesObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'api-5d8f',
        namespace: NAMESPACE,
        uid: 'uid-api-5d8f',
        labels: { app: 'api', 'pod-template-hash': '5d8f' },
        ownerReferences: [{ uid: 'uid-old-api', controller: true }],
      },
    };
    const unownedReplicaSet = { ...oldApiReplicaSet, metadata: { ...oldApiReplicaSet.metadata, ownerReferences: [] } };
    const newCache0 = {
      ...pod('cache-0', { app: 'cache-v2' }, 'uid-new-cache'),
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
    };
    const newApi = live(
      after.find((object) => object.kind === 'Deployment' && object.metadata.name === 'api')!,
      apiBecomesReady
        ? {
            observedGeneration: 1,
            replicas: 1,
            updatedReplicas: 1,
            readyReplicas: 1,
            availableReplicas: 1,
            conditions: [
              { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
              { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
            ],
          }
        : { observedGeneration: 1, updatedReplicas: 0 },
    );
    const refusals: [string, string, string][] = [
      ['StatefulSet', 'web', STS_WEB_REFUSED],
      ['StatefulSet', 'cache', STS_CACHE_REFUSED],
      ['Deployment', 'api', DEPLOY_API_REFUSED],
    ];
    const kube = new FakeKube();
    for (const [kind, name, status] of refusals) {
      kube.on(named('apply', kind, name, true), recordedStatus(status));
      kube.on(named('apply', kind, name, false), recordedStatus(status), (c: KubeCall) => c.body);
    }
    kube
      .on(call('list', { kind: 'Pod' }), (c: KubeCall) =>
        c.options?.labelSelector === 'app=web'
          ? { items: [pod('web-0', { app: 'web' }, 'uid-old-web')], resourceVersion: '1' }
          : // Listed for the plan (owned by the old cache), re-read before the delete (an orphan now), then gone.
            { items: cachePodDeleted() ? [] : [pod('cache-0', { app: 'cache' }, cacheDeleted() ? undefined : 'uid-old-cache')], resourceVersion: '1' },
      )
      // Owned by the old Deployment; once that is deleted (orphan cascade) the garbage collector drops the owner.
      .on(call('list', { kind: 'ReplicaSet' }), () => ({ items: [apiDeleted() ? unownedReplicaSet : oldApiReplicaSet], resourceVersion: '1' }))
      .on(call('get', { kind: 'Pod', name: 'cache-0' }), newCache0)
      .on(call('delete', { kind: 'Pod' }), 'deleted')
      .on(call('delete', { kind: 'ReplicaSet' }), 'deleted')
      // Gone after its delete; the new Deployment once it was applied again.
      .on(call('get', { kind: 'Deployment', name: 'api' }), () =>
        namesOf(kube, 'apply', false).filter((n) => n === 'Deployment/api').length === 2 ? newApi : undefined,
      );
    const deleted = (kind: string, name: string) => kube.of('delete').some((c) => c.kind === kind && c.name === name);
    const cacheDeleted = () => deleted('StatefulSet', 'cache');
    const cachePodDeleted = () => deleted('Pod', 'cache-0');
    const apiDeleted = () => deleted('Deployment', 'api');
    serve(kube, current);
    return { after, kube };
  }

  it('re-creates exactly the three refused objects, then removes the orphans their new selectors do not adopt', async () => {
    const { after, kube } = cluster();
    const clock = new FakeClock();
    const report = await run(kube, after, {}, clock).report;

    expect(
      mutations(kube).map((c) => `${c.verb} ${c.kind}/${c.name}${typeof c.options?.propagationPolicy === 'string' ? ` ${c.options.propagationPolicy}` : ''}`),
    ).toEqual([
      'apply ConfigMap/app-config',
      'apply StatefulSet/web',
      'apply Deployment/worker',
      'apply StatefulSet/cache',
      'apply Deployment/api',
      'apply Service/web',
      // Exactly the three objects the server refused, nothing else.
      'delete StatefulSet/web Orphan',
      'delete StatefulSet/cache Orphan',
      'delete Deployment/api Orphan',
      'apply StatefulSet/web',
      'apply StatefulSet/cache',
      'apply Deployment/api',
      // cache's selector changed: its unowned pod-0 blocks the new cache-0, so it is replaced first (by its uid)…
      'delete Pod/cache-0',
      // …api's selector changed: once the new Deployment is ready, its old ReplicaSet goes (with its pods).
      'delete ReplicaSet/api-5d8f Background',
    ]);
    expect(kube.of('delete').find((c) => c.kind === 'Pod')?.options).toEqual({ uid: 'uid-cache-0-orphan' });
    // web keeps its selector: its pod is adopted, nothing of it is deleted.
    expect(report.recreated.map((recreation) => [recreation.name, recreation.preserved, recreation.orphansRemoved])).toEqual([
      ['web', ['pod/web-0 (adopted by the new StatefulSet)', 'persistentvolumeclaim/data-web-0 (never deleted)'], []],
      ['cache', [], ['pod/cache-0']],
      ['api', [], ['replicaset/api-5d8f']],
    ]);
    expect(report.recreated[2]?.fields).toEqual(['spec.selector.matchLabels.app (api → api-v2)']);
    // The StatefulSet message only says "spec"; the allow-list it quotes excludes the template's own change.
    expect(report.recreated[1]?.fields).toEqual(['spec.selector.matchLabels.app (cache → cache-v2)']);
    expect(report.ok).toBe(true);
    expect(report.resources.filter((resource) => resource.action === 'recreated').map((resource) => resource.name)).toEqual(['web', 'cache', 'api']);
    // The waits polled through the injected clock, not real time.
    expect(clock.sleeps.every((ms) => ms <= 2000)).toBe(true);
  });

  it('leaves the orphans and reports them when the new workload never becomes ready', async () => {
    const { after, kube } = cluster(false);
    const report = await run(kube, after, { readyTimeoutSeconds: 10 }).report;
    expect(mutations(kube).some((c) => c.kind === 'ReplicaSet')).toBe(false);
    expect(report.recreated[2]?.orphansLeft).toEqual(['replicaset/api-5d8f']);
    expect(report.ok).toBe(false);
    expect(report.errors.join('\n')).toContain('orphaned replicaset/api-5d8f still running without an owner');
  });
});

describe('PersistentVolumeClaim changes', () => {
  it('fail with guidance and delete nothing', async () => {
    const desired = objectsOf('pvc-storageclass/after.yaml');
    const current = objectsOf('pvc-storageclass/before.yaml').map((object) => live(object));
    const kube = new FakeKube().on(call('apply', { kind: 'PersistentVolumeClaim' }), recordedStatus('pvc-storageclass/ssa-force--kdefault/api-status.json'));
    serve(kube, current);
    const report = await run(kube, desired).report;
    expect(mutations(kube)).toEqual([]);
    expect(report.ok).toBe(false);
    expect(report.resources).toEqual([expect.objectContaining({ kind: 'PersistentVolumeClaim', name: 'data', action: 'failed' })]);
    expect(report.errors[0]).toContain('spec.storageClassName (standard → fast) cannot change');
    expect(report.errors[0]).toContain('never deletes a PersistentVolumeClaim');
    expect(report.errors[0]).toContain('spec is immutable after creation except resources.requests for bound claims');
  });
});

describe('an unreachable server and credentials', () => {
  const desired = () => objectsOf('apply-outputs/ssa--k132/v1.yaml');

  it('an unreachable server (after the client has retried) stops the apply with one sentence naming the object', async () => {
    const kube = new FakeKube().on(call('list'), unreachable('refused'));
    const clock = new FakeClock();
    const report = await run(kube, desired(), {}, clock).report;
    expect(kube.of('list')).toHaveLength(1); // the retry policy lives in the client, not here
    expect(clock.sleeps).toEqual([]);
    expect(mutations(kube)).toEqual([]);
    expect(report.ok).toBe(false);
    expect(report.errors[0]).toContain('Deployment/shop/web');
    expect(report.errors[0]).toContain('Cannot reach the Kubernetes API server https://127.0.0.1:6443: the connection was refused');
    expect(report.resources[0]).toMatchObject({ name: 'web', action: 'failed' });
  });

  it('401: fails at once naming the kubeconfig credentials', async () => {
    const kube = new FakeKube().on(call('list'), apiError(401, 'Unauthorized', 'Unauthorized'));
    const clock = new FakeClock();
    const report = await run(kube, desired(), {}, clock).report;
    expect(kube.of('list')).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(mutations(kube)).toEqual([]);
    expect(report.ok).toBe(false);
    expect(report.errors[0]).toMatch(/rejected the credentials in the kubeconfig \(401 Unauthorized\)/);
    expect(report.resources[0]).toMatchObject({ name: 'web', action: 'failed' });
  });

  it('403 (RBAC) on apply fails at once naming the user and the resource', async () => {
    const forbidden = apiError(
      403,
      'Forbidden',
      'deployments.apps "web" is forbidden: User "jane" cannot patch resource "deployments" in API group "apps" in the namespace "shop"',
      [],
      { name: 'web', group: 'apps', kind: 'deployments' },
    );
    const kube = new FakeKube().on(isApply(false), forbidden);
    serve(kube, []);
    const report = await run(kube, desired()).report;
    expect(namesOf(kube, 'apply', false)).toEqual(['Deployment/web']);
    expect(report.errors[0]).toContain('"jane"');
    expect(report.errors[0]).toContain('403 Forbidden by RBAC');
    expect(report.errors[0]).toContain('User "jane" cannot patch resource "deployments"');
  });

  it('a kind the server does not serve fails that object with a clear message, not the run', async () => {
    const widget: KubernetesObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: NAMESPACE } };
    const { UnknownKindError } = await import('../../src/k8s/api-error.js');
    const kube = new FakeKube().on(call('apply', { kind: 'Widget' }), new UnknownKindError('example.com/v1', 'Widget'));
    serve(kube, []);
    const report = await run(kube, [...desired(), widget]).report;
    expect(kube.of('list').map((c) => c.kind)).toEqual(['Deployment']); // discovery knows no Widget: nothing to list
    expect(report.resources.find((r) => r.kind === 'Widget')).toMatchObject({
      action: 'failed',
      reason: expect.stringContaining('has no kind Widget in example.com/v1'),
    });
    expect(report.errors[0]).toContain('CustomResourceDefinition installed');
    expect(mutations(kube)).toEqual([]); // the stage was refused: nothing in it changed
  });
});

describe('field conflicts after kubectl rollout undo', () => {
  it('takes the fields back with force (the client default): the repository is the source of truth', async () => {
    const desired = objectsOf('apply-outputs/ssa--k132/v2.yaml');
    const current = live(objectsOf('apply-outputs/ssa--k132/v1.yaml')[0]!);
    // The server answers a non-forced apply with the conflict it really sends, a forced one with success.
    const conflict = recordedStatus('ssa-conflict/k132/02-apply-server-side-conflict/api-status.json');
    const kube = new FakeKube().on(call('apply'), (c: KubeCall) =>
      c.options?.force === false ? conflict : c.options?.dryRun ? dryRunOf(desired[0]!, current) : c.body,
    );
    serve(kube, [current]);
    const report = await run(kube, desired).report;
    expect(report.ok).toBe(true);
    expect(report.resources).toEqual([{ kind: 'Deployment', namespace: NAMESPACE, name: 'web', action: 'configured' }]);
    expect(kube.of('apply').every((c) => c.options?.force !== false)).toBe(true);
  });
});

describe('an object last applied client-side (kubectl apply without --server-side)', () => {
  it('first moves its client-side field ownership to k8sapp (kubectl csaupgrade), then applies; a plan changes nothing', async () => {
    const recorded = JSON.parse(fixtureFile('csa-upgrade/live-client-side.json')) as KubernetesObject;
    const current = { ...recorded, metadata: { ...recorded.metadata, namespace: NAMESPACE } };
    const desired: KubernetesObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'web', namespace: NAMESPACE, labels: { app: 'web' } },
      data: { a: '1' },
    };
    const kube = new FakeKube().on(call('patch', { kind: 'ConfigMap', name: 'web' }), (c: KubeCall) => ({
      ...current,
      metadata: { ...current.metadata, managedFields: (c.body as { value: unknown }[])[0]?.value },
    }));
    serve(kube, [current]);
    const report = await run(kube, [desired]).report;
    expect(report.ok).toBe(true);
    expect(report.resources).toEqual([{ kind: 'ConfigMap', namespace: NAMESPACE, name: 'web', action: 'configured' }]);
    const writes = kube.calls.filter((c) => c.verb === 'patch' || (c.verb === 'apply' && !c.options?.dryRun));
    expect(writes.map((c) => `${c.verb} ${c.kind}/${c.name}`)).toEqual(['patch ConfigMap/web', 'apply ConfigMap/web']);
    const patch = writes[0]!;
    expect(patch.options).toMatchObject({ type: 'json', fieldManager: 'k8sapp' });
    expect((patch.body as { op: string; path: string; value: unknown }[]).map((op) => `${op.op} ${op.path}`)).toEqual([
      'replace /metadata/managedFields',
      'replace /metadata/resourceVersion',
    ]);

    const plan = new FakeKube();
    serve(plan, [current]);
    await run(plan, [desired], { dryRun: true }).report;
    expect(plan.of('patch')).toEqual([]);
  });
});

describe('stages', () => {
  it('applies Namespaces and CRDs first and waits for the CRD to be established and served before the rest', async () => {
    const namespace: KubernetesObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };
    const crd: KubernetesObject = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        names: { kind: 'Widget', plural: 'widgets' },
        scope: 'Namespaced',
        versions: [{ name: 'v1', served: true, storage: true }],
      },
    };
    const widget: KubernetesObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'shop' } };
    const establishedCrd = { ...crd, status: { conditions: [{ type: 'Established', status: 'True' }] } };
    const kube = new FakeKube().on(call('get', { kind: 'CustomResourceDefinition' }), crd, () => {
      kube.kind('example.com/v1', 'Widget', { plural: 'widgets', namespaced: true }); // discovery serves it once established
      return establishedCrd;
    });
    serve(kube, []);
    const clock = new FakeClock();
    const report = await run(kube, [widget, crd, namespace], {}, clock).report;
    expect(namesOf(kube, 'apply', false)).toEqual(['CustomResourceDefinition/widgets.example.com', 'Namespace/shop', 'Widget/w']);
    const order = kube.calls.map((c) => `${c.verb} ${c.kind}`);
    expect(order.lastIndexOf('get CustomResourceDefinition')).toBeLessThan(order.indexOf('list Widget'));
    expect(clock.sleeps).toEqual([1000]);
    expect(report.ok).toBe(true);
  });

  it('keeps at most 16 requests in flight within a stage, one apply per object', async () => {
    const configMaps: KubernetesObject[] = Array.from({ length: 40 }, (_, index) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `config-${index}`, namespace: NAMESPACE },
      data: { index: String(index) },
    }));
    const counted = inFlight((c: KubeCall) => (c.options?.dryRun ? dryRunOf(c.body as KubernetesObject) : c.body));
    const kube = new FakeKube().on(call('apply'), counted.answer);
    serve(kube, []);
    const report = await run(kube, configMaps).report;
    expect(report.ok).toBe(true);
    expect(kube.of('list')).toHaveLength(1); // one kind in one namespace
    expect(namesOf(kube, 'apply', true)).toHaveLength(40);
    expect(namesOf(kube, 'apply', false)).toHaveLength(40);
    expect(counted.max()).toBe(API_CONCURRENCY);
  });
});
