import { describe, expect, it } from 'vitest';
import { applyEnvironment } from '../../src/apply/engine.js';
import type { ApplyRequest } from '../../src/apply/types.js';
import { Kubectl } from '../../src/k8s/kubectl.js';
import { RecordingLogger } from '../../src/log.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { fail, FakeKubectl, fixture, fixtureFile, ok, type RecordedCall } from '../helpers/fake-kubectl.js';
import { control, dryRunOf, FakeClock, isDryRun, isRealApply, list, live, manifestObjects, objectsOf, streamOf } from './helpers.js';
import { parseAllDocuments } from 'yaml';

function request(overrides: Partial<ApplyRequest> = {}): ApplyRequest {
  return { environment: 'dev', control: control(), secrets: {}, dryRun: false, registerSecret: () => undefined, ...overrides };
}

function run(fake: FakeKubectl, overrides: Partial<ApplyRequest> = {}, clock = new FakeClock()) {
  return applyEnvironment(request(overrides), { kubectl: new Kubectl(fake.executor), clock, logger: new RecordingLogger() });
}

const namespacesOf = (call: RecordedCall) => manifestObjects(call).map((object) => object.metadata.namespace);
const deletesPod = (args: string[]) => args[0] === 'delete' && (args[1] ?? '').startsWith('pod/');
const deletes = (fake: FakeKubectl) =>
  fake
    .mutatingCalls()
    .filter((call) => call.args[0] === 'delete')
    .map((call) => call.args);

/**
 * Server-side apply names a failing object without its namespace (`StatefulSet.apps "web" is invalid`, or the short
 * `The StatefulSet "web" is invalid` form, fixture multi-doc-single-failure/ssa--k132). With a StatefulSet `web` in
 * two namespaces of one overlay, only the one the server refused may be deleted.
 */
