import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { FakeKubectl, ok } from '../helpers/fake-kubectl.js';

describe('--kubeconfig on cluster commands', () => {
  it('is resolved against the folder k8sapp was started in and reaches kubectl only as KUBECONFIG', async () => {
    const fake = new FakeKubectl().on(['get', 'configmap/k8sapp-releases-dev'], ok(''));
    const out: string[] = [];
    const code = await main(['releases', '--env', 'dev', '--kubeconfig', 'secrets/kc.yaml', '--json'], {
      out: (text) => out.push(text),
      err: () => undefined,
      exec: fake.executor,
      now: () => new Date('2026-11-22T00:00:00Z'),
      env: {},
      cwd: '/home/me/infra-repo',
    });
    expect(code).toBe(0);
    expect(fake.calls.length).toBeGreaterThan(0);
    for (const call of fake.calls) {
      expect(call.env).toEqual({ KUBECONFIG: '/home/me/infra-repo/secrets/kc.yaml' });
      expect(call.fullArgs.join(' ')).not.toContain('kc.yaml');
    }
  });
});
