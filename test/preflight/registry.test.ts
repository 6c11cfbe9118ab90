import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialStore, parseDockerConfig } from '../../src/preflight/credentials.js';
import { parseImageReference } from '../../src/preflight/reference.js';
import { RegistryClient, type FetchLike } from '../../src/preflight/registry.js';
import {
  basicAuthorization,
  freePort,
  pushImage,
  registryAvailability,
  startRegistry,
  startSilentServer,
  startTokenServer,
  type RunningRegistry,
  type TokenServer,
} from './registry-server.js';

const availability = registryAvailability();

/** Every request the client makes, for asserting the order of the auth dance (never the header values). */
function recordingFetch(): { fetch: FetchLike; calls: { method: string; url: string; authorization?: string }[] } {
  const calls: { method: string; url: string; authorization?: string }[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      const scheme = init.headers.authorization?.split(' ')[0];
      calls.push({ method: init.method, url, ...(scheme ? { authorization: scheme } : {}) });
      return fetch(url, init);
    },
  };
}

const credential = (username: string, password: string, source = 'test') => ({ username, password, source });

describe.runIf(availability.run)('the OCI distribution client against a real registry (distribution 2.8)', () => {
  let open: RunningRegistry;
  let basic: RunningRegistry;
  let tokenRegistry: RunningRegistry;
  let tokens: TokenServer;
  let appDigest: string;
  let dockerFormatDigest: string;
  let privateDigest: string;
  let tokenPrivateDigest: string;

  beforeAll(async () => {
    tokens = await startTokenServer({ puller: 'pull-pass-1234', admin: 'admin-pass-1234' }, { publicRepositories: ['team/public'] });
    [open, basic, tokenRegistry] = await Promise.all([
      startRegistry(),
      startRegistry({ htpasswd: { username: 'puller', password: 'pull-pass-1234' } }),
      startRegistry({ token: tokens.auth }),
    ]);
    appDigest = await pushImage(open, 'shop/app', '1.2.3', { seed: 'a' });
    dockerFormatDigest = await pushImage(open, 'shop/legacy', 'v1', { seed: 'b', format: 'docker' });
    privateDigest = await pushImage(basic, 'team/private', '2.0', { authorization: basicAuthorization('puller', 'pull-pass-1234') });
    tokenPrivateDigest = await pushImage(tokenRegistry, 'team/private', '3.0', { authorization: `Bearer ${tokens.mint('team/private', ['pull', 'push'])}` });
    await pushImage(tokenRegistry, 'team/public', '1.0', { authorization: `Bearer ${tokens.mint('team/public', ['pull', 'push'])}` });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([open?.stop(), basic?.stop(), tokenRegistry?.stop(), tokens?.stop()]);
  });

  const client = (fetchLike: FetchLike = (url, init) => fetch(url, init), timeoutMs = 5000) => new RegistryClient({ fetch: fetchLike, timeoutMs });

  it('resolves an existing tag to the digest the registry computed (OCI manifest), anonymously over plain HTTP on loopback', async () => {
    const recorder = recordingFetch();
    const result = await client(recorder.fetch).resolve(parseImageReference(`${open.host}/shop/app:1.2.3`));
    expect(result).toMatchObject({ outcome: 'resolved', digest: appDigest, mediaType: 'application/vnd.oci.image.manifest.v1+json' });
    expect(appDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // https first, as the runtimes try; plain HTTP only because the registry is on a loopback address.
    expect(recorder.calls.map((c) => `${c.method} ${c.url.replace(open.host, 'R')}`)).toEqual([
      'HEAD https://R/v2/shop/app/manifests/1.2.3',
      'HEAD http://R/v2/shop/app/manifests/1.2.3',
    ]);
  });

  it('resolves a Docker schema 2 manifest too (the Accept header lists both families)', async () => {
    const result = await client().resolve(parseImageReference(`${open.host}/shop/legacy:v1`));
    expect(result).toMatchObject({ outcome: 'resolved', digest: dockerFormatDigest, mediaType: 'application/vnd.docker.distribution.manifest.v2+json' });
  });

  it('says a missing tag is MANIFEST_UNKNOWN', async () => {
    const result = await client().resolve(parseImageReference(`${open.host}/shop/app:1.2.31`));
    expect(result).toEqual({ outcome: 'not-found', code: 'MANIFEST_UNKNOWN', message: `tag 1.2.31 of shop/app does not exist in ${open.host}` });
  });

  it('says a missing repository is NAME_UNKNOWN', async () => {
    const result = await client().resolve(parseImageReference(`${open.host}/shop/nope:1.0`));
    expect(result).toEqual({ outcome: 'not-found', code: 'NAME_UNKNOWN', message: `repository shop/nope does not exist in ${open.host}` });
  });

  it('resolves a pinned digest (tag and digest: the digest is what is asked for) and refuses an unknown digest', async () => {
    const pinned = await client().resolve(parseImageReference(`${open.host}/shop/app:whatever@${appDigest}`));
    expect(pinned).toMatchObject({ outcome: 'resolved', digest: appDigest });
    const unknown = `sha256:${'0'.repeat(64)}`;
    const missing = await client().resolve(parseImageReference(`${open.host}/shop/app@${unknown}`));
    expect(missing).toMatchObject({ outcome: 'not-found', code: 'MANIFEST_UNKNOWN', message: `digest ${unknown} of shop/app does not exist in ${open.host}` });
  });

  it('Basic auth: without credentials 401 (unauthorized, none given); with the pull secret it resolves; wrong ones are refused', async () => {
    const reference = parseImageReference(`${basic.host}/team/private:2.0`);
    expect(await client().resolve(reference)).toMatchObject({ outcome: 'unauthorized', status: 401, withCredentials: false });
    const recorder = recordingFetch();
    expect(await client(recorder.fetch).resolve(reference, credential('puller', 'pull-pass-1234'))).toMatchObject({
      outcome: 'resolved',
      digest: privateDigest,
    });
    // Anonymous first, then what the challenge asked for.
    expect(recorder.calls.filter((c) => c.url.startsWith('http:')).map((c) => c.authorization ?? 'anonymous')).toEqual(['anonymous', 'Basic']);
    expect(await client().resolve(reference, credential('puller', 'wrong-password'))).toMatchObject({
      outcome: 'unauthorized',
      status: 401,
      withCredentials: true,
    });
  });

  it('Bearer: the registry challenge names the realm and service; the token is asked for repository:<name>:pull with the credentials', async () => {
    tokens.requests.length = 0;
    const reference = parseImageReference(`${tokenRegistry.host}/team/private:3.0`);
    const recorder = recordingFetch();
    const resolved = await client(recorder.fetch).resolve(reference, credential('puller', 'pull-pass-1234'));
    expect(resolved).toMatchObject({ outcome: 'resolved', digest: tokenPrivateDigest });
    expect(tokens.requests).toEqual([{ scope: 'repository:team/private:pull', service: 'k8sapp-test-registry', authenticated: true }]);
    expect(recorder.calls.map((c) => `${c.method} ${c.authorization ?? 'anonymous'} ${c.url.startsWith(tokens.realm) ? 'token' : 'registry'}`)).toEqual([
      'HEAD anonymous registry',
      'HEAD anonymous registry',
      'GET Basic token',
      'HEAD Bearer registry',
    ]);
  });

  it('Bearer without credentials: an anonymous token resolves a public repository; a private one stays unauthorized', async () => {
    expect(await client().resolve(parseImageReference(`${tokenRegistry.host}/team/public:1.0`))).toMatchObject({ outcome: 'resolved' });
    expect(await client().resolve(parseImageReference(`${tokenRegistry.host}/team/private:3.0`))).toMatchObject({
      outcome: 'unauthorized',
      status: 401,
      withCredentials: false,
    });
    expect(await client().resolve(parseImageReference(`${tokenRegistry.host}/team/private:3.0`), credential('puller', 'nope'))).toMatchObject({
      outcome: 'unauthorized',
      withCredentials: true,
      message: 'the token endpoint answered 401',
    });
  });

  it('a registry that is down (connection refused) is unavailable, not a verdict on the image', async () => {
    const port = await freePort();
    const result = await client().resolve(parseImageReference(`127.0.0.1:${port}/shop/app:1.0`));
    expect(result).toEqual({ outcome: 'unavailable', message: expect.stringContaining('ECONNREFUSED') });
  });

  it('a registry that never answers is unavailable after the request timeout', async () => {
    const silent = await startSilentServer();
    try {
      const started = Date.now();
      const result = await client(undefined, 300).resolve(parseImageReference(`${silent.host}/shop/app:1.0`));
      expect(result).toEqual({ outcome: 'unavailable', message: 'no answer before the timeout' });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await silent.stop();
    }
  });

  it('uses config.json credentials keyed by host:port for the Basic registry', async () => {
    const store: CredentialStore = parseDockerConfig(
      JSON.stringify({ auths: { [`http://${basic.host}/v2/`]: { auth: Buffer.from('puller:pull-pass-1234').toString('base64') } } }),
      '--registry-config',
    );
    const reference = parseImageReference(`${basic.host}/team/private:2.0`);
    const found = store.lookup(reference.domain, reference.repository);
    expect(found?.source).toBe('--registry-config');
    expect(await client().resolve(reference, found)).toMatchObject({ outcome: 'resolved', digest: privateDigest });
  });
});
