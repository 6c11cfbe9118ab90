import { describe, expect, it } from 'vitest';
import { Kubectl } from '../../src/k8s/kubectl.js';
import { FakeKubectl, ok } from '../helpers/fake-kubectl.js';

describe('Kubectl wrapper', () => {
  it('applies server-side from stdin with the k8sapp field manager and a request timeout', async () => {
    const fake = new FakeKubectl().on(['apply'], ok('x serverside-applied\n'));
    const kubectl = new Kubectl(fake.executor, { kubeconfig: '/tmp/kc', requestTimeoutSeconds: 20 });
    await kubectl.apply('kind: ConfigMap\n', { dryRun: 'server', output: 'json' });
    expect(fake.calls[0]).toMatchObject({
      command: 'kubectl',
      fullArgs: ['--request-timeout=20s', 'apply', '--server-side', '--field-manager=k8sapp', '--dry-run=server', '-o', 'json', '-f', '-'],
      input: 'kind: ConfigMap\n',
      env: { KUBECONFIG: '/tmp/kc' },
    });
    expect(fake.mutatingCalls()).toEqual([]);
  });

  it('deletes with an explicit cascade and never passes the kubeconfig on the command line', async () => {
    const fake = new FakeKubectl().on(['delete'], ok());
    await new Kubectl(fake.executor, { kubeconfig: '/secret/kc' }).delete('statefulset', 'postgres', { namespace: 'db', cascade: 'orphan' });
    expect(fake.commands()).toEqual([['delete', 'statefulset/postgres', '-n', 'db', '--cascade=orphan']]);
    expect(fake.calls[0]?.fullArgs.join(' ')).not.toContain('/secret/kc');
    expect(fake.mutatingCalls()).toHaveLength(1);
  });

  it('renders kustomize offline without a request timeout', async () => {
    const fake = new FakeKubectl().on(['kustomize'], ok('kind: A\n'));
    await new Kubectl(fake.executor).kustomize('infra/k8s/hetzner/dev');
    expect(fake.calls[0]?.fullArgs).toEqual(['kustomize', 'infra/k8s/hetzner/dev']);
  });

  it('fails the test on a call nobody scripted', async () => {
    const fake = new FakeKubectl();
    await expect(new Kubectl(fake.executor).version()).rejects.toThrow(/unexpected call: kubectl version -o json/);
  });
});
