import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectChanges } from '../../src/changes/changes.js';
import { overlayDependencies, referencedPaths } from '../../src/changes/dependencies.js';
import { loadDeployControl, type LoadedDeployControl } from '../../src/config/deploy-control.js';
import { main } from '../../src/cli/main.js';
import { execute } from '../../src/exec.js';
import { REPO_ROOT } from '../helpers/run-action.js';

const EXAMPLE = join(REPO_ROOT, 'examples/infra');

describe('overlay dependencies', () => {
  it('follows the overlay into its base and patches, and nothing else', async () => {
    const files = [...(await overlayDependencies(join(EXAMPLE, 'k8s/hetzner/dev')))].map((file) => file.slice(EXAMPLE.length + 1)).sort();
    expect(files).toContain('k8s/hetzner/dev/kustomization.yaml');
    expect(files).toContain('k8s/hetzner/dev/patches/statefulsets/postgres.statefulset.yaml');
    expect(files).toContain('k8s/base/kustomization.yaml');
    expect(files).toContain('k8s/base/statefulsets/postgres.statefulset.yaml');
    expect(files).toContain('k8s/base/secrets/redis.secret.yaml');
    expect(files.some((file) => file.startsWith('k8s/hetzner/prod/'))).toBe(false);
    expect(files.some((file) => file.includes('/cluster/'))).toBe(false);
    // The ACL guide sits next to the ConfigMaps but is not part of any build.
    expect(files).not.toContain('k8s/base/configmaps/redis-acl-guide.md');
  });

  it('reads every kind of reference a kustomization can make, skipping remote ones and inline patches', () => {
    const { paths, folders } = referencedPaths({
      resources: ['a.yaml', 'https://github.com/org/repo//base?ref=v1', 'sub'],
      components: ['../components/tls'],
      crds: ['crd.yaml'],
      patches: [{ path: 'p.yaml' }, { patch: 'inline' }],
      patchesStrategicMerge: ['psm.yaml', 'apiVersion: v1\nkind: X\n'],
      patchesJson6902: [{ path: 'j.yaml' }],
      configMapGenerator: [{ files: ['key=conf/a.txt', 'b.txt'], envs: ['env.txt'] }],
      secretGenerator: [{ env: 'secret.env' }],
      replacements: [{ path: 'r.yaml' }],
      helmCharts: [{ valuesFile: 'values.yaml', additionalValuesFiles: ['v2.yaml'] }],
      openapi: { path: 'schema.json' },
    });
    expect(folders).toEqual(['../components/tls']);
    expect(paths.sort()).toEqual(
      [
        'a.yaml',
        'sub',
        'crd.yaml',
        'psm.yaml',
        'p.yaml',
        'j.yaml',
        'r.yaml',
        'conf/a.txt',
        'b.txt',
        'env.txt',
        'secret.env',
        'values.yaml',
        'v2.yaml',
        'schema.json',
      ].sort(),
    );
  });
});

