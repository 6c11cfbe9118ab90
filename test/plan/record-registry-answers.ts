/**
 * Records the registry answers test/plan/plan.test.ts replays: starts Debian's docker-registry (distribution 2.8) on
 * loopback, anonymous and with htpasswd Basic auth, pushes two images, and resolves three references with k8sapp's
 * own RegistryClient through a fetch that writes down every answer (status, the headers the client reads, body).
 * Loopback hosts are renamed to `open.registry.test` and `basic.registry.test`; request headers are not kept.
 *
 *   npx tsx test/plan/record-registry-answers.ts > test/fixtures/registry/plan-preflight.json
 */
import { parseImageReference } from '../../src/preflight/reference.js';
import { RegistryClient, type FetchLike } from '../../src/preflight/registry.js';
import { basicAuthorization, pushImage, startRegistry } from '../preflight/registry-server.js';

const KEPT_HEADERS = ['content-type', 'docker-content-digest', 'www-authenticate'];

const open = await startRegistry();
const basic = await startRegistry({ htpasswd: { username: 'puller', password: 'pull-pass-1234' } });
try {
  await pushImage(open, 'shop/web', '2.0', { seed: 'plan' });
  await pushImage(basic, 'team/private', '1.0', { seed: 'private', authorization: basicAuthorization('puller', 'pull-pass-1234') });
  const rename = (text: string) => text.replaceAll(open.host, 'open.registry.test').replaceAll(basic.host, 'basic.registry.test');
  const answers: unknown[] = [];
  const recording: FetchLike = async (url, init) => {
    // The client tries https first; loopback registries speak plain http (the renamed hosts answer https).
    if (url.startsWith('https://127.0.0.1')) throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'EPROTO', message: 'wrong version number' } });
    const response = await fetch(url, init);
    const body = await response.text();
    const headers = Object.fromEntries(KEPT_HEADERS.flatMap((name) => (response.headers.get(name) ? [[name, rename(response.headers.get(name)!)]] : [])));
    answers.push({
      request: { method: init.method, url: rename(url).replace(/^http:/, 'https:'), authorization: init.headers.authorization?.split(' ')[0] ?? null },
      response: { status: response.status, headers, body },
    });
    return new Response(init.method === 'HEAD' ? null : body, { status: response.status, headers: response.headers });
  };
  const client = new RegistryClient({ fetch: recording });
  const credential = { username: 'puller', password: 'pull-pass-1234', source: 'record' };
  await client.resolve(parseImageReference(`${open.host}/shop/web:2.0`));
  await client.resolve(parseImageReference(`${open.host}/shop/web:9.9`));
  await client.resolve(parseImageReference(`${basic.host}/team/private:1.0`), credential);
  process.stdout.write(`${JSON.stringify({ recordedWith: 'docker-registry (distribution 2.8.2), Debian', answers }, null, 2)}\n`);
} finally {
  await Promise.all([open.stop(), basic.stop()]);
}
