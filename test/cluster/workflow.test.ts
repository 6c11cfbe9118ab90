import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-action.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const load = (path: string) => parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as Json;

describe('.github/workflows/hetzner-k8s.yml', () => {
  const workflow = load('.github/workflows/hetzner-k8s.yml');
  const call = workflow.on.workflow_call;
  const job = workflow.jobs.cluster;
  const steps = job.steps as Json[];

  it('is a reusable workflow with the environment/config inputs and the four secrets', () => {
    expect(Object.keys(call.inputs)).toEqual(expect.arrayContaining(['environment', 'config']));
    expect(Object.keys(call.secrets).sort()).toEqual(['HETZNER_SSH_PRIVATE_KEY', 'HETZNER_SSH_PUBLIC_KEY', 'HETZNER_TOKEN', 'INFRA_DEPLOY_TOKEN']);
  });

  it('runs one job per environment, in that GitHub environment, serialised per environment, read-only', () => {
    expect(workflow.permissions).toEqual({});
    expect(job.strategy.matrix.environment).toBe('${{ fromJSON(needs.targets.outputs.environments) }}');
    expect(job.environment).toBe('${{ matrix.environment }}');
    expect(job.concurrency).toEqual({ group: 'k8sapp-cluster-${{ matrix.environment }}', 'cancel-in-progress': false });
    expect(job.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.targets.permissions).toEqual({ contents: 'read' });
  });

  it("runs this repository's cluster action at the caller's pinned commit ($/ self-reference)", () => {
    const action = steps.find((s) => s.uses === '$/actions/cluster')!;
    const declared = Object.keys(load('actions/cluster/action.yml').inputs);
    for (const key of Object.keys(action.with)) expect(declared).toContain(key);
    expect(action.with['hcloud-token']).toBe('${{ secrets.HETZNER_TOKEN }}');
    expect(steps.some((s) => s.with?.path === '.k8sapp')).toBe(false);
  });

  it('finds changed cluster configs with the changes action unless an environment is named', () => {
    const targets = workflow.jobs.targets.steps as Json[];
    const changes = targets.find((s) => s.uses === '$/actions/changes')!;
    expect(changes.if).toBe("inputs.environment == ''");
    expect(targets.find((s) => s.id === 'targets')!.env.CHANGED).toBe('${{ steps.changes.outputs.clusters }}');
  });

  it('caches the k3s release list with actions/cache pinned by SHA', () => {
    const cache = steps.find((s) => s.with?.path === '~/.hetzner-k3s/k3s-releases.yaml')!;
    expect(cache.uses).toMatch(/^actions\/cache@[0-9a-f]{40}$/);
  });

  it('never runs hetzner-k3s delete', () => {
    expect(readFileSync(join(REPO_ROOT, '.github/workflows/hetzner-k8s.yml'), 'utf8')).not.toMatch(/hetzner-k3s delete/);
  });
});

describe('examples/workflows/cluster.yml', () => {
  const example = load('examples/workflows/cluster.yml');
  it('runs on cluster config changes and on manual dispatch, calling the reusable workflow', () => {
    expect(example.on.push.paths).toEqual(['infra/k8s/hetzner/*/cluster/*.yaml']);
    expect(example.on.workflow_dispatch.inputs.environment.options).toEqual(['dev', 'test', 'prod']);
    expect(example.jobs.k8sapp.uses).toMatch(/\.github\/workflows\/hetzner-k8s\.yml@/);
    expect(example.permissions).toEqual({});
  });
});
