import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isConflict, isForbidden, isInvalid, isUnauthorized, KubeApiError, UnknownKindError } from '../../src/k8s/api-error.js';
import type { WatchEvent } from '../../src/k8s/client.js';
import { ensureServerReachable } from '../../src/k8s/reachable.js';
import { ClusterUnreachableError } from '../../src/k8s/unreachable.js';
import { FIXTURES } from '../helpers/fake-kubectl.js';
import { answerDiscovery, clientFor, json, kubeconfigText, startServer, type Handler, type LocalServer } from './local-server.js';

const servers: LocalServer[] = [];
const clients: { close(): void }[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const server of servers.splice(0)) await server.close();
});

async function serve(handler: Handler): Promise<LocalServer> {
  const server = await startServer(async (request, res, raw) => {
    if (answerDiscovery(request, res)) return;
    await handler(request, res, raw);
  });
  servers.push(server);
  return server;
}

function connect(server: { url: string }, user?: string, options: Parameters<typeof clientFor>[1] = {}) {
  const made = clientFor(kubeconfigText(server.url, user), { retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 10_000 }, ...options });
  clients.push(made.client);
  return made;
}

const recorded = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');
const nonDiscovery = (server: LocalServer) => server.received.filter((r) => !/^\/(api\/v1|apis\/[^/]+\/[^/]+)$/.test(r.path));

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { replicas: 2 },
};

