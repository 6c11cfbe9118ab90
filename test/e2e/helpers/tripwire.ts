import { createServer } from 'node:http';
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TestContext } from 'vitest';

/**
 * A "cluster" that records every request and answers 500: a kubeconfig pointing at it proves that a command made no
 * cluster call at all (not one discovery request), which the real cluster's state alone cannot show.
 */
export async function tripwire(test: TestContext, dir: string): Promise<{ kubeconfig: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.writeHead(500, { 'content-type': 'application/json' });
    response.end('{"kind":"Status","apiVersion":"v1","status":"Failure","message":"tripwire: no cluster call expected","code":500}');
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  test.onTestFinished(() => new Promise<void>((closed) => server.close(() => closed())));
  const { port } = server.address() as AddressInfo;
  const kubeconfig = join(dir, 'tripwire.kubeconfig');
  await writeFile(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{ name: tripwire, cluster: { server: "http://127.0.0.1:${port}" } }]`,
      'users: [{ name: tripwire, user: { token: tripwire } }]',
      'contexts: [{ name: tripwire, context: { cluster: tripwire, user: tripwire } }]',
      'current-context: tripwire',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return { kubeconfig, requests };
}

/**
 * gcloud's kubectl is a dispatcher that asks the server's /version (`GET /version?timeout=5s`) to pick a client
 * version before it runs any command, even `kubectl kustomize`: that probe is the wrapper's, not a call k8sapp makes.
 * Everything else counts.
 */
const KUBECTL_DISPATCHER_PROBE = 'GET /version?timeout=5s';

export function clusterCalls(requests: readonly string[]): string[] {
  return requests.filter((request) => request !== KUBECTL_DISPATCHER_PROBE);
}
