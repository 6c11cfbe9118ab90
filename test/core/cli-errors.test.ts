import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../../src/exec.js';
import { call, FakeKube, unreachable } from '../helpers/fake-kube.js';
import { FakeKubectl, TEST_KUBECONFIG } from '../helpers/fake-kubectl.js';
import { REPO_ROOT } from '../helpers/run-action.js';
import { runCliInProcess } from '../helpers/cli.js';

const SERVER = 'https://k8sapp-test.invalid:6443';

/**
 * A cluster whose name does not resolve: every API call fails as the client fails on it (no answer at all); kubectl
 * only builds the overlay (`kubectl kustomize`, offline). Anything else kubectl is asked fails the test.
 */
function unresolvable() {
  const kube = new FakeKube().on(() => true, unreachable('dns', SERVER, 'getaddrinfo ENOTFOUND k8sapp-test.invalid'));
  const kubectl = new FakeKubectl().on(['kustomize'], (c) => execute('kubectl', c.fullArgs));
  return { kube, kubectl };
}

function cli(args: string[], { kube, kubectl }: ReturnType<typeof unresolvable>) {
  return runCliInProcess(args, { exec: kubectl.executor, kube, now: () => new Date('2026-11-23T10:00:00Z') });
}

describe('every CLI command: an environment problem is one line, never a stack; --json is always a JSON object', () => {
  let kubeconfig: string;
  beforeAll(async () => {
    kubeconfig = join(await mkdtemp(join(tmpdir(), 'k8sapp-cli-errors-')), 'kubeconfig');
    // The server the recorded DNS failure was captured against.
    await writeFile(kubeconfig, TEST_KUBECONFIG.replace('https://k8s.test.invalid:6443', 'https://k8sapp-test.invalid:6443'));
  });

  const families: [string, string[]][] = [
    ['releases', ['releases', '--env', 'dev']],
    ['rollback', ['rollback', '--env', 'dev', '--root', 'examples/infra']],
    ['rollout', ['rollout', '--env', 'dev', '--root', 'examples/infra', '--rollback', 'never']],
    ['migrations', ['migrations', '--env', 'dev', '--root', 'examples/infra']],
    ['plan', ['plan', '--env', 'dev', '--root', 'examples/infra']],
    ['apply', ['apply', '--env', 'dev', '--root', 'examples/infra']],
  ];

  for (const [family, args] of families) {
    it(`${family}: an unreachable cluster → exit 1, one sentence naming the server and the cause, JSON { error: { kind, message } }; nothing changed`, async () => {
      const fake = unresolvable();
      const run = await cli([...args, '--kubeconfig', kubeconfig, '--json'], fake);
      expect(run.code, run.err).toBe(1);
      const json = JSON.parse(run.out) as { error: { kind: string; message: string } };
      expect(json.error.kind).toBe('cluster-unreachable');
      expect(json.error.message).toMatch(
        /^Cannot reach the Kubernetes API server https:\/\/k8sapp-test\.invalid:6443: its host name does not resolve \(DNS\); /,
      );
      expect(run.err.split('\n')).toHaveLength(1);
      expect(run.err).not.toMatch(/this is a bug|\n\s+at |memcache|Unhandled Error/);
      // One call, a read (the server's version, or the release record for releases/rollback), then nothing more.
      expect(fake.kube.calls).toHaveLength(1);
      expect(fake.kube.calls.filter(call('version')).length + fake.kube.calls.filter(call('get', { kind: 'ConfigMap' })).length).toBe(1);
      expect(fake.kubectl.calls.every((c) => c.args[0] === 'kustomize')).toBe(true);
    });
  }

  it('deploy: a placeholder left is a configuration error (exit 2, JSON kind configuration, located) before any cluster call', async () => {
    const fake = unresolvable();
    const run = await cli(['deploy', '--env', 'dev', '--root', 'examples/infra', '--kubeconfig', kubeconfig, '--json'], fake);
    expect(run.code).toBe(2);
    const json = JSON.parse(run.out) as { error: { kind: string; message: string; findings: { code: string }[] } };
    expect(json.error.kind).toBe('configuration');
    expect(json.error.findings.map((f) => f.code)).toContain('PLACEHOLDER_LEFT');
    expect(fake.kube.calls).toEqual([]);
  });

  for (const [family, args] of [...families, ['deploy', ['deploy', '--env', 'dev', '--root', 'examples/infra']] as [string, string[]]]) {
    it(`${family}: --kubeconfig naming a missing file → exit 2, JSON kind configuration; not one API call`, async () => {
      const fake = unresolvable();
      const run = await cli([...args, '--kubeconfig', 'no/such/kubeconfig', '--json'], fake);
      expect(run.code).toBe(2);
      const json = JSON.parse(run.out) as { error: { kind: string; message: string } };
      expect(json.error).toMatchObject({ kind: 'configuration', message: `--kubeconfig ${join(REPO_ROOT, 'no/such/kubeconfig')}: no such file.` });
      expect(fake.kube.calls).toEqual([]);
      // kubectl only ever builds the overlay, and is never handed the kubeconfig.
      expect(fake.kubectl.calls.every((c) => c.args[0] === 'kustomize' && !c.fullArgs.join(' ').includes('kubeconfig') && !c.env?.KUBECONFIG)).toBe(true);
    });
  }

  it('a kubeconfig without a current context or server is refused with what is missing; not one call', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'k8sapp-cli-kc-'));
    await writeFile(join(dir, 'no-context'), 'apiVersion: v1\nkind: Config\nclusters: []\n');
    await writeFile(join(dir, 'no-server'), TEST_KUBECONFIG.replace('    server: https://k8s.test.invalid:6443\n', '    insecure-skip-tls-verify: true\n'));
    await writeFile(join(dir, 'not-yaml'), 'clusters: [\n  - {\n');
    const fake = unresolvable();
    const message = async (file: string) =>
      (JSON.parse((await cli(['releases', '--env', 'dev', '--kubeconfig', join(dir, file), '--json'], fake)).out) as { error: { message: string } }).error
        .message;
    expect(await message('no-context')).toContain('has no current-context');
    expect(await message('no-server')).toContain('cluster "test" (context "test") has no server URL');
    expect(await message('not-yaml')).toMatch(/is not a kubeconfig: it does not parse as YAML.*content not shown/);
    expect(fake.kube.calls).toEqual([]);
    expect(fake.kubectl.calls).toEqual([]);
  });

  it('validate, gate, changes: a missing control file under --json is a JSON object too', async () => {
    const validate = await cli(['validate', '--root', 'no/such/infra', '--json'], unresolvable());
    expect(validate.code).toBe(1);
    expect(JSON.parse(validate.out)).toMatchObject({ valid: false });
    for (const args of [
      ['gate', '--env', 'dev', '--root', 'no/such/infra'],
      ['changes', '--files', 'a', '--root', 'no/such/infra'],
    ]) {
      const run = await cli([...args, '--json'], unresolvable());
      expect(run.code, args.join(' ')).toBe(2);
      expect(JSON.parse(run.out), args.join(' ')).toMatchObject({ error: { kind: 'configuration', message: expect.stringContaining('no/such/infra') } });
    }
  });

  it('usage errors under --json: an unknown option or command still prints a JSON object', async () => {
    const unknownOption = await cli(['releases', '--env', 'dev', '--no-such-option', '--json'], unresolvable());
    expect(unknownOption.code).toBe(2);
    expect(JSON.parse(unknownOption.out)).toMatchObject({ error: { kind: 'usage' } });
    const unknownCommand = await cli(['no-such-command', '--json'], unresolvable());
    expect(JSON.parse(unknownCommand.out)).toMatchObject({
      error: { kind: 'usage', message: expect.stringContaining('unknown command "no-such-command"') as string },
    });
  });
});