describe('HttpKubeClient requests', () => {
  it('applies with PATCH application/apply-patch+yaml, fieldManager k8sapp, force=true and a bearer token', async () => {
    const server = await serve((request, res) => json(res, 200, JSON.parse(request.body)));
    const { client } = connect(server);
    const answer = await client.apply(deployment);
    expect(answer).toEqual(deployment);
    const [patch] = nonDiscovery(server);
    expect(patch).toMatchObject({
      method: 'PATCH',
      path: '/apis/apps/v1/namespaces/shop/deployments/web',
      query: { fieldManager: 'k8sapp', force: 'true' },
    });
    expect(patch?.headers['content-type']).toBe('application/apply-patch+yaml');
    expect(patch?.headers.authorization).toBe('Bearer test-token');
    expect(JSON.parse(patch?.body ?? '')).toEqual(deployment);
  });

  it('a plan applies with dryRun=All; force=false and another field manager are sent as asked', async () => {
    const server = await serve((request, res) => json(res, 200, JSON.parse(request.body)));
    const { client } = connect(server);
    await client.apply(deployment, { dryRun: true });
    await client.apply(deployment, { force: false, fieldManager: 'k8sapp-rollback' });
    expect(nonDiscovery(server).map((r) => r.query)).toEqual([
      { fieldManager: 'k8sapp', force: 'true', dryRun: 'All' },
      { fieldManager: 'k8sapp-rollback', force: 'false' },
    ]);
  });

  it('sends basic auth when the user has a username and password', async () => {
    const server = await serve((_request, res) => json(res, 200, { major: '1', minor: '28', gitVersion: 'v1.28.0' }));
    const { client } = connect(server, '{ username: admin, password: "s3cr3t-pw" }');
    await client.version();
    expect(server.received[0]?.headers.authorization).toBe(`Basic ${Buffer.from('admin:s3cr3t-pw').toString('base64')}`);
  });

  it('namespaced objects without a namespace go to the context namespace; cluster-scoped kinds have no namespace in the path', async () => {
    const server = await serve((request, res) => json(res, 200, request.body ? JSON.parse(request.body) : { items: [], metadata: { resourceVersion: '7' } }));
    const { client } = connect(server);
    await client.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
    await client.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    await client.apply({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader', namespace: 'ignored' } });
    await client.get({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' });
    await client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'record' } });
    await client.list({ apiVersion: 'apps/v1', kind: 'Deployment' });
    await client.list({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop' });
    await client.list({ apiVersion: 'v1', kind: 'Namespace', namespace: 'shop' });
    expect(nonDiscovery(server).map((r) => `${r.method} ${r.path}`)).toEqual([
      'PATCH /api/v1/namespaces/app/configmaps/settings',
      'PATCH /api/v1/namespaces/shop',
      'PATCH /apis/rbac.authorization.k8s.io/v1/clusterroles/reader',
      'GET /apis/apps/v1/namespaces/app/deployments/web',
      'POST /api/v1/namespaces/app/configmaps',
      'GET /apis/apps/v1/deployments',
      'GET /apis/apps/v1/namespaces/shop/deployments',
      'GET /api/v1/namespaces',
    ]);
  });

  it('lists with the selectors and gives every item its kind and apiVersion', async () => {
    const server = await serve((_request, res) =>
      json(res, 200, {
        kind: 'DeploymentList',
        apiVersion: 'apps/v1',
        metadata: { resourceVersion: '4711' },
        items: [{ metadata: { name: 'a', namespace: 'shop' } }, { metadata: { name: 'b', namespace: 'shop' } }],
      }),
    );
    const { client } = connect(server);
    const list = await client.list(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop' },
      { labelSelector: 'app.kubernetes.io/managed-by=k8sapp', fieldSelector: 'metadata.name=a' },
    );
    expect(list).toEqual({
      resourceVersion: '4711',
      items: [
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a', namespace: 'shop' } },
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'b', namespace: 'shop' } },
      ],
    });
    expect(nonDiscovery(server)[0]?.query).toEqual({ labelSelector: 'app.kubernetes.io/managed-by=k8sapp', fieldSelector: 'metadata.name=a' });
  });

  it('replace is a PUT of the object with its resourceVersion; patch sends the patch type and subresource', async () => {
    const server = await serve((request, res) => json(res, 200, JSON.parse(request.body)));
    const { client } = connect(server);
    await client.replace({ ...deployment, metadata: { ...deployment.metadata, resourceVersion: '12' } });
    await client.patch({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' }, [{ op: 'replace', path: '/spec/replicas', value: 3 }], {
      type: 'json',
      subresource: 'scale',
    });
    await client.patch(
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' },
      { spec: { paused: true } },
      { type: 'merge', dryRun: true },
    );
    await client.patch(
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' },
      { spec: {} },
      { type: 'strategic', fieldManager: 'other' },
    );
    const [put, json1, merge, strategic] = nonDiscovery(server);
    expect(put).toMatchObject({ method: 'PUT', path: '/apis/apps/v1/namespaces/shop/deployments/web', query: { fieldManager: 'k8sapp' } });
    expect(JSON.parse(put?.body ?? '').metadata.resourceVersion).toBe('12');
    expect(json1).toMatchObject({ method: 'PATCH', path: '/apis/apps/v1/namespaces/shop/deployments/web/scale' });
    expect(json1?.headers['content-type']).toBe('application/json-patch+json');
    expect(merge?.headers['content-type']).toBe('application/merge-patch+json');
    expect(merge?.query).toEqual({ fieldManager: 'k8sapp', dryRun: 'All' });
    expect(strategic?.headers['content-type']).toBe('application/strategic-merge-patch+json');
    expect(strategic?.query).toEqual({ fieldManager: 'other' });
  });

  it('get answers undefined on 404; delete sends DeleteOptions and answers not-found on 404', async () => {
    const server = await serve((request, res) => {
      if (request.path.endsWith('/gone'))
        return json(res, 404, {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'deployments.apps "gone" not found',
          reason: 'NotFound',
          details: { name: 'gone', group: 'apps', kind: 'deployments' },
          code: 404,
        });
      json(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' });
    });
    const { client } = connect(server);
    expect(await client.get({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gone', namespace: 'shop' })).toBeUndefined();
    expect(await client.delete({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gone', namespace: 'shop' })).toBe('not-found');
    expect(
      await client.delete(
        { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', namespace: 'shop' },
        { propagationPolicy: 'Orphan', uid: 'u-1', dryRun: true },
      ),
    ).toBe('deleted');
    const del = nonDiscovery(server).at(-1);
    expect(del).toMatchObject({ method: 'DELETE', path: '/apis/apps/v1/namespaces/shop/statefulsets/db' });
    expect(del?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(del?.body ?? '')).toEqual({
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      propagationPolicy: 'Orphan',
      dryRun: ['All'],
      preconditions: { uid: 'u-1' },
    });
  });

  it('asks for logs with container, previous and tailLines', async () => {
    const server = await serve((_request, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('line 1\nline 2\n');
    });
    const { client } = connect(server);
    expect(await client.logs({ name: 'web-1', namespace: 'shop' }, { container: 'app', previous: true, tailLines: 50 })).toBe('line 1\nline 2\n');
    expect(await client.logs({ name: 'web-1', namespace: 'shop' })).toBe('line 1\nline 2\n');
    expect(server.received.map((r) => [r.path, r.query])).toEqual([
      ['/api/v1/namespaces/shop/pods/web-1/log', { container: 'app', previous: 'true', tailLines: '50' }],
      ['/api/v1/namespaces/shop/pods/web-1/log', {}],
    ]);
  });
});

describe('discovery', () => {
  it('asks each group/version once, however many calls and in flight together', async () => {
    const server = await serve((request, res) => json(res, 200, JSON.parse(request.body)));
    const { client } = connect(server);
    await Promise.all([1, 2, 3, 4].map((n) => client.apply({ ...deployment, metadata: { name: `web-${n}`, namespace: 'shop' } })));
    await client.apply({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' } });
    await client.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    expect(server.received.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual(['/apis/apps/v1', '/api/v1']);
    expect(await client.resourceOf('apps/v1', 'Deployment')).toEqual({ plural: 'deployments', namespaced: true });
    expect(await client.resourceOf('v1', 'Namespace')).toEqual({ plural: 'namespaces', namespaced: false });
  });

  it('asks again once for a kind it lacked (a CRD created since), then knows it', async () => {
    const table: Record<string, { name: string; kind: string; namespaced: boolean }[]> = { '/apis/example.com/v1': [] };
    const server = await startServer((request, res) => {
      if (answerDiscovery(request, res, table)) return;
      json(res, 200, JSON.parse(request.body));
    });
    servers.push(server);
    const { client } = connect(server);
    expect(await client.resourceOf('example.com/v1', 'Widget')).toBeUndefined();
    expect(server.received.length).toBe(2);
    table['/apis/example.com/v1'] = [{ name: 'widgets', kind: 'Widget', namespaced: true }];
    await client.apply({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'shop' } });
    await client.apply({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w2', namespace: 'shop' } });
    expect(server.received.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /apis/example.com/v1',
      'GET /apis/example.com/v1',
      'GET /apis/example.com/v1',
      'PATCH /apis/example.com/v1/namespaces/shop/widgets/w',
      'PATCH /apis/example.com/v1/namespaces/shop/widgets/w2',
    ]);
  });

  it('a kind the server does not serve is an UnknownKindError before any request for the object', async () => {
    const server = await serve((_request, res) => json(res, 500, {}));
    const { client } = connect(server);
    const error = await client.apply({ apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'm' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownKindError);
    expect((error as UnknownKindError).kind).toBe('ServiceMonitor');
    expect(await client.list({ apiVersion: 'apps/v1', kind: 'Gadget' }).catch((e: unknown) => e)).toBeInstanceOf(UnknownKindError);
    expect(server.received.every((r) => r.method === 'GET')).toBe(true);
    expect(nonDiscovery(server)).toEqual([]);
  });
});

describe('watch', () => {
  const pod = (name: string) => ({ metadata: { name, namespace: 'shop', resourceVersion: '5' } });

  it('parses ADDED/MODIFIED/BOOKMARK lines however the chunks split them, and sends the watch query', async () => {
    const server = await serve(async (_request, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const text = [
        { type: 'ADDED', object: pod('a') },
        { type: 'MODIFIED', object: { ...pod('a'), metadata: { ...pod('a').metadata, annotations: { note: 'héllo ✓' } } } },
        { type: 'BOOKMARK', object: { kind: 'Deployment', apiVersion: 'apps/v1', metadata: { resourceVersion: '9' } } },
      ]
        .map((e) => JSON.stringify(e))
        .join('\n');
      const bytes = Buffer.from(`${text}\n`);
      // Split inside a multi-byte character and inside lines.
      const cut = bytes.indexOf(Buffer.from('✓')) + 1;
      for (const part of [bytes.subarray(0, 10), bytes.subarray(10, cut), bytes.subarray(cut)]) {
        res.write(part);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      res.end();
    });
    const { client } = connect(server);
    const events: WatchEvent[] = [];
    for await (const event of client.watch(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop' },
      { resourceVersion: '4', timeoutSeconds: 30, labelSelector: 'a=b' },
    ))
      events.push(event);
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'BOOKMARK']);
    expect(events[0]?.object).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a' } });
    expect(events[1]?.object.metadata.annotations).toEqual({ note: 'héllo ✓' });
    expect(events[2]?.object.metadata.resourceVersion).toBe('9');
    expect(nonDiscovery(server)[0]).toMatchObject({
      path: '/apis/apps/v1/namespaces/shop/deployments',
      query: { watch: '1', allowWatchBookmarks: 'true', resourceVersion: '4', timeoutSeconds: '30', labelSelector: 'a=b' },
    });
  });

  it('an ERROR 410 event is a KubeApiError with code 410 (the caller lists again)', async () => {
    const server = await serve((_request, res) => {
      res.writeHead(200);
      res.end(
        `${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'too old resource version: 4 (900)', reason: 'Expired', code: 410 } })}\n`,
      );
    });
    const { client } = connect(server);
    const seen: WatchEvent[] = [];
    const error = await (async () => {
      for await (const event of client.watch({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop' }, { resourceVersion: '4' })) seen.push(event);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([]);
    expect(error).toBeInstanceOf(KubeApiError);
    expect(error).toMatchObject({ code: 410, reason: 'Expired', message: 'too old resource version: 4 (900)' });
  });

  it('aborting ends the watch quietly, while the server still holds it open', async () => {
    let closed!: () => void;
    const serverSawClose = new Promise<void>((resolve) => (closed = resolve));
    const server = await serve((_request, res, raw) => {
      res.writeHead(200);
      res.write(`${JSON.stringify({ type: 'ADDED', object: pod('a') })}\n`);
      raw.socket.on('close', () => closed());
    });
    const { client } = connect(server);
    const controller = new AbortController();
    const events: string[] = [];
    for await (const event of client.watch(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop' },
      { resourceVersion: '1', signal: controller.signal },
    )) {
      events.push(event.type);
      controller.abort();
    }
    expect(events).toEqual(['ADDED']);
    await serverSawClose;
  });

  it('a watch whose signal is already aborted sends nothing and ends', async () => {
    const server = await serve((_request, res) => json(res, 200, {}));
    const { client } = connect(server);
    const controller = new AbortController();
    controller.abort();
    const events: WatchEvent[] = [];
    for await (const event of client.watch({ apiVersion: 'apps/v1', kind: 'Deployment' }, { resourceVersion: '1', signal: controller.signal }))
      events.push(event);
    expect(events).toEqual([]);
    expect(nonDiscovery(server)).toEqual([]);
  });
});

describe('Status answers become KubeApiError', () => {
  async function refusedApply(status: number, body: string, object: object = deployment) {
    const server = await serve((_request, res) => json(res, status, body));
    const { client, delays } = connect(server);
    const error = await client.apply(object as typeof deployment).catch((e: unknown) => e);
    return { error: error as KubeApiError, server, delays };
  }

  it('the recorded Deployment selector answer: Invalid, 422, cause field spec.selector', async () => {
    const { error, delays } = await refusedApply(422, recorded('deploy-selector/ssa-force--kdefault/api-status.json'));
    expect(error).toBeInstanceOf(KubeApiError);
    expect(isInvalid(error)).toBe(true);
    expect(error).toMatchObject({ code: 422, reason: 'Invalid', request: 'PATCH /apis/apps/v1/namespaces/shop/deployments/web' });
    expect(error.details).toMatchObject({ name: 'api', group: 'apps', kind: 'Deployment' });
    expect(error.details.causes).toEqual([
      { reason: 'FieldValueInvalid', field: 'spec.selector', message: expect.stringContaining('field is immutable') as string },
    ]);
    expect(error.message).toMatch(/^Deployment.apps "api" is invalid: spec.selector/);
    expect(delays).toEqual([]);
  });

  it('the recorded StatefulSet answer: Invalid with cause FieldValueForbidden on field spec', async () => {
    const { error } = await refusedApply(422, recorded('sts-selector/ssa-force--kdefault/api-status.json'));
    expect(error.details.kind).toBe('StatefulSet');
    expect(error.details.causes.map((c) => [c.reason, c.field])).toEqual([['FieldValueForbidden', 'spec']]);
  });

  it('the recorded field-manager conflict: Conflict, 409, one cause per field, not retried', async () => {
    const { error, server } = await refusedApply(409, recorded('ssa-conflict/kdefault/02-apply-server-side-conflict/api-status.json'));
    expect(isConflict(error)).toBe(true);
    expect(error.code).toBe(409);
    expect(error.details.causes.map((c) => c.field)).toEqual(['.spec.replicas', '.spec.template.spec.containers[name="app"].image']);
    expect(nonDiscovery(server)).toHaveLength(1);
  });

  it('the recorded Unauthorized answer (raw API, bad token): 401, not retried', async () => {
    const { error, server, delays } = await refusedApply(401, recorded('apply-unauthorized/raw-api-apply-patch/stdout.txt'));
    expect(isUnauthorized(error)).toBe(true);
    expect(error).toMatchObject({ code: 401, reason: 'Unauthorized', message: 'Unauthorized' });
    expect(nonDiscovery(server)).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('a Forbidden answer (the shape kube-apiserver 1.28 sends; no raw body was recorded): 403, not retried', async () => {
    const body = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "web" is forbidden: User "jane" cannot patch resource "deployments" in API group "apps" in the namespace "shop"',
      reason: 'Forbidden',
      details: { name: 'web', group: 'apps', kind: 'deployments' },
      code: 403,
    };
    const { error, server, delays } = await refusedApply(403, JSON.stringify(body));
    expect(isForbidden(error)).toBe(true);
    expect(error.details).toEqual({ name: 'web', group: 'apps', kind: 'deployments', causes: [] });
    expect(nonDiscovery(server)).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('a body that is not a Status (a proxy page) keeps the code and a reason implied by it', async () => {
    const { error } = await refusedApply(413, '<html><body>Request Entity Too Large</body></html>\n<p>nginx</p>');
    expect(error).toMatchObject({ code: 413, reason: 'RequestEntityTooLarge', message: '<html><body>Request Entity Too Large</body></html>' });
  });
});

describe('the retry policy', () => {
  const status = (code: number, reason: string, extra: object = {}) =>
    JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `${reason} now`, reason, code, ...extra });

  /** A server answering `failures` first, then 200. */
  async function flaky(failures: { code: number; body: string; headers?: Record<string, string> }[]) {
    let n = 0;
    const server = await serve((_request, res) => {
      const failure = failures[n++];
      if (failure) json(res, failure.code, failure.body, failure.headers);
      else json(res, 200, { major: '1', minor: '28', gitVersion: 'v1.28.0' });
    });
    const retries: string[] = [];
    const { client, delays } = connect(server, undefined, { onRetry: (m) => retries.push(m) });
    return { server, client, delays, retries };
  }

  it('429 waits the Retry-After the server asked for, then succeeds', async () => {
    const { client, delays, server, retries } = await flaky([{ code: 429, body: status(429, 'TooManyRequests'), headers: { 'Retry-After': '3' } }]);
    expect((await client.version()).gitVersion).toBe('v1.28.0');
    expect(delays).toEqual([3000]);
    expect(server.received).toHaveLength(2);
    expect(retries[0]).toMatch(/^GET \/version: TooManyRequests now \(attempt 1 of 4; retrying in 3.0 s\)$/);
  });

  it('429 with details.retryAfterSeconds (no header) is honoured too; a Retry-After beyond the bound is not waited for', async () => {
    const first = await flaky([{ code: 429, body: status(429, 'TooManyRequests', { details: { retryAfterSeconds: 2 } }) }]);
    await first.client.version();
    expect(first.delays).toEqual([2000]);
    const second = await flaky([{ code: 429, body: status(429, 'TooManyRequests'), headers: { 'Retry-After': '600' } }]);
    expect(await second.client.version().catch((e: unknown) => e)).toMatchObject({ code: 429, retryAfterSeconds: 600 });
    expect(second.delays).toEqual([]);
  });

  it('503 and 500 are retried with bounded, growing backoff', async () => {
    const { client, delays, server } = await flaky([
      { code: 503, body: status(503, 'ServiceUnavailable') },
      { code: 500, body: status(500, 'InternalError') },
      { code: 504, body: status(504, 'Timeout') },
    ]);
    await client.version();
    expect(server.received).toHaveLength(4);
    expect(delays).toHaveLength(3);
    delays.forEach((d, i) => expect(d).toBeLessThanOrEqual(100 * 2 ** i));
  });

  it('gives up after the attempts with the last answer', async () => {
    const { client, delays, server } = await flaky(Array.from({ length: 10 }, () => ({ code: 500, body: status(500, 'InternalError') })));
    expect(await client.version().catch((e: unknown) => e)).toMatchObject({ code: 500, reason: 'InternalError' });
    expect(server.received).toHaveLength(4);
    expect(delays).toHaveLength(3);
  });

  it.each([
    [401, 'Unauthorized'],
    [403, 'Forbidden'],
    [422, 'Invalid'],
    [409, 'Conflict'],
    [404, 'NotFound'],
  ])('%i %s is never retried', async (code, reason) => {
    const { client, delays, server } = await flaky([{ code, body: status(code, reason) }]);
    expect(await client.version().catch((e: unknown) => e)).toMatchObject({ code, reason });
    expect(server.received).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('connection refused is retried, then a ClusterUnreachableError with cause refused', async () => {
    const server = await startServer(() => undefined);
    const url = server.url;
    await server.close();
    const { client, delays } = connect({ url });
    const error = await client.version().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterUnreachableError);
    expect((error as ClusterUnreachableError).unreachable).toMatchObject({ cause: 'refused', server: url });
    expect(delays).toHaveLength(3);
    expect((error as Error).message).toContain(`Cannot reach the Kubernetes API server ${url}: the connection was refused`);
  });

  it('a host that does not resolve (DNS) is not retried', async () => {
    const { client, delays } = connect({ url: 'http://api.k8sapp-test.invalid:6443' });
    const error = await client.version().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterUnreachableError);
    expect((error as ClusterUnreachableError).unreachable.cause).toBe('dns');
    expect(delays).toEqual([]);
  });

  it('no answer within the request timeout is a ClusterUnreachableError with cause timeout (retried first)', async () => {
    const server = await serve(() => undefined);
    const { client, delays } = connect(server, undefined, {
      requestTimeoutMs: 150,
      retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 10 },
    });
    const error = await client.version().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterUnreachableError);
    expect((error as ClusterUnreachableError).unreachable.cause).toBe('timeout');
    expect(server.received).toHaveLength(2);
    expect(delays).toHaveLength(1);
  });

  it('a server that stops in the middle of its answer times out too (the bound covers the whole answer)', async () => {
    const server = await serve((_request, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"major":');
    });
    const { client } = connect(server, undefined, { requestTimeoutMs: 150, retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 10 } });
    const error = await client.version().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterUnreachableError);
    expect((error as ClusterUnreachableError).unreachable.cause).toBe('timeout');
  });

  it('a connection cut mid-answer is retried like a reset', async () => {
    let n = 0;
    const server = await serve((_request, res, raw) => {
      if (n++ === 0) {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
        res.write('{"major":');
        setTimeout(() => raw.socket.destroy(), 5);
        return;
      }
      json(res, 200, { major: '1', minor: '28', gitVersion: 'v1.28.0' });
    });
    const { client, delays } = connect(server);
    expect((await client.version()).minor).toBe('28');
    expect(delays).toHaveLength(1);
  });

  it('ensureServerReachable turns an unreachable server into one sentence naming what was not done', async () => {
    const { client } = connect({ url: 'http://api.k8sapp-test.invalid:6443' });
    const error = await ensureServerReachable(client, 'nothing was applied', 'https://api.example:6443').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterUnreachableError);
    expect((error as Error).message).toMatch(
      /^Cannot reach the Kubernetes API server https:\/\/api.example:6443: its host name does not resolve \(DNS\); nothing was applied\./,
    );
  });
});

describe('credentials after a 401', () => {
  function unauthorizedUnless(token: string): Handler {
    return (request, res) => {
      if (request.headers.authorization === `Bearer ${token}`) return json(res, 200, { major: '1', minor: '28', gitVersion: 'v1.28.0' });
      json(res, 401, recorded('apply-unauthorized/raw-api/stdout.txt'));
    };
  }

  it('an exec plugin is asked again once, and its new token is used', async () => {
    const server = await serve(unauthorizedUnless('fresh'));
    const tokens = ['expired', 'fresh'];
    const runs: number[] = [];
    const runPlugin = () => {
      runs.push(1);
      return Promise.resolve(
        JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: tokens.shift() ?? 'none' } }),
      );
    };
    const { client, delays } = clientFor(
      kubeconfigText(server.url, '{ exec: { apiVersion: client.authentication.k8s.io/v1, command: get-token } }'),
      {},
      { runPlugin },
    );
    clients.push(client);
    expect((await client.version()).minor).toBe('28');
    expect(runs).toHaveLength(2);
    expect(server.received.map((r) => r.headers.authorization)).toEqual(['Bearer expired', 'Bearer fresh']);
    expect(delays).toEqual([]);
  });

  it('a plugin whose fresh token is refused too gives the 401 after one refresh', async () => {
    const server = await serve(unauthorizedUnless('never'));
    let runs = 0;
    const runPlugin = () => Promise.resolve(JSON.stringify({ kind: 'ExecCredential', status: { token: `t${++runs}` } }));
    const { client } = clientFor(kubeconfigText(server.url, '{ exec: { command: get-token } }'), {}, { runPlugin });
    clients.push(client);
    expect(await client.version().catch((e: unknown) => e)).toMatchObject({ code: 401 });
    expect(runs).toBe(2);
    expect(server.received).toHaveLength(2);
  });

  it('a fixed token is not sent a second time', async () => {
    const server = await serve(unauthorizedUnless('other'));
    const { client } = connect(server);
    expect(await client.version().catch((e: unknown) => e)).toMatchObject({ code: 401 });
    expect(server.received).toHaveLength(1);
  });
});

describe('requests in flight', () => {
  it('keeps connections alive and bounds them by maxSockets', async () => {
    let inFlight = 0;
    let most = 0;
    const ports = new Set<number>();
    const server = await serve(async (_request, res, raw) => {
      ports.add(raw.socket.remotePort ?? 0);
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight--;
      json(res, 200, { major: '1', minor: '28', gitVersion: 'v1.28.0' });
    });
    const { client } = connect(server, undefined, { maxSockets: 3 });
    await Promise.all(Array.from({ length: 12 }, () => client.version()));
    expect(most).toBe(3);
    expect(ports.size).toBe(3);
  });
});
