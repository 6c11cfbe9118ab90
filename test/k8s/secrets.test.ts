import { afterAll, describe, expect, it } from 'vitest';
import { loadConnection } from '../../src/k8s/connection.js';
import { answerDiscovery, clientFor, json, kubeconfigText, startServer, type LocalServer } from './local-server.js';

const TOKEN = 'tok-5ecr3t-0000-aaaa-bbbb';
const PASSWORD = 'pw-5ecr3t-1111-cccc';
const KEY = 'key-5ecr3t-2222-dddd';
const SECRETS = [TOKEN, PASSWORD, KEY, Buffer.from(`admin:${PASSWORD}`).toString('base64'), Buffer.from(KEY).toString('base64')];

const servers: LocalServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
});

/** Every message a failure can carry, and the retry lines. */
function textOf(error: unknown, retries: string[]): string {
  const e = error as Error & { unreachable?: { detail: string; server?: string }; request?: string; details?: unknown };
  return [e.message, String(e.stack), e.unreachable?.detail, e.unreachable?.server, e.request, JSON.stringify(e.details), ...retries].join('\n');
}

describe('no secret appears in an error the client builds', () => {
  const users = {
    token: `{ token: ${TOKEN} }`,
    basic: `{ username: admin, password: ${PASSWORD} }`,
  };

  it.each(Object.entries(users))('%s: 401, 403, 422, 500 after retries, refused, timeout, DNS', async (_name, user) => {
    const codes = [401, 403, 422, 500];
    const server = await startServer((request, res) => {
      if (answerDiscovery(request, res)) return;
      if (request.path.startsWith('/api/v1/namespaces/app/configmaps/hang')) return;
      const code = codes[Number(/c(\d)$/.exec(request.path)?.[1] ?? 0)] ?? 500;
      json(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `refused with ${code}`, reason: 'X', code });
    });
    servers.push(server);
    const dead = await startServer(() => undefined);
    await dead.close();
    const texts: string[] = [];
    for (const url of [server.url, dead.url, 'http://api.k8sapp-test.invalid:6443', `http://admin:${PASSWORD}@127.0.0.1:${dead.port}`]) {
      const retries: string[] = [];
      const { client } = clientFor(kubeconfigText(url, user), {
        requestTimeoutMs: 100,
        onRetry: (m) => retries.push(m),
        retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
      });
      for (const name of ['c0', 'c1', 'c2', 'c3', 'hang']) {
        const error = await client.get({ apiVersion: 'v1', kind: 'ConfigMap', name }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Error);
        texts.push(textOf(error, retries));
      }
      client.close();
    }
    const all = texts.join('\n');
    expect(all).toContain('refused with 401');
    expect(all).toContain('the connection was refused');
    expect(all).toContain('did not answer in time');
    for (const secret of SECRETS) expect(all).not.toContain(secret);
  });

  it('kubeconfig errors never repeat a credential', () => {
    const texts: string[] = [];
    const attempt = (content: string) => {
      try {
        loadConnection({ content, env: {} });
      } catch (error) {
        texts.push(textOf(error, []));
      }
    };
    attempt(kubeconfigText('https://x:6443', `{ client-key-data: ${Buffer.from(KEY).toString('base64')} }`));
    attempt(kubeconfigText('https://x:6443', `{ token: ${TOKEN}, auth-provider: { name: oidc, config: { id-token: ${TOKEN} } } }`));
    attempt(`users: [{ name: u, user: { password: ${PASSWORD} } ]`);
    attempt(kubeconfigText('https://x:6443', `{ token: ${TOKEN} }`).replace('current-context: x', 'current-context: y'));
    expect(texts).toHaveLength(4);
    for (const secret of SECRETS) expect(texts.join('\n')).not.toContain(secret);
  });

  it('a plugin that echoes a secret it was given has it masked', async () => {
    const user = `{ token: ${TOKEN}, exec: { command: get-token, env: [{ name: SECRET, value: ${PASSWORD} }] } }`;
    const connection = loadConnection({
      content: kubeconfigText('https://x:6443', user),
      env: {},
      runPlugin: () => Promise.reject(new Error(`bad: ${TOKEN} / ${PASSWORD}`)),
    });
    const error = await connection.credentials.current().catch((e: unknown) => e);
    expect((error as Error).message).toBe('kubeconfig user "u": the credential plugin "get-token" failed: bad: *** / ***');
  });
});
