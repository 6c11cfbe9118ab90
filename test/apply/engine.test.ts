import { describe, expect, it } from 'vitest';
import { applyEnvironment } from '../../src/apply/engine.js';
import type { ApplyRequest } from '../../src/apply/types.js';
import { Kubectl } from '../../src/k8s/kubectl.js';
import { RecordingLogger } from '../../src/log.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { fail, FakeKubectl, fixture, ok } from '../helpers/fake-kubectl.js';
import { typedRef } from '../../src/apply/objects.js';
import { control, dryRunOf, FakeClock, isDryRun, isRealApply, list, live, manifestNames, manifestObjects, NAMESPACE, objectsOf, streamOf } from './helpers.js';

const OVERLAY = '/repo/infra/k8s/dev';

function request(overrides: Partial<ApplyRequest> = {}): ApplyRequest {
  return { environment: 'dev', control: control(), secrets: {}, dryRun: false, registerSecret: () => undefined, ...overrides };
}

function run(fake: FakeKubectl, overrides: Partial<ApplyRequest> = {}, clock = new FakeClock(), logger = new RecordingLogger()) {
  const kubectl = new Kubectl(fake.executor);
  return applyEnvironment(request(overrides), { kubectl, clock, logger });
}

const byName = (objects: KubernetesObject[], kind: string, name: string) => objects.find((object) => object.kind === kind && object.metadata.name === name)!;

/** multi-doc-single-failure: ConfigMap, StatefulSet web (storage 10Gi → 20Gi), Deployment worker, StatefulSet cache, Deployment api, Service web. */
function singleFailureCluster() {
  const before = objectsOf('multi-doc-single-failure/before.yaml');
  const after = objectsOf('multi-doc-single-failure/after.yaml');
  const current = before.map((object) => live(object));
  const dryRunWithoutWeb = after
    .filter((object) => !(object.kind === 'StatefulSet' && object.metadata.name === 'web'))
    .map((object) =>
      dryRunOf(
        object,
        current.find((item) => item.kind === object.kind && item.metadata.name === object.metadata.name),
      ),
    );
  const webPod: KubernetesObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-0', namespace: NAMESPACE, labels: { app: 'web' }, ownerReferences: [{ uid: 'uid-old-web', controller: true }] },
  };
  const fake = new FakeKubectl()
    .on(['kustomize'], ok(streamOf(after)))
    .on(['get', 'pods'], ok(list([webPod])))
    .on(['get'], ok(list(current)))
    .on(isDryRun, fixture('multi-doc-single-failure/ssa--k132'), ok(list(dryRunWithoutWeb)))
    .on(['delete'], fixture('delete-statefulset-cascade-orphan/04-delete-k132'));
  return { before, after, current, fake };
}

