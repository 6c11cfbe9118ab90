import { describe, expect, it } from 'vitest';
import { clusterPullSecrets } from '../../src/preflight/cluster.js';
import { apiError, call, FakeKube } from '../helpers/fake-kube.js';

describe('pull secrets read through the API client', () => {
  it('one GET per named Secret and ServiceAccount; absent is undefined; a refused read names the server reason', async () => {
    const forbidden = apiError(
      403,
      'Forbidden',
      'secrets "regcred" is forbidden: User "deployer" cannot get resource "secrets" in API group "" in the namespace "apps"',
    );
    const fake = new FakeKube()
      .on(call('get', { kind: 'ServiceAccount', name: 'builder', namespace: 'apps' }), {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'builder', namespace: 'apps' },
        imagePullSecrets: [{ name: 'regcred' }, {}],
      })
      .on(call('get', { kind: 'ServiceAccount', name: 'default' }), undefined)
      .on(call('get', { kind: 'Secret', name: 'regcred' }), forbidden);
    const reader = clusterPullSecrets(fake);
    expect(await reader.serviceAccountPullSecrets('apps', 'builder')).toEqual(['regcred']);
    expect(await reader.serviceAccountPullSecrets(undefined, 'default')).toBeUndefined();
    await expect(reader.secret('apps', 'regcred')).rejects.toThrow(`reading Secret regcred failed: Forbidden: ${forbidden.message}`);
    // A workload without a namespace is read where the kubeconfig context points (the client's default).
    expect(fake.calls.map((c) => [c.verb, c.apiVersion, c.kind, c.namespace, c.name])).toEqual([
      ['get', 'v1', 'ServiceAccount', 'apps', 'builder'],
      ['get', 'v1', 'ServiceAccount', undefined, 'default'],
      ['get', 'v1', 'Secret', 'apps', 'regcred'],
    ]);
  });
});
