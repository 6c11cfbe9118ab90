import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planTargets } from '../../src/changes/targets.js';
import type { DeployControl } from '../../src/config/deploy-control.js';
import { ConfigurationError } from '../../src/errors.js';
import { REPO_ROOT, runBundledAction } from '../helpers/run-action.js';

const control: DeployControl = {
  global: { auto_deploy: true },
  environments: {
    dev: { enabled: true, auto_deploy: true, branch: 'dev' },
    prod: { enabled: true, auto_deploy: false, branch: 'main' },
  },
};

describe('planTargets', () => {
  it('an explicit environment wins over the event', () => {
    expect(planTargets(control, { name: 'push', environment: 'prod', branch: 'dev', base: 'a', head: 'b' })).toEqual({
      kind: 'explicit',
      environments: [{ name: 'prod', reasons: ['requested explicitly'], deploy: true }],
    });
  });

  it('rejects an environment that deploy-control does not define, naming the defined ones', () => {
    expect(() => planTargets(control, { name: 'workflow_dispatch', environment: 'staging' })).toThrow(
      new ConfigurationError('Environment "staging" is not in deploy-control.yaml; configured environments: dev, prod.'),
    );
  });

  it('a manual run without an environment is a usage error', () => {
    expect(() => planTargets(control, { name: 'workflow_dispatch' })).toThrow(/must name the environment/);
  });

  it('a push compares its commits', () => {
    expect(planTargets(control, { name: 'push', branch: 'dev', base: 'a1', head: 'b2' })).toEqual({ kind: 'diff', base: 'a1', head: 'b2', branch: 'dev' });
  });

  it('a push that created the branch deploys the mapped environment without a diff', () => {
    const plan = planTargets(control, { name: 'push', branch: 'main', base: '0000000000000000000000000000000000000000', head: 'b2' });
    expect(plan).toEqual({
      kind: 'branch',
      environments: [{ name: 'prod', branch: 'main', deploy: true, reasons: ['branch main has no earlier commit to compare with'] }],
    });
  });

  it('a push to a branch no environment maps deploys nothing', () => {
    expect(planTargets(control, { name: 'push', branch: 'feature/x', base: '0000', head: 'b' })).toEqual({ kind: 'branch', environments: [] });
  });
});

describe('changes action (bundled)', () => {
  it('on a push to dev that grows the dev PostgreSQL volume, outputs only dev', async () => {
    const repository = await mkdtemp(join(tmpdir(), 'k8sapp-changes-action-'));
    await cp(join(REPO_ROOT, 'examples/infra'), join(repository, 'infra'), { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: repository, encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'dev');
    git('add', '.');
    git('commit', '-q', '-m', 'infra');
    const before = git('rev-parse', 'HEAD');
    const patch = join(repository, 'infra/k8s/base/statefulsets/redis.statefulset.yaml');
    await writeFile(patch, `${await readFile(patch, 'utf8')}\n`);
    const patchDev = join(repository, 'infra/k8s/hetzner/dev/patches/statefulsets/postgres.statefulset.yaml');
    await writeFile(patchDev, (await readFile(patchDev, 'utf8')).replace('10Gi', '20Gi'));
    git('commit', '-q', '-am', 'grow');
    const after = git('rev-parse', 'HEAD');
    const event = join(repository, '.event.json');
    await writeFile(event, JSON.stringify({ before, after, ref: 'refs/heads/dev' }));
    const run = await runBundledAction(
      'changes',
      {},
      {
        cwd: repository,
        env: { GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: event, GITHUB_REF_NAME: 'dev', GITHUB_SHA: after },
      },
    );
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.outputs.environments ?? '')).toEqual(['dev']);
    const details = JSON.parse(run.outputs.details ?? '') as { environments: { name: string; deploy: boolean }[] };
    // The base change affects all three, but only dev is mapped to the pushed branch.
    expect(details.environments.map((e) => [e.name, e.deploy])).toEqual([
      ['dev', true],
      ['test', false],
      ['prod', false],
    ]);
    expect(run.summary).toContain('| dev | deploy | ');
  });

  it('a manual dispatch without an environment fails with an actionable message', async () => {
    const run = await runBundledAction(
      'changes',
      { 'control-file': 'examples/infra/deploy-control.yaml' },
      { env: { GITHUB_EVENT_NAME: 'workflow_dispatch' } },
    );
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('::error::A manual run must name the environment to deploy (one of: dev, test, prod).');
  });
});
