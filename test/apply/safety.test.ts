import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { applyEnvironment } from '../../src/apply/engine.js';
import type { ApplyRequest } from '../../src/apply/types.js';
import { RecordingLogger } from '../../src/log.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { apiError, call, FakeKube, recordedStatus, type KubeCall } from '../helpers/fake-kube.js';
import { fixtureFile } from '../helpers/fake-kubectl.js';
import { control, FakeClock, live, mutations, named, objectsOf, serve, streamOf } from './helpers.js';

function request(objects: readonly KubernetesObject[], overrides: Partial<ApplyRequest> = {}): ApplyRequest {
  return {
    environment: 'dev',
    control: control(),
    secrets: {},
    dryRun: false,
    registerSecret: () => undefined,
    manifests: { yaml: streamOf(objects), origin: 'k8s/dev' },
    ...overrides,
  };
}

function run(
  kube: FakeKube,
  objects: readonly KubernetesObject[],
  overrides: Partial<ApplyRequest> = {},
  clock = new FakeClock(),
  logger = new RecordingLogger(),
) {
  return applyEnvironment(request(objects, overrides), { kube, clock, logger });
}

const deletes = (kube: FakeKube) => kube.of('delete').map((c) => `${c.kind}/${c.namespace ?? ''}/${c.name}`);

/**
 * kubectl named a failing object without its namespace, so the old engine had to ask again about each same-named
 * object alone. Each object is now its own request: with a StatefulSet `web` in two namespaces of one overlay, the
 * refusal of shop's request is about shop's object, and only that one may be deleted.
 */
