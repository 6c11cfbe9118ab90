import { describe, expect, it } from 'vitest';
import { Kubectl } from '../../src/k8s/kubectl.js';
import { FakeKubectl, ok } from '../helpers/fake-kubectl.js';

describe('Kubectl wrapper: kubectl kustomize only', () => {
  it('renders an overlay offline: no request timeout, no kubeconfig, no context', async () => {
    const fake = new FakeKubectl().on(['kustomize'], ok('kind: A\n'));
    const result = await new Kubectl(fake.executor).kustomize('infra/k8s/hetzner/dev');
    expect(result.stdout).toBe('kind: A\n');
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.fullArgs).toEqual(['kustomize', 'infra/k8s/hetzner/dev']);
    expect(fake.calls[0]?.env ?? {}).toEqual({});
  });

  it('has no way to reach a cluster: kustomize is its only method', () => {
    const methods = Object.getOwnPropertyNames(Kubectl.prototype).filter((name) => name !== 'constructor');
    expect(methods).toEqual(['kustomize']);
  });
});
