import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeApiError } from '../../src/k8s/api-error.js';
import type { KindRef, KubeClient, ObjectRef } from '../../src/k8s/client.js';
import { builtInKinds } from '../../src/k8s/kinds.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';

export interface FakeApiServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** A kubeconfig (content) whose current context points at this server with a bearer token. */
  kubeconfig: string;
  /** Every request as `METHOD /path?query`, in order. */
  requests: string[];
  /** Each request's Authorization header ('' when it had none), in the same order as `requests`. */
  authorizations: string[];
  close(): Promise<void>;
}

/** The bearer token of the kubeconfig `serveKube` gives (the server itself accepts any). */
export const FAKE_API_TOKEN = 'fake-api-token-0123456789';

const PATCH_TYPES: Record<string, 'json' | 'merge' | 'strategic'> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
};

/**
 * The Kubernetes REST API over HTTP in front of a KubeClient (a FakeKube with recorded answers): for tests that run
 * a bundled action or the CLI in a child process, whose HTTP client then talks to the same scripted answers the
 * in-process tests use. Discovery of the built-in kinds is answered from k8sapp's table; a KubeApiError the fake
 * throws goes back as the server's Status (code, reason, message, details), as kube-apiserver sends it.
 */
export async function serveKube(kube: KubeClient): Promise<FakeApiServer> {
  const requests: string[] = [];
  const authorizations: string[] = [];
  const server = createServer((request, response) => {
    authorizations.push(request.headers.authorization ?? '');
    void answer(kube, request, response, requests);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kubeconfig = kubeconfigFor(url);
  return {
    url,
    kubeconfig,
    requests,
    authorizations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function send(response: ServerResponse, code: number, body: unknown): void {
  response.writeHead(code, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

function status(code: number, reason: string, message: string, details: unknown = undefined): object {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code, reason, message, ...(details ? { details } : {}) };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function answer(kube: KubeClient, request: IncomingMessage, response: ServerResponse, requests: string[]): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://fake');
  requests.push(`${request.method} ${url.pathname}${url.search}`);
  try {
    const body = await readBody(request);
    if (url.pathname === '/version') return send(response, 200, await kube.version());
    const route = parse(url.pathname);
    if (!route) return send(response, 404, status(404, 'NotFound', `the server could not find the requested resource (${url.pathname})`));
    if ('discovery' in route) {
      const resources = builtInKinds()
        .filter((k) => k.apiVersion === route.discovery)
        .map((k) => ({ name: k.plural, kind: k.kind, namespaced: k.namespaced, verbs: ['get', 'list', 'create', 'update', 'patch', 'delete'] }));
      if (resources.length === 0) return send(response, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
      return send(response, 200, { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: route.discovery, resources });
    }
    const ref = { apiVersion: route.apiVersion, kind: route.kind, ...(route.namespace ? { namespace: route.namespace } : {}) };
    const query = Object.fromEntries(url.searchParams);
    const dryRun = query.dryRun === 'All' ? { dryRun: true } : {};
    const fieldManager = query.fieldManager ? { fieldManager: query.fieldManager } : {};
    if (route.name === undefined) {
      if (request.method === 'GET' && query.watch) return await streamWatch(kube, ref, query, response);
      if (request.method === 'GET') {
        const list = await kube.list(ref, {
          ...(query.labelSelector ? { labelSelector: query.labelSelector } : {}),
          ...(query.fieldSelector ? { fieldSelector: query.fieldSelector } : {}),
        });
        const items = list.items.map(({ apiVersion: _a, kind: _k, ...item }) => item);
        return send(response, 200, { kind: `${route.kind}List`, apiVersion: route.apiVersion, metadata: { resourceVersion: list.resourceVersion }, items });
      }
      if (request.method === 'POST') return send(response, 201, await kube.create(JSON.parse(body) as KubernetesObject, { ...fieldManager, ...dryRun }));
    } else {
      const object: ObjectRef = { ...ref, name: route.name };
      if (request.method === 'GET' && route.kind === 'Pod' && route.subresource === 'log') {
        const log = await kube.logs(
          { name: route.name, namespace: route.namespace ?? 'default' },
          {
            ...(query.container ? { container: query.container } : {}),
            ...(query.previous === 'true' ? { previous: true } : {}),
            ...(query.tailLines ? { tailLines: Number(query.tailLines) } : {}),
          },
        );
        response.writeHead(200, { 'Content-Type': 'text/plain' });
        return void response.end(log);
      }
      if (request.method === 'GET') {
        const found = await kube.get(object);
        return found
          ? send(response, 200, found)
          : send(response, 404, status(404, 'NotFound', `${route.plural} "${route.name}" not found`, { name: route.name, kind: route.plural }));
      }
      if (request.method === 'PUT') return send(response, 200, await kube.replace(JSON.parse(body) as KubernetesObject, { ...fieldManager, ...dryRun }));
      if (request.method === 'PATCH') {
        const type = request.headers['content-type'] ?? '';
        if (type === 'application/apply-patch+yaml') {
          return send(response, 200, await kube.apply(JSON.parse(body) as KubernetesObject, { ...fieldManager, force: query.force === 'true', ...dryRun }));
        }
        const patchType = PATCH_TYPES[type];
        if (!patchType) return send(response, 415, status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format: ${type}`));
        const sub = route.subresource;
        const subresource: { subresource?: 'status' | 'scale' } = sub === 'status' || sub === 'scale' ? { subresource: sub } : {};
        return send(response, 200, await kube.patch(object, JSON.parse(body), { type: patchType, ...subresource, ...fieldManager, ...dryRun }));
      }
      if (request.method === 'DELETE') {
        const options = (body ? JSON.parse(body) : {}) as {
          propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
          dryRun?: string[];
          preconditions?: { uid?: string };
        };
        const result = await kube.delete(object, {
          ...(options.propagationPolicy ? { propagationPolicy: options.propagationPolicy } : {}),
          ...(options.dryRun?.length ? { dryRun: true } : {}),
          ...(options.preconditions?.uid ? { uid: options.preconditions.uid } : {}),
        });
        return result === 'deleted'
          ? send(response, 200, status(200, '', 'deleted'))
          : send(response, 404, status(404, 'NotFound', `${route.plural} "${route.name}" not found`));
      }
    }
    return send(response, 405, status(405, 'MethodNotAllowed', `${request.method} is not supported here`));
  } catch (error) {
    if (error instanceof KubeApiError) return send(response, error.code, status(error.code, error.reason, error.message, error.details));
    // An unexpected call (FakeKube) or a bug: a 500 the client sees, with the reason in the message.
    return send(response, 500, status(500, 'InternalError', error instanceof Error ? error.message : String(error)));
  }
}

/** A watch (`?watch=1`): the fake's events, one JSON line each, then the stream ends (as at the server's timeout). */
async function streamWatch(kube: KubeClient, kind: KindRef, query: Record<string, string>, response: ServerResponse): Promise<void> {
  const events = kube.watch(kind, {
    resourceVersion: query.resourceVersion ?? '',
    ...(query.labelSelector ? { labelSelector: query.labelSelector } : {}),
    ...(query.fieldSelector ? { fieldSelector: query.fieldSelector } : {}),
    ...(query.timeoutSeconds ? { timeoutSeconds: Number(query.timeoutSeconds) } : {}),
  });
  const lines: string[] = [];
  for await (const event of events) lines.push(JSON.stringify(event));
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end(lines.map((line) => `${line}\n`).join(''));
}

type Route = { discovery: string } | { apiVersion: string; kind: string; plural: string; namespace?: string; name?: string; subresource?: string };

/** `/api/v1/namespaces/NS/configmaps/NAME[/status]`, `/apis/apps/v1/deployments`, `/api/v1` (discovery). */
function parse(path: string): Route | undefined {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  let apiVersion: string;
  let rest: string[];
  if (parts[0] === 'api' && parts[1]) [apiVersion, rest] = [parts[1], parts.slice(2)];
  else if (parts[0] === 'apis' && parts[1] && parts[2]) [apiVersion, rest] = [`${parts[1]}/${parts[2]}`, parts.slice(3)];
  else return undefined;
  if (rest.length === 0) return { discovery: apiVersion };
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) [namespace, rest] = [rest[1], rest.slice(2)];
  const [plural, name, subresource] = rest as [string, string | undefined, string | undefined];
  const kind = builtInKinds().find((k) => k.apiVersion === apiVersion && k.plural === plural);
  if (!kind) return undefined;
  return { apiVersion, kind: kind.kind, plural, ...(namespace ? { namespace } : {}), ...(name ? { name } : {}), ...(subresource ? { subresource } : {}) };
}

/** A kubeconfig like `serveKube`'s whose server is `server` (a closed port, an `.invalid` host, a TLS server). */
export function kubeconfigFor(server: string, token = FAKE_API_TOKEN): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: fake',
    `  cluster: { server: "${server}" }`,
    'contexts:',
    '- name: fake',
    '  context: { cluster: fake, user: ci, namespace: default }',
    'current-context: fake',
    'users:',
    '- name: ci',
    `  user: { token: ${token} }`,
    '',
  ].join('\n');
}

/** `http://127.0.0.1:PORT` where nothing listens any more (a server bound, then closed): connections are refused. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** The files under `folder` (recursively) whose content contains `text`: where a secret was written to disk. */
export async function filesHolding(folder: string, text: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if ((await readFile(path, 'utf8').catch(() => '')).includes(text)) found.push(path);
  }
  return found;
}

/**
 * An HTTPS server at `https://127.0.0.1:PORT` with a self-signed certificate for that address (made by openssl), so
 * only the trust check fails: a kubeconfig without its CA cannot talk to it. It answers nothing else.
 */
export async function selfSignedTlsServer(): Promise<{ url: string; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'k8sapp-self-signed-'));
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  const result = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`openssl could not make a self-signed certificate: ${result.stderr}`);
  const server = createHttpsServer({ key: await readFile(key), cert: await readFile(cert) }, (_request, response) => send(response, 200, {}));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await rm(dir, { recursive: true, force: true });
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
