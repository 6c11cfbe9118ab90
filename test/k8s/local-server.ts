import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ConnectionOptions } from '../../src/k8s/connection.js';
import { loadConnection } from '../../src/k8s/connection.js';
import { HttpKubeClient, type HttpClientOptions } from '../../src/k8s/http.js';

/** One request as the server received it. */
export interface Received {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Handler = (request: Received, res: http.ServerResponse, raw: http.IncomingMessage) => void | Promise<void>;

export interface LocalServer {
  url: string;
  port: number;
  received: Received[];
  close(): Promise<void>;
}

/** A node:http (or https) server on 127.0.0.1 and a random port that records each request and lets `handler` answer. */
export async function startServer(handler: Handler, tls?: https.ServerOptions): Promise<LocalServer> {
  const received: Received[] = [];
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://local');
      const request: Received = {
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(request);
      void Promise.resolve(handler(request, res, req)).catch((error: Error) => {
        res.writeHead(599);
        res.end(error.message);
      });
    });
  };
  const server = tls ? https.createServer(tls, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** Discovery answers for the kinds these tests use: core v1, apps/v1, rbac, and a CRD group when asked. */
export const DISCOVERY: Record<string, { name: string; kind: string; namespaced: boolean }[]> = {
  '/api/v1': [
    { name: 'namespaces', kind: 'Namespace', namespaced: false },
    { name: 'configmaps', kind: 'ConfigMap', namespaced: true },
    { name: 'pods', kind: 'Pod', namespaced: true },
    { name: 'pods/log', kind: 'Pod', namespaced: true },
    { name: 'secrets', kind: 'Secret', namespaced: true },
  ],
  '/apis/apps/v1': [
    { name: 'deployments', kind: 'Deployment', namespaced: true },
    { name: 'deployments/status', kind: 'Deployment', namespaced: true },
    { name: 'statefulsets', kind: 'StatefulSet', namespaced: true },
  ],
  '/apis/rbac.authorization.k8s.io/v1': [{ name: 'clusterroles', kind: 'ClusterRole', namespaced: false }],
};

/** Answers discovery from DISCOVERY (404 for other group/versions); true when it answered. */
export function answerDiscovery(request: Received, res: http.ServerResponse, table = DISCOVERY): boolean {
  if (request.method !== 'GET' || !/^\/(api\/v1|apis\/[^/]+\/[^/]+)$/.test(request.path)) return false;
  const resources = table[request.path];
  if (!resources)
    json(res, 404, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server could not find the requested resource',
      reason: 'NotFound',
      details: {},
      code: 404,
    });
  else json(res, 200, { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: request.path.replace(/^\/apis?\//, ''), resources });
  return true;
}

/** A kubeconfig's text for a server with a token user and a context namespace. */
export function kubeconfigText(server: string, user: string = '{ token: test-token }', extra = '', namespace = 'app'): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `  - name: c\n    cluster:\n      server: ${server}${extra}`,
    'users:',
    `  - name: u\n    user: ${user}`,
    'contexts:',
    `  - name: x\n    context: { cluster: c, user: u, namespace: ${namespace} }`,
    'current-context: x',
    '',
  ].join('\n');
}

/** A client of a kubeconfig given as content, with sleeps recorded instead of waited. */
export function clientFor(
  content: string,
  options: HttpClientOptions = {},
  connection: Omit<ConnectionOptions, 'content'> = {},
): { client: HttpKubeClient; delays: number[] } {
  const delays: number[] = [];
  const client = new HttpKubeClient(loadConnection({ content, env: {}, ...connection }), {
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
    ...options,
  });
  return { client, delays };
}
