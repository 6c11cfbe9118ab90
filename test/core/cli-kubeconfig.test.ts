import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeKubectl, ok, TEST_KUBECONFIG } from '../helpers/fake-kubectl.js';

describe('--kubeconfig on cluster commands', () => {
  it('is resolved against the folder k8sapp was started in and reaches kubectl only as KUBECONFIG', async () => {
    const fake = new FakeKubectl().on(['get', 'configmap/k8sapp-releases-dev'], ok(''));
    const cwd = await mkdtemp(join(tmpdir(), 'k8sapp-infra-repo-'));
    await mkdir(join(cwd, 'secrets'));
    await writeFile(join(cwd, 'secrets/kc.yaml'), TEST_KUBECONFIG);
    const out: string[] = [];
    const code = await main(['releases', '--env', 'dev', '--kubeconfig', 'secrets/kc.yaml', '--json'], {
      out: (text) => out.push(text),
      err: () => undefined,
      exec: fake.executor,
      now: () => new Date('2026-11-22T00:00:00Z'),
      env: {},
      cwd,
    });
    expect(code).toBe(0);
    expect(fake.calls.length).toBeGreaterThan(0);
    for (const call of fake.calls) {
      expect(call.env).toEqual({ KUBECONFIG: join(cwd, 'secrets/kc.yaml') });
      expect(call.fullArgs.join(' ')).not.toContain('kc.yaml');
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