describe('an error that names an object without its namespace', () => {
  function twoNamespaces() {
    const refusedWeb = objectsOf('multi-doc-single-failure/after.yaml', 'shop').find(
      (object) => object.kind === 'StatefulSet' && object.metadata.name === 'web',
    )!;
    const oldShopWeb = objectsOf('multi-doc-single-failure/before.yaml', 'shop').find(
      (object) => object.kind === 'StatefulSet' && object.metadata.name === 'web',
    )!;
    const oldBillingWeb = objectsOf('multi-doc-single-failure/before.yaml', 'billing').find(
      (object) => object.kind === 'StatefulSet' && object.metadata.name === 'web',
    )!;
    // billing's web only changes its image: the server accepts that in place.
    const billingWeb = structuredClone(oldBillingWeb);
    (billingWeb.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image = 'nginx:1.26';
    const liveShop = { ...live(oldShopWeb), metadata: { ...live(oldShopWeb).metadata, uid: 'uid-shop-web' } };
    const liveBilling = { ...live(oldBillingWeb), metadata: { ...live(oldBillingWeb).metadata, uid: 'uid-billing-web' } };
    const refusal = fixture('multi-doc-single-failure/ssa--k132').stderr;
    /** What the server does with a manifest: refuses shop/web, accepts everything else. */
    const answer = (dryRun: boolean) => (call: RecordedCall) => {
      const objects = manifestObjects(call);
      const refused = objects.some((object) => object.metadata.namespace === 'shop');
      const accepted = objects.filter((object) => object.metadata.namespace !== 'shop');
      const stdout = dryRun
        ? refused
          ? ''
          : JSON.stringify(accepted.length === 1 ? dryRunOf(accepted[0]!, liveBilling) : list(accepted.map((object) => dryRunOf(object, liveBilling))))
        : accepted.map(() => 'statefulset.apps/web serverside-applied\n').join('');
      return { exitCode: refused ? 1 : 0, stdout, stderr: refused ? refusal : '' };
    };
    const fake = new FakeKubectl()
      .on(['kustomize'], ok(streamOf([refusedWeb, billingWeb])))
      .on(['get', 'statefulset.apps/web', '-n', 'shop'], ok(list([liveShop])))
      .on(['get', 'statefulset.apps/web', '-n', 'billing'], ok(list([liveBilling])))
      .on(['get', 'pods'], ok(list([])))
      .on(isDryRun, answer(true))
      .on(['delete'], ok('statefulset.apps "web" deleted\n'));
    return { fake, answer };
  }

  it('re-creates only the StatefulSet in the namespace the server refused', async () => {
    const { fake, answer } = twoNamespaces();
    // After the delete, the re-apply of shop/web alone succeeds.
    let deleted = false;
    fake.on(isRealApply, (call) => {
      if (deleted && namespacesOf(call).every((namespace) => namespace === 'shop')) return ok('statefulset.apps/web serverside-applied\n');
      return answer(false)(call);
    });
    const original = fake.executor;
    const report = await applyEnvironment(request(), {
      kubectl: new Kubectl(async (command, args, options) => {
        const result = await original(command, args, options);
        if (args.includes('delete')) deleted = true;
        return result;
      }),
      clock: new FakeClock(),
      logger: new RecordingLogger(),
    });

    expect(deletes(fake)).toEqual([['delete', 'statefulset.apps/web', '-n', 'shop', '--cascade=orphan', '--ignore-not-found']]);
    expect(report.resources.map((resource) => `${resource.namespace}/${resource.name}=${resource.action}`)).toEqual([
      'shop/web=recreated',
      'billing/web=configured',
    ]);
    expect(report.recreated.map((recreation) => recreation.namespace)).toEqual(['shop']);
    expect(report.ok).toBe(true);
  });

  it('plan mode predicts the re-creation for the refused namespace only', async () => {
    const { fake } = twoNamespaces();
    const report = await run(fake, { dryRun: true });
    expect(fake.mutatingCalls()).toEqual([]);
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
    metadata: { name, namespace: 'shop', labels: { app }, ...(owner ? { ownerReferences: [{ uid: owner, controller: true }] } : {}) },
    status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  });
  const refusal = fixture('sts-selector/ssa--k132').stderr.replace('"web"', '"cache"');

  function cluster(oldReplicas: number, newReplicas: number) {
    const desired = newCache(newReplicas);
    const children = Array.from({ length: oldReplicas }, (_, index) => pod(`cache-${index}`, 'cache', 'uid-old-cache', true));
    const fake = new FakeKubectl()
      .on(['kustomize'], ok(streamOf([desired])))
      .on(['get', 'statefulset.apps/cache'], ok(list([oldCache(oldReplicas)])))
      .on(['get', 'pods', '-n', 'shop', '-l', 'app=cache'], ok(list(children)))
      .on(isDryRun, fail(refusal))
      .on(['delete', 'statefulset.apps/cache'], ok('statefulset.apps "cache" deleted\n'))
      .on(isRealApply, fail(refusal), ok('statefulset.apps/cache serverside-applied\n'));
    return fake;
  }

  it("never retries a delete blindly: after a transient failure it re-reads and spares the new controller's pod", async () => {
    const fake = cluster(1, 1)
      // The first delete removed the orphan, but kubectl lost the connection while waiting for it to be gone.
      .on(['delete', 'pod/cache-0'], fail('error: unexpected EOF'), ok('pod "cache-0" deleted\n'))
      .on(['get', 'pod/cache-0'], ok(list([pod('cache-0', 'cache')])), ok(list([pod('cache-0', 'cache-v2', 'uid-new-cache', true)])));
    const report = await run(fake);
    expect(deletes(fake)).toEqual([
      ['delete', 'statefulset.apps/cache', '-n', 'shop', '--cascade=orphan', '--ignore-not-found'],
      ['delete', 'pod/cache-0', '-n', 'shop', '--ignore-not-found'],
    ]);
    expect(report.recreated[0]?.orphansRemoved).toEqual(['pod/cache-0']);
    expect(report.ok).toBe(true);
  });

  it('does not delete a pod the new StatefulSet already owns', async () => {
    const fake = cluster(2, 2)
      .on(deletesPod, ok('deleted\n'))
      .on(['get', 'pod/cache-0'], ok(list([pod('cache-0', 'cache')])), ok(list([pod('cache-0', 'cache-v2', 'uid-new-cache', true)])))
      // While cache-0 was replaced, the orphan cache-1 went away (evicted) and the new controller made its own.
      .on(['get', 'pod/cache-1'], ok(list([pod('cache-1', 'cache-v2', 'uid-new-cache', true)])));
    const report = await run(fake);
    expect(deletes(fake).map((args) => args[1])).toEqual(['statefulset.apps/cache', 'pod/cache-0']);
    expect(report.ok).toBe(true);
  });

  it('removes orphans above the new replica count without waiting for a pod that will never come', async () => {
    const fake = cluster(3, 1)
      .on(deletesPod, ok('deleted\n'))
      .on(['get', 'pod/cache-0'], ok(list([pod('cache-0', 'cache')])), ok(list([pod('cache-0', 'cache-v2', 'uid-new-cache', true)])))
      .on(['get', 'pod/cache-1'], ok(list([pod('cache-1', 'cache')])))
      .on(['get', 'pod/cache-2'], ok(list([pod('cache-2', 'cache')])));
    const clock = new FakeClock();
    const report = await run(fake, { readyTimeoutSeconds: 60 }, clock);
    expect(deletes(fake).map((args) => args[1])).toEqual(['statefulset.apps/cache', 'pod/cache-0', 'pod/cache-1', 'pod/cache-2']);
    expect(report.recreated[0]?.orphansRemoved).toEqual(['pod/cache-0', 'pod/cache-1', 'pod/cache-2']);
    expect(report.recreated[0]?.orphansLeft).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(clock.sleeps.reduce((sum, ms) => sum + ms, 0)).toBeLessThan(60_000);
  });
});

/**
 * An object last applied client-side (kubectl apply -f) whose manifest dropped a field: server-side apply as
 * k8sapp does not own that field, so the dry run keeps it and equals the live object. Only the real apply migrates
 * the kubectl-client-side-apply fields to k8sapp and re-applies (kubectl apply.go migrateToSSAIfNecessary), which
 * removes the field and the last-applied annotation (fixture ssa-conflict/k132/05-managed-fields).
 */
describe('objects last applied client-side', () => {
  it('are applied, not reported unchanged, so kubectl migrates them to k8sapp', async () => {
    const desired = { ...(parseAllDocuments(fixtureFile('ssa-conflict/k132/csa.yaml'))[0]!.toJS() as KubernetesObject) };
    desired.metadata = { ...desired.metadata, namespace: 'shop' };
    const current = live(desired, { observedGeneration: 1 });
    // Applied client-side with an env var that the manifest has since dropped.
    const container = (current.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec.containers[0]!;
    container.env = [{ name: 'DEBUG', value: '1' }];
    current.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ ...desired, spec: current.spec }) };
    const fake = new FakeKubectl()
      .on(['kustomize'], ok(streamOf([desired])))
      .on(['get'], ok(list([current])))
      .on(isDryRun, ok(JSON.stringify(current)))
      .on(isRealApply, ok('deployment.apps/web serverside-applied\n'));
    const report = await run(fake);
    expect(fake.mutatingCalls().map((call) => call.args[0])).toEqual(['apply']);
    expect(report.resources).toEqual([expect.objectContaining({ kind: 'Deployment', name: 'web', action: 'configured' })]);
    expect(report.workloads).toEqual([{ kind: 'Deployment', namespace: 'shop', name: 'web' }]);
  });

  it('an object k8sapp already owns (no last-applied annotation) that the dry run leaves equal stays unchanged', async () => {
    const desired = { ...(parseAllDocuments(fixtureFile('ssa-conflict/k132/k8sapp.yaml'))[0]!.toJS() as KubernetesObject) };
    desired.metadata = { ...desired.metadata, namespace: 'shop' };
    const current = live(desired);
    const fake = new FakeKubectl()
      .on(['kustomize'], ok(streamOf([desired])))
      .on(['get'], ok(list([current])))
      .on(isDryRun, ok(JSON.stringify(current)));
    const report = await run(fake);
    expect(fake.mutatingCalls()).toEqual([]);
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

  it('are redacted in errors and in logged retry warnings', async () => {
    const registered: string[] = [];
    const logger = new RecordingLogger();
    const fake = new FakeKubectl()
      .on(['kustomize'], ok(streamOf([secret])))
      .on(['get'], ok(list([])))
      .on(
        isDryRun,
        fail(`Error from server (InternalError): Internal error occurred: failed calling webhook "audit.example.com": i/o timeout while sending ${quoted}`),
        fail(`Error from server (Forbidden): admission webhook "policy.example.com" denied the request: stringData.SA_JSON ${quoted} is not allowed`),
      );
    const report = await applyEnvironment(request({ secrets: { SA_JSON: value }, registerSecret: (text) => registered.push(text) }), {
      kubectl: new Kubectl(fake.executor),
      clock: new FakeClock(),
      logger,
    });
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
    const fake = new FakeKubectl()
      .on(['kustomize'], ok(streamOf([desired])))
      .on(['get'], ok(list([current])))
      .on(isDryRun, ok(JSON.stringify(current)));
    const report = await run(fake, { dryRun: true });
    expect(report.resources).toEqual([expect.objectContaining({ kind: 'Service', name: 'db' })]);
    expect(report.warnings.join('\n')).toMatch(/Service\/shop\/db.*headless.*clusterIP: None/);
  });
});