describe('same-named objects in two namespaces', () => {
  function twoNamespaces() {
    const byName = (path: string, namespace: string) =>
      objectsOf(path, namespace).find((object) => object.kind === 'StatefulSet' && object.metadata.name === 'web')!;
    const refusedWeb = byName('multi-doc-single-failure/after.yaml', 'shop');
    const oldBillingWeb = byName('multi-doc-single-failure/before.yaml', 'billing');
    // billing's web only changes its image: the server accepts that in place.
    const billingWeb = structuredClone(oldBillingWeb);
    (billingWeb.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image = 'nginx:1.26';
    const liveShop = { ...live(byName('multi-doc-single-failure/before.yaml', 'shop')), metadata: { ...live(refusedWeb).metadata, uid: 'uid-shop-web' } };
    const liveBilling = { ...live(oldBillingWeb), metadata: { ...live(oldBillingWeb).metadata, uid: 'uid-billing-web' } };
    const refusal = recordedStatus('sts-vct-storage/ssa-force--kdefault/api-status.json');
    const kube: FakeKube = new FakeKube();
    kube
      .on((c: KubeCall) => c.verb === 'apply' && c.namespace === 'shop' && (c.options?.dryRun === true || kube.of('delete').length === 0), refusal)
      .on(call('list', { kind: 'Pod' }), { items: [], resourceVersion: '1' });
    serve(kube, [liveShop, liveBilling]);
    return { kube, objects: [refusedWeb, billingWeb] };
  }

  it('re-creates only the StatefulSet in the namespace the server refused', async () => {
    const { kube, objects } = twoNamespaces();
    const report = await run(kube, objects);
    expect(
      kube
        .of('list')
        .filter((c) => c.kind === 'StatefulSet')
        .map((c) => c.namespace),
    ).toEqual(['shop', 'billing']);
    expect(deletes(kube)).toEqual(['StatefulSet/shop/web']);
    expect(kube.of('delete')[0]?.options).toEqual({ propagationPolicy: 'Orphan', uid: 'uid-shop-web' });
    expect(report.resources.map((resource) => `${resource.namespace}/${resource.name}=${resource.action}`)).toEqual([
      'shop/web=recreated',
      'billing/web=configured',
    ]);
    expect(report.recreated.map((recreation) => recreation.namespace)).toEqual(['shop']);
    expect(report.ok).toBe(true);
  });

  it('plan mode predicts the re-creation for the refused namespace only', async () => {
    const { kube, objects } = twoNamespaces();
    const report = await run(kube, objects, { dryRun: true });
    expect(mutations(kube)).toEqual([]);
    expect(report.resources.map((resource) => `${resource.namespace}/${resource.name}=${resource.action}`)).toEqual([
      'shop/web=recreated',
      'billing/web=configured',
    ]);
    expect(report.recreated.map((recreation) => recreation.namespace)).toEqual(['shop']);
  });
});

/** StatefulSet pod names are reused: once an orphan is gone, the new controller creates a pod of the same name. */
describe('orphaned StatefulSet pods', () => {
  const oldCache = (replicas: number): KubernetesObject => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'cache', namespace: 'shop', uid: 'uid-old-cache', generation: 1 },
    spec: {
      serviceName: 'cache',
      replicas,
      selector: { matchLabels: { app: 'cache' } },
      template: { metadata: { labels: { app: 'cache' } }, spec: { containers: [{ name: 'redis', image: 'redis:7.2' }] } },
    },
  });
  const newCache = (replicas: number): KubernetesObject => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'cache', namespace: 'shop' },
    spec: {
      serviceName: 'cache',
      replicas,
      selector: { matchLabels: { app: 'cache-v2' } },
      template: { metadata: { labels: { app: 'cache-v2' } }, spec: { containers: [{ name: 'redis', image: 'redis:7.2' }] } },
    },
  });
  const pod = (name: string, app: string, owner?: string, ready = false): KubernetesObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'shop',
      uid: `uid-${name}-${owner ?? 'orphan'}`,
      labels: { app },
      ...(owner ? { ownerReferences: [{ uid: owner, controller: true }] } : {}),
    },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  });
  const refusal = recordedStatus('sts-selector/ssa-force--kdefault/api-status.json');

  /**
   * The old StatefulSet's pods under its selector: owned before its delete, orphans after it, and gone once deleted
   * (the new controller's pods carry the new labels, so the old selector no longer lists them).
   */
  function cluster(oldReplicas: number, newReplicas: number, options: { evicted?: string[]; podDelete?: unknown } = {}) {
    const { evicted = [], podDelete = 'deleted' } = options;
    const kube = new FakeKube().on(call('delete', { kind: 'Pod' }), podDelete);
    const deleted = (name: string) => kube.of('delete').some((c) => c.kind === 'Pod' && c.name === name);
    const stsDeleted = () => kube.of('delete').some((c) => c.kind === 'StatefulSet');
    kube
      .on(named('apply', 'StatefulSet', 'cache'), (c: KubeCall) => (stsDeleted() && !c.options?.dryRun ? c.body : refusal))
      .on(call('list', { kind: 'Pod' }), () => ({
        items: Array.from({ length: oldReplicas }, (_, index) => `cache-${index}`)
          .filter((name) => !deleted(name) && !(stsDeleted() && evicted.includes(name)))
          .map((name) => pod(name, 'cache', stsDeleted() ? undefined : 'uid-old-cache', true)),
        resourceVersion: '1',
      }))
      .on(call('get', { kind: 'Pod' }), (c: KubeCall) => pod(c.name ?? '', 'cache-v2', 'uid-new-cache', true));
    serve(kube, [oldCache(oldReplicas)]);
    return { kube, objects: [newCache(newReplicas)] };
  }

  it("deletes an orphan only by its uid: after a lost answer, the new controller's same-named pod is never deleted", async () => {
    // The orphan was deleted but the answer was lost; the client's retry meets the new controller's cache-0.
    const precondition = apiError(
      409,
      'Conflict',
      'Precondition failed: UID in precondition: uid-cache-0-orphan, UID in object meta: uid-cache-0-uid-new-cache',
    );
    const { kube, objects } = cluster(1, 1, { podDelete: precondition });
    const report = await run(kube, objects);
    expect(deletes(kube)).toEqual(['StatefulSet/shop/cache', 'Pod/shop/cache-0']);
    expect(kube.of('delete')[1]?.options).toEqual({ uid: 'uid-cache-0-orphan' });
    expect(report.recreated[0]?.orphansLeft).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('does not delete a pod that is no longer an orphan of the old selector', async () => {
    // While cache-0 was replaced, the orphan cache-1 went away (evicted) and the new controller made its own.
    const { kube, objects } = cluster(2, 2, { evicted: ['cache-1'] });
    const report = await run(kube, objects);
    expect(deletes(kube)).toEqual(['StatefulSet/shop/cache', 'Pod/shop/cache-0']);
    expect(report.recreated[0]?.orphansRemoved).toEqual(['pod/cache-0']);
    expect(report.ok).toBe(true);
  });

  it('removes orphans above the new replica count without waiting for a pod that will never come', async () => {
    const { kube, objects } = cluster(3, 1);
    const clock = new FakeClock();
    const report = await run(kube, objects, { readyTimeoutSeconds: 60 }, clock);
    expect(deletes(kube)).toEqual(['StatefulSet/shop/cache', 'Pod/shop/cache-0', 'Pod/shop/cache-1', 'Pod/shop/cache-2']);
    expect(report.recreated[0]?.orphansRemoved).toEqual(['pod/cache-0', 'pod/cache-1', 'pod/cache-2']);
    expect(report.recreated[0]?.orphansLeft).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(clock.sleeps.reduce((sum, ms) => sum + ms, 0)).toBeLessThan(60_000);
  });
});

