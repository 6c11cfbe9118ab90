import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAlreadyExists, isConflict, isInvalid, isUnauthorized, KubeApiError } from '../../src/k8s/api-error.js';
import { connectKube } from '../../src/k8s/connect.js';
import type { HttpKubeClient } from '../../src/k8s/http.js';
import { FakeApiServer, recordedAnswer, statusBody } from '../helpers/fake-apiserver.js';

let server: FakeApiServer;
let kube: HttpKubeClient;

beforeEach(async () => {
  server = await FakeApiServer.start({ namespace: 'shop' });
  kube = connectKube({ kubeconfig: await server.writeKubeconfig(), env: {} }, { sleep: () => Promise.resolve() });
});

afterEach(async () => {
  kube.close();
  await server.close();
});

const web = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } }, spec: { replicas: 2 } };

describe('FakeApiServer through HttpKubeClient', () => {
  it('writes a kubeconfig for itself: server, token, context namespace', async () => {
    const text = readFileSync(await server.writeKubeconfig(), 'utf8');
    expect(text).toContain(`server: "${server.url}"`);
    expect(text).toContain('token: "fake-apiserver-token"');
    expect((await kube.version()).gitVersion).toBe('v1.28.0');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer fake-apiserver-token');
  });

  it('a wrong token is 401 Unauthorized', async () => {
    const other = await FakeApiServer.start({ token: 'another' });
    const wrong = connectKube({ content: readFileSync(await server.writeKubeconfig(), 'utf8').replace(String(server.port), String(other.port)), env: {} });
    expect(isUnauthorized(await wrong.version().catch((e: unknown) => e))).toBe(true);
    wrong.close();
    await other.close();
  });

  it('server-side apply creates, then merges; server fields set; generation moves with the spec; dryRun stores nothing', async () => {
    const created = await kube.apply(web);
    expect(created.metadata).toMatchObject({ name: 'web', namespace: 'shop', generation: 1, resourceVersion: '1001' });
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata.managedFields).toEqual([expect.objectContaining({ manager: 'k8sapp', operation: 'Apply' })]);
    const same = await kube.apply(web);
    expect(same.metadata).toMatchObject({ uid: created.metadata.uid, generation: 1, creationTimestamp: created.metadata.creationTimestamp });
    const planned = await kube.apply({ ...web, spec: { replicas: 5 } }, { dryRun: true });
    expect(planned.metadata.generation).toBe(2);
    expect(server.object('apps/v1', 'Deployment', 'web', 'shop')?.spec).toEqual({ replicas: 2 });
    const scaled = await kube.apply({ ...web, spec: { replicas: 5 } });
    expect(scaled.metadata.generation).toBe(2);
    expect(server.writes().map((r) => [r.method, r.path, r.query.dryRun ?? ''])).toEqual([
      ['PATCH', '/apis/apps/v1/namespaces/shop/deployments/web', ''],
      ['PATCH', '/apis/apps/v1/namespaces/shop/deployments/web', ''],
      ['PATCH', '/apis/apps/v1/namespaces/shop/deployments/web', 'All'],
      ['PATCH', '/apis/apps/v1/namespaces/shop/deployments/web', ''],
    ]);
    expect(server.unhandled).toEqual([]);
  });

  it('lists by namespace, label selector and metadata.name; items get kind and apiVersion from the client', async () => {
    server.seed(
      { ...web, metadata: { name: 'web', namespace: 'shop', labels: { app: 'web', tier: 'front' } } },
      { ...web, metadata: { name: 'api', namespace: 'shop', labels: { app: 'api' } } },
      { ...web, metadata: { name: 'web', namespace: 'other', labels: { app: 'web' } } },
    );
    const names = async (namespace: string | undefined, options = {}) =>
      (await kube.list({ apiVersion: 'apps/v1', kind: 'Deployment', ...(namespace ? { namespace } : {}) }, options)).items.map(
        (i) => `${i.metadata.namespace}/${i.metadata.name}`,
      );
    expect(await names('shop')).toEqual(['shop/web', 'shop/api']);
    expect(await names(undefined, { labelSelector: 'app=web' })).toEqual(['shop/web', 'other/web']);
    expect(await names('shop', { labelSelector: 'app=web,tier!=back' })).toEqual(['shop/web']);
    expect(await names(undefined, { fieldSelector: 'metadata.name=api' })).toEqual(['shop/api']);
    const list = await kube.list({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop' });
    expect(list.items[0]).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment' });
    expect(Number(list.resourceVersion)).toBeGreaterThan(1000);
  });

  it('create is AlreadyExists the second time; replace checks resourceVersion; delete honours the uid and says not-found', async () => {
    const record = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'release-1', namespace: 'shop' }, data: { v: '1' } };
    const created = await kube.create(record);
    const again = await kube.create(record).catch((e: unknown) => e);
    expect(isAlreadyExists(again)).toBe(true);
    expect((again as KubeApiError).message).toBe('configmaps "release-1" already exists');
    const updated = await kube.replace({ ...created, data: { v: '2' } });
    const stale = await kube.replace({ ...created, data: { v: '3' } }).catch((e: unknown) => e);
    expect(isConflict(stale)).toBe(true);
    expect((stale as KubeApiError).message).toMatch(/^Operation cannot be fulfilled on configmaps "release-1": the object has been modified/);
    expect((await kube.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'release-1', namespace: 'shop' }))?.data).toEqual({ v: '2' });
    expect(
      isConflict(
        await kube.delete({ apiVersion: 'v1', kind: 'ConfigMap', name: 'release-1', namespace: 'shop' }, { uid: 'not-this-one' }).catch((e: unknown) => e),
      ),
    ).toBe(true);
    expect(await kube.delete({ apiVersion: 'v1', kind: 'ConfigMap', name: 'release-1', namespace: 'shop' }, { dryRun: true })).toBe('deleted');
    expect(server.object('v1', 'ConfigMap', 'release-1', 'shop')).toBeDefined();
    expect(
      await kube.delete(
        { apiVersion: 'v1', kind: 'ConfigMap', name: 'release-1', namespace: 'shop' },
        { uid: String(updated.metadata.uid), propagationPolicy: 'Orphan' },
      ),
    ).toBe('deleted');
    expect(await kube.delete({ apiVersion: 'v1', kind: 'ConfigMap', name: 'release-1', namespace: 'shop' })).toBe('not-found');
    expect(await kube.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'release-1', namespace: 'shop' })).toBeUndefined();
    expect(JSON.parse(server.requests.filter((r) => r.method === 'DELETE')[2]?.body ?? '')).toMatchObject({ propagationPolicy: 'Orphan' });
  });

  it('merge and json patches change the stored object', async () => {
    server.seed({ ...web, metadata: { name: 'web', namespace: 'shop' } });
    await kube.patch({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' }, { spec: { paused: true } }, { type: 'merge' });
    await kube.patch({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' }, [{ op: 'replace', path: '/spec/replicas', value: 0 }], {
      type: 'json',
    });
    expect(server.object('apps/v1', 'Deployment', 'web', 'shop')?.spec).toEqual({ replicas: 0, paused: true });
  });

  it('watches end at once with nothing to say; logs answer their tail', async () => {
    const events = [];
    for await (const event of kube.watch({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop' }, { resourceVersion: '1', timeoutSeconds: 5 }))
      events.push(event);
    expect(events).toEqual([]);
    server.logs('shop', 'web-1', 'a\nb\nc\n');
    expect(await kube.logs({ name: 'web-1', namespace: 'shop' }, { tailLines: 2 })).toBe('b\nc\n');
  });

  it('a held watch ends when the client aborts', async () => {
    const holding = await FakeApiServer.start({ watch: 'hold' });
    const client = connectKube({ kubeconfig: await holding.writeKubeconfig(), env: {} });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const events = [];
    for await (const event of client.watch({ apiVersion: 'v1', kind: 'Pod', namespace: 'default' }, { resourceVersion: '1', signal: controller.signal }))
      events.push(event);
    expect(events).toEqual([]);
    client.close();
    await holding.close();
  });

  it('overrides replay recorded Status bodies and stream watch events; the request log shows what was asked', async () => {
    server.on('PATCH', /\/deployments\/web$/, () => recordedAnswer('deploy-selector/ssa-force--kdefault/api-status.json'));
    server.on('GET', /\/deployments$/, (request) =>
      request.query.watch ? { status: 200, events: [{ type: 'ADDED', object: { metadata: { name: 'web', namespace: 'shop' } } }] } : undefined,
    );
    let calls = 0;
    server.on('GET', /^\/version$/, () =>
      calls++ === 0 ? { status: 429, body: statusBody(429, 'TooManyRequests', 'slow down'), headers: { 'Retry-After': '1' } } : undefined,
    );
    const error = await kube.apply(web).catch((e: unknown) => e);
    expect(isInvalid(error)).toBe(true);
    expect((error as KubeApiError).details.causes[0]?.field).toBe('spec.selector');
    const events = [];
    for await (const event of kube.watch({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop' }, { resourceVersion: '1' })) events.push(event);
    expect(events).toEqual([{ type: 'ADDED', object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } } }]);
    expect((await kube.version()).minor).toBe('28');
    expect(server.requests.filter((r) => r.path === '/version')).toHaveLength(2);
    expect(server.object('apps/v1', 'Deployment', 'web', 'shop')).toBeUndefined();
  });

  it('Status bodies have the real shape; an unknown path is 404 and kept in unhandled', async () => {
    expect(await kube.get({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nope', namespace: 'shop' })).toBeUndefined();
    const res = await fetch(`${server.url}/apis/apps/v1/namespaces/shop/deployments/nope`, { headers: { Authorization: 'Bearer fake-apiserver-token' } });
    expect(await res.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', group: 'apps', kind: 'deployments' },
      code: 404,
    });
    await fetch(`${server.url}/apis/apps/v1/namespaces/shop/frobnicators`, { headers: { Authorization: 'Bearer fake-apiserver-token' } });
    expect(server.unhandled.map((r) => r.path)).toEqual(['/apis/apps/v1/namespaces/shop/frobnicators']);
  });

  it('discovery serves the built-in kinds, skips subresources, and CRDs taught with .kind()', async () => {
    expect(await kube.resourceOf('apps/v1', 'Deployment')).toEqual({ plural: 'deployments', namespaced: true });
    expect(await kube.resourceOf('v1', 'Namespace')).toEqual({ plural: 'namespaces', namespaced: false });
    expect(await kube.resourceOf('example.com/v1', 'Widget')).toBeUndefined();
    server.kind('example.com/v1', 'Widget', { plural: 'widgets', namespaced: true });
    expect(await kube.resourceOf('example.com/v1', 'Widget')).toEqual({ plural: 'widgets', namespaced: true });
    await kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'new-ns' } });
    expect(server.object('v1', 'Namespace', 'new-ns')?.metadata.name).toBe('new-ns');
  });
});