describe('one failing StatefulSet among valid objects', () => {
  it('deletes only that StatefulSet with --cascade=orphan and re-applies only it', async () => {
    const { fake } = singleFailureCluster();
    const realApply = fixture('multi-doc-single-failure/ssa--k132');
    fake.on(
      isRealApply,
      { ...realApply, stdout: 'configmap/app-config serverside-applied\ndeployment.apps/worker serverside-applied\n' },
      ok('statefulset.apps/web serverside-applied\n'),
    );

    const report = await run(fake);

    expect(fake.commands()).toEqual([
      ['kustomize', OVERLAY],
      [
        'get',
        'configmap/app-config',
        'statefulset.apps/web',
        'deployment.apps/worker',
        'statefulset.apps/cache',
        'deployment.apps/api',
        'service/web',
        '-n',
        NAMESPACE,
        '--ignore-not-found',
        '-o',
        'json',
      ],
      ['apply', '--server-side', '--field-manager=k8sapp', '--force-conflicts', '--dry-run=server', '-o', 'json', '-f', '-'],
      ['apply', '--server-side', '--field-manager=k8sapp', '--force-conflicts', '--dry-run=server', '-o', 'json', '-f', '-'],
      ['apply', '--server-side', '--field-manager=k8sapp', '--force-conflicts', '-f', '-'],
      ['get', 'pods', '-n', NAMESPACE, '-l', 'app=web', '-o', 'json'],
      ['delete', 'statefulset.apps/web', '-n', NAMESPACE, '--cascade=orphan', '--ignore-not-found'],
      ['apply', '--server-side', '--field-manager=k8sapp', '--force-conflicts', '-f', '-'],
    ]);
    const applies = fake.calls.filter((call) => isRealApply(call.args));
    // Unchanged objects are not applied at all; the refused StatefulSet is applied, then re-applied alone.
    expect(manifestNames(applies[0])).toEqual(['ConfigMap/app-config', 'StatefulSet/web', 'Deployment/worker']);
    expect(manifestNames(applies[1])).toEqual(['StatefulSet/web']);
    expect(fake.mutatingCalls().filter((call) => call.args[0] === 'delete')).toHaveLength(1);

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
  });

  it('plan mode predicts the same re-creation and field without any mutating call', async () => {
    const { fake } = singleFailureCluster();
    const report = await run(fake, { dryRun: true });
    expect(fake.mutatingCalls()).toEqual([]);
    expect(fake.calls.filter((call) => call.args[0] === 'apply').every((call) => call.args.includes('--dry-run=server'))).toBe(true);
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
    const { fake } = singleFailureCluster();
    const report = await run(fake, { control: control({ immutable_recovery: 'fail' }) });
    expect(fake.mutatingCalls()).toEqual([]);
    expect(report.ok).toBe(false);
    expect(report.errors[0]).toContain('StatefulSet/shop/web: immutable field spec.volumeClaimTemplates[0].spec.resources.requests.storage (10Gi → 20Gi)');
    expect(report.errors[0]).toContain('immutable_recovery is "fail"');
    expect(report.resources.find((resource) => resource.name === 'worker')).toMatchObject({ action: 'skipped' });
  });
});