/**
 * An object last applied client-side (kubectl apply -f) whose manifest dropped a field: server-side apply as
 * k8sapp does not own that field, so the dry run keeps it and equals the live object. Only a real apply migrates
 * the kubectl-client-side-apply fields to k8sapp, which removes the field and the last-applied annotation (fixture
 * ssa-conflict/k132/05-managed-fields).
 */
describe('objects last applied client-side', () => {
  it('are applied, not reported unchanged', async () => {
    const desired = { ...(parseAllDocuments(fixtureFile('ssa-conflict/k132/csa.yaml'))[0]!.toJS() as KubernetesObject) };
    desired.metadata = { ...desired.metadata, namespace: 'shop' };
    const current = live(desired, { observedGeneration: 1 });
    // Applied client-side with an env var that the manifest has since dropped.
    const container = (current.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec.containers[0]!;
    container.env = [{ name: 'DEBUG', value: '1' }];
    current.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ ...desired, spec: current.spec }) };
    const kube = new FakeKube().on((c: KubeCall) => c.verb === 'apply' && c.options?.dryRun === true, current);
    serve(kube, [current]);
    const report = await run(kube, [desired]);
    expect(mutations(kube).map((c) => c.verb)).toEqual(['apply']);
    expect(report.resources).toEqual([expect.objectContaining({ kind: 'Deployment', name: 'web', action: 'configured' })]);
    expect(report.workloads).toEqual([{ kind: 'Deployment', namespace: 'shop', name: 'web' }]);
  });

  it('an object k8sapp already owns (no last-applied annotation) that the dry run leaves equal stays unchanged', async () => {
    const desired = { ...(parseAllDocuments(fixtureFile('ssa-conflict/k132/k8sapp.yaml'))[0]!.toJS() as KubernetesObject) };
    desired.metadata = { ...desired.metadata, namespace: 'shop' };
    const current = live(desired);
    const kube = new FakeKube().on((c: KubeCall) => c.verb === 'apply' && c.options?.dryRun === true, current);
    serve(kube, [current]);
    const report = await run(kube, [desired]);
    expect(mutations(kube)).toEqual([]);
    expect(report.resources).toEqual([expect.objectContaining({ name: 'web', action: 'unchanged' })]);
  });
});

/**
 * Servers and admission webhooks quote values Go-style (%q / JSON): a multi-line or quoted secret (a PEM key, a
 * service-account JSON) then appears with `\n` and `\"` escapes, which a search for the raw value misses.
 */
describe('secret values quoted back by the server', () => {
  const secret: KubernetesObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'gcp', namespace: 'shop' },
    stringData: { SA_JSON: 'StrongBase64Password' },
  };
  const value = '{"type":"service_account",\n"private_key":"-----BEGIN KEY-----\\nAbCdEf\\n"}';
  const quoted = JSON.stringify(value);

  it('are redacted in errors and logs', async () => {
    const registered: string[] = [];
    const logger = new RecordingLogger();
    // A webhook denial: 400 (the apiserver's default code for a denial), no causes, the value quoted in the message.
    const denial = apiError(400, 'BadRequest', `admission webhook "policy.example.com" denied the request: stringData.SA_JSON ${quoted} is not allowed`);
    const kube = new FakeKube().on(call('apply', { kind: 'Secret' }), denial);
    serve(kube, []);
    const report = await run(kube, [secret], { secrets: { SA_JSON: value }, registerSecret: (text) => registered.push(text) }, new FakeClock(), logger);
    expect(report.ok).toBe(false);
    const everything = JSON.stringify(report) + logger.lines.join('\n');
    expect(everything).toContain('policy.example.com');
    expect(everything).not.toContain('AbCdEf');
    // The escaped form is masked on the runner too.
    expect(registered).toContain(quoted.slice(1, -1));
  });
});

/** Fixture svc-headless-to-auto: removing `clusterIP: None` is accepted, yet the Service stays headless. */
describe('a headless Service whose manifest no longer asks for clusterIP: None', () => {
  it('is not silently reported as in sync: a warning says it stays headless and how to change it', async () => {
    const desired = objectsOf('svc-headless-to-auto/after.yaml')[0]!;
    const stored = parseAllDocuments(fixtureFile('svc-headless-to-auto/ssa--k132/live-after.yaml'))[0]!.toJS() as KubernetesObject;
    const current = { ...stored, metadata: { ...stored.metadata, namespace: 'shop' } };
    const kube = new FakeKube().on((c: KubeCall) => c.verb === 'apply' && c.options?.dryRun === true, current);
    serve(kube, [current]);
    const report = await run(kube, [desired], { dryRun: true });
    expect(report.resources).toEqual([expect.objectContaining({ kind: 'Service', name: 'db' })]);
    expect(report.warnings.join('\n')).toMatch(/Service\/shop\/db.*headless.*clusterIP: None/);
  });
});
