import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute } from '../../src/exec.js';
import type { ConnectionOptions } from '../../src/k8s/connection.js';
import { call, FakeKube, unreachable } from '../helpers/fake-kube.js';
import { FakeKubectl, TEST_KUBECONFIG } from '../helpers/fake-kubectl.js';
import { REPO_ROOT } from '../helpers/run-action.js';

describe('--kubeconfig on cluster commands', () => {
  it('is resolved against the folder k8sapp was started in and handed to the client factory; kubectl (kustomize) gets no kubeconfig at all', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'k8sapp-infra-repo-'));
    await mkdir(join(cwd, 'secrets'));
    await writeFile(join(cwd, 'secrets/kc.yaml'), TEST_KUBECONFIG);
    const kubeconfig = join(cwd, 'secrets/kc.yaml');
    const kube = new FakeKube()
      .on(call('get', { kind: 'ConfigMap', name: 'k8sapp-releases-dev', namespace: 'default' }), undefined)
      .on(call('version'), unreachable('refused', 'https://k8s.test.invalid:6443', 'connect ECONNREFUSED 127.0.0.1:6443'));
    const kubectl = new FakeKubectl().on(['kustomize'], (c) => execute('kubectl', c.fullArgs));
    const run = async (args: string[]) => {
      const connected: ConnectionOptions[] = [];
      const code = await main([...args, '--kubeconfig', 'secrets/kc.yaml', '--json'], {
        out: () => undefined,
        err: () => undefined,
        exec: kubectl.executor,
        now: () => new Date('2026-11-22T00:00:00Z'),
        env: {},
        cwd,
        connect: (options) => {
          connected.push(options);
          return kube;
        },
      });
      return { code, connected };
    };

    // A command with no overlay: the path, resolved, goes to the factory, once; its client reads the releases.
    const releases = await run(['releases', '--env', 'dev']);
    expect(releases.code).toBe(0);
    expect(releases.connected).toEqual([{ env: {}, kubeconfig }]);
    expect(kube.of('get')).toHaveLength(1);

    // A command that builds the overlay first: kubectl kustomize runs without the kubeconfig (no KUBECONFIG, no flag).
    const rollout = await run(['rollout', '--env', 'dev', '--root', join(REPO_ROOT, 'examples/infra'), '--rollback', 'never']);
    expect(rollout.code).toBe(1); // the server of the test kubeconfig does not answer
    expect(rollout.connected).toEqual([{ env: {}, kubeconfig }]);
    expect(kube.of('version')).toHaveLength(1);
    expect(kubectl.calls.length).toBeGreaterThan(0);
    for (const c of kubectl.calls) {
      expect(c.args[0]).toBe('kustomize');
      expect(c.env?.KUBECONFIG).toBeUndefined();
      expect(c.fullArgs.join(' ')).not.toMatch(/kc\.yaml|kubeconfig/);
    }
  });
});

describe('the bundled CLI on a closed pipe', () => {
  it('exits quietly when the reader stops early (k8sapp … | head -1)', async () => {
    const { spawnSync } = await import('node:child_process');
    const { ACTION_NODE, REPO_ROOT } = await import('../helpers/run-action.js');
    const result = spawnSync('bash', ['-c', `"${ACTION_NODE}" bin/k8sapp.js gate --all --root examples/infra | head -1`], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(result.stdout).toMatch(/^Deploy gates at /);
    expect(result.stderr).not.toMatch(/EPIPE/);
  });
});
