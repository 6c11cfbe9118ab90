import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionOptions } from '../../src/k8s/connection.js';
import { FakeKubectl, TEST_KUBECONFIG } from '../helpers/fake-kubectl.js';
import { runCli } from '../helpers/run-action.js';
import { apiFor, clusterWrites, deadlineDeployment, overlayObjects, readyDeployment, scriptNewObjects, workspace } from './helpers.js';
import { runCliInProcess } from '../helpers/cli.js';

const SECRET = 'cli-Secret-Value-77';

/** The CLI in this process: kubectl (`fake`) only builds the overlay; the client of every command is `fake`'s API half. */
function cli(args: string[], fake: FakeKubectl, cwd: string, connected: ConnectionOptions[] = []) {
  // A virtual clock from now: the rollout's waits (a stale deadline condition is held for the Deployment's
  // progressDeadlineSeconds) pass without real time passing.
  let time = Date.now();
  const now = () => new Date(time);
  const sleep = (milliseconds: number) => {
    time += milliseconds;
    return Promise.resolve();
  };
  return runCliInProcess(args, { exec: fake.executor, kube: apiFor(fake), connected, now, sleep, cwd });
}

describe('k8sapp deploy', () => {
  let root: string;
  beforeAll(async () => {
    root = await workspace();
    await writeFile(join(root, 'kubeconfig'), TEST_KUBECONFIG);
    await writeFile(join(root, 'secrets.yaml'), `POSTGRES_SA_PASSWORD: ${SECRET}\nPASSWORD: ${SECRET}\n`);
  });

  it('runs the pipeline (manual trigger by default) and prints the JSON contract; exit 0', async () => {
    const fake = new FakeKubectl();
    scriptNewObjects(fake, overlayObjects('postgres'), () => readyDeployment('postgres'));
    const connected: ConnectionOptions[] = [];
    const run = await cli(
      ['deploy', '--env', 'dev', '--kubeconfig', 'kubeconfig', '--secrets-file', 'secrets.yaml', '--sha', 'abc123', '--json'],
      fake,
      root,
      connected,
    );
    expect(run.code, run.err).toBe(0);
    const json = JSON.parse(run.out) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['decision', 'resources', 'recreated', 'rollout', 'rollback', 'release', 'status']));
    expect(json.status).toBe('succeeded');
    expect((json.decision as { trigger: string }).trigger).toBe('manual');
    expect((json.release as { recorded: { sha: string } }).recorded.sha).toBe('abc123');
    // Every server call went through one client made from the given kubeconfig (resolved against the folder);
    // kubectl only built the overlay, without the kubeconfig.
    expect(connected.map((c) => c.kubeconfig)).toEqual([join(root, 'kubeconfig')]);
    expect(apiFor(fake).calls[0]).toEqual({ verb: 'version' });
    expect(clusterWrites(fake)).toEqual([
      'apply ConfigMap/postgres-config',
      'apply Secret/postgres-secret',
      'apply Deployment/postgres',
      'create ConfigMap/k8sapp-releases-dev',
    ]);
    expect(fake.commands()).toEqual([['kustomize', join(root, 'infra/k8s/hetzner/dev')]]);
    expect(fake.calls[0]?.env?.KUBECONFIG).toBeUndefined();
    expect(run.out + run.err).not.toContain(SECRET);
  });

  it('exit 1 when the rollout fails (dev rolls nothing back)', async () => {
    const fake = new FakeKubectl();
    scriptNewObjects(fake, overlayObjects('postgres'), () => deadlineDeployment('postgres'));
    const run = await cli(['deploy', '--env', 'dev', '--kubeconfig', 'kubeconfig', '--secrets-file', 'secrets.yaml'], fake, root);
    expect(run.code).toBe(1);
    expect(run.out).toContain('dev: failed');
    expect(run.out).toContain('ProgressDeadlineExceeded');
    // Nothing rolled back, nothing recorded: the deploy's applies are the only writes.
    expect(clusterWrites(fake)).toEqual(['apply ConfigMap/postgres-config', 'apply Secret/postgres-secret', 'apply Deployment/postgres']);
  });

  it('exit 0 when the gate skips (prod, automatic trigger), without touching the cluster', async () => {
    const fake = new FakeKubectl();
    const run = await cli(['deploy', '--env', 'prod', '--kubeconfig', 'kubeconfig', '--trigger', 'auto', '--json'], fake, root);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ status: 'skipped', decision: { allowed: false } });
    expect(fake.calls).toEqual([]);
    expect(apiFor(fake).calls).toEqual([]);
  });

  it('exit 2 for usage and configuration errors', async () => {
    const fake = new FakeKubectl();
    expect((await cli(['deploy', '--env', 'dev'], fake, root)).code).toBe(2);
    expect((await cli(['deploy', '--env', 'dev', '--kubeconfig', 'kubeconfig', '--trigger', 'sometimes'], fake, root)).code).toBe(2);
    expect((await cli(['deploy', '--env', 'nowhere', '--kubeconfig', 'kubeconfig'], fake, root)).code).toBe(2);
    expect(fake.calls).toEqual([]);
    expect(apiFor(fake).calls).toEqual([]);
  });

  it('the bundled CLI: gate-skipped prod push answers with JSON and exit 0', async () => {
    const run = await runCli(['deploy', '--env', 'prod', '--kubeconfig', 'kubeconfig', '--trigger', 'auto', '--json'], { cwd: root });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'skipped', environment: 'prod' });
  }, 30_000);
});