describe('detectChanges over examples/infra', () => {
  let control: LoadedDeployControl;
  beforeAll(async () => {
    control = await loadDeployControl(join(EXAMPLE, 'deploy-control.yaml'));
  });
  const run = (changedFiles: string[], extra: { previousControlText?: string | null; branch?: string } = {}) =>
    detectChanges({ repositoryRoot: REPO_ROOT, controlFile: control.file, control: control.config, changedFiles, ...extra });

  it('a base change affects every environment', async () => {
    const result = await run(['examples/infra/k8s/base/statefulsets/postgres.statefulset.yaml']);
    expect(result.environments.map((e) => e.name)).toEqual(['dev', 'test', 'prod']);
    expect(result.environments[0]?.reasons).toEqual(['examples/infra/k8s/base/statefulsets/postgres.statefulset.yaml is part of its overlay']);
  });

  it("one overlay's patch affects only that environment", async () => {
    const result = await run(['examples/infra/k8s/hetzner/test/patches/statefulsets/redis.statefulset.yaml']);
    expect(result.environments.map((e) => e.name)).toEqual(['test']);
  });

  it('an unrelated file affects nothing', async () => {
    const result = await run(['README.md', 'examples/infra/k8s/base/configmaps/redis-acl-guide.md']);
    expect(result).toEqual({ environments: [], clusters: [] });
  });

  it('a cluster config belongs to the cluster workflow, not to a deployment', async () => {
    const result = await run(['examples/infra/k8s/hetzner/prod/cluster/cluster-config.yaml']);
    expect(result.environments).toEqual([]);
    expect(result.clusters).toEqual([{ name: 'prod', provider: 'hetzner', file: 'examples/infra/k8s/hetzner/prod/cluster/cluster-config.yaml' }]);
  });

  it('a deploy-control change in environments.test only affects test', async () => {
    const previous = await readFile(control.file, 'utf8');
    const changedText = previous.replace(/(\n  test:\n(?:.*\n)*?    rollout_timeout: )300/, '$1450');
    expect(changedText).not.toEqual(previous);
    const { parseYaml } = await import('../../src/yaml/located.js');
    const current = parseYaml(changedText, control.file).value as typeof control.config;
    const result = await detectChanges({
      repositoryRoot: REPO_ROOT,
      controlFile: control.file,
      control: current,
      changedFiles: ['examples/infra/deploy-control.yaml'],
      previousControlText: previous,
    });
    expect(result.environments).toEqual([
      { name: 'test', branch: 'test', deploy: true, reasons: ['examples/infra/deploy-control.yaml: environments.test changed'] },
    ]);
  });

  it('a comment-only deploy-control change affects nothing', async () => {
    const previous = await readFile(control.file, 'utf8');
    const result = await run(['examples/infra/deploy-control.yaml'], { previousControlText: `# a new comment\n${previous}` });
    expect(result.environments).toEqual([]);
  });

  it('without an earlier version, a deploy-control change affects every environment', async () => {
    const result = await run(['examples/infra/deploy-control.yaml']);
    expect(result.environments.map((e) => e.name)).toEqual(['dev', 'test', 'prod']);
  });

  it('a push deploys only the environment mapped to the pushed branch', async () => {
    const result = await run(['examples/infra/k8s/base/kustomization.yaml'], { branch: 'main' });
    expect(result.environments.map((e) => [e.name, e.deploy])).toEqual([
      ['dev', false],
      ['test', false],
      ['prod', true],
    ]);
  });
});

describe('k8sapp changes', () => {
  it('reads the diff from git with --base/--head and prints JSON', async () => {
    const repository = await mkdtemp(join(tmpdir(), 'k8sapp-changes-'));
    await cp(EXAMPLE, join(repository, 'infra'), { recursive: true });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repository, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'empty');
    git('add', '.');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'infra');
    const patch = join(repository, 'infra/k8s/hetzner/dev/patches/statefulsets/postgres.statefulset.yaml');
    await writeFile(patch, (await readFile(patch, 'utf8')).replace('10Gi', '20Gi'));
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-am', 'grow');
    const out: string[] = [];
    const code = await main(['changes', '--root', 'infra', '--base', 'HEAD~1', '--head', 'HEAD', '--json'], {
      out: (text) => out.push(text),
      err: () => undefined,
      exec: execute,
      now: () => new Date(),
      env: {},
      cwd: repository,
    });
    expect(code).toBe(0);
    expect(JSON.parse(out.join('\n'))).toEqual({
      environments: [
        { name: 'dev', branch: 'dev', deploy: true, reasons: ['infra/k8s/hetzner/dev/patches/statefulsets/postgres.statefulset.yaml is part of its overlay'] },
      ],
      clusters: [],
    });
  });

  it('refuses to guess when neither --files nor --base is given', async () => {
    const err: string[] = [];
    const code = await main(['changes', '--root', EXAMPLE], {
      out: () => undefined,
      err: (t) => err.push(t),
      exec: execute,
      now: () => new Date(),
      env: {},
      cwd: REPO_ROOT,
    });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/--files a,b,c or --base REF/);
  });
});