describe('a failure that persists after re-creation', () => {
  it('deletes once, re-applies once, and fails with both messages', async () => {
    const { fake } = singleFailureCluster();
    const refused = fixture('multi-doc-single-failure/ssa--k132');
    fake.on(
      isRealApply,
      { ...refused, stdout: 'configmap/app-config serverside-applied\ndeployment.apps/worker serverside-applied\n' },
      fail('Error from server (Invalid): StatefulSet.apps "web" is invalid: spec.template.spec.containers[0].image: Required value'),
    );
    const report = await run(fake);
    expect(fake.calls.filter((call) => call.args[0] === 'delete')).toHaveLength(1);
    expect(fake.calls.filter((call) => isRealApply(call.args))).toHaveLength(2);
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
    const before = objectsOf('multi-doc-partial-failure/before.yaml');
    const after = objectsOf('multi-doc-partial-failure/after.yaml');
    const current = before.map((object) => live(object));
    const failing = new Set(['StatefulSet/web', 'StatefulSet/cache', 'Deployment/api']);
    const dryRunRest = after
      .filter((object) => !failing.has(`${object.kind}/${object.metadata.name}`))
      .map((object) =>
        dryRunOf(
          object,
          current.find((item) => item.kind === object.kind && item.metadata.name === object.metadata.name),
        ),
      );
    const pod = (name: string, labels: Record<string, string>, owner: string): KubernetesObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: NAMESPACE, labels, ownerReferences: [{ uid: owner, controller: true }] },
    });
    const oldApiReplicaSet: KubernetesObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'api-5d8f',
        namespace: NAMESPACE,
        labels: { app: 'api', 'pod-template-hash': '5d8f' },
        ownerReferences: [{ uid: 'uid-old-api', controller: true }],
      },
    };
    const unownedReplicaSet = { ...oldApiReplicaSet, metadata: { ...oldApiReplicaSet.metadata, ownerReferences: [] } };
    const newCache0 = { ...pod('cache-0', { app: 'cache-v2' }, 'uid-new-cache'), status: { conditions: [{ type: 'Ready', status: 'True' }] } };
    const newApi = live(
      byName(after, 'Deployment', 'api'),
      apiBecomesReady ? { observedGeneration: 1, updatedReplicas: 1, availableReplicas: 1 } : { observedGeneration: 1, updatedReplicas: 0 },
    );
    const realApply = fixture('multi-doc-partial-failure/ssa--k132');
    const fake = new FakeKubectl()
      .on(['kustomize'], ok(streamOf(after)))
      .on(['get', 'pods', '-n', NAMESPACE, '-l', 'app=web'], ok(list([pod('web-0', { app: 'web' }, 'uid-old-web')])))
      .on(['get', 'pods', '-n', NAMESPACE, '-l', 'app=cache'], ok(list([pod('cache-0', { app: 'cache' }, 'uid-old-cache')])))
      .on(['get', 'replicasets'], ok(list([oldApiReplicaSet])))
      // Re-read before the delete (still the unowned orphan), then gone, then the new controller's cache-0.
      .on(
        ['get', 'pod/cache-0'],
        ok(list([{ ...pod('cache-0', { app: 'cache' }, 'uid-old-cache'), metadata: { name: 'cache-0', namespace: NAMESPACE, labels: { app: 'cache' } } }])),
        ok(list([])),
        ok(JSON.stringify(newCache0)),
      )
      .on(['get', 'deployment.apps/api'], ok(JSON.stringify(newApi)))
      .on(['get', 'replicaset/api-5d8f'], ok(JSON.stringify(unownedReplicaSet)))
      .on(['get'], ok(list(current)))
      .on(isDryRun, { ...realApply, stdout: '' }, ok(list(dryRunRest)))
      .on(['delete'], ok('deleted\n'))
      .on(
        isRealApply,
        realApply,
        ok('statefulset.apps/web serverside-applied\nstatefulset.apps/cache serverside-applied\ndeployment.apps/api serverside-applied\n'),
      );
    return { fake };
  }

  it('re-creates exactly the three named objects, then removes the orphans their new selectors do not adopt', async () => {
    const { fake } = cluster();
    const clock = new FakeClock();
    const report = await run(fake, {}, clock);

    expect(fake.mutatingCalls().map((call) => call.args)).toEqual([
      ['apply', '--server-side', '--field-manager=k8sapp', '--force-conflicts', '-f', '-'],
      ['delete', 'statefulset.apps/web', '-n', NAMESPACE, '--cascade=orphan', '--ignore-not-found'],
      ['delete', 'statefulset.apps/cache', '-n', NAMESPACE, '--cascade=orphan', '--ignore-not-found'],
      ['delete', 'deployment.apps/api', '-n', NAMESPACE, '--cascade=orphan', '--ignore-not-found'],
      ['apply', '--server-side', '--field-manager=k8sapp', '--force-conflicts', '-f', '-'],
      // cache's selector changed: its unowned pod-0 blocks the new cache-0, so it is replaced first…
      ['delete', 'pod/cache-0', '-n', NAMESPACE, '--ignore-not-found'],
      // …api's selector changed: once the new Deployment is ready, its old ReplicaSet goes (with its pods).
      ['delete', 'replicaset/api-5d8f', '-n', NAMESPACE, '--cascade=background', '--ignore-not-found'],
    ]);
    const applies = fake.mutatingCalls().filter((call) => call.args[0] === 'apply');
    expect(manifestNames(applies[1])).toEqual(['StatefulSet/web', 'StatefulSet/cache', 'Deployment/api']);
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
    // The wait for the replacement pod-0 polled through the injected clock, not real time.
    expect(clock.sleeps).toEqual([2000]);
  });

  it('leaves the orphans and reports them when the new workload never becomes ready', async () => {
    const { fake } = cluster(false);
    const report = await run(fake, { readyTimeoutSeconds: 10 });
    expect(fake.mutatingCalls().some((call) => call.args[1] === 'replicaset/api-5d8f')).toBe(false);
    expect(report.recreated[2]?.orphansLeft).toEqual(['replicaset/api-5d8f']);
    expect(report.ok).toBe(false);
    expect(report.errors.join('\n')).toContain('orphaned replicaset/api-5d8f still running without an owner');
  });
});

