import { describe, expect, it } from 'vitest';
import { credentialsOfSecret, normalizeRegistryKey, parseDockerConfig } from '../../src/preflight/credentials.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('Docker config credentials', () => {
  it.each([
    ['https://index.docker.io/v1/', 'docker.io', ''],
    ['index.docker.io', 'docker.io', ''],
    ['registry-1.docker.io', 'docker.io', ''],
    ['docker.io', 'docker.io', ''],
    ['https://ghcr.io', 'ghcr.io', ''],
    ['ghcr.io/v2/', 'ghcr.io', ''],
    ['http://127.0.0.1:5000', '127.0.0.1:5000', ''],
    ['Registry.Example.com:443/team', 'registry.example.com:443', 'team'],
  ])('key %s means registry %s path %j', (key, domain, path) => {
    expect(normalizeRegistryKey(key)).toEqual({ domain, path });
  });

  it('reads auth (base64 user:password, colons allowed in the password) and username/password entries', () => {
    const store = parseDockerConfig(
      JSON.stringify({
        auths: {
          'https://index.docker.io/v1/': { auth: b64('hub:pa:ss') },
          'ghcr.io': { username: 'gh', password: 'token-1' },
          'helper.example': { identitytoken: 'x' },
        },
      }),
      '--registry-config',
    );
    expect(store.lookup('docker.io', 'library/nginx')).toEqual({ username: 'hub', password: 'pa:ss', source: '--registry-config' });
    expect(store.lookup('ghcr.io', 'org/app')).toMatchObject({ username: 'gh', password: 'token-1' });
    expect(store.lookup('helper.example', 'app')).toBeUndefined();
    expect(store.lookup('quay.io', 'ceph/ceph')).toBeUndefined();
    expect(store.secretValues()).toEqual(expect.arrayContaining(['pa:ss', b64('hub:pa:ss'), 'token-1', b64('gh:token-1')]));
  });

  it('matches the longest repository path prefix, as the kubelet keyring does', () => {
    const store = parseDockerConfig(
      JSON.stringify({ auths: { 'reg.example': { auth: b64('all:1111') }, 'reg.example/team': { auth: b64('team:2222') } } }),
      'x',
    );
    expect(store.lookup('reg.example', 'team/app')?.username).toBe('team');
    expect(store.lookup('reg.example', 'teamx/app')?.username).toBe('all');
  });

  it('reads the legacy .dockercfg shape (no auths wrapper)', () => {
    const store = parseDockerConfig(JSON.stringify({ 'quay.io': { auth: b64('q:secret-q') } }), 'x');
    expect(store.lookup('quay.io', 'a/b')?.username).toBe('q');
  });

  it('errors name the file, never a value', () => {
    expect(() => parseDockerConfig('{not json', 'creds.json')).toThrow('creds.json is not JSON');
    expect(() => parseDockerConfig(JSON.stringify({ auths: { 'r.io': { auth: b64('no-colon-secret') } } }), 'creds.json')).toThrow(
      /auth of "r.io" is not base64/,
    );
    try {
      parseDockerConfig(JSON.stringify({ auths: { 'r.io': { auth: b64('no-colon-secret') } } }), 'creds.json');
    } catch (error) {
      expect(String(error)).not.toContain('no-colon-secret');
    }
  });

  it('reads kubernetes.io/dockerconfigjson and dockercfg Secrets and says why another holds nothing', () => {
    const json = credentialsOfSecret({
      type: 'kubernetes.io/dockerconfigjson',
      metadata: { name: 'regcred', namespace: 'shop' },
      data: { '.dockerconfigjson': b64(JSON.stringify({ auths: { 'r.io': { auth: b64('u:p4ss') } } })) },
    });
    expect('store' in json && json.store.lookup('r.io', 'x')).toEqual({ username: 'u', password: 'p4ss', source: 'pull secret shop/regcred' });
    const cfg = credentialsOfSecret({
      type: 'kubernetes.io/dockercfg',
      metadata: { name: 'old' },
      data: { '.dockercfg': b64(JSON.stringify({ 'r.io': { auth: b64('u:p4ss') } })) },
    });
    expect('store' in cfg && cfg.store.size).toBe(1);
    expect(credentialsOfSecret({ type: 'Opaque', metadata: { name: 'db', namespace: 'shop' } })).toEqual({
      problem: 'pull secret shop/db has type Opaque, not kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg',
    });
    expect(credentialsOfSecret({ type: 'kubernetes.io/dockerconfigjson', metadata: { name: 'e', namespace: 'shop' }, data: {} })).toEqual({
      problem: 'pull secret shop/e has no .dockerconfigjson key',
    });
  });
});