describe('PersistentVolumeClaim changes', () => {
  it('fail with guidance and delete nothing', async () => {
    const desired = objectsOf('pvc-storageclass/after.yaml');
    const current = objectsOf('pvc-storageclass/before.yaml').map((object) => live(object));
    const fake = new FakeKubectl()
      .on(['kustomize'], ok(streamOf(desired)))
      .on(['get'], ok(JSON.stringify(current[0])))
      .on(isDryRun, fixture('pvc-storageclass/ssa--k132'));
    const report = await run(fake);
    expect(fake.mutatingCalls()).toEqual([]);
    expect(report.ok).toBe(false);
    expect(report.resources).toEqual([expect.objectContaining({ kind: 'PersistentVolumeClaim', name: 'data', action: 'failed' })]);
    expect(report.errors[0]).toContain('spec.storageClassName (standard → fast) cannot change');
    expect(report.errors[0]).toContain('never deletes a PersistentVolumeClaim');
    expect(report.errors[0]).toContain('spec is immutable after creation except resources.requests for bound claims');
  });
});

describe('transient failures and credentials', () => {
  function simple() {
    const desired = objectsOf('apply-outputs/ssa--k132/v1.yaml');
    return { desired, fake: new FakeKubectl().on(['kustomize'], ok(streamOf(desired))) };
  }

  it('retries connection refused with exponential backoff, then succeeds', async () => {
    const { desired, fake } = simple();
    fake
      .on(['get'], fixture('apply-apiserver-down/get-pods--k132'), fixture('apply-apiserver-down/get-pods--k127'), ok(''))
      .on(isDryRun, ok(JSON.stringify(dryRunOf(desired[0]!))))
      .on(isRealApply, ok('deployment.apps/web serverside-applied\n'));
    const clock = new FakeClock();
    const logger = new RecordingLogger();
    const report = await run(fake, {}, clock, logger);
    expect(clock.sleeps).toEqual([1000, 2000]);
    expect(report.ok).toBe(true);
    expect(report.resources).toEqual([{ kind: 'Deployment', namespace: NAMESPACE, name: 'web', action: 'created' }]);
    expect(logger.lines.filter((line) => line.includes('transient failure'))).toHaveLength(2);
  });

  it('gives up after the bounded number of attempts, quoting the server', async () => {
    const { fake } = simple();
    fake.on(['get'], fixture('apply-apiserver-down/ssa--k132'));
    const clock = new FakeClock();
    const report = await run(fake, { retry: { attempts: 3, initialDelayMs: 500 } }, clock);
    expect(fake.calls.filter((call) => call.args[0] === 'get')).toHaveLength(3);
    expect(clock.sleeps).toEqual([500, 1000]);
    expect(report.ok).toBe(false);
    expect(report.errors[0]).toContain('stayed unreachable after 3 attempts');
    expect(report.errors[0]).toContain('connect: connection refused');
    expect(report.errors[0]).toContain('Deployment/shop/web');
  });

  it.each(['apply-unauthorized/ssa--k127', 'apply-unauthorized/ssa--k132'])('%s: fails at once naming the kubeconfig credentials', async (dir) => {
    const { fake } = simple();
    fake.on(['get'], fixture(dir));
    const clock = new FakeClock();
    const report = await run(fake, {}, clock);
    expect(fake.calls.filter((call) => call.args[0] === 'get')).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(fake.mutatingCalls()).toEqual([]);
    expect(report.ok).toBe(false);
    expect(report.errors[0]).toMatch(/rejected the credentials in the kubeconfig \(401 Unauthorized\)/);
    expect(report.errors[0]).toContain('the server has asked for the client to provide credentials');
    expect(report.resources[0]).toMatchObject({ name: 'web', action: 'failed' });
  });

  it('Forbidden by RBAC on apply fails at once naming the user and the resource', async () => {
    const { desired, fake } = simple();
    fake
      .on(['get'], ok(''))
      .on(isDryRun, ok(JSON.stringify(dryRunOf(desired[0]!))))
      .on(isRealApply, fixture('apply-forbidden/ssa--kdefault'));
    const report = await run(fake);
    expect(fake.calls.filter((call) => isRealApply(call.args))).toHaveLength(1);
    expect(report.errors[0]).toContain('"jane"');
    expect(report.errors[0]).toContain('User "jane" cannot patch resource "deployments"');
  });
});

describe('field conflicts after kubectl rollout undo', () => {
  it('takes the fields back with --force-conflicts: the repository is the source of truth', async () => {
    const desired = objectsOf('apply-outputs/ssa--k132/v2.yaml');
    const current = live(objectsOf('apply-outputs/ssa--k132/v1.yaml')[0]!);
    // The server answers a non-forced apply with the conflict kubectl really prints, a forced one with success.
    const answer = (succeeded: string) => (call: { args: string[] }) =>
      call.args.includes('--force-conflicts') ? ok(succeeded) : fixture('ssa-conflict/k132/02-apply-server-side-conflict');
    const fake = new FakeKubectl()
      .on(['kustomize'], ok(streamOf(desired)))
      .on(['get'], ok(JSON.stringify(current)))
      .on(isDryRun, answer(JSON.stringify(dryRunOf(desired[0]!, current))))
      .on(isRealApply, answer('deployment.apps/web serverside-applied\n'));
    const report = await run(fake);
    expect(report.ok).toBe(true);
    expect(report.resources).toEqual([{ kind: 'Deployment', namespace: NAMESPACE, name: 'web', action: 'configured' }]);
    expect(fake.calls.filter((call) => call.args[0] === 'apply').every((call) => call.args.includes('--force-conflicts'))).toBe(true);
  });
});

describe('stages', () => {
  it('applies Namespaces and CRDs first and waits for the CRD to be established before the rest', async () => {
    const namespace: KubernetesObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };
    const crd: KubernetesObject = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: { group: 'example.com', names: { kind: 'Widget', plural: 'widgets' } },
    };
    const widget: KubernetesObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'shop' } };
    const establishedCrd = { ...crd, status: { conditions: [{ type: 'Established', status: 'True' }] } };
    const crdRef = 'customresourcedefinition.apiextensions.k8s.io/widgets.example.com';
    const fake = new FakeKubectl()
      .on(['kustomize'], ok(streamOf([widget, crd, namespace])))
      .on((args) => args[0] === 'get' && args.includes('namespace/shop'), ok(''))
      .on(['get', crdRef], ok(JSON.stringify(crd)), ok(JSON.stringify(establishedCrd)))
      .on(['get', 'widget.example.com/w'], ok(''))
      .on(isDryRun, (call) => ok(list(manifestObjects(call))))
      .on(isRealApply, (call) =>
        ok(
          manifestObjects(call)
            .map((object) => `${typedRef(object)} serverside-applied`)
            .join('\n'),
        ),
      );
    const clock = new FakeClock();
    const report = await run(fake, {}, clock);
    const applies = fake.calls.filter((call) => isRealApply(call.args));
    expect(applies.map(manifestNames)).toEqual([['CustomResourceDefinition/widgets.example.com', 'Namespace/shop'], ['Widget/w']]);
    const order = fake.commands().map((args) => args.slice(0, 2).join(' '));
    expect(order.indexOf('get customresourcedefinition.apiextensions.k8s.io/widgets.example.com')).toBeLessThan(order.lastIndexOf('get widget.example.com/w'));
    expect(clock.sleeps).toEqual([1000]);
    expect(report.ok).toBe(true);
  });
});
